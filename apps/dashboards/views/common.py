"""What every dashboard page shares: the filter form, page caching, options, CSV answers, the base context."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from apps.api.filters import MonthField as MonthFieldYYYYMM
from apps.core import response_cache
from apps.dashboards import charts
from apps.deployments import selectors
from apps.deployments.categories import (
    REPORTED,
)
from apps.deployments.models import TargetCategory

CACHE_SECONDS = 6 * 3600
REPORT_CATEGORIES = REPORTED
PROJECTION_YEAR = 2028


# --- filters -----------------------------------------------------------------------------------------
class MonthField(MonthFieldYYYYMM):
    """The API's month parser (YYYY-MM, 1900–2100), shown as a month picker."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM", "pattern": r"\d{4}-\d{2}"})


class FilterForm(forms.Form):
    """The query-string filters every page shares; invalid values are reported and ignored."""

    country = forms.CharField(required=False, max_length=3)
    mission = forms.CharField(required=False, max_length=20)
    category = forms.CharField(required=False, max_length=60)
    start = MonthField(required=False, label="From")
    end = MonthField(required=False, label="To")
    min_size = forms.IntegerField(required=False, min_value=0, max_value=100000, label="Minimum personnel")
    q = forms.CharField(required=False, max_length=100, label="Search")
    sort = forms.CharField(required=False, max_length=30)
    # Rankings: whether the minimum counts the category's personnel or all the country's uniformed personnel.
    basis = forms.ChoiceField(
        required=False,
        choices=[("category", "personnel in the category"), ("total", "all uniformed personnel")],
        label="Minimum counts",
    )

    def __init__(self, *args, options: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options

    def clean_country(self) -> str:
        v = (self.cleaned_data.get("country") or "").strip().upper()
        if v and v not in self.options["country_codes"]:
            raise forms.ValidationError(f"No country with ISO3 code “{v}” in the data.")
        return v

    def clean_mission(self) -> str:
        v = (self.cleaned_data.get("mission") or "").strip().upper()
        if v and v not in self.options["mission_codes"]:
            raise forms.ValidationError(f"No mission “{v}” in the data.")
        return v

    def clean_category(self) -> str:
        v = (self.cleaned_data.get("category") or "").strip()
        if v and v not in dict(self.options["categories"]):
            raise forms.ValidationError(f"Unknown category “{v}”.")
        return v

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "“To” must not be before “From”.")
            data["end"] = None
        return data


def filters_from(request: HttpRequest, options: dict) -> tuple[FilterForm, dict]:
    form = FilterForm(request.GET or None, options=options)
    if not request.GET:
        return form, {}
    form.is_valid()
    # Keep the valid fields even when another one is wrong: a typo in one box should not blank the page.
    clean = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors and v not in ("", None)}
    return form, clean


def version_of(request: HttpRequest) -> str:
    """Data fingerprint from the database plus the counter that signal handlers bump on single-row edits."""
    return getattr(request, "data_version", None) or response_cache.data_version()


# --- caching -----------------------------------------------------------------------------------------
# Query parameters the pages understand; any other one is a 400 naming it (a typo such as ?month=2025-07 must not
# silently answer for every month), so it is never stored either.
PAGE_PARAMS = frozenset([*FilterForm.base_fields, "format", "chart"])


# Parameters that link trackers add to shared links; they are redirected away, not refused.
TRACKING_PARAM = re.compile(r"^(?:utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src)$")


def _unknown_parameters(request: HttpRequest, unknown: list[str]) -> HttpResponse:
    return render(
        request,
        "dashboards/400.html",
        {"page": "400", "unknown": unknown, "known": sorted(PAGE_PARAMS), "path": request.path},
        status=400,
    )


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Whole-response cache (apps.core.response_cache): a warm hit is the version probe and one cache read."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if any(TRACKING_PARAM.match(k) for k in request.GET):
            # A shared link ("?utm_source=newsletter") opens the page: drop what only a marketing tool reads.
            kept = request.GET.copy()
            for k in [k for k in kept if TRACKING_PARAM.match(k)]:
                del kept[k]
            return HttpResponsePermanentRedirect(request.path + (f"?{kept.urlencode()}" if kept else ""))
        unknown = sorted(k for k in request.GET if k not in PAGE_PARAMS)
        if unknown:
            return _unknown_parameters(request, unknown)

        def build(version: str) -> HttpResponse:
            request.data_version = version  # the same version names the payload and the stored page
            return view(request, *args, **kwargs)

        return response_cache.serve(request, namespace="dashboards", allowed=PAGE_PARAMS, build=build)

    # Pages are read-only: TRACE, PUT, OPTIONS... were answered 200 with the page. 405 before the cache is read.
    return require_safe(wrapper)


def cached_payload(name: str, params: dict, version: str, build: Callable[[], dict]) -> dict:
    """Build once per data version and filter set: the version changes when any import or curation does."""
    db = connection.settings_dict.get("NAME") or ""
    # The code's fingerprint too: a payload holds objects of this code's classes and markup of its templates.
    code = response_cache.code_fingerprint()
    raw = f"{name}|{db}|{version}|{code}|{sorted((k, str(v)) for k, v in params.items())}"
    key = "dash:" + hashlib.sha256(raw.encode()).hexdigest()
    payload = _recall(key)
    if payload is not None:
        return payload
    payload = cache.get(key)
    if payload is None:
        payload = build()
        # The charts' heavy markup (figure JSON, table twin) is rendered once and stored with the payload.
        for chart in [*payload.get("charts", []), payload.get("units_chart")]:
            if chart is not None:
                chart.render()
        cache.set(key, payload, CACHE_SECONDS)
    _remember(key, payload)
    return payload


