"""Property tests: the parsers never raise and every offset points at its quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.ingest.pipeline.figures import extract, split_sentences
from apps.ingest.pipeline.numbers import find_fractions, find_numbers, find_women_phrases

PIECES = st.sampled_from(
    [
        "Vietnam", "sent", "850", "2, 500", "troops", "including", "33", "women", ",", ".", "or over", "17 percent",
        "8-10 per cent", "the only female", "No female personnel", "of them", "12", "female", "UN", "peacekeeping",
        "South Sudan", "UNMISS", "level-2 field hospital", "since 2014", "will send", "\n", "Fifty-one", "a dozen",
        "XXXIX-A", "No. 2", "2nd", "on May 5, 2019", "%", "/", "out of", "the UN aims", "target", "Ghanaian",
        "(", ")", "  ", "hundreds", "3,", "–", "Col.", "The", "its 63-strong unit", "between 8 and 10%",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_number_parsers_never_raise_and_spans_match(text: str) -> None:
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text
    for fr in find_fractions(text):
        assert text[fr.part.start : fr.part.end] == fr.part.text
        assert text[fr.whole.start : fr.whole.end] == fr.whole.text
    for wp in find_women_phrases(text):
        assert 0 <= wp.start < wp.end <= len(text)
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), TEXTS))
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
