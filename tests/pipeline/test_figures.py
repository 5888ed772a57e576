"""Figure and target extraction on sentences written for these tests (never copied from the corpus)."""

from __future__ import annotations

import datetime

import pytest

from apps.ingest.pipeline.figures import extract, split_sentences

LEAD = "UN peacekeeping: the contingent was deployed to the mission. "


def figs(text: str, **kw) -> list[tuple]:
    ex = extract(LEAD + text, **kw)
    return [(f.personnel_total, f.women, f.women_percent) for f in ex.figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zambia has deployed 740 soldiers, including 58 women, to the Central African Republic.", [(740, 58, None)]),
        ("The company counts 95 members, of them 9 female.", [(95, 9, None)]),
        ("Of the 210 officers, 31 are women.", [(210, 31, None)]),
        ("A battalion of 820 Kenyan troops, 60 of them women, left Nairobi.", [(820, 60, None)]),
        ("Senegal sent 140 police officers to Mali, 18 of whom were women.", [(140, 18, None)]),
        ("The unit has 260 personnel, including 21 women, or about 8 percent.", [(260, 21, 8.0)]),
        ("Fiji has sent 27 female soldiers, accounting for 11 percent of its peacekeepers.", [(None, 27, 11.0)]),
        ("Women make up 6.5 per cent of the Malawian contingent.", [(None, None, 6.5)]),
        ("The 310-strong engineering company left for Juba.", [(310, None, None)]),
        ("Eighty-four medics and nurses staff the hospital.", [(84, None, None)]),
        ("There are no women in the 45-member team.", [(45, 0, None)]),
        ("The team includes the only woman officer from the province.", [(None, 1, None)]),
    ],
)
def test_deployment_figures_are_combined_per_population(text: str, expected: list[tuple]) -> None:
    assert figs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The clinic treated 2,340 patients and performed 85 operations.",
        "They delivered 40 tonnes of food over 120 km of road.",
        "The athletes won 14 gold medals at the regional games.",
        "The 9th rotation held its 3rd meeting on 14 March 2021 at 10:30.",
        "It was the first of 38 countries to send troops to the mission.",
        "The academy trained 400 cadets and 60 students this year.",
        "Some 2,000 refugees sheltered near the base.",
        "Seven peacekeepers were killed in the ambush.",
        "The budget reached $6.4 billion, or 2,300 dollars per soldier.",
        "The 22 countries pledged 5 helicopters.",
        "GHANBATT 91 held a parade.",
        "Hundreds of soldiers lined the road.",
    ],
)
def test_numbers_that_are_not_deployments_are_rejected(text: str) -> None:
    assert figs(text) == []


def test_off_topic_page_is_not_relevant_and_yields_nothing() -> None:
    ex = extract("Coffee exports rose 12 percent as 3,000 farmers joined the cooperative.")
    assert ex.is_relevant is False
    assert ex.figures == []


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Since 2009, Malaysia has sent 9,000 personnel to UN missions.", "cumulative"),
        ("To date, 320 officers have served with the mission.", "cumulative"),
        ("Kenya will send 200 troops to the mission next month.", "planned"),
        ("Preparations for the next rotation of 180 soldiers are under way.", "planned"),
        ("The battalion of 850 soldiers is patrolling the buffer zone.", "current"),
    ],
)
def test_scope(text: str, scope: str) -> None:
    ex = extract(LEAD + text)
    assert [f.scope for f in ex.figures] == [scope]


def test_un_wide_share_gets_subject_un_and_the_article_country_gets_its_own() -> None:
    text = (
        "Tanzania has 1,400 peacekeepers in the DR Congo. Tanzanian women are 9 percent of them, "
        "while women make up only 5 percent of UN military personnel worldwide."
    )
    ex = extract(text, title="Tanzania sends peacekeepers")
    subjects = {(f.personnel_total, f.women_percent): f.subject for f in ex.figures}
    # "9 percent of them" refers back to the 1,400: one population with its share
    assert subjects == {(1400, 9.0): "TZA", (None, 5.0): "UN"}


def test_another_countrys_figure_gets_that_country() -> None:
    text = "Uruguay keeps 900 peacekeepers in the DR Congo. Uruguay, Uruguay. Meanwhile Egypt has 1,100 troops there."
    ex = extract(text, title="Uruguay peacekeepers")
    subjects = {f.personnel_total: f.subject for f in ex.figures}
    assert subjects == {900: "URY", 1100: "EGY"}


