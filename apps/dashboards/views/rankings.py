"""Contributors compared: the rankings table and chart, and the world map."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from apps.dashboards import charts
from apps.dashboards.views.common import (
    REPORT_CATEGORIES,
    base_context,
    cached_page,
    cached_payload,
    csv_or_page,
    empty_page,
    filters_from,
    page_options,
    sorted_rows,
    version_of,
)
from apps.deployments import selectors
from apps.deployments.categories import (
    MILITARY_CONTINGENTS,
    OBSERVERS_AND_STAFF,
    STAFF_OFFICERS_SEPARATE_FROM,
)


# --- 3c. world map -----------------------------------------------------------------------------------
@cached_page
def world_map(request: HttpRequest) -> HttpResponse:
    """Women's share by contributing country on a world map, with the rankings' filters."""
    version = version_of(request)
    options = page_options(version)
    if not options["months"]:
        return empty_page(request)
    form, f = filters_from(request, options)
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

    payload = cached_payload("map", {"c": categories, "m": month, "mi": missions, "n": min_total}, version, build)
    ctx = base_context(request, form, options, page="map", fields=["mission", "category", "end", "min_size"])
    ctx.update(payload, month=month, min_total=min_total)
    return csv_or_page(request, payload, "dashboards/map.html", ctx)


# --- 4. rankings -------------------------------------------------------------------------------------
@cached_page
def rankings(request: HttpRequest) -> HttpResponse:
    """Contributors ranked by women's share in one category and month, against the target."""
    version = version_of(request)
    options = page_options(version)
    if not options["months"]:
        return empty_page(request)
    form, f = filters_from(request, options)
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
        country_base = reverse("dashboards:country", args=["XXX"])
        columns = ["rank", "name", "iso3", "women", "total", "share", "status"]
        rows = [dict(zip(columns, r, strict=True)) for r in chart.table.rows]
        for r in rows:
            r["url"] = country_base.replace("XXX", r["iso3"])
        return {
            "charts": [chart],
            "target": target,
            "later_target": later_target,
            "rows": rows,
            # The table's rows in their default order, laid out once (a page with ?q= or ?sort= lays out its own).
            "rows_html": render_to_string("dashboards/_rank_rows.html", {"rows": rows, "min_total": min_total}),
        }

    payload = cached_payload(
        "rankings", {"c": category, "m": month, "mi": missions, "n": min_total, "b": basis}, version, build
    )
    ctx = base_context(
        request, form, options, page="rankings", fields=["mission", "category", "end", "min_size", "basis"]
    )
    rows = payload["rows"]
    if f.get("q"):
        needle = f["q"].lower()
        rows = [r for r in rows if needle in r["name"].lower() or needle in r["iso3"].lower()]
    rows = sorted_rows(rows, f.get("sort", ""), {"rank", "name", "women", "total", "share"})
    ctx.update(
        payload,
        rows=rows,
        rows_html=None if f.get("q") or f.get("sort") else payload["rows_html"],
        month=month,
        category=category,
        category_name=cat_name,
        min_total=min_total,
        csv_slug=f"rankings-{slugify(cat_name)}",
        basis=basis,
        sort=f.get("sort", ""),
        q=f.get("q", ""),
    )
    return csv_or_page(request, payload, "dashboards/rankings.html", ctx)
