"""Generality table: short articles written for this test (none copied from the corpus), in the style of national
news about peacekeeping deployments from many countries, covering the corpus phenomena and their cousins.

Each case lists every figure the extractor should output (values, and the fields that matter for the case) and
the UN and national targets. A case passes when the figures' values match exactly (no extra, none missing) and
every stated field matches. Cases the extractor still gets wrong are marked xfail with what goes wrong, so the
pass rate of this table is an honest estimate of how the rules carry over to unseen articles.
"""

from __future__ import annotations

import datetime

import pytest

from apps.ingest.pipeline.figures import extract


def F(total=None, women=None, pct=None, **fields):  # noqa: N802 - a compact row constructor
    return {"key": (total, women, pct), **fields}


# (id, title, text, expected figures, UN target lows, national target lows)
CASES: list[tuple[str, str | None, str, list[dict], list[float], list[float]]] = [
    # --- totals with women, several phrasings ---------------------------------------------------------------
    (
        "rwa-incl",
        "Rwanda Deploys Fresh Battalion To South Sudan",
        "KIGALI - Rwanda on Tuesday deployed 850 soldiers, including 64 women, to the UN peacekeeping mission in "
        "South Sudan, the Rwanda Defence Force said.",
        [F(850, 64, None, mission=["UNMISS"], scope="current", subject="RWA")],
        [],
        [],
    ),
    (
        "bgd-of-whom",
        None,
        "DHAKA, March 3 (BSS) - A contingent of 1,200 Bangladeshi peacekeepers, 180 of whom are women, left for "
        "the Central African Republic to join MINUSCA.",
        [F(1200, 180, None, mission=["MINUSCA"], scope="current", subject="BGD")],
        [],
        [],
    ),
    (
        "npl-among",
        None,
        "Nepal Army sent 175 personnel to Lebanon for the UN peacekeeping mission on Sunday. Among them, 21 are women.",
        [F(175, 21, None, mission=["UNIFIL"])],
        [],
        [],
    ),
    (
        "gha-pct-next",
        None,
        "Ghana currently deploys about 2,700 personnel to UN peacekeeping operations. Women make up 14 per cent "
        "of them, the Ghana Armed Forces said.",
        [F(2700, None, 14.0)],
        [],
        [],
    ),
    (
        "ind-account",
        None,
        "India is among the largest troop contributors to UN peacekeeping, with 5,900 personnel deployed. Women "
        "account for 3.5 percent of the Indian contingent.",
        [F(5900, None, 3.5)],
        [],
        [],
    ),
    (
        "idn-constitute",
        None,
        "Indonesia's peacekeeping force in Lebanon numbers 1,090 troops, and women constitute 6 percent of the force.",
        [F(1090, None, 6.0, mission=["UNIFIL"])],
        [],
        [],
    ),
    (
        "fji-split-sex",
        None,
        "SUVA - Fiji has sent 42 female and 208 male officers to UN peacekeeping missions in the Golan Heights "
        "and Iraq.",
        [F(None, 42, None)],
        [],
        [],
    ),
    (
        "mng-comprise",
        None,
        "Mongolia's new rotation to the UN mission in South Sudan comprises 870 servicemen and women; women "
        "comprise 9 percent of the unit.",
        [F(870, None, 9.0, mission=["UNMISS"])],
        [],
        [],
    ),
    (
        "zmb-or-pct",
        None,
        "LUSAKA - Zambia has deployed 930 troops to MINUSCA, including 115 women, or about 12 percent, the "
        "Zambia Army said on Friday.",
        [F(930, 115, 12.0, mission=["MINUSCA"])],
        [],
        [],
    ),
    (
        "egy-female-pct",
        None,
        "Egypt's 250-strong formed police unit in the Central African Republic includes 18 policewomen, the "
        "interior ministry said, adding that the UN peacekeeping effort values their role.",
        [F(250, 18, None, mission=["MINUSCA"], unit="formed police unit")],
        [],
        [],
    ),
    (
        "ury-women-only",
        None,
        "Uruguay has 28 women serving with its peacekeeping contingent in the Democratic Republic of the Congo, "
        "the army said.",
        [F(None, 28, None, mission=["MONUSCO"])],
        [],
        [],
    ),
    (
        "irl-us-spelling",
        None,
        "Ireland will deploy 340 Defense Forces personnel to UNIFIL in Lebanon next month, 30 of them women.",
        [F(340, 30, None, mission=["UNIFIL"], scope="planned")],
        [],
        [],
    ),
    # --- number words and odd number formats ----------------------------------------------------------------
    (
        "words-hundreds",
        None,
        "Two hundred and fifty Nepali peacekeepers left Kathmandu for the UN mission in Mali on Monday.",
        [F(250, None, None, mission=["MINUSMA"])],
        [],
        [],
    ),
    (
        "words-dozen",
        None,
        "A dozen Irish military observers are serving with UN peacekeeping missions in the Middle East.",
        [F(12, None, None, unit="individual")],
        [],
        [],
    ),
    (
        "comma-space",
        None,
        "Bangladesh now has 2, 500 peacekeepers in the UN mission in South Sudan, the largest number it has "
        "deployed there.",
        [F(2500, None, None, mission=["UNMISS"])],
        [],
        [],
    ),
    (
        "glued-pct",
        None,
        "Viet Nam sent 70 officers to its UN peacekeeping field hospital in South Sudan, including 12 women, "
        "or over17 percent.",
        [F(70, 12, 17.0, mission=["UNMISS"], unit="field hospital")],
        [],
        [],
    ),
    (
        "words-pct",
        None,
        "Women make up eleven percent of Fiji's peacekeepers deployed with UN missions, officials said.",
        [F(None, None, 11.0)],
        [],
        [],
    ),
    # --- batches, rotations, units --------------------------------------------------------------------------
    (
        "batch-ordinal",
        None,
        "The 3rd batch of 250 troops from Rwanda left Kigali for the UN peacekeeping mission in the Central "
        "African Republic.",
        [F(250, None, None, mission=["MINUSCA"])],
        [],
        [],
    ),
    (
        "rotation-ordinal",
        None,
        "Japan's 12th rotation of engineers to South Sudan returned home after a year with the UN peacekeeping "
        "mission.",
        [],
        [],
        [],
    ),
    (
        "engineering-company",
        None,
        "Indonesia dispatched a 200-member engineering company to MONUSCO, the UN peacekeeping mission in the "
        "DR Congo.",
        [F(200, None, None, mission=["MONUSCO"], unit="engineering unit")],
        [],
        [],
    ),
    (
        "staff-officers",
        None,
        "India has also deployed 45 staff officers and 20 military observers to UN peacekeeping missions in Africa.",
        [F(45, None, None, unit="staff officers"), F(20, None, None, unit="individual")],
        [],
        [],
    ),
    (
        "fpu-acronym",
        None,
        "A 160-member FPU from Bangladesh, 70 of them women, arrived in the DRC for peacekeeping duty.",
        [F(160, 70, None, mission=["MONUSCO"], unit="formed police unit")],
        [],
        [],
    ),
    (
        "aviation-unit",
        None,
        "Ukraine's aviation unit in the DR Congo, 150 personnel strong, supports UN peacekeeping operations.",
        [F(150, None, None, mission=["MONUSCO"])],
        [],
        [],
    ),
    (
        "qrf",
        None,
        "Nepal will send a 180-strong quick reaction force to the UN peacekeeping mission in Mali next week.",
        [F(180, None, None, mission=["MINUSMA"], scope="planned")],
        [],
        [],
    ),
    (
        "level-two",
        None,
        "Bangladesh's level-two hospital in South Sudan is staffed by 65 medics, including 14 women, serving "
        "with UN peacekeepers.",
        [F(65, 14, None, mission=["UNMISS"], unit="level-2 field hospital")],
        [],
        [],
    ),
    (
        "police-individual",
        None,
        "Zambia has 60 police officers serving individually with UN peacekeeping missions, 25 of whom are women.",
        [F(60, 25, None, unit="individual")],
        [],
        [],
    ),
    (
        "signals-platoon",
        None,
        "Ghana's signals platoon of 35 soldiers joined the UN peacekeeping mission in Abyei on Thursday.",
        [F(35, None, None, mission=["UNISFA"], unit="platoon")],
        [],
        [],
    ),
    # --- scope ----------------------------------------------------------------------------------------------
    (
        "cumulative-since",
        None,
        "Nearly 800 Vietnamese peacekeepers have served with UN missions since 2014, the ministry said.",
        [F(800, None, None, scope="cumulative")],
        [],
        [],
    ),
    (
        "cumulative-total",
        None,
        "In total, more than 6,000 Fijian soldiers have taken part in UN peacekeeping over four decades.",
        [F(6000, None, None, scope="cumulative")],
        [],
        [],
    ),
    (
        "planned-set-to",
        None,
        "Mongolia is set to send 850 peacekeepers to South Sudan in May, including 60 women.",
        [F(850, 60, None, mission=["UNMISS"], scope="planned")],
        [],
        [],
    ),
    (
        "planned-scheduled",
        None,
        "Some 300 Japanese troops are scheduled to depart for the UN peacekeeping mission in South Sudan in January.",
        [F(300, None, None, mission=["UNMISS"], scope="planned")],
        [],
        [],
    ),
    (
        "planned-expected",
        None,
        "A further 120 Irish soldiers are expected to leave for Lebanon next month to join UNIFIL peacekeepers.",
        [F(120, None, None, mission=["UNIFIL"], scope="planned")],
        [],
        [],
    ),
    (
        "current-returned",
        None,
        "The 220 Nepali peacekeepers returned home on Saturday after a year with the UN mission in Lebanon.",
        [F(220, None, None, mission=["UNIFIL"], scope="current")],
        [],
        [],
    ),
    # --- subjects: another country, the UN -------------------------------------------------------------------
    (
        "other-country",
        "Rwandan Troops Take Over Sector In Juba",
        "Rwanda's 900 troops in South Sudan took over a sector from Bangladesh, which has 1,600 troops in the "
        "mission. The Rwanda Defence Force said the UN peacekeeping handover went smoothly.",
        [F(900, None, None, subject="RWA"), F(1600, None, None, subject="BGD")],
        [],
        [],
    ),
    (
        "un-wide-share",
        None,
        "Ghana's female peacekeepers were honoured in Accra. Women make up 6 per cent of military contingents "
        "globally, the UN peacekeeping department says.",
        [F(None, None, 6.0, subject="UN", unit="military contingents")],
        [],
        [],
    ),
    (
        "un-wide-total",
        None,
        "The United Nations has about 70,000 uniformed personnel deployed across its peacekeeping operations, "
        "and Nepal is the fourth-largest contributor.",
        [F(70000, None, None, subject="UN")],
        [],
        [],
    ),
    # --- targets --------------------------------------------------------------------------------------------
    (
        "un-target-2028",
        None,
        "Nepal has 180 women among its peacekeepers. The UN aims for 15% women in military contingents by 2028.",
        [F(None, 180, None)],
        [15.0],
        [],
    ),
    (
        "un-target-staff",
        None,
        "The target of 25 percent women among staff officers set by the United Nations is still far away for "
        "Indonesia's peacekeepers.",
        [],
        [25.0],
        [],
    ),
    (
        "national-goal",
        None,
        "Bangladesh's army has set a national goal of 20 percent women in its peacekeeping units by 2030.",
        [],
        [],
        [20.0],
    ),
    (
        "un-target-range",
        None,
        "Vietnam's field hospital in South Sudan has 18 percent women, higher than the 8-10 percent requested "
        "by the UN for peacekeeping units.",
        [F(None, None, 18.0, mission=["UNMISS"])],
        [8.0],
        [],
    ),
    # --- number traps --------------------------------------------------------------------------------------
    (
        "trap-patients",
        None,
        "Since arriving in South Sudan, the Bangladeshi peacekeeping hospital has treated 4,300 patients and "
        "performed 210 surgeries.",
        [],
        [],
        [],
    ),
    (
        "trap-km-tonnes",
        None,
        "Indian peacekeepers in South Sudan repaired 120 kilometres of road and delivered 35 tonnes of aid.",
        [],
        [],
        [],
    ),
    (
        "trap-money",
        None,
        "Fiji receives about $1,400 per soldier each month from the UN for its peacekeeping contingent, or $14 "
        "million a year.",
        [],
        [],
        [],
    ),
    (
        "trap-age-year",
        None,
        "Captain Aisha Rahman, aged 29, joined the Bangladesh peacekeeping contingent in 2019 and was "
        "promoted on 12 May 2021.",
        [],
        [],
        [],
    ),
    (
        "trap-mandate",
        None,
        "The Security Council renewed the two-year mandate of the UN peacekeeping mission in Lebanon under "
        "Resolution 2695.",
        [],
        [],
        [],
    ),
    (
        "trap-rank-ranking",
        None,
        "Lieutenant Colonel Tran Van Binh said Viet Nam ranked first out of 45 countries in the UN peacekeeping "
        "logistics inspection.",
        [],
        [],
        [],
    ),
    (
        "trap-medals-anniv",
        None,
        "At the 75th anniversary of UN peacekeeping, 320 medals were awarded to Ghanaian soldiers in Accra.",
        [],
        [],
        [],
    ),
    (
        "trap-refugees",
        None,
        "Rwandan peacekeepers in the Central African Republic protect a camp of 1,000 refugees near Bangui.",
        [],
        [],
        [],
    ),
    (
        "trap-trainees",
        None,
        "The peacekeeping training centre in Dhaka graduated 30 trainees from Bhutan and Nepal this week.",
        [],
        [],
        [],
    ),
    (
        "trap-budget-votes",
        None,
        "Peacekeeping takes 2 percent of the UN budget, and the resolution passed with 13 votes in favour.",
        [],
        [],
        [],
    ),
    (
        "trap-flight-phone",
        None,
        "The peacekeepers flew on flight ET 308; families may call the army hotline on 0302 776 111 for news.",
        [],
        [],
        [],
    ),
    (
        "trap-serial",
        None,
        "GHANBATT 92 held a medal parade in south Lebanon, where the UNIFIL peacekeepers patrol the Blue Line.",
        [],
        [],
        [],
    ),
    (
        "trap-casualty",
        None,
        "Two Bangladeshi peacekeepers were killed and three were injured in an attack in Mali, the UN said.",
        [],
        [],
        [],
    ),
    (
        "trap-vehicles",
        None,
        "The Japanese engineering unit in South Sudan brought 40 heavy vehicles and 12 excavators for its "
        "peacekeeping work.",
        [],
        [],
        [],
    ),
    (
        "trap-bare-number",
        None,
        "Egypt remains committed to UN peacekeeping. Its share has grown to 1,050 this year, officials said.",
        [],
        [],
        [],
    ),
    # --- wire datelines, headlines, American spelling, dates -------------------------------------------------
    (
        "dateline-hanoi",
        None,
        "HANOI, Nov. 19 (Xinhua) -- Vietnam on Tuesday sent 63 military medics, including 10 women, to its "
        "level-2 field hospital in Bentiu, South Sudan, for UN peacekeeping duty.",
        [F(63, 10, None, mission=["UNMISS"], unit="level-2 field hospital")],
        [],
        [],
    ),
    (
        "headline-title-case",
        "Nepal To Send 150 More Peacekeepers To Lebanon",
        "Nepal will send 150 more peacekeepers to the UN Interim Force in Lebanon, the army said on Wednesday.",
        [F(150, None, None, mission=["UNIFIL"], scope="planned")],
        [],
        [],
    ),
    (
        "as-of-date",
        None,
        "As of June 2023, Rwanda had 5,900 uniformed personnel in UN peacekeeping missions, 600 of them women.",
        [F(5900, 600, None)],
        [],
        [],
    ),
    (
        "ghana-women-only-share",
        None,
        "ACCRA (GNA) - Female officers now constitute 15 percent of Ghana's peacekeepers in Lebanon, up from 9 "
        "percent five years ago.",
        # the earlier share is a past snapshot of the same deployment, a figure too (corpus README: scope)
        [F(None, None, 15.0, mission=["UNIFIL"]), F(None, None, 9.0, mission=["UNIFIL"])],
        [],
        [],
    ),
    (
        "bangladesh-women-pk",
        None,
        "Bangladesh currently has 577 female peacekeepers serving in UN missions around the world.",
        [F(None, 577, None)],
        [],
        [],
    ),
    (
        "mission-several",
        None,
        "India has deployed 1,400 personnel to UNMISS and 850 to UNIFIL as part of its peacekeeping commitment.",
        [F(1400, None, None, mission=["UNMISS"]), F(850, None, None, mission=["UNIFIL"])],
        [],
        [],
    ),
]

