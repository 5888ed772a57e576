"""Template helpers for the dashboards: query-string links and number formats."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some keys replaced (None or "" drops a key); keeps filters bookmarkable."""
    params: QueryDict = context["request"].GET.copy()
    for key in ("format", "chart"):
        params.pop(key, None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_link(context, column: str) -> str:
    """Link that sorts a table by a column; a second click reverses it."""
    current = context.get("sort", "")
    value = f"-{column}" if current == column else column
    return query_with(context, sort=value)


@register.filter
def pct1(value) -> str:
    return f"{value:.1f}%" if isinstance(value, int | float) else "—"


@register.filter
def num(value) -> str:
    return f"{value:,}" if isinstance(value, int | float) else "—"
