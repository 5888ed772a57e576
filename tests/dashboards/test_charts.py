"""Chart building: gaps stay gaps, targets only where stated, exact headcount gaps, honest projections."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.dashboards import charts
from apps.dashboards.charts.projection import _t_quantile_95
from apps.deployments.selectors import Cell, Target

D = dt.date
TARGETS = [
    Target(2021, "military_contingents", "Military contingents", 8.0, "s", ""),
    Target(2028, "military_contingents", "Military contingents", 15.0, "s", ""),
    Target(2028, "individual_police_officers", "Individual police officers", 30.0, "s", ""),
]


@pytest.mark.parametrize(
    ("total", "women", "target", "needed"),
    [
        (247, 33, 15, 5),  # 0.15 × 247 = 37.05 → 38 women
        (20, 3, 15, 0),  # exactly 15 %: already there
        (100, 7, 8, 1),
        (3, 0, 15, 1),  # 0.45 → at least one woman
        (1000, 0, 12.5, 125),
        (40, 30, 30, 0),  # above target: never negative
        (7, 1, "14.29", 1),  # 1/7 = 14.2857 % falls just short of 14.29 %: exact arithmetic, no float rounding
    ],
)
def test_women_needed_is_the_smallest_count_reaching_the_target(total, women, target, needed):
    assert charts.women_needed(total=total, women=women, target_percent=target) == needed
    w = women + charts.women_needed(total=total, women=women, target_percent=target)
    assert w / total >= float(target) / 100 or w == women
    if w > women:
        assert (w - 1) / total < float(target) / 100


def test_missing_months_are_collapsed_into_ranges():
    months = [D(2014, 9, 1), D(2014, 10, 1), D(2014, 11, 1), D(2014, 12, 1), D(2015, 3, 1), D(2020, 6, 1)]
    assert charts.month_ranges_text(months) == "Sep–Dec 2014, Mar 2015, Jun 2020"


def _series(months, share=0.1, total=100):
    return {m: Cell(total, int(share * total), total) for m in months}


def test_share_chart_breaks_lines_at_absent_months_and_at_august_2020():
    months = [D(2020, 5, 1), D(2020, 7, 1), D(2020, 8, 1), D(2020, 9, 1)]  # June 2020 absent
    series = {"military_contingents": _series(months)}
    series["military_contingents"][D(2020, 8, 1)] = Cell(100, None, None)  # totals, no gender split
    chart = charts.share_by_category_chart(
        chart_id="s",
        title="t",
        series=series,
        categories=[("military_contingents", "Military contingents")],
        months=months,
        targets=[],
    )
    line = chart.figure["data"][0]
    assert list(line["x"]) == ["2020-05", "2020-06", "2020-07", "2020-08", "2020-09"]
    assert list(line["y"]) == [10.0, None, 10.0, None, 10.0]
    assert line["connectgaps"] is False
    assert any("Jun 2020" in n for n in chart.notes)
    assert any("August 2020" in n for n in chart.notes)
    assert chart.table.rows[1] == ["2020-06", None, None, None]


def test_targets_are_markers_at_stated_years_and_the_join_is_labelled_interpolated():
    traces = charts.target_traces(
        TARGETS, [("military_contingents", "Military contingents"), ("individual_police_officers", "Police")]
    )
    lines = [t for t in traces if t["mode"] == "lines"]
    markers = [t for t in traces if "markers" in t["mode"]]
    assert len(lines) == 1 and "interpolated" in lines[0]["name"]
    assert [m["x"] for m in markers] == [["2021-12", "2028-12"], ["2028-12"]]
    assert [m["y"] for m in markers] == [[8.0, 15.0], [30.0]]


def test_observers_chart_says_staff_officers_start_in_may_2017():
    months = [D(2017, 1, 1), D(2017, 5, 1), D(2017, 6, 1)]
    series = {"military_observers_and_staff_officers": _series(months[1:])}
    chart = charts.share_by_category_chart(
        chart_id="s",
        title="t",
        series=series,
        categories=[("military_observers_and_staff_officers", "Military observers and staff officers")],
        months=months,
        targets=[],
    )
    assert any("May 2017" in n and "Troops" in n for n in chart.notes)
    assert any("May 2017" in a["text"] for a in chart.figure["layout"]["annotations"])


def test_projection_of_a_straight_line_follows_it_with_a_zero_width_band():
    months = charts.month_axis(D(2022, 8, 1), D(2025, 7, 1))
    points = {m: Cell(1000, 50 + i, 1000) for i, m in enumerate(months)}  # +0.1 point a month
    proj = charts.linear_projection(points, last_month=D(2025, 7, 1), until=D(2028, 12, 1))
    assert proj is not None
    assert len(proj.fit_months) == 36
    assert proj.slope_per_year == pytest.approx(1.2)
    assert proj.at_end == pytest.approx(8.5 + 0.1 * 41, abs=0.01)
    assert proj.low == proj.mean == proj.high


def test_projection_band_is_wider_further_out_and_needs_enough_points():
    months = charts.month_axis(D(2022, 8, 1), D(2025, 7, 1))
    points = {m: Cell(1000, 50 + (i % 3) * 5, 1000) for i, m in enumerate(months)}
    proj = charts.linear_projection(points, last_month=D(2025, 7, 1), until=D(2028, 12, 1))
    widths = [h - lo for lo, h in zip(proj.low, proj.high, strict=True)]
    assert widths[-1] > widths[0] > 0
    few = {m: points[m] for m in months[-5:]}
    assert charts.linear_projection(few, last_month=D(2025, 7, 1), until=D(2028, 12, 1)) is None


def test_t_quantile_is_close_to_tables():
    assert _t_quantile_95(34) == pytest.approx(1.6909, abs=2e-3)
    assert _t_quantile_95(10) == pytest.approx(1.8125, abs=5e-3)


def test_table_csv_and_html_escape_and_blank_missing_values():
    table = charts.Table(["Month", "Name"], [["2020-01", "<b>&"], ["2020-02", None]])
    assert table.to_csv() == "Month,Name\n2020-01,<b>&\n2020-02,\n"
    html = table.to_html("cap")
    assert "&lt;b&gt;&amp;" in html and "<td>–</td>" in html


def test_ranking_colours_meeting_and_missing_contributors():
    from apps.deployments.selectors import ContributorShare

    shares = [
        ContributorShare("AAA", "Aland", "military_contingents", 200, 20, 200),
        ContributorShare("BBB", "Bland", "military_contingents", 300, 15, 300),
    ]
    chart = charts.ranking_chart(
        chart_id="r", title="t", shares=shares, month=D(2025, 7, 1), target=TARGETS[0], later_target=TARGETS[1]
    )
    assert [r[1] for r in chart.table.rows] == ["Aland", "Bland"]
    assert [r[-1] for r in chart.table.rows] == ["meets", "below"]
