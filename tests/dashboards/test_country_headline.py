"""The country page leads with the overall share, its change over a year, the gap in people and the rank."""

from __future__ import annotations

import datetime as dt
import re

from apps.deployments.models import Contribution
from apps.deployments.summary import summary_refresh


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</li>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_headline_states_the_overall_share_with_women_of_personnel_and_month(client, data):
    html = client.get("/countries/VNM/").content.decode()
    headline = html[html.index('class="headline"') : html.index("</section>", html.index('class="headline"'))]
    # 21 + 1 women of 184 + 4 personnel in January 2023, every category together.
    assert "11.7%" in headline and "22 of 188" in headline and "January 2023" in headline
    assert html.index('class="headline"') < html.index('class="filters"')  # it leads the page


def test_headline_change_over_a_year_compares_the_same_month(client, data):
    Contribution.objects.filter(country=data["vnm"], month=dt.date(2022, 1, 1), personnel_type__name="Troops").update(
        female=11, male=173
    )
    summary_refresh()
    change = text_of(client.get("/countries/VNM/").content.decode(), "headline-change")
    # January 2022: 11 + 1 of 188 = 6.4 %; January 2023: 11.7 % → +5.3 points.
    assert "+5.3 percentage points" in change and "6.4%, 12 of 188, in January 2022" in change


def test_headline_gap_to_2028_targets_is_in_people(client, data):
    html = client.get("/countries/VNM/").content.decode()
    gaps = [re.sub(r"<[^>]+>|&nbsp;", " ", g) for g in re.findall(r'class="headline-gap">(.*?)</li>', html, re.S)]
    gaps = [re.sub(r"\s+", " ", g) for g in gaps]
    # Troops: ceil(15 % of 184) = 28, 21 deployed → 7 more; observers and staff officers: 1 of 4 = 25 % meets.
    assert any("7 more women to reach 15 % of troops by 2028" in g for g in gaps), gaps
    assert any("Meets the 2028 target of 25 % of military observers and staff officers" in g for g in gaps), gaps
    assert any("meets the 2021 target of 8 %" in g for g in gaps), gaps


def test_headline_rank_among_contributors_of_comparable_size(client, data):
    rank = text_of(client.get("/countries/VNM/").content.decode(), "headline-rank")
    # Viet Nam 11.7 % of 188, Ghana 80 of 840 = 9.5 %: first of two with at least 100 personnel.
    assert "1st of 2" in rank and "at least 100 uniformed personnel" in rank
    rank_gha = text_of(client.get("/countries/GHA/").content.decode(), "headline-rank")
    assert "2nd of 2" in rank_gha and "1st of 2 by personnel" in rank_gha


def test_headline_without_a_year_earlier_says_so(client, data):
    Contribution.objects.filter(month=dt.date(2022, 1, 1)).delete()  # a gap month, as Jul 2022 already is
    summary_refresh()
    html = client.get("/countries/VNM/").content.decode()
    assert "No official figure for January 2022" in text_of(html, "headline-change")