# A second batch, written after the rules above were fixed and run once unchanged as a held-out check
# (12/16 passed before the fixes that followed it).
CASES += [
    (
        "h-pak-women",
        None,
        "ISLAMABAD (APP) - Pakistan has deployed 15 women peacekeepers to the DR Congo, the ISPR said, as part of its 1,900-strong UN contingent there.",
        [F(None, 15, None, mission=["MONUSCO"]), F(1900, None, None, mission=["MONUSCO"])],
        [],
        [],
    ),
    (
        "h-np-cum",
        None,
        "Since 1958, around 150,000 Nepali soldiers have served in UN peacekeeping missions.",
        [F(150000, None, None, scope="cumulative")],
        [],
        [],
    ),
    (
        "h-ken-planned",
        None,
        "Kenya plans to deploy 400 police officers to Haiti next year under a UN-backed peacekeeping mission.",
        [F(400, None, None, scope="planned", unit="individual")],
        [],
        [],
    ),
    (
        "h-ind-all-women",
        None,
        "India's all-women formed police unit of 125 officers returned from Liberia after UN peacekeeping duty.",
        [F(125, 125, None, unit="formed police unit")],
        [],
        [],
    ),
    (
        "h-jpn-words",
        None,
        "Japan sent four Self-Defense Forces officers to UNMISS headquarters in Juba as staff officers for UN peacekeeping.",
        [F(4, None, None, mission=["UNMISS"], unit="staff officers")],
        [],
        [],
    ),
    (
        "h-gha-per-cent",
        None,
        "Ghana's contribution to UN peacekeeping stands at 2,300 troops, with women representing 17 per cent.",
        [F(2300, None, 17.0)],
        [],
        [],
    ),
    (
        "h-idn-target",
        None,
        "Indonesia aims to have 1,000 female peacekeepers by 2024, the foreign ministry said about its UN peacekeeping plans.",
        [],
        [],
        [],
    ),
    (
        "h-zmb-km",
        None,
        "Zambian peacekeepers in the Central African Republic patrol a 300 km stretch of road near the border.",
        [],
        [],
        [],
    ),
    (
        "h-bgd-women-pct",
        None,
        "Of the 6,000 Bangladeshi peacekeepers now serving with the UN, 540 are women, about 9 percent.",
        [F(6000, 540, 9.0)],
        [],
        [],
    ),
    (
        "h-rwa-helicopters",
        None,
        "Rwanda's aviation unit in South Sudan operates three helicopters for the UN peacekeeping mission.",
        [],
        [],
        [],
    ),
    (
        "h-uy-troops-cum",
        None,
        "Uruguay has contributed more than 40,000 troops to UN peacekeeping since 1952, officials said.",
        [F(40000, None, None, scope="cumulative")],
        [],
        [],
    ),
    (
        "h-egy-rank",
        None,
        "Egypt is the seventh largest contributor to UN peacekeeping, with 2,800 personnel in nine missions.",
        [F(2800, None, None)],
        [],
        [],
    ),
    (
        "h-mng-women-only-sent",
        None,
        "Mongolia has sent its first all-female platoon of 30 soldiers to the UN peacekeeping mission in South Sudan.",
        [F(30, 30, None, mission=["UNMISS"], unit="platoon")],
        [],
        [],
    ),
    (
        "h-fji-target-un",
        None,
        "Fiji welcomed the UN goal of 35 percent women among individual police officers by 2028 for peacekeeping.",
        [],
        [35.0],
        [],
    ),
    (
        "h-vnm-some",
        None,
        "Some 80 Vietnamese officers are currently working at UN peacekeeping missions, 10 of them women.",
        [F(80, 10, None)],
        [],
        [],
    ),
    (
        "h-ire-caption",
        None,
        "Irish troops of the 122nd Infantry Battalion pictured at Dublin Airport before leaving for Lebanon to join UNIFIL peacekeepers.",
        [],
        [],
        [],
    ),
]

