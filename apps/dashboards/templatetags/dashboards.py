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


@register.filter
def pp(value, short: str = "") -> str:
    """A change in percentage points with its sign ("+1.2 percentage points", or "+1.2 pp" with any argument)."""
    if not isinstance(value, int | float):
        return "—"
    unit = "pp" if short else "percentage points"
    if value == 0:
        return f"0.0 {unit}" if short else "no change"
    return f"{'+' if value > 0 else '−'}{abs(value):.1f} {unit}"


@register.filter
def ordinal(value) -> str:
    if not isinstance(value, int):
        return "—"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


@register.filter
def plural(count, forms: str) -> str:
    """'1 contributing country', '2 contributing countries': {{ n|plural:"country,countries" }}."""
    one, _, many = forms.partition(",")
    return one if count == 1 else many


@register.filter
def g(value) -> str:
    """A number in its shortest form: 15.0 → "15", 7.5 → "7.5"."""
    return f"{value:g}" if isinstance(value, int | float) else "—"
