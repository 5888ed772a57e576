"""Property tests: the parsers never raise and every offset points at its quote."""

from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from apps.ingest.pipeline.figures import extract, split_sentences
from apps.ingest.pipeline.numbers import (
    find_counts,
    find_fractions,
    find_numbers,
    find_percentages,
    find_women_phrases,
    parse_number,
    word_to_number,
)

PIECES = st.sampled_from(
    [
        "Vietnam", "sent", "850", "2, 500", "troops", "including", "33", "women", ",", ".", "or over", "17 percent",
        "8-10 per cent", "the only female", "No female personnel", "of them", "12", "female", "UN", "peacekeeping",
        "South Sudan", "UNMISS", "level-2 field hospital", "since 2014", "will send", "\n", "Fifty-one", "a dozen",
        "XXXIX-A", "No. 2", "2nd", "on May 5, 2019", "%", "/", "out of", "the UN aims", "target", "Ghanaian",
        "(", ")", "  ", "hundreds", "3,", "–", "Col.", "The", "its 63-strong unit", "between 8 and 10%",
    ]
)  # fmt: skip
# Number-like strings: digit runs of any length (floats overflow past 308 digits), separators, scale words.
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=400)
NUMBER_WORDS = st.sampled_from(
    ["one", "two", "twelve", "hundred", "thousand", "million", "billion", "and", "-", "dozen", "a", "fifty"]
)
NUMBERISH = st.one_of(
    DIGITS,
    st.text(alphabet="0123456789,. -%/", max_size=60),
    st.lists(st.one_of(DIGITS, NUMBER_WORDS), max_size=12).map(" ".join),
    st.text(max_size=40),
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=60).map(" ".join),
    st.lists(st.one_of(PIECES, NUMBERISH), max_size=30).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(NUMBERISH)
@example("9" * 400)  # overflowed to inf, and int(inf) raised in the extractor
@example("1" * 309 + " million")
def test_parse_number_never_raises_and_gives_a_finite_value_or_none(raw: str) -> None:
    value = parse_number(raw)
    assert value is None or (isinstance(value, float) and math.isfinite(value) and value >= 0)
    words = word_to_number(raw)
    assert words is None or (isinstance(words, int) and words >= 0)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("Ghana sent " + "9" * 400 + " peacekeepers, including 12 women, to South Sudan.")
def test_number_parsers_never_raise_and_spans_match(text: str) -> None:
    numbers = find_numbers(text)
    for n in numbers:
        assert text[n.start : n.end] == n.text
        assert math.isfinite(n.value)
    assert [(n.start, n.end) for n in numbers] == sorted((n.start, n.end) for n in numbers)
    for n in [*find_percentages(text), *find_counts(text)]:
        assert text[n.start : n.end] == n.text
    for fr in find_fractions(text):
        assert text[fr.part.start : fr.part.end] == fr.part.text
        assert text[fr.whole.start : fr.whole.end] == fr.whole.text
        assert fr.start == fr.part.start < fr.part.end <= fr.whole.start < fr.whole.end == fr.end
        assert 0 <= fr.part.value < fr.whole.value
    for wp in find_women_phrases(text):
        assert 0 <= wp.start < wp.end <= len(text)
        assert wp.women in (0, 1)
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), TEXTS))
@example("Ghana sent " + "9" * 400 + " peacekeepers, including " + "9" * 30 + " women, to South Sudan.", None)
def test_extract_never_raises_and_offsets_point_at_quotes(text: str, title: str | None) -> None:
    ex = extract(text, title=title)
    for f in ex.figures:
        if f.start is None:
            assert f.source == "title" and title is not None and f.quote in title
        else:
            assert text[f.start : f.end] == f.quote
        assert 0.0 <= f.confidence <= 1.0
    for t in [*ex.targets, *ex.other_targets]:
        if t.start is not None:
            assert text[t.start : t.end] == t.quote
