"""The overview page: women's share per category against the targets, and who meets this year's target."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

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


# --- 1. overview -------------------------------------------------------------------------------------
@cached_page
def overview(request: HttpRequest) -> HttpResponse:
    """Women's share per category against the targets, headline numbers, who meets this year's target."""
    version = version_of(request)
    options = page_options(version)
    if not options["months"]:
        return empty_page(request)
    form, f = filters_from(request, options)
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
        country_base = reverse("dashboards:country", args=["XXX"])
        for s in shares:
            tgt = selectors.target_for_year(options["targets"], category=s.category, year=year)
            share_pct = charts.pct(s.share)
            status = None
            if tgt and share_pct is not None:
                status = "meets" if share_pct >= tgt.percent else "below"
            rows.append(
                {
                    "iso3": s.iso3,
                    "url": country_base.replace("XXX", s.iso3),
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
            # The table's rows in their default order, laid out once (a page with ?q= or ?sort= lays out its own).
            "rows_html": render_to_string("dashboards/_targets_rows.html", {"rows": rows}),
            "headline": headline,
            "totals": {"total": total, "women": women, "share": round(100 * women / split, 1) if split else None},
            "contributors": len({s.iso3 for s in shares}),
            "month": month,
            "year": year,
            "targets_used": used,
            "no_target": no_target,
        }

    payload = cached_payload("overview", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = base_context(
        request, form, options, page="overview", fields=["country", "mission", "category", "start", "end"]
    )
    rows = payload["rows"]
    if f.get("q"):
        needle = f["q"].lower()
        rows = [r for r in rows if needle in r["name"].lower() or needle in r["iso3"].lower()]
    rows = sorted_rows(rows, f.get("sort", ""), {"name", "category", "women", "total", "share", "status"})
    ctx.update(payload, rows=rows, sort=f.get("sort", ""), q=f.get("q", ""))
    if f.get("q") or f.get("sort"):
        ctx["rows_html"] = None
    return csv_or_page(request, payload, "dashboards/overview.html", ctx)
