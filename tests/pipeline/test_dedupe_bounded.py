"""The dry run's index compares a new article with a bounded number of earlier ones, and still groups stories."""

from __future__ import annotations

import datetime as dt
import random

from apps.ingest.pipeline.dedupe import (
    DATE_KEY_MEMBERS,
    KEY_MEMBERS,
    KEY_STORIES,
    VERIFY_PER_STORY,
    NearDuplicateIndex,
    count_numbers,
    minhash_signature,
    salient_signature,
)

STORIES = {
    "engineers": (
        "The defence ministry of Northland held a farewell parade on Monday for 145 military engineers who will "
        "spend a year with the mission in the eastern provinces. The unit, the seventh the country has sent, "
        "includes 23 women, among them two platoon leaders and the deputy commander. Colonel Mara Quill told "
        "reporters that the engineers would rebuild bridges washed away by the spring floods and repair the "
        "airstrip at the regional headquarters. Families gathered at the barracks gate before the buses left "
        "for the airport, where a chartered aircraft waited to carry the contingent and its equipment."
    ),
    "hospital": (
        "A level-two field hospital staffed by 63 doctors, nurses and technicians from Southmark arrived at the "
        "western sector camp on Thursday, replacing a team that had served there since last winter. The "
        "hospital treats peacekeepers and local residents alike, and its surgeons performed more than four "
        "hundred operations during the previous rotation. Health minister Ilse Varga said the new team carried "
        "fresh supplies of vaccines and a mobile laboratory donated by a partner university."
    ),
    "police": (
        "Eastvale will send its first formed police unit made up only of women to the capital district next "
        "month, the interior ministry announced in a statement on Friday. The 160 officers completed eleven "
        "weeks of training in crowd management, community patrols and the protection of civilians at the "
        "national police academy. Superintendent Noor Hale, who will lead the unit, said the deployment showed "
        "that policewomen were ready to take on every task their male colleagues perform abroad."
    ),
}
FILLERS = ("also", "then", "still", "now", "again", "here", "there", "soon")
DAY = dt.date(2026, 3, 2)


def near_copy(text: str, rng: random.Random) -> str:
    """The text with about one word in twenty-five of four letters or more replaced: a near-duplicate."""
    words = text.split(" ")
    return " ".join(rng.choice(FILLERS) if len(w) >= 4 and rng.random() < 0.04 else w for w in words)


def add(index: NearDuplicateIndex, key: str, text: str, published: dt.date | None = DAY) -> list[str]:
    return index.add(
        key,
        minhash_signature(text),
        salient=salient_signature(text),
        published=published,
        counts=count_numbers(text),
    )


def test_a_story_of_300_near_copies_is_one_story_and_distinct_stories_stay_apart() -> None:
    rng = random.Random(5)
    index = NearDuplicateIndex()
    keys: dict[str, list[str]] = {name: [] for name in STORIES}
    for i in range(300):
        # Interleaved: most copies are of one story, the others keep arriving in between.
        name = "engineers" if i % 3 else ("hospital", "police")[i % 2]
        key = f"{name}-{i}"
        add(index, key, near_copy(STORIES[name], rng), DAY + dt.timedelta(days=i % 2))
        keys[name].append(key)
    roots = {name: {index.story_of(k) for k in members} for name, members in keys.items()}
    assert all(len(r) == 1 for r in roots.values()), roots
    assert len(set.union(*roots.values())) == 3


def test_comparisons_per_article_stay_bounded_as_a_story_grows() -> None:
    rng = random.Random(11)
    index = NearDuplicateIndex()
    per_add = []
    for i in range(400):
        before = index.comparisons
        add(index, f"copy-{i}", near_copy(STORIES["engineers"], rng))
        per_add.append(index.comparisons - before)
    # One story: at most VERIFY_PER_STORY of its members are compared (text and salient signature each).
    assert max(per_add) <= 2 * VERIFY_PER_STORY
    assert len({index.story_of(f"copy-{i}") for i in range(400)}) == 1


def test_buckets_keep_a_few_newest_members_per_story() -> None:
    rng = random.Random(3)
    index = NearDuplicateIndex()
    for i in range(60):
        add(index, f"copy-{i}", near_copy(STORIES["hospital"], rng))
    for key, stories in index.buckets.items():
        cap = DATE_KEY_MEMBERS if key.startswith("p:") else KEY_MEMBERS
        assert len(stories) <= KEY_STORIES
        assert all(len(members) <= cap for members in stories.values())
    assert "copy-59" in index.buckets[f"p:{DAY.isoformat()}"][index.story_of("copy-0")]


def test_a_crowded_day_does_not_push_out_a_story_of_that_day() -> None:
    # Many copies of one story on a day count as one story in the day's bucket, not as many.
    rng = random.Random(8)
    index = NearDuplicateIndex()
    add(index, "police-0", STORIES["police"])
    for i in range(300):
        add(index, f"engineers-{i}", near_copy(STORIES["engineers"], rng))
    assert add(index, "police-1", near_copy(STORIES["police"], rng)) == ["police-0"]
