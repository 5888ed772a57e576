"""Server-rendered dashboard pages: overview, country, mission, rankings; every chart also as CSV."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import re
from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from apps.api.filters import MonthField as MonthFieldYYYYMM
from apps.core import response_cache
from apps.curation import selectors as news
from apps.dashboards import charts
from apps.deployments import selectors
from apps.deployments.categories import (
    MILITARY_CONTINGENTS,
    OBSERVERS_AND_STAFF,
    PHRASES,
    REPORTED,
    STAFF_OFFICERS_SEPARATE_FROM,
)
from apps.deployments.models import Country, Mission, TargetCategory

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


def _filters(request: HttpRequest, options: dict) -> tuple[FilterForm, dict]:
    form = FilterForm(request.GET or None, options=options)
    if not request.GET:
        return form, {}
    form.is_valid()
    # Keep the valid fields even when another one is wrong: a typo in one box should not blank the page.
    clean = {k: v for k, v in getattr(form, "cleaned_data", {}).items() if k not in form.errors and v not in ("", None)}
    return form, clean


def _version(request: HttpRequest) -> str:
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


def _cached(name: str, params: dict, version: str, build: Callable[[], dict]) -> dict:
    """Build once per data version and filter set: the version changes when any import or curation does."""
    db = connection.settings_dict.get("NAME") or ""
    raw = f"{name}|{db}|{version}|{sorted((k, str(v)) for k, v in params.items())}"
    key = "dash:" + hashlib.sha256(raw.encode()).hexdigest()
    payload = cache.get(key)
    if payload is None:
        payload = build()
        cache.set(key, payload, CACHE_SECONDS)
    return payload


def _options(version: str) -> dict:
    def build() -> dict:
        countries = list(Country.objects.filter(contributions__isnull=False).distinct().values_list("iso3", "name"))
        missions = list(Mission.objects.filter(contributions__isnull=False).distinct().values_list("acronym", "name"))
        cats = list(TargetCategory.objects.filter(code__in=REPORT_CATEGORIES).values_list("code", "name"))
        months = selectors.data_months()
        return {
            "countries": sorted(countries, key=lambda c: c[1]),
            "country_codes": {c for c, _ in countries},
            "missions": missions,
            "mission_codes": {m for m, _ in missions},
            "categories": cats,
            "months": months,
            "mission_months": selectors.data_months(with_mission=True),
            "targets": selectors.gender_targets(),
        }

    return _cached("options", {}, version, build)


NEWS_TABLES = frozenset({"reported", "units"})


def _csv_or_page(request: HttpRequest, payload: dict, template: str, context: dict) -> HttpResponse:
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


def _base_context(request: HttpRequest, form: FilterForm, options: dict, *, page: str, fields: list[str]) -> dict:
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


def _empty(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboards/empty.html", {"page": "empty"})


def _sorted_rows(rows: list[dict], sort: str, allowed: set[str]) -> list[dict]:
    """Server-side sorting for the tables, so they sort without JavaScript too (?sort=share or -share)."""
    key = sort.lstrip("-")
    if key not in allowed:
        return rows
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(key=lambda r: r[key], reverse=sort.startswith("-"))
    return present + missing


def _fmt_num(v) -> str:
    return f"{v:,}" if isinstance(v, int) else "—"


def _fmt_pct(v) -> str:
    return f"{v:.1f}%" if isinstance(v, int | float) else "—"


def _status_html(status: str | None) -> str:
    if status == "meets":
        return '<span class="status status-meets">✓ meets</span>'
    if status == "below":
        return '<span class="status status-below">✗ below</span>'
    return escape(status or "—")


def _targets_rows_html(rows: list[dict]) -> str:
    """Table rows built in Python: the Django template loop took ~0.3 s for the ~400 rows of the overview."""
    if not rows:
        return '<tr><td colspan="7">No contributor matches.</td></tr>'
    base = reverse("dashboards:country", args=["XXX"])
    out = []
    for r in rows:
        target = f"{r['target']:g}% ({r['target_year']})" if r["target"] is not None else "—"
        v = {k: "" if r[k] is None else r[k] for k in ("women", "total", "share")}
        out.append(
            f'<tr><th scope="row"><a href="{base.replace("XXX", escape(r["iso3"]))}">{escape(r["name"])}</a></th>'
            f"<td>{escape(r['category'])}</td>"
            f'<td class="n" data-v="{v["women"]}">{_fmt_num(r["women"])}</td>'
            f'<td class="n" data-v="{v["total"]}">{_fmt_num(r["total"])}</td>'
            f'<td class="n" data-v="{v["share"]}">{_fmt_pct(r["share"])}</td>'
            f'<td class="n">{target}</td><td>{_status_html(r["status"])}</td></tr>'
        )
    return "".join(out)


def _rank_rows_html(rows: list[dict], min_total: int) -> str:
    """Ranking table rows, built in Python for the same reason as the overview's."""
    if not rows:
        return f'<tr><td colspan="6">No contributor with at least {min_total} personnel in this category.</td></tr>'
    base = reverse("dashboards:country", args=["XXX"])
    out = []
    for r in rows:
        v = {k: "" if r[k] is None else r[k] for k in ("women", "total", "share")}
        out.append(
            f'<tr><td class="n" data-v="{r["rank"]}">{r["rank"]}</td>'
            f'<th scope="row"><a href="{base.replace("XXX", escape(r["iso3"]))}">{escape(r["name"])}</a></th>'
            f'<td class="n hide-phone" data-v="{v["women"]}">{_fmt_num(r["women"])}</td>'
            f'<td class="n" data-v="{v["total"]}">{_fmt_num(r["total"])}</td>'
            f'<td class="n" data-v="{v["share"]}">{_fmt_pct(r["share"])}</td>'
            f"<td>{_status_html(r['status'])}</td></tr>"
        )
    return "".join(out)