KNOWN_MISSES: dict[str, str] = {
    "h-idn-target": "a goal stated as a head count ('aims to have 1,000 female peacekeepers by 2024') is read as a figure",
}


def run_case(title: str | None, text: str) -> tuple[list[dict], list[float], list[float]]:
    ex = extract(text, title=title, published=datetime.date(2024, 5, 1))
    figs = [f.to_dict() for f in ex.figures]
    return figs, [t.target_percent_low for t in ex.targets], [t.target_percent_low for t in ex.other_targets]


def check(case) -> list[str]:
    """Problems with one case (empty when it passes)."""
    _cid, title, text, expected, un_targets, national = case
    figs, tgts, others = run_case(title, text)
    problems = []
    got_keys = sorted(((f["personnel_total"], f["women"], f["women_percent"]) for f in figs), key=repr)
    want_keys = sorted((e["key"] for e in expected), key=repr)
    if got_keys != want_keys:
        problems.append(f"figures {got_keys} != {want_keys}")
    else:
        for e in expected:
            f = next(f for f in figs if (f["personnel_total"], f["women"], f["women_percent"]) == e["key"])
            for name, value in e.items():
                if name != "key" and f[name] != value:
                    problems.append(f"{e['key']} {name} {f[name]!r} != {value!r}")
    if sorted(tgts) != sorted(un_targets):
        problems.append(f"UN targets {tgts} != {un_targets}")
    if sorted(others) != sorted(national):
        problems.append(f"national targets {others} != {national}")
    return problems


def test_table_is_large_and_varied() -> None:
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [pytest.param(c, id=c[0]) for c in CASES])
def test_general_case(case) -> None:
    if case[0] in KNOWN_MISSES:
        pytest.xfail(KNOWN_MISSES[case[0]])
    assert check(case) == []


if __name__ == "__main__":  # prints the pass rate of the table
    failed = 0
    for c in CASES:
        problems = check(c)
        if problems:
            failed += 1
            print(f"FAIL {c[0]}: {'; '.join(problems)}")
    print(f"pass {len(CASES) - failed}/{len(CASES)}")