# Each process keeps the payloads it used last, so a page rendered again (response cache off, a ?q= search, a new
# sort) neither fetches nor unpickles its 50-300 KB payload from the shared cache. Safe without invalidation: a
# key names one data version and one code version, so what it holds never changes. Views only read payloads.
LOCAL_PAYLOADS = 64
_local: OrderedDict[str, dict] = OrderedDict()
_local_lock = threading.Lock()


def _recall(key: str) -> dict | None:
    with _local_lock:
        payload = _local.get(key)
        if payload is not None:
            _local.move_to_end(key)
        return payload


def _remember(key: str, payload: dict) -> None:
    with _local_lock:
        _local[key] = payload
        while len(_local) > LOCAL_PAYLOADS:
            _local.popitem(last=False)


def forget_local_payloads(**kwargs) -> None:
    """Drop this process's payloads (tests switching caches or databases, where a version string can repeat)."""
    with _local_lock:
        _local.clear()


def _on_setting_changed(*, setting: str, **kwargs) -> None:
    if setting in ("CACHES", "DATABASES") or setting.startswith("RESPONSE_CACHE_"):
        forget_local_payloads()


setting_changed.connect(_on_setting_changed, dispatch_uid="dashboards-local-payloads")


def page_options(version: str) -> dict:
    def build() -> dict:
        countries = selectors.countries_with_data()
        missions = selectors.missions_with_data()
        cats = list(TargetCategory.objects.filter(code__in=REPORT_CATEGORIES).values_list("code", "name"))
        months = selectors.data_months()
        return {
            "countries": countries,
            # The long option lists with nothing selected, laid out once (a filtered page lays out its own).
            "country_options": render_to_string("dashboards/_country_options.html", {"countries": countries}),
            "mission_options": render_to_string("dashboards/_mission_options.html", {"missions": missions}),
            "country_codes": {c for c, _ in countries},
            "missions": missions,
            "mission_codes": {m for m, _ in missions},
            "categories": cats,
            "months": months,
            "mission_months": selectors.data_months(with_mission=True),
            "targets": selectors.gender_targets(),
        }

    return cached_payload("options", {}, version, build)


NEWS_TABLES = frozenset({"reported", "units"})


def csv_or_page(request: HttpRequest, payload: dict, template: str, context: dict) -> HttpResponse:
    if request.GET.get("format") == "csv":
        wanted = request.GET.get("chart", "")
        tables = {c.id: c.table for c in payload.get("charts", []) if c}
        tables.update(payload.get("tables", {}))
        if wanted not in tables:
            return HttpResponse(
                f"Unknown chart “{wanted}”. Available: {', '.join(sorted(tables)) or 'none'}.\n",
                status=404,
                content_type="text/plain; charset=utf-8",
            )
        # Named after the page (the country, the mission…), the chart and the data month; the source travels
        # inside the file, as two constant columns.
        month = context.get("month") or context.get("last_month") or context.get("data_month")
        month_key = charts.month_key(month) if month else ""
        source = charts.NEWS_SOURCE if wanted in NEWS_TABLES else charts.OFFICIAL_SOURCE
        body = tables[wanted].to_csv({"Source": source, "Data month": month_key})
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = "-".join(p for p in (context.get("csv_slug") or context["page_slug"], wanted, month_key) if p)
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return render(request, template, context)


def base_context(request: HttpRequest, form: FilterForm, options: dict, *, page: str, fields: list[str]) -> dict:
    params = {k: v for k, v in request.GET.items() if k not in ("format", "chart")}
    return {
        "form": form,
        "options": options,
        "page": page,
        "page_slug": page,
        "filter_fields": fields,
        "query": urlencode(params),
        "data_month": options["months"][-1] if options["months"] else None,
        "official_source": charts.OFFICIAL_SOURCE,
        "target_source": charts.TARGET_SOURCE,
    }


def empty_page(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboards/empty.html", {"page": "empty"})


def sorted_rows(rows: list[dict], sort: str, allowed: set[str]) -> list[dict]:
    """Server-side sorting for the tables, so they sort without JavaScript too (?sort=share or -share)."""
    key = sort.lstrip("-")
    if key not in allowed:
        return rows
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(key=lambda r: r[key], reverse=sort.startswith("-"))
    return present + missing


def not_found(request: HttpRequest, *, kind: str, code: str, choices: list[tuple[str, str]]) -> HttpResponse:
    """A 404 that helps: close matches by code or name, and where to find the full list."""
    code_u = code.upper()
    by_code = {c: n for c, n in choices}
    names = {n.lower(): c for c, n in choices if n}
    close = difflib.get_close_matches(code_u, list(by_code), n=5, cutoff=0.5)
    close += [names[n] for n in difflib.get_close_matches(code.lower(), list(names), n=5, cutoff=0.6)]
    suggestions = [(c, by_code[c]) for c in dict.fromkeys(close)]
    return render(
        request,
        "dashboards/404.html",
        {"kind": kind, "code": code, "suggestions": suggestions, "page": "404"},
        status=404,
    )


def year_before(month: dt.date) -> dt.date:
    return month.replace(year=month.year - 1)
