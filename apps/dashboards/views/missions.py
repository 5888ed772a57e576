"""A mission's page and the missions index."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse

from apps.dashboards import charts
from apps.dashboards.views.common import (
    REPORT_CATEGORIES,
    base_context,
    cached_page,
    cached_payload,
    csv_or_page,
    empty_page,
    filters_from,
    not_found,
    page_options,
    sorted_rows,
    version_of,
    year_before,
)
from apps.deployments import selectors
from apps.deployments.models import Mission


# --- 3. mission --------------------------------------------------------------------------------------
@cached_page
def mission(request: HttpRequest, acronym: str) -> HttpResponse:
    """One mission: contributors over time and women's share by contributor and personnel type."""
    version = version_of(request)
    options = page_options(version)
    acronym = acronym.upper()
    if acronym not in options["mission_codes"]:
        if not options["months"]:
            return empty_page(request)
        return not_found(request, kind="mission", code=acronym, choices=options["missions"])
    form, f = filters_from(request, options)
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

    payload = cached_payload(
        f"mission:{acronym}", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build
    )
    ctx = base_context(
        request, form, options, page="mission", fields=["country", "category", "start", "end", "min_size"]
    )
    ctx.update(payload, acronym=acronym, full_name=full_name, csv_slug=acronym.lower())
    return csv_or_page(request, payload, "dashboards/mission.html", ctx)


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
        earlier = year_before(at)
        before = (
            {t.acronym: t for t in selectors.mission_totals(month=earlier, categories=categories)}
            if earlier in present
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
                    "before_month": earlier if earlier in present else None,
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
    version = version_of(request)
    options = page_options(version)
    if not options["mission_months"]:
        return empty_page(request)
    form, f = filters_from(request, options)
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

    payload = cached_payload("missions", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = base_context(request, form, options, page="missions", fields=["category", "end"])
    rows = payload["mission_rows"]
    if f.get("q"):
        needle = f["q"].lower()
        rows = [r for r in rows if any(needle in (r[k] or "").lower() for k in ("acronym", "name", "host"))]
    rows = sorted_rows(rows, f.get("sort", ""), {"acronym", "host", "total", "women", "share", "change"})
    ctx.update(
        payload,
        rows=rows,
        month=month,
        active=sum(1 for r in rows if r["active"]),
        sort=f.get("sort", ""),
        q=f.get("q", ""),
    )
    return csv_or_page(request, payload, "dashboards/missions.html", ctx)


def month_key_or_none(month: dt.date | None) -> str | None:
    return charts.month_key(month) if month else None
