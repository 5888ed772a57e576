"""A contributing country's page: headline, official charts, headcount gap, projection, news figures."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from apps.curation import selectors as news
from apps.dashboards import charts
from apps.dashboards.views.common import (
    PROJECTION_YEAR,
    REPORT_CATEGORIES,
    base_context,
    cached_page,
    cached_payload,
    csv_or_page,
    empty_page,
    filters_from,
    not_found,
    page_options,
    version_of,
    year_before,
)
from apps.deployments import selectors
from apps.deployments.categories import (
    PHRASES,
)
from apps.deployments.models import Country

RANK_MIN_PERSONNEL = 100


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
    before_month = year_before(month)
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
    version = version_of(request)
    options = page_options(version)
    iso3 = iso3.upper()
    if iso3 not in options["country_codes"]:
        known = Country.objects.filter(iso3=iso3).values_list("iso3", "name").first()
        if not known:
            if not options["months"]:
                return empty_page(request)
            return not_found(request, kind="country", code=iso3, choices=options["countries"])
    name = dict(options["countries"]).get(iso3) or Country.objects.get(iso3=iso3).name
    form, f = filters_from(request, options)
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

    payload = cached_payload(f"country:{iso3}", {k: v for k, v in f.items() if k not in ("q", "sort")}, version, build)
    ctx = base_context(request, form, options, page="country", fields=["mission", "category", "start", "end"])
    ctx.update(payload, iso3=iso3, projection_year=PROJECTION_YEAR, csv_slug=slugify(name))
    return csv_or_page(request, payload, "dashboards/country.html", ctx)