# --- 1. overview -------------------------------------------------------------------------------------
@cached_page
def overview(request: HttpRequest) -> HttpResponse:
    """Women's share per category against the targets, headline numbers, who meets this year's target."""
    version = _version(request)
    options = _options(version)
    if not options["months"]:
        return _empty(request)
    form, f = _filters(request, options)
    countries = [f["country"]] if f.get("country") else None
    missions = [f["mission"]] if f.get("mission") else None
    categories = [f["category"]] if f.get("category") else list(REPORT_CATEGORIES)
    months = options["mission_months"] if missions else options["months"]

    def build() -> dict:
        series = selectors.women_share_by_category(
            countries=countries, missions=missions, categories=categories, start=f.get("start"), end=f.get("end")
        )
        cats = [(c, n) for c, n in options["categories"] if c in categories]
        scope = " — ".join(x for x in (f.get("country"), f.get("mission")) if x) or "all contributors"
        share = charts.share_by_category_chart(
            chart_id="share",
            title=f"Women's share of UN uniformed personnel, by category ({scope})",
            series=series,
            categories=cats,
            months=months,
            targets=[t for t in options["targets"] if t.category in categories],
            start=f.get("start"),
            end=f.get("end"),
        )
        month = min(f["end"], months[-1]) if f.get("end") else months[-1]
        if month not in set(months):
            month = max((m for m in months if m <= month), default=months[-1])
        shares = selectors.contributor_shares(
            month=month, countries=countries, missions=missions, categories=categories
        )
        headline = []
        for code, name in cats:
            c = series.get(code, {}).get(month)
            headline.append({"code": code, "name": name, "cell": c, "share_pct": charts.pct(c.share, 1) if c else None})
        total = sum(h["cell"].total for h in headline if h["cell"])
        women = sum((h["cell"].female or 0) for h in headline if h["cell"])
        split = sum((h["cell"].total_with_split or 0) for h in headline if h["cell"])
        year = month.year
        rows, cat_names = [], dict(options["categories"])
        for s in shares:
            tgt = selectors.target_for_year(options["targets"], category=s.category, year=year)
            share_pct = charts.pct(s.share)
            status = None
            if tgt and share_pct is not None:
                status = "meets" if share_pct >= tgt.percent else "below"
            rows.append(
                {
                    "iso3": s.iso3,
                    "name": s.name,
                    "category": cat_names.get(s.category, s.category),
                    "women": s.female,
                    "total": s.total_with_split,
                    "share": share_pct,
                    "target": tgt.percent if tgt else None,
                    "target_year": tgt.year if tgt else None,
                    "status": status or ("no target stated" if not tgt else "no gender split"),
                }
            )
        used = sorted(
            {
                (cat_names[c], t.year, t.percent)
                for c in categories
                if (t := selectors.target_for_year(options["targets"], category=c, year=year))
            }
        )
        no_target = [
            cat_names[c] for c in categories if not selectors.target_for_year(options["targets"], category=c, year=year)
        ]
        table = charts.Table(
            [
                "Country",
                "ISO3",
                "Category",
                "Women",
                "Personnel",
                "Women's share (%)",
                "Target (%)",
                "Target year",
                "Status",
            ],
            [
                [
                    r["name"],
                    r["iso3"],
                    r["category"],
                    r["women"],
                    r["total"],
                    r["share"],
                    r["target"],
                    r["target_year"],
                    r["status"],
                ]
                for r in rows
            ],
        )
        return {
            "charts": [share],
            "tables": {"targets": table},
            "rows": rows,
            "headline": headline,
            "totals": {"total": total, "women": women, "share": round(100 * women / split, 1) if split else None},
            "contributors": len({s.iso3 for s in shares}),
            "month": month,
            "year": year,
            "targets_used": used,
            "no_target": no_target,
        }

    payload = _cached("overview", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = _base_context(
        request, form, options, page="overview", fields=["country", "mission", "category", "start", "end"]
    )
    rows = payload["rows"]
    if f.get("q"):
        needle = f["q"].lower()
        rows = [r for r in rows if needle in r["name"].lower() or needle in r["iso3"].lower()]
    rows = _sorted_rows(rows, f.get("sort", ""), {"name", "category", "women", "total", "share", "status"})
    ctx.update(payload, rows=rows, rows_html=_targets_rows_html(rows), sort=f.get("sort", ""), q=f.get("q", ""))
    return _csv_or_page(request, payload, "dashboards/overview.html", ctx)


# --- 2. country --------------------------------------------------------------------------------------
def _not_found(request: HttpRequest, *, kind: str, code: str, choices: list[tuple[str, str]]) -> HttpResponse:
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


RANK_MIN_PERSONNEL = 100


def _year_before(month: dt.date) -> dt.date:
    return month.replace(year=month.year - 1)


def _country_headline(
    *,
    iso3: str,
    month: dt.date,
    months: list[dt.date],
    missions: list[str] | None,
    categories: list[str],
    gap_rows: list[dict],
) -> dict | None:
    """The figures a reader asks for first: overall share, its change over a year, gap to targets, rank.

    Every number is an official aggregate (selectors.contributor_totals) or a stated target; the gap is in people.
    """
    now = selectors.contributor_totals(month=month, missions=missions, categories=categories)
    own = next((c for c in now if c.iso3 == iso3), None)
    if own is None:
        return None
    before_month = _year_before(month)
    before = None
    if before_month in set(months):
        before = next(
            (
                c
                for c in selectors.contributor_totals(month=before_month, missions=missions, categories=categories)
                if c.iso3 == iso3
            ),
            None,
        )
    change = None
    if before is not None and before.share is not None and own.share is not None:
        change = round((own.share - before.share) * 100, 1)
    # Rank by share among contributors of a comparable size: 100% of 2 people is not a leader.
    threshold = RANK_MIN_PERSONNEL if own.total >= RANK_MIN_PERSONNEL else 0
    field = [c for c in now if c.share is not None and c.total >= threshold]
    rank = None
    if own.share is not None:
        rank = 1 + sum(1 for c in field if c.share > own.share)
    gaps = []
    for g in gap_rows:
        t = g["target_2028"]
        if t is None or g["needed"] is None:
            continue
        gaps.append(
            {
                "phrase": PHRASES.get(g["code"], g["name"].lower()),
                "needed": g["needed"],
                "percent": t.percent,
                "year": t.year,
                "target_now": g["target_now"],
                "meets_now": g["meets_now"],
            }
        )
    return {
        "month": month,
        "women": own.female,
        "total": own.total_with_split,
        "personnel": own.total,
        "share": charts.pct(own.share, 1),
        "before_month": before_month,
        "before": {"women": before.female, "total": before.total_with_split, "share": charts.pct(before.share, 1)}
        if before is not None
        else None,
        "change": change,
        "rank": rank,
        "rank_of": len(field),
        "rank_threshold": threshold,
        "contributors": len(now),
        "size_rank": 1 + sum(1 for c in now if c.total > own.total),
        "gaps": gaps,
        "scoped": bool(missions) or set(categories) != set(REPORT_CATEGORIES),
        # Where the personnel serve this month, so every mission is one click away.
        "missions": [
            {"acronym": r["mission__acronym"], "total": r["total"]}
            for r in sorted(
                selectors.breakdown(
                    by=("mission",),
                    countries=[iso3],
                    missions=missions,
                    categories=categories,
                    start=month,
                    end=month,
                    with_mission_only=True,
                ),
                key=lambda r: (-(r["total"] or 0), r["mission__acronym"]),
            )
        ],
    }


def _reported_points(figures: list, missions: list[str] | None) -> list[charts.ReportedPoint]:
    """Curated news figures that state a share (or women and personnel) and a date, as chart points."""
    points = []
    for fig in figures:
        if fig.as_of is None:
            continue
        if missions and not any(m.acronym in missions for m in fig.missions.all()):
            continue
        if fig.women_percent is not None:
            share = float(fig.women_percent)
        elif fig.women is not None and fig.personnel_total:
            share = 100 * fig.women / fig.personnel_total
        else:
            continue
        sources = list(fig.sources.all())
        points.append(
            charts.ReportedPoint(
                month=fig.as_of.replace(day=1),
                share=share,
                women=fig.women,
                total=fig.personnel_total,
                scope=fig.scope,
                scope_label=fig.get_scope_display(),
                unit=fig.unit,
                quote=sources[0].quote if sources else "",
                outlet=(sources[0].article.outlet or sources[0].article.url) if sources else "",
                sources=len(sources),
            )
        )
    return points


@cached_page
def country(request: HttpRequest, iso3: str) -> HttpResponse:
    """One contributing country: personnel, women's share against targets, headcount gap, projection, news."""
    version = _version(request)
    options = _options(version)
    iso3 = iso3.upper()
    if iso3 not in options["country_codes"]:
        known = Country.objects.filter(iso3=iso3).values_list("iso3", "name").first()
        if not known:
            if not options["months"]:
                return _empty(request)
            return _not_found(request, kind="country", code=iso3, choices=options["countries"])
    name = dict(options["countries"]).get(iso3) or Country.objects.get(iso3=iso3).name
    form, f = _filters(request, options)
    missions = [f["mission"]] if f.get("mission") else None
    categories = [f["category"]] if f.get("category") else list(REPORT_CATEGORIES)

    def build() -> dict:
        months = options["months"]
        payload: dict = {"charts": [], "tables": {}, "name": name}
        figures = news.reported_figures_for_country(iso3)
        payload["figures"] = figures
        unit_rows = [
            [
                fig.unit,
                ", ".join(m.acronym for m in fig.missions.all()),
                fig.women,
                fig.personnel_total,
                float(fig.women_percent) if fig.women_percent is not None else None,
                fig.get_scope_display(),
                fig.as_of.isoformat() if fig.as_of else None,
                "; ".join(s.article.outlet or s.article.url or "" for s in fig.sources.all()),
            ]
            for fig in figures
            if fig.unit
        ]
        payload["tables"]["units"] = charts.Table(
            ["Unit", "Missions", "Women", "Personnel", "Women (%)", "Scope", "As of", "Outlets"], unit_rows
        )
        payload["units_chart"] = charts.reported_units_chart(
            chart_id="units",
            title=f"{name}: women by unit, as reported in the news (news-based, not official)",
            rows=[
                {
                    # Two short lines, so the labels leave room for the bars on a phone.
                    "label": fig.unit
                    + "<br>"
                    + " · ".join(
                        x
                        for x in (
                            ", ".join(m.acronym for m in fig.missions.all()),
                            fig.as_of.strftime("%b %Y") if fig.as_of else "",
                            fig.get_scope_display().lower(),
                        )
                        if x
                    ),
                    "women": fig.women,
                    "total": fig.personnel_total,
                }
                for fig in figures
                if fig.unit
            ],
            table=payload["tables"]["units"],
        )
        reported = _reported_points(figures, missions)
        payload["tables"]["reported"] = charts.Table(
            ["As of", "Unit", "Missions", "Personnel", "Women", "Women (%)", "Scope", "Outlet", "Article", "Quote"],
            [
                [
                    fig.as_of.isoformat() if fig.as_of else None,
                    fig.unit,
                    ", ".join(m.acronym for m in fig.missions.all()),
                    fig.personnel_total,
                    fig.women,
                    float(fig.women_percent) if fig.women_percent is not None else None,
                    fig.get_scope_display(),
                    s.article.outlet,
                    s.article.url,
                    s.quote,
                ]
                for fig in figures
                for s in fig.sources.all()
            ],
        )
        if not months:
            return payload
        series = selectors.women_share_by_category(
            countries=[iso3], missions=missions, categories=categories, start=f.get("start"), end=f.get("end")
        )
        all_series = (
            series
            if not (f.get("start") or f.get("end"))
            else selectors.women_share_by_category(countries=[iso3], missions=missions, categories=categories)
        )
        if not any(series.values()):
            payload["no_official"] = True
            return payload
        # A country's charts start at its first month in the data, not at the first month of the dataset.
        own_first = min(m for s in all_series.values() for m in s)
        months = [m for m in months if m >= own_first]
        cats = [(c, n) for c, n in options["categories"] if c in categories and c in series]
        payload["charts"].append(
            charts.share_by_category_chart(
                chart_id="share",
                title=f"{name}: women's share by category against UN targets",
                series=series,
                categories=cats,
                months=months,
                targets=[t for t in options["targets"] if t.category in dict(cats)],
                start=f.get("start"),
                end=f.get("end"),
                reported=reported,
            )
        )
        common = {"countries": [iso3], "missions": missions, "categories": categories}
        by_mission = selectors.breakdown(by=("month", "mission"), start=f.get("start"), end=f.get("end"), **common)
        payload["charts"].append(
            charts.stacked_personnel_chart(
                chart_id="missions",
                title=f"{name}: uniformed personnel by mission",
                rows=by_mission,
                key="mission__acronym",
                label="mission",
                months=months,
                empty_key_label="Mission not reported",
                other_label="Other missions",
                start=f.get("start"),
                end=f.get("end"),
                gap_note="“Mission not reported”: March 2018 – August 2019 UN reports give no mission breakdown.",
            )
        )
        by_type = selectors.breakdown(by=("month", "type"), start=f.get("start"), end=f.get("end"), **common)
        payload["charts"].append(
            charts.stacked_personnel_chart(
                chart_id="types",
                title=f"{name}: uniformed personnel by personnel type",
                rows=by_type,
                key="personnel_type__name",
                label="personnel type",
                months=months,
                start=f.get("start"),
                end=f.get("end"),
                gap_note="Before May 2017 the UN counted staff officers inside Troops.",
            )
        )
        # Headcount gap at today's size, per category, against the 2028 target and this year's target.
        last = max(m for s in all_series.values() for m in s)
        gap_rows = []
        for code, cname in options["categories"]:
            c = all_series.get(code, {}).get(last)
            if code not in categories or c is None or not c.total:
                continue
            t2028 = next((t for t in options["targets"] if t.category == code and t.year == PROJECTION_YEAR), None)
            now_t = selectors.target_for_year(options["targets"], category=code, year=last.year)
            needed = None
            if t2028 and c.female is not None and c.total_with_split:
                needed = charts.women_needed(total=c.total_with_split, women=c.female, target_percent=t2028.percent)
            gap_rows.append(
                {
                    "code": code,
                    "name": cname,
                    "women": c.female,
                    "total": c.total_with_split,
                    "share": charts.pct(c.share, 1),
                    "target_now": now_t,
                    "meets_now": None if not now_t or c.share is None else c.share * 100 >= now_t.percent,
                    "target_2028": t2028,
                    "needed": needed,
                }
            )
        payload["gap_rows"] = gap_rows
        payload["last_month"] = last
        payload["headline"] = _country_headline(
            iso3=iso3,
            month=last,
            months=options["mission_months"] if missions else options["months"],
            missions=missions,
            categories=categories,
            gap_rows=gap_rows,
        )
        payload["tables"]["gap"] = charts.Table(
            [
                "Category",
                "Women",
                "Personnel",
                "Women's share (%)",
                f"{PROJECTION_YEAR} target (%)",
                "More women needed",
            ],
            [
                [
                    g["name"],
                    g["women"],
                    g["total"],
                    g["share"],
                    g["target_2028"].percent if g["target_2028"] else None,
                    g["needed"],
                ]
                for g in gap_rows
            ],
        )
        # Projection: the chosen category, else the largest one today.
        choice = f.get("category") or (max(gap_rows, key=lambda g: g["total"] or 0)["code"] if gap_rows else None)
        if choice and all_series.get(choice):
            proj = charts.projection_chart(
                chart_id="projection",
                title=f"{name}: {dict(options['categories'])[choice].lower()} — women's share projected to {PROJECTION_YEAR}",
                points=all_series[choice],
                months=months,
                category=(choice, dict(options["categories"])[choice]),
                targets=[t for t in options["targets"] if t.category == choice],
                until_year=PROJECTION_YEAR,
            )
            if proj:
                payload["charts"].append(proj)
            else:
                payload["projection_missing"] = "Fewer than 12 months with a share in the last 36: no projection."
        return payload

    payload = _cached(f"country:{iso3}", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = _base_context(request, form, options, page="country", fields=["mission", "category", "start", "end"])
    ctx.update(payload, iso3=iso3, projection_year=PROJECTION_YEAR, csv_slug=slugify(name))
    return _csv_or_page(request, payload, "dashboards/country.html", ctx)


# --- 3. mission --------------------------------------------------------------------------------------
@cached_page
def mission(request: HttpRequest, acronym: str) -> HttpResponse:
    """One mission: contributors over time and women's share by contributor and personnel type."""
    version = _version(request)
    options = _options(version)
    acronym = acronym.upper()
    if acronym not in options["mission_codes"]:
        if not options["months"]:
            return _empty(request)
        return _not_found(request, kind="mission", code=acronym, choices=options["missions"])
    form, f = _filters(request, options)
    countries = [f["country"]] if f.get("country") else None
    categories = [f["category"]] if f.get("category") else list(REPORT_CATEGORIES)
    full_name = dict(options["missions"]).get(acronym, "")

    def build() -> dict:
        mission_months = selectors.data_months_for_mission(acronym)
        months = options["mission_months"]
        first, last = mission_months[0], mission_months[-1]
        months = [m for m in months if first <= m <= last]
        start, end = f.get("start"), f.get("end")
        common = {"missions": [acronym], "countries": countries, "categories": categories, "start": start, "end": end}
        rows = selectors.breakdown(by=("month", "country"), **common)
        gap = charts.mission_gap_note(max(first, start or first), min(last, end or last))
        out: dict = {"charts": [], "tables": {}, "first": first, "last": last, "gap_note": gap}
        out["charts"].append(
            charts.stacked_personnel_chart(
                chart_id="contributors",
                title=f"{acronym}: uniformed personnel by contributing country",
                rows=rows,
                key="country__name",
                label="contributor",
                months=months,
                top=12,
                other_label="Other contributors",
                start=start,
                end=end,
                gap_note=gap,
            )
        )
        series = selectors.women_share_by_category(**common)
        cats = [(c, n) for c, n in options["categories"] if c in series]
        if cats:
            out["charts"].append(
                charts.share_by_category_chart(
                    chart_id="share",
                    title=f"{acronym}: women's share by category against UN targets",
                    series=series,
                    categories=cats,
                    months=months,
                    targets=[t for t in options["targets"] if t.category in dict(cats)],
                    start=start,
                    end=end,
                )
            )
        month = min(end, last) if end else last
        month = max((m for m in months if m <= month), default=last)
        min_total = f.get("min_size", 10)
        by_type = selectors.breakdown(
            by=("country", "type"),
            missions=[acronym],
            countries=countries,
            categories=categories,
            start=month,
            end=month,
        )
        out["charts"].append(
            charts.contributor_type_share_chart(
                chart_id="by-contributor",
                title=f"{acronym}: women's share by contributor and personnel type, {charts.month_label(month)}",
                rows=by_type,
                month=month,
                min_total=min_total,
            )
        )
        out["month"] = month
        out["min_total"] = min_total
        contributors: dict[str, dict] = {}
        for r in by_type:
            c = contributors.setdefault(
                r["country__iso3"], {"iso3": r["country__iso3"], "name": r["country__name"], "total": 0}
            )
            c["total"] += r["total"] or 0
        out["contributors"] = sorted(contributors.values(), key=lambda c: (-c["total"], c["name"]))
        out["host"] = Mission.objects.filter(acronym=acronym).values_list("host_places", flat=True).first() or ""
        return out

    payload = _cached(f"mission:{acronym}", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = _base_context(
        request, form, options, page="mission", fields=["country", "category", "start", "end", "min_size"]
    )
    ctx.update(payload, acronym=acronym, full_name=full_name, csv_slug=acronym.lower())
    return _csv_or_page(request, payload, "dashboards/mission.html", ctx)


# --- 3b. missions index ------------------------------------------------------------------------------
def _mission_rows(*, month: dt.date, months: list[dt.date], categories: list[str]) -> list[dict]:
    """Every mission with official rows up to `month`: figures of `month` (a closed mission: of its last month)."""
    present = set(months)
    last_seen = {code: min(last, month) for code, last in selectors.mission_months_last().items()}
    rows: list[dict] = []
    for when in sorted(set(last_seen.values()), reverse=True):
        # A month without a mission breakdown (Mar 2018 – Aug 2019) falls back to the latest one that has it.
        at = max((m for m in months if m <= when), default=None)
        if at is None:
            continue
        wanted = {code for code, last in last_seen.items() if last == when}
        year_before = _year_before(at)
        before = (
            {t.acronym: t for t in selectors.mission_totals(month=year_before, categories=categories)}
            if year_before in present
            else {}
        )
        for t in selectors.mission_totals(month=at, categories=categories):
            if t.acronym not in wanted:
                continue
            b = before.get(t.acronym)
            change = None
            if b is not None and b.share is not None and t.share is not None:
                change = round((t.share - b.share) * 100, 1)
            rows.append(
                {
                    "acronym": t.acronym,
                    "name": t.name,
                    "host": t.host_places,
                    "month": at,
                    "active": at == month,
                    "total": t.total,
                    "women": t.female,
                    "share": charts.pct(t.share, 1),
                    "before_month": year_before if year_before in present else None,
                    "before_share": charts.pct(b.share, 1) if b else None,
                    "before_total": b.total if b else None,
                    "change": change,
                }
            )
    rows.sort(key=lambda r: (not r["active"], -r["total"], r["acronym"]))
    return rows


@cached_page
def missions(request: HttpRequest) -> HttpResponse:
    """Every mission in the official data: host, personnel, women's share and its change over a year."""
    version = _version(request)
    options = _options(version)
    if not options["mission_months"]:
        return _empty(request)
    form, f = _filters(request, options)
    months = options["mission_months"]
    categories = [f["category"]] if f.get("category") else list(REPORT_CATEGORIES)
    month = min(f["end"], months[-1]) if f.get("end") else months[-1]
    month = max((m for m in months if m <= month), default=months[-1])

    def build() -> dict:
        rows = _mission_rows(month=month, months=months, categories=categories)
        table = charts.Table(
            [
                "Mission",
                "Name",
                "Host",
                "Month",
                "Uniformed personnel",
                "Women",
                "Women's share (%)",
                "Share a year earlier (%)",
                "Change (percentage points)",
                "Personnel a year earlier",
            ],
            [
                [
                    r["acronym"],
                    r["name"],
                    r["host"],
                    month_key_or_none(r["month"]),
                    r["total"],
                    r["women"],
                    r["share"],
                    r["before_share"],
                    r["change"],
                    r["before_total"],
                ]
                for r in rows
            ],
        )
        return {"mission_rows": rows, "tables": {"missions": table}, "charts": []}

    payload = _cached("missions", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = _base_context(request, form, options, page="missions", fields=["category", "end"])
    rows = payload["mission_rows"]
    if f.get("q"):
        needle = f["q"].lower()
        rows = [r for r in rows if any(needle in (r[k] or "").lower() for k in ("acronym", "name", "host"))]
    rows = _sorted_rows(rows, f.get("sort", ""), {"acronym", "host", "total", "women", "share", "change"})
    ctx.update(
        payload,
        rows=rows,
        month=month,
        active=sum(1 for r in rows if r["active"]),
        sort=f.get("sort", ""),
        q=f.get("q", ""),
    )
    return _csv_or_page(request, payload, "dashboards/missions.html", ctx)


def month_key_or_none(month: dt.date | None) -> str | None:
    return charts.month_key(month) if month else None


# --- 3c. world map -----------------------------------------------------------------------------------
@cached_page
def world_map(request: HttpRequest) -> HttpResponse:
    """Women's share by contributing country on a world map, with the rankings' filters."""
    version = _version(request)
    options = _options(version)
    if not options["months"]:
        return _empty(request)
    form, f = _filters(request, options)
    missions = [f["mission"]] if f.get("mission") else None
    categories = [f["category"]] if f.get("category") else list(REPORT_CATEGORIES)
    months = options["mission_months"] if missions else options["months"]
    month = min(f["end"], months[-1]) if f.get("end") else months[-1]
    month = max((m for m in months if m <= month), default=months[-1])
    min_total = f.get("min_size", 0)

    def build() -> dict:
        shares = [
            s
            for s in selectors.contributor_totals(month=month, missions=missions, categories=categories)
            if s.total >= min_total
        ]
        cat_names = dict(options["categories"])
        what = cat_names[categories[0]].lower() if len(categories) == 1 else "uniformed personnel"
        where = f" in {missions[0]}" if missions else ""
        chart = charts.world_map_chart(
            chart_id="map",
            title=f"Women's share of {what}{where} by contributing country, {charts.month_label(month)}",
            shares=shares,
            month=month,
            country_url=reverse("dashboards:country", args=["XXX"]),
        )
        return {"charts": [chart], "contributors": len(shares)}

    payload = _cached("map", {"c": categories, "m": month, "mi": missions, "n": min_total}, version, build)
    ctx = _base_context(request, form, options, page="map", fields=["mission", "category", "end", "min_size"])
    ctx.update(payload, month=month, min_total=min_total)
    return _csv_or_page(request, payload, "dashboards/map.html", ctx)


# --- 4. rankings -------------------------------------------------------------------------------------
@cached_page
def rankings(request: HttpRequest) -> HttpResponse:
    """Contributors ranked by women's share in one category and month, against the target."""
    version = _version(request)
    options = _options(version)
    if not options["months"]:
        return _empty(request)
    form, f = _filters(request, options)
    category = f.get("category") or MILITARY_CONTINGENTS
    missions = [f["mission"]] if f.get("mission") else None
    months = options["mission_months"] if missions else options["months"]
    min_total = f.get("min_size", 100)
    month = min(f["end"], months[-1]) if f.get("end") else months[-1]
    month = max((m for m in months if m <= month), default=months[-1])
    cat_name = dict(options["categories"])[category]

    basis = f.get("basis") or "category"

    def build() -> dict:
        if basis == "total":
            # A country with 2,000 troops and 3 staff officers still counts as a large contributor of observers.
            large = {
                c.iso3 for c in selectors.contributor_totals(month=month, missions=missions) if c.total >= min_total
            }
            shares = [
                s
                for s in selectors.contributor_shares(month=month, missions=missions, categories=[category])
                if s.iso3 in large
            ]
        else:
            shares = selectors.contributor_shares(
                month=month, missions=missions, categories=[category], min_total=min_total
            )
        target = selectors.target_for_year(options["targets"], category=category, year=month.year)
        later = [t for t in options["targets"] if t.category == category and t.year > month.year]
        later_target = max(later, key=lambda t: t.year) if later else None
        where = f" in {f['mission']}" if missions else ""
        chart = charts.ranking_chart(
            chart_id="ranking",
            title=f"{cat_name}{where}: women's share by contributor, {charts.month_label(month)}",
            shares=shares,
            month=month,
            target=target,
            later_target=later_target,
        )
        if category == OBSERVERS_AND_STAFF and month < STAFF_OFFICERS_SEPARATE_FROM:
            chart.notes.append(
                "Before May 2017 this category holds experts on mission only: staff officers were in Troops."
            )
        no_split = [s.name for s in shares if s.share is None]
        if no_split:
            chart.notes.append(f"No gender split in the source this month for: {', '.join(no_split)}.")
        return {"charts": [chart], "target": target, "later_target": later_target}

    payload = _cached(
        "rankings", {"c": category, "m": month, "mi": missions, "n": min_total, "b": basis}, version, build
    )
    ctx = _base_context(
        request, form, options, page="rankings", fields=["mission", "category", "end", "min_size", "basis"]
    )
    table = payload["charts"][0].table
    rows = [
        dict(zip(["rank", "name", "iso3", "women", "total", "share", "status"], r, strict=True)) for r in table.rows
    ]
    if f.get("q"):
        needle = f["q"].lower()
        rows = [r for r in rows if needle in r["name"].lower() or needle in r["iso3"].lower()]
    rows = _sorted_rows(rows, f.get("sort", ""), {"rank", "name", "women", "total", "share"})
    ctx.update(
        payload,
        rows=rows,
        rows_html=_rank_rows_html(rows, min_total),
        month=month,
        category=category,
        category_name=cat_name,
        min_total=min_total,
        csv_slug=f"rankings-{slugify(cat_name)}",
        basis=basis,
        sort=f.get("sort", ""),
        q=f.get("q", ""),
    )
    return _csv_or_page(request, payload, "dashboards/rankings.html", ctx)
