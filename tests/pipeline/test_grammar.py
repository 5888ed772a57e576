"""The figure grammar stage by stage, on sentences written for this test (none copied from the corpus).

Each row names the phenomenon it pins down: mentions (what a number counts), relations (how a part is tied to its
whole, within a sentence, across clauses and into the next sentence, and in lists) and assembly (numbers that
belong to no deployment, UN targets against national goals and current shares).
"""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.figures import extract
from apps.ingest.pipeline.mentions import classify
from apps.ingest.pipeline.numbers import find_numbers

# --- stage 1: mentions ---------------------------------------------------------------------------------------
MENTIONS = [
    ("personnel head", "Zambia sent 420 soldiers to the mission.", [("personnel", 420)]),
    ("women head", "The rotation includes 35 female officers.", [("women", 35)]),
    ("servicewomen", "Some 60 servicewomen left on Monday.", [("women", 60)]),
    (
        "men counted apart",
        "The unit has 90 members: 12 women and 78 men.",
        [("personnel", 90), ("women", 12), ("men", 78)],
    ),
    ("men and women is a total", "It flew 300 men and women to Juba.", [("personnel", 300)]),
    ("patients are something else", "Its doctors treated 2,400 patients last year.", [("other", 2400)]),
    ("medals are something else", "The team won 14 medals at the games.", [("other", 14)]),
    ("ranks are people", "The team of 12 female Captains and Majors arrived.", [("women", 12)]),
    ("plural nationality", "More than 2,000 Kenyans serve as peacekeepers.", [("personnel", 2000)]),
    ("quoted noun", "Nepal has sent over 500 \u201cblue helmets\u201d there.", [("personnel", 500)]),
    ("weak head before a nationality", "There are 14 female Thai officers in the mission.", [("women", 14)]),
    ("a preposition ends the phrase", "Chad has 75 women within the UN police.", [("women", 75)]),
    ("a verb after a weak head", "About 30 women deployed in Mali last year.", [("women", 30)]),
    (
        "a modifier before the head",
        "The 350 deployed troops and 140 formed police officers returned.",
        [("personnel", 350), ("personnel", 140)],
    ),
    ("percent of women", "Women make up 9 percent of the contingent.", [("percent", 9)]),
    ("target cue", "The UN hopes that women will account for 15 percent in the future.", [("target", 15)]),
    ("a threshold is no share", "Women passed the 5 percent mark among the police.", [("other", 5)]),
    (
        "a difference is no share",
        "Women are 20 per cent, 5 per cent over the UN requirement.",
        [("percent", 20), ("other", 5)],
    ),
    ("unit serial", "Engineering Company 512 left with 180 troops.", [("other", 512), ("personnel", 180)]),
    (
        "a partitive without a part counts its noun",
        "Since 2001, 7,400 of its soldiers have served.",
        [("other", 2001), ("personnel", 7400)],
    ),
    ("a definite partitive called women", "Forty of the troops are women.", [("women", 40)]),
    ("a rank is no head count", "Togo is among the top ten troop contributors.", [("other", 10)]),
    ("dozens", "It sends 250 troops, including two dozen women.", [("personnel", 250), ("women", 24)]),
    ("a group of N for a place", "Benin is readying a formed police unit of 180 for Haiti.", [("personnel", 180)]),
    (
        "a deadline after the share",
        "Women should make up at least 30 per cent of police officers by 2028.",
        [("target", 30), ("other", 2028)],
    ),
    (
        "the share a setter wants",
        "Women are 9 percent, short of the 15 percent that the UN wants.",
        [("percent", 9), ("target", 15)],
    ),
    ("an invariant nationality plural", "Over 21,000 Togolese have served in UN missions.", [("personnel", 21000)]),
    (
        "elements in translated copy",
        "The unit has 96 elements, 10 of them female elements.",
        [("personnel", 96), ("women", 10)],
    ),
    ("an acronym in the noun phrase", "It sent 410 Ghana Armed Forces (GAF) personnel.", [("personnel", 410)]),
    ("from which", "A unit of 40 officers, 6 from which are women, left.", [("personnel", 40), ("women", 6)]),
    (
        "a serial then a count",
        "Of the 700 troops of NIGBATT 21, 88 are women.",
        [("personnel", 700), ("other", 21), ("women", 88)],
    ),
    ("goals that range", "The UN targets range from 15 to 30 percent.", [("target", 15)]),
    (
        "a past share is a share",
        "Women are 8 percent of the force, up from 5 percent in 2018.",
        [("percent", 8), ("percent", 5), ("other", 2018)],
    ),
    (
        "a current share in apposition",
        "The goal is 20 percent women, which the unit, at about 12 percent, has yet to reach.",
        [("target", 20), ("percent", 12)],
    ),
    ("the UN intends", "The UN intends women to be 20 percent of police units.", [("target", 20)]),
    (
        "an injury toll",
        "The attack injured three peacekeepers and wounding two more.",
        [("personnel", 3), ("other", 2)],
    ),
    ("a weak head before another modifier", "It left with 9 female service members.", [("women", 9)]),
    ("the unit numbers N", "The Nepali contingent in the area alone numbers 2,150.", [("personnel", 2150)]),
    (
        "the number of personnel brought to N",
        "The rotation brings the number of Kenyan personnel serving in UN operations to 1,240.",
        [("personnel", 1240)],
    ),
    (
        "two shares, the first without its sign",
        "The targets are 20 and 30 per cent respectively.",
        [("target", 20), ("target", 30)],
    ),
    (
        "troop- and police-contributing",
        "Peru ranks 30th among 120 troop- and police-contributing countries.",
        [("other", 30), ("other", 120)],
    ),
    ("South Asian grouping", "Over 1,20,000 Bangladeshi peacekeepers have served.", [("personnel", 120000)]),
    ("the whole, a comma, its part", "Of the 640, 71 are women.", [("personnel", 640), ("women", 71)]),
    ("a unit with its acronym, then of N", "It sent a Formed Police Unit (FPU) of 140 officers.", [("personnel", 140)]),
    ("a ratio's denominator", "Three in ten officers are women.", [("other", 3), ("other", 10)]),
    ("we were N in that unit", "We were 120 in that unit.", [("personnel", 120)]),
    ("of inside a name", "It sent 160 Republic of Korea Army soldiers.", [("personnel", 160)]),
    ("pledged that", "The minister pledged that women will make up 12 percent.", [("target", 12)]),
    ("the goal of women making up", "The army set itself the goal of women making up 20 percent.", [("target", 20)]),
    (
        "the share the UN wants, no that",
        "Women are 7 percent, well short of the 15% the UN wants.",
        [("percent", 7), ("target", 15)],
    ),
]