def test_mission_from_sentence_or_from_the_article() -> None:
    text = "Peacekeepers from Chad serve in Mali. Chad sent 1,300 soldiers last year. In Mali, the Chadian camp grew."
    ex = extract(text, title="Chad peacekeepers in Mali")
    assert ex.figures[0].mission == ["MINUSMA"]


def test_as_of_from_a_date_before_the_figure() -> None:
    text = "The hospital opened on 3 March 2022 with 64 staff. Peacekeeping duties began at once."
    ex = extract(text, title="Peacekeeping hospital")
    assert ex.figures[0].as_of == "2022-03-03"


def test_relative_month_uses_the_published_date() -> None:
    text = "The unit arrived in August last year with 140 personnel for UN peacekeeping."
    ex = extract(text, published=datetime.date(2020, 2, 1))
    assert ex.figures[0].as_of == "2019-08"


def test_headline_repeat_is_emitted_once_with_the_body_quote() -> None:
    text = "Peru sends 40 officers to UN peacekeeping\nPeru has sent 40 officers to the UN mission in the CAR."
    ex = extract(text, title="Peru sends 40 officers to UN peacekeeping")
    assert [(f.personnel_total, f.source) for f in ex.figures] == [(40, "text")]
    assert ex.figures[0].start > 40


def test_headline_only_figure_is_quoted_from_the_title() -> None:
    ex = extract("Peru held a ceremony for its peacekeepers bound for the UN mission.", title="Peru sends 40 officers")
    (f,) = ex.figures
    assert f.to_dict()["in"] == "title"
    assert f.start is None and f.quote == "Peru sends 40 officers"


def test_anaphoric_repeat_is_dropped() -> None:
    text = "Chile deployed 75 engineers to the UN mission in Cyprus. The minister thanked the 75 engineers."
    assert figs(text) == [(75, None, None)]


@pytest.mark.parametrize(
    ("text", "low", "high", "set_by"),
    [
        ("The UN aims to raise the share of women to 15 percent by 2028.", 15.0, None, "UN"),
        ("This exceeds the 12-14 percent requested by the United Nations.", 12.0, 14.0, "UN"),
        ("The UN target is 25% for staff officers.", 25.0, None, "UN"),
    ],
)
def test_un_targets(text: str, low: float, high: float | None, set_by: str) -> None:
    ex = extract(LEAD + text)
    assert [(t.target_percent_low, t.target_percent_high, t.set_by) for t in ex.targets] == [(low, high, set_by)]
    assert not any(f.women_percent == low for f in ex.figures)


def test_national_goal_is_kept_apart_from_un_targets() -> None:
    text = "Thailand sent 280 troops to UN peacekeeping. The Thai army aims to reach 10 percent women by 2027."
    ex = extract(text, title="Thailand peacekeepers")
    assert ex.targets == []
    assert [(t.target_percent_low, t.set_by, t.by_year) for t in ex.other_targets] == [(10.0, "THA", 2027)]


def test_consistency_check_feeds_confidence_and_reasons() -> None:
    good = extract(LEAD + "The unit has 200 personnel, including 20 women, or 10 percent.").figures[0]
    bad = extract(LEAD + "The unit has 200 personnel, including 20 women, or 30 percent.").figures[0]
    assert good.confidence > bad.confidence
    assert any("20 of 200 is 10.0 percent" in r for r in good.reasons)


def test_offsets_point_at_quotes() -> None:
    text = LEAD + "Benin sent 150 troops, including 12 women. Later 30 more officers followed to UN peacekeeping."
    for f in extract(text).figures:
        assert text[f.start : f.end] == f.quote


def test_sentences_split_at_glued_full_stops_but_not_abbreviations() -> None:
    text = "Col. Tran met Lt. Gen. Vo in the U.N. office.The team left."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Col. Tran met Lt. Gen. Vo in the U.N. office.", "The team left."]


def test_to_dict_has_the_contract_keys() -> None:
    ex = extract(LEAD + "Benin sent 150 troops, including 12 women.")
    d = ex.figures[0].to_dict()
    for key in ("quote", "start", "end", "personnel_total", "women", "women_percent", "qualifier", "mission"):
        assert key in d
    for key in ("unit", "scope", "as_of", "subject", "confidence", "reasons"):
        assert key in d
    assert isinstance(d["mission"], list)
