"""Missions can be reached: an index of every mission, and links wherever a mission appears."""

from __future__ import annotations

import csv
import datetime as dt
import io

from apps.deployments.models import Contribution, Mission
from apps.deployments.summary import summary_refresh


def test_missions_index_lists_host_personnel_share_and_change_over_a_year(client, data):
    Mission.objects.filter(acronym="UNMISS").update(host_places="South Sudan")
    Contribution.objects.filter(
        mission__acronym="UNMISS", month=dt.date(2022, 1, 1), personnel_type__name="Troops"
    ).update(female=20, male=680)
    summary_refresh()
    response = client.get("/missions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/missions/UNMISS/">UNMISS</a>' in html and '<a href="/missions/UNISFA/">UNISFA</a>' in html
    assert "South Sudan" in html
    rows = {
        r["Mission"]: r
        for r in csv.DictReader(io.StringIO(client.get("/missions/?format=csv&chart=missions").content.decode()))
    }
    # UNMISS, January 2023: 700 + 140 + 4 personnel, 50 + 30 + 1 women = 9.6 %; January 2022: 51 of 844 = 6.0 %.
    assert rows["UNMISS"]["Uniformed personnel"] == "844" and rows["UNMISS"]["Women"] == "81"
    assert rows["UNMISS"]["Women's share (%)"] == "9.6" and rows["UNMISS"]["Share a year earlier (%)"] == "6.0"
    assert rows["UNMISS"]["Change (percentage points)"] == "3.6"
    assert rows["UNMISS"]["Host"] == "South Sudan"
    assert rows["UNISFA"]["Uniformed personnel"] == "184" and rows["UNISFA"]["Change (percentage points)"] == "0.0"


def test_closed_mission_shows_its_last_month(client, data):
    Contribution.objects.filter(mission__acronym="UNISFA", month__gt=dt.date(2022, 6, 1)).delete()
    summary_refresh()
    rows = {
        r["Mission"]: r
        for r in csv.DictReader(io.StringIO(client.get("/missions/?format=csv&chart=missions").content.decode()))
    }
    assert rows["UNISFA"]["Month"] == "2022-06"
    assert rows["UNMISS"]["Month"] == "2023-01"
    assert 'class="closed"' in client.get("/missions/").content.decode()


def test_missions_are_linked_from_the_nav_country_mission_and_404_pages(client, data):
    country = client.get("/countries/VNM/").content.decode()
    assert '<a href="/missions/">Missions</a>' in country
    assert '<a href="/missions/UNISFA/">UNISFA</a> (184)' in country  # where Viet Nam deploys
    mission = client.get("/missions/UNMISS/").content.decode()
    assert '<a href="/countries/GHA/">Ghana</a>' in mission and '<a href="/missions/">All missions</a>' in mission
    missing = client.get("/missions/NOPE/")
    assert missing.status_code == 404 and '<a href="/missions/">missions page</a>' in missing.content.decode()
    overview = client.get("/?mission=UNMISS").content.decode()
    assert '<a href="/missions/UNMISS/">the UNMISS page</a>' in overview


def test_reported_figure_missions_link_to_the_mission_page(client, data):
    from apps.curation.models import ReportedFigure

    ReportedFigure.objects.get().missions.add(data["unisfa"])
    html = client.get("/countries/VNM/").content.decode()
    reported = html[html.index('class="reported"') :]
    assert '<a href="/missions/UNISFA/">UNISFA</a>' in reported


def test_one_contributing_country_is_singular(client, data):
    html = client.get("/?country=VNM").content.decode()
    assert "contributing country<" in html and "1 contributing countries" not in html