@pytest.mark.parametrize(("phenomenon", "sentence", "expected"), MENTIONS, ids=[m[0] for m in MENTIONS])
def test_every_number_is_typed_by_what_it_counts(phenomenon, sentence, expected):
    got = [(m.kind, int(m.value)) for m in classify(sentence)]
    assert got == expected


NUMBERS = [
    ("spaced thousands", "a ceiling of 12 400 troops and 1 150 police", [12400, 1150]),
    ("no-break space thousands", "with 3\u00a0250 personnel", [3250]),
    ("a year then a count stay apart", "in 2019 140 soldiers", [2019, 140]),
    ("comma glued after a word", "Of those,38 were women", [38]),
    ("number words joined by and only after a scale", "between two and three percent", [2]),
    ("one hundred and twelve", "One hundred and twelve troops", [112]),
    ("pc for percent", "women were 6pc of the force", [6]),
]


@pytest.mark.parametrize(("phenomenon", "text", "values"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_numbers_are_read_whole(phenomenon, text, values):
    assert [int(n.value) for n in find_numbers(text)] == values


# --- stages 2 and 3: relations and assembly, seen through the figures ------------------------------------------
def F(total=None, women=None, pct=None):  # noqa: N802 - a compact row constructor
    return (total, women, pct)


RELATIONS = [
    # part of a whole, one rule for every shape
    (
        "part of the whole, qualifier",
        "Only 23 of the nearly 400 Zambian troops heading to Abyei are women.",
        [F(400, 23)],
    ),
    ("part of a possessive whole", "Some 41 of Senegal's 1,210 soldiers in Mali were women.", [F(1210, 41)]),
    (
        "share of the whole",
        "In 2021, 5.2 percent of the 860 Ghanaian troops in Lebanon were female.",
        [F(860, None, 5.2)],
    ),
    (
        "women as the subject of a share of the whole",
        "Women make up 11% of the more than 1,500 Rwandan peacekeepers in South Sudan.",
        [F(1500, None, 11.0)],
    ),
    ("among which a share", "Malawi deploys 950 personnel, among which 12 per cent are women.", [F(950, None, 12.0)]),
    (
        "of them across numbers that count something else",
        "The army has 3,200 personnel in 9 missions, and only 96 (about 3 per cent) of them are women.",
        [F(3200, 96, 3.0)],
    ),
    (
        "of those after a list of roles",
        "Chile contributed 310 military and police officers to 6 missions, of those, 19 (6.1 percent) were women.",
        [F(310, 19, 6.1)],
    ),
    ("have been female", "Of the 9,000 soldiers sent since 2002, only 410 have been female.", [F(9000, 410)]),
    # across sentences
    (
        "the unit named again as a subject",
        "Peru sent its 210-strong engineering company to the Central African Republic. The company will have 26 women.",
        [F(210, 26)],
    ),
    (
        "the women are part of the total",
        "Eight women joined the new UNIFIL rotation. The women are part of the 150 personnel who left on Friday.",
        [F(150, 8)],
    ),
    ("among them, glued", "Fiji sent 170 peacekeepers to the Golan Heights. Among them,21 were women.", [F(170, 21)]),
    ("a share of that", "Togo keeps 1,400 troops in Mali. Twelve per cent of that are women.", [F(1400, None, 12.0)]),
    # linking verbs
    ("the number of women stood at", "The number of women soldiers in the mission stood at 87.", [F(None, 87)]),
    (
        "the number of women rose from one year to another",
        "The number of female Malian peacekeepers at the camp rose from 18 in 2020 to 33 in 2022.",
        [F(None, 18), F(None, 33)],
    ),
    ("women amounted to", "He met female officers of the battalion that amounted to 27 people.", [F(None, 27)]),
    ("of the women deployed", "Of the women now deployed, 14 are military observers.", [F(None, 14)]),
    # lists
    (
        "a list by mission continues the count before it",
        "Currently 240 women from the army serve abroad. Similarly, there are 90 in Lebanon, 70 in Mali and 80 in Abyei.",
        [F(None, 240), F(None, 90), F(None, 70), F(None, 80)],
    ),
    (
        "a unit in pre-deployment training is still a unit",
        "Some 160 police officers of the formed police unit bound for Haiti are in a training camp this month.",
        [F(160)],
    ),
    (
        "another N is a second group",
        "Sixty troops under BATT-3 returned while another 60 under BATT-4 left.",
        [F(60), F(60)],
    ),
    (
        "counts in brackets after places",
        "Egypt has 1,100 troops in UN missions, behind Nepal (2 950) and Rwanda (2 610).",
        [F(1100), F(2950), F(2610)],
    ),
    # the women named first, tied to their whole by a verb of membership or by "out of"
    (
        "women are among the whole",
        "Twenty-six policewomen are among the 150 officers of the unit bound for UNMISS.",
        [F(150, 26)],
    ),
    (
        "women are part of the N-member unit",
        "Eight female medics are part of the 95-member hospital team in MINUSCA.",
        [F(95, 8)],
    ),
    (
        "women, a share, then the whole",
        "Forty women, about 6 percent of the 700-strong battalion, will serve in UNIFIL.",
        [F(700, 40, 6.0)],
    ),
    (
        "out of after what the women do",
        "Six Nigerien women officers work as observers with MINURSO, out of 21 Nigerien observers there.",
        [F(21, 6)],
    ),
    (
        "among the whole after what the women do",
        "Two Malawian women officers are serving as observers with UNMISS, among the 14 Malawian observers there.",
        [F(14, 2)],
    ),
    (
        "of them over a semicolon",
        "Eleven Irish officers serve as observers with UNTSO in the Middle East; four of them are women.",
        [F(11, 4)],
    ),
    (
        "a count of missions does not stand between part and whole",
        "Since 2010 Laos has sent 1,900 peacekeepers to 7 UN missions, of which 160 are women.",
        [F(1900, 160)],
    ),
    (
        "a list after a colon",
        "Chile has 44 troops in two missions: 30 in UNFICYP and 14 in UNTSO.",
        [F(44), F(30), F(14)],
    ),
    ("another N in the next sentence", "Peru has 230 troops in MINUSCA. Another 35 serve in UNIFIL.", [F(230), F(35)]),
    (
        "a share named after the women of the sentence before",
        "More women now serve in UN peacekeeping. In formed police units, the share stands at 14 per cent.",
        [F(None, None, 14.0)],
    ),
    (
        "women make up N of them, in the next sentence",
        "About 480 Uruguayan troops took over the base. Women make up 37 of them, a record.",
        [F(480, 37)],
    ),
    (
        "a home force the counted people work with",
        "The crew of 52 sailors, six of them women, will support the training of the Lebanese Navy.",
        [F(52, 6)],
    ),
    (
        "a list after a colon with its noun before",
        "Its personnel serve as observers in these missions: six in MINURSO; two in UNMOGIP; and 9 in UNTSO.",
        [F(6), F(2), F(9)],
    ),
    ("a part by place", "Zambia has 1,500 blue helmets deployed, 900 of them in CAR.", [F(1500), F(900)]),
    (
        "a count serving without a noun",
        "Chile sent 9,000 personnel since 1990 and has around 400 serving today.",
        [F(9000), F(400)],
    ),
    (
        "a share two sentences after the total, tied by the arithmetic",
        "A group of 30 Fijian officers left for UNDOF. Nine of the officers are women. With a female share of 30 percent, "
        "it beats the goal.",
        [F(30, 9, 30.0)],
    ),
    (
        "one of them a woman",
        "Three officers will also leave for Jerusalem as observers with UNTSO, one of them a woman.",
        [F(3, 1)],
    ),
    ("the part of a fraction called women", "Forty-two of the 610 are women, or 6.9 percent.", [F(610, 42, 6.9)]),
    (
        "the unit named again with its women",
        "Rwanda deployed 140 police officers to MINUSCA. The contingent, known as RWAFPU-3 and including 35 women, "
        "will serve for a year.",
        [F(140, 35)],
    ),
    (
        "the same number for two missions",
        "Ireland has 14 personnel with UNDOF and about 14 officers working as observers with UNTSO.",
        [F(14), F(14)],
    ),
    (
        "shares per category after the women of the sentence before",
        "Women are 9% of UN military contingents. Among police, the figures were 14.1% for formed police units and "
        "31.2% for individual police officers.",
        [F(None, None, 9.0), F(None, None, 14.1), F(None, None, 31.2)],
    ),
    (
        "the unit named again in a relative clause",
        "Senegal deployed a 170-strong police unit to MONUSCO. The unit, which includes 19 female officers, is its fourth.",
        [F(170, 19)],
    ),
    (
        "a serial in brackets between whole and part",
        "The 130 officers of the Ghanaian Formed Police Unit (FPU 7) based in Juba, including 29 women, received medals.",
        [F(130, 29)],
    ),
    (
        "officers among the women are not a new population",
        "An engagement team of 18 women personnel including three officers joined MONUSCO.",
        [F(None, 18)],
    ),
    ("tours served", "Since 2014, Laos has sent 640 turns of officers and soldiers to UN missions.", [F(640)]),
    (
        "women named after a short stretch",
        "A unit of 150 police officers left for UNMISS. Sixty of the officers on the flight are women.",
        [F(150, 60)],
    ),
    (
        "units together number N, including women",
        "In UNMISS, the Nepali battalion and the engineering company together number about 1,200, including 70 women.",
        [F(1200, 70)],
    ),
    (
        "a list set off by dashes",
        "Sweden has 18 military observers in UN missions – 12 in UNTSO and six in UNMOGIP – five of whom are women.",
        [F(18, 5), F(12), F(6)],
    ),
    (
        "a share of them provided",
        "Some 300 troops serve in the sector. Uruguay provides 210 of them.",
        [F(300), F(210)],
    ),
    (
        "the women form part of a battalion named with its size",
        "Ninety female soldiers left Accra for UNIFIL. The women form part of GHANBATT 98, a battalion of 860 officers.",
        [F(860, 90)],
    ),
    (
        "women part of an N-strong unit",
        "Twenty-eight women are part of a 150-strong Rwandan police unit in MINUSCA.",
        [F(150, 28)],
    ),
    (
        "the unit's code name with digits",
        "Rwanda deployed a Formed Police Unit (FPU) of 150 officers to MINUSCA. The contingent, code-named RWAFPU2-11, "
        "includes 27 female officers.",
        [F(150, 27)],
    ),
    ("of the total", "Indonesia sent 1,020 soldiers to UNIFIL. Of the total, 48 are female.", [F(1020, 48)]),
    (
        "N of them are women opening the next sentence",
        "Five Danish officers serve as observers with UNMOGIP. Two of them are women.",
        [F(5, 2)],
    ),
    ("it includes", "The new contingent of 460 men and women took over in Bunia. It includes 17 women.", [F(460, 17)]),
    (
        "a rise of the number of women to N",
        "Tanzania's 850-strong battalion is in MONUSCO. The 24 new women bring the number of women in the battalion to 61.",
        [F(850), F(None, 61)],
    ),
    (
        "a share with women at the end of a long clause",
        "At present, 790 Laotian peacekeepers are serving in five missions, mainly in Lebanon, South Sudan and the "
        "Central African Republic, with women accounting for 12.5 percent.",
        [F(790, None, 12.5)],
    ),
    (
        "a long name before the head noun",
        "Seven New Zealand Defence Force personnel serve with UNTSO in the Middle East, two of them women.",
        [F(7, 2)],
    ),
    (
        "raises to N the number of women serving in the unit",
        "The team's arrival raises to 58 the number of women serving in Kenya's 800-strong battalion in MONUSCO.",
        [F(800, 58)],
    ),
    ("women in a battalion of N", "There were maybe 25 women in a battalion of 700 in UNMISS.", [F(700, 25)]),
    (
        "women on the first flight, part of the first group of N",
        "Twelve women soldiers were on that flight, part of the first group of 150 Nepali peacekeepers bound for UNIFIL.",
        [F(150, 12)],
    ),
    (
        "a share that the arithmetic ties to the figure before",
        "A group of 20 Mongolian observers left for UNMISS, five of them women. With a female share of 25 percent, it is "
        "the most balanced group yet.",
        [F(20, 5, 25.0)],
    ),
    (
        "a labelled list whose women are named above it",
        "Women in UN peacekeeping, by category:\n\n• Military contingents: 8.1 per cent women\n• Formed police units: "
        "12.2 per cent\n• Individual police officers: 31.5 per cent",
        [F(None, None, 8.1), F(None, None, 12.2), F(None, None, 31.5)],
    ),
    # a sentence that opens on its whole: whatever stands between, the part in the main clause is of that whole
    (
        "opening whole, share in the main clause",
        "Of the 52 Chilean staff officers now in UN missions, women make up 19 percent.",
        [F(52, None, 19.0)],
    ),
    (
        "opening whole over a serial",
        "Of the 410 members of the 9th Zambian contingent holding Sector 3 of UNISFA, 37 are women.",
        [F(410, 37)],
    ),
    (
        "of them women without a verb, over a count of missions",
        "Today 3,200 Senegalese personnel serve in 8 UN missions, 290 of them women.",
        [F(3200, 290)],
    ),
    (
        "a partitive in the next sentence refers back",
        "The 560 troops will join MONUSCO in May. Forty-four of the troops are women.",
        [F(560, 44)],
    ),
]


@pytest.mark.parametrize(("phenomenon", "text", "expected"), RELATIONS, ids=[r[0] for r in RELATIONS])
def test_parts_are_tied_to_their_whole(phenomenon, text, expected):
    ex = extract(text, title="UN peacekeeping deployment")
    assert sorted((f.key() for f in ex.figures), key=str) == sorted(expected, key=str)


NO_DEPLOYMENT = [
    (
        "home forces",
        "There are 7,300 women serving in the Armed Forces, the ministry said. The country also has 400 peacekeepers in the UN mission in Lebanon.",
        [F(400)],
    ),
    (
        "relief work",
        "The navy sent 45 female personnel on a humanitarian mission after the earthquake. Separately, 200 peacekeepers left for UNMISS.",
        [F(200)],
    ),
    (
        "a mission's own strength",
        "The authorised troop ceiling will be 11 200 military personnel. Bangladesh contributes 1,300 of them to MINUSCA.",
        [],
    ),
    (
        "mission as subject",
        "Unmiss consists of about 14,000 soldiers. Mongolia sent 860 peacekeepers to UNMISS.",
        [F(860)],
    ),
    ("standby pool", "A standby unit of 800 troops is ready, while 300 peacekeepers serve in UNIFIL.", [F(300)]),
    (
        "people of many countries",
        "A total of 35 female officers from 20 countries received certificates at the UN peacekeeping course.",
        [],
    ),
    (
        "a share of the home force",
        "Women make up only 8 per cent of personnel in the Estonian Defence Forces, and few serve in UN missions.",
        [],
    ),
    (
        "the baseline of a goal",
        "The UN calls on contributors to raise women's share in missions from 8 to 18 percent.",
        [],
    ),
    ("a course is school, not a deployment", "The UN course had 28 female students from the police.", []),
    ("multinational group", "She was among 60 military personnel from different countries at the UN medal parade.", []),
    ("what a school turned out", "The UN peacekeeping school trained 3,000 personnel and graduated 400 officers.", []),
    ("a casualty toll", "The army has lost 41 soldiers in UN peacekeeping since 1989.", []),
    (
        "a home force as the subject",
        "The armed forces have some 30,000 members; 900 soldiers serve in UN peacekeeping missions.",
        [F(900)],
    ),
    ("a home force in a relative clause", "The navy, which has about 12,000 sailors, also sends peacekeepers.", []),
    (
        "a mission's size in apposition",
        "UNIFIL, with about 10,000 troops and 800 civilians, welcomed 120 Irish peacekeepers.",
        [F(120)],
    ),
    (
        "a mission after a preposition is not the subject",
        "The engineering company for UNMISS has a total of 275 soldiers.",
        [F(275)],
    ),
    (
        "women inside a rejected gathering",
        "Some 1,200 personnel from 18 countries join the UN peacekeeping exercise, including 140 women.",
        [],
    ),
    (
        "a casualty toll beside the total it is part of",
        "Fiji has contributed 40,000 troops since 1978, out of whom 60 peacekeepers have made the supreme sacrifice.",
        [F(40000)],
    ),
    (
        "counts joined by and share their verb",
        "In all, 31 soldiers and five police officers of the UN mission have been killed.",
        [],
    ),
    ("pre-deployment school", "The army opened a pre-deployment course for women, where 70 women are enrolled.", []),
    (
        "a home force's women in its ranks",
        "The Army, whose total strength stands at around 80,000, counts about 7,900 women in its ranks.",
        [],
    ),
    ("the mission counts itself", "UNMISS itself counts some 16,000 uniformed personnel.", []),
    (
        "a home force's total strength",
        "The RFMF has a total strength of about 3,400 regular soldiers, of whom 280 are women.",
        [],
    ),
    ("a home force in apposition", "The SANDF, with some 70 000 uniformed members, also guards the border.", []),
    ("civilian staff", "UNMOGIP has about 70 civilian staff besides its observers.", []),
    (
        "a home police force across the country",
        "The national police currently has 78,000 personnel across the country.",
        [],
    ),
    ("the mission's own strength", "The Mission currently has about 12,000 troops and 2,000 police.", []),
    (
        "a home force with a relative clause",
        "The Army, whose strength stands at around 90,000, counts about 8,100 women.",
        [],
    ),
    ("a ceiling", "The mandate allows the deployment of up to 400 soldiers to UNIFIL.", []),
    (
        "a multinational exercise of troops and observers",
        "About 900 troops and observers from 19 countries, including some 80 women, join the UN peacekeeping exercise.",
        [],
    ),
    ("recruits at home", "The army will recruit 300 women soldiers this year for peacekeeping.", []),
    (
        "a share of a rejected whole",
        "The armed forces have about 18,000 members, of whom women make up 9 percent.",
        [],
    ),
    (
        "a figure that has fallen is no casualty",
        "Peru has about 240 peacekeepers in UN missions, a number that has fallen since 2010.",
        [F(240)],
    ),
]


@pytest.mark.parametrize(("phenomenon", "text", "expected"), NO_DEPLOYMENT, ids=[r[0] for r in NO_DEPLOYMENT])
def test_numbers_that_belong_to_no_deployment_are_rejected(phenomenon, text, expected):
    ex = extract(text, title="UN peacekeeping")
    assert sorted(f.key() for f in ex.figures) == sorted(expected)


TARGETS = [
    # (phenomenon, text, UN targets (low, high), national goals (low, set_by))
    (
        "hopes that",
        "The UN official expressed hopes that women will account for around 18 percent of peacekeepers in the near future.",
        [(18.0, None)],
        [],
    ),
    (
        "instructed to send at least",
        "The UN has been instructing contributors to send at least 10 per cent women by 2025.",
        [(10.0, None)],
        [],
    ),
    (
        "pc and several categories",
        "The UN target by 2028 is 15pc for military contingents and 25pc for staff officers.",
        [(15.0, None), (25.0, None)],
        [],
    ),
    ("a range", "The UN requested 8-12 percent women in each unit.", [(8.0, 12.0)], []),
    (
        "a country's goal under a UN mission",
        "Thailand wants to raise the share of women under the UN mission to 25 per cent by 2027.",
        [],
        [(25.0, "THA")],
    ),
    (
        "the subject of the main verb after an opening phrase",
        "Committed to equality, Thailand plans to raise its share of women in UN peacekeeping to 22 per cent by 2026.",
        [],
        [(22.0, "THA")],
    ),
    (
        "a current share in apposition is a figure",
        "The United Nations wants more women peacekeepers, who account for between four and five percent of its forces.",
        [],
        [],
    ),
    (
        "a deadline after the share",
        "The UN asked troop-contributing countries to ensure that women make up 15 per cent of contingents by 2028.",
        [(15.0, None)],
        [],
    ),
    (
        "a strategy sets several categories",
        "The parity strategy sets 20 per cent for formed police units and 30 per cent for individual officers.",
        [(20.0, None), (30.0, None)],
        [],
    ),
    (
        "a current share beside the share a setter wants",
        "Women are 11 percent of the unit, below the 20 percent that the UN wants in formed police units.",
        [(20.0, None)],
        [],
    ),
    (
        "a national body sets its own goal",
        "Brazil has 70 officers in UN missions. The Air Force, which has more women than the other services, has set "
        "its own goal of 20 percent women among its officers on UN missions by 2029.",
        [],
        [(20.0, "BRA")],
    ),
    (
        "a force hopes",
        "Irish peacekeepers serve in UNIFIL. The Defence Forces said they hoped to have 14 per cent women in the "
        "permanent force by 2031.",
        [],
        [(14.0, "IRL")],
    ),
    ("targets that range", "Its 2028 UN targets range from 15 to 30 per cent.", [(15.0, 30.0)], []),
    (
        "targets that range over categories",
        "The UN targets for 2028 range from 15 per cent for military contingents to 30 per cent for police officers.",
        [(15.0, None), (30.0, None)],
        [],
    ),
    (
        "a national body named by its acronym",
        "Cambodia sends deminers to UN missions. NPMEC set the target to raise female peacekeepers to 14 percent by 2027.",
        [],
        [(14.0, "KHM")],
    ),
    (
        "the UN's own benchmark in a country's sentence",
        "Ghana sends troops to UNIFIL. The government wants to move closer to the United Nations' 2028 benchmark of 15 "
        "percent women in military contingents.",
        [(15.0, None)],
        [],
    ),
    (
        "goals written as fractions",
        "The UN aims to have women fill a quarter of military observer and staff officer posts by 2028, and wants one in "
        "five members of formed police units to be women.",
        [(25.0, None), (20.0, None)],
        [],
    ),
    (
        "a national goal after a semicolon that follows the UN's",
        "Togo sends police to MINUSMA. The UN wants 20 percent women in police units; Lome has set itself a goal of 25% by "
        "2030.",
        [(20.0, None)],
        [(25.0, "TGO")],
    ),
    (
        "a share measured against the goal after it",
        "Women are 13.1 per cent of formed police units, where the 2028 goal is 20 per cent, and 30.7 per cent of "
        "individual police officers, already above the 30 per cent sought.",
        [(20.0, None), (30.0, None)],
        [],
    ),
    (
        "the share a named strategy asks for",
        "Women account for 6.2 per cent of military contingents, well short of the 15 per cent the Uniformed Gender "
        "Parity Strategy asks for by 2028.",
        [(15.0, None)],
        [],
    ),
    (
        "one woman in four",
        "Officials point to the UN's benchmark of one woman in four for staff officers.",
        [(25.0, None)],
        [],
    ),
    (
        "a target cited twice is one target",
        "The UN goal is 20 percent. Officials repeated that the UN goal is 20 percent.",
        [(20.0, None)],
        [],
    ),
]


@pytest.mark.parametrize(("phenomenon", "text", "un", "national"), TARGETS, ids=[t[0] for t in TARGETS])
def test_targets_in_every_form_they_are_cited(phenomenon, text, un, national):
    ex = extract(text, title="UN peacekeeping")
    assert [(t.target_percent_low, t.target_percent_high) for t in ex.targets] == un
    assert [(t.target_percent_low, t.set_by) for t in ex.other_targets] == national


def test_a_current_share_beside_a_target_is_a_figure_not_a_target():
    ex = extract(
        "The United Nations wants more women peacekeepers, who account for between four and five percent of its forces.",
        title="UN peacekeeping",
    )
    assert [f.key() for f in ex.figures] == [(None, None, 4.0)]
    assert ex.targets == []


def test_hedges_keep_the_number_and_store_the_qualifier():
    ex = extract("Uganda has deployed nearly 600 peacekeepers to Somalia's neighbour, UNMISS.", title="UN peacekeeping")
    (fig,) = ex.figures
    assert fig.personnel_total == 600
    assert fig.qualifier == "nearly"


SCOPES = [
    (
        "an explicit present beats the story's future",
        "Kenya will send a new police unit next month. Currently, 45 Kenyan police officers are serving in UNMISS.",
        "current",
    ),
    (
        "years from one to another are a sum",
        "From 1995 to 2005, there were 310 women out of 9,400 soldiers.",
        "cumulative",
    ),
    (
        "so many occasions",
        "The country has deployed more than 700 peacekeepers to Abyei on nine occasions.",
        "cumulative",
    ),
    ("have been female", "Of the 4,000 troops sent to the missions, only 120 have been female.", "cumulative"),
    ("a plan", "Ghana plans to send 150 more troops to UNIFIL.", "planned"),
]


@pytest.mark.parametrize(("phenomenon", "text", "scope"), SCOPES, ids=[s[0] for s in SCOPES])
def test_scope_follows_the_clause_that_states_the_figure(phenomenon, text, scope):
    ex = extract(text, title="UN peacekeeping")
    assert [f.scope for f in ex.figures] == [scope]


# --- tables flattened into text ----------------------------------------------------------------------------------
def test_a_table_is_read_by_its_header():
    text = (
        "Kenya's units in UN missions this year.\n\nUnit | Mission | Personnel | Women\n"
        "Engineering company | UNISFA | 150 | 21\nSignals platoon | UNMISS | 40 | 9\n\nThe table lists each unit."
    )
    ex = extract(text, title="Kenyan peacekeepers")
    assert sorted(f.key() for f in ex.figures) == [(40, 9, None), (150, 21, None)]
    assert sorted(m for f in ex.figures for m in f.mission) == ["UNISFA", "UNMISS"]


def test_a_table_of_shares_and_targets():
    text = (
        "Women in UN peacekeeping\n\nCategory | 2019 share | 2028 target\nMilitary contingents | 4.2% | 15%\n"
        "Formed police units | 11% | 20%\n"
    )
    ex = extract(text, title="Women in UN peacekeeping")
    assert sorted(f.key() for f in ex.figures) == [(None, None, 4.2), (None, None, 11.0)]
    assert sorted((t.target_percent_low, t.by_year) for t in ex.targets) == [(15.0, 2028), (20.0, 2028)]


def test_a_table_of_something_else_is_left_alone():
    text = "UN peacekeeping budget\n\nYear | Budget | Missions\n2022 | 6.4 | 12\n2023 | 6.1 | 12\n"
    assert extract(text, title="UN peacekeeping budget").figures == []
