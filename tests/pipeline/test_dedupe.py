"""Content hashes, MinHash signatures, LSH band keys and story grouping."""

from __future__ import annotations

import datetime as dt

from apps.ingest.pipeline.dedupe import (
    NUM_PERM,
    NearDuplicateIndex,
    band_keys,
    content_hash,
    count_numbers,
    minhash_signature,
    salient_signature,
    similarity,
)

STORY = (
    "The defence ministry held a ceremony in the capital on Tuesday to send 45 engineers to the mission in the north. "
    "The engineers will build roads and bridges and repair the airfield during their twelve months of service. "
    "Colonel Ada Lovelace, head of the peacekeeping department, asked them to follow the rules of the host country. "
    "The country first joined peacekeeping operations in 2014 and has since sent more than 300 officers abroad."
)
COPY = "Capital (XNA) - " + STORY.replace("Tuesday", "Tuesday morning") + " Share"
OTHER = (
    "The defence ministry welcomed home a medical team from the mission in the north after a year of duty. "
    "The doctors treated hundreds of patients and trained local nurses in emergency care and hygiene. "
    "The minister thanked partner countries for transport support and praised the doctors' discipline."
)


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Hello,  World!") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello there")


def test_signature_is_stable_and_sized() -> None:
    sig = minhash_signature(STORY)
    assert len(sig) == NUM_PERM and sig == minhash_signature(STORY)
    assert all(isinstance(v, int) for v in sig)


def test_near_copies_are_similar_and_share_a_band() -> None:
    a, b, c = minhash_signature(STORY), minhash_signature(COPY), minhash_signature(OTHER)
    assert similarity(a, b) > 0.6
    assert similarity(a, c) < 0.2
    assert set(band_keys(a)) & set(band_keys(b))
    assert all(k.startswith("b") and ":" in k for k in band_keys(a))


def test_index_groups_copies_and_only_compares_bucket_candidates() -> None:
    index = NearDuplicateIndex()
    assert index.add("x", minhash_signature(STORY)) == []
    assert index.add("y", minhash_signature(OTHER)) == []
    assert index.add("z", minhash_signature(COPY)) == ["x"]
    assert index.story_of("z") == index.story_of("x") != index.story_of("y")


def test_same_story_different_wording_needs_date_and_shared_count() -> None:
    one = "On March 3 the ministry sent 45 engineers led by Colonel Ada Lovelace to the Northern Mission."
    two = "Forty-five engineers under Col. Ada Lovelace flew out on March 3 to join the Northern Mission, said 45 officials."
    index = NearDuplicateIndex()
    day = dt.date(2022, 3, 3)
    index.add("a", minhash_signature(one), salient=salient_signature(one), published=day, counts=count_numbers(one))
    matches = index.add(
        "b", minhash_signature(two), salient=salient_signature(two), published=day, counts=count_numbers(two)
    )
    assert matches == ["a"]
    far = dt.date(2023, 9, 1)
    assert index.add("c", minhash_signature(two), salient=salient_signature(two), published=far, counts={45}) in (
        [],
        ["b"],
    )


def test_count_numbers_skips_years_and_small_numbers() -> None:
    assert count_numbers("In 2014, 189 officers and 3 teams; 1,200 troops; 4.7 percent") == {189, 1200}
