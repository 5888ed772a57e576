"""The MinHash signature's division-free Mersenne reduction gives exactly the values of the plain modulo, so
signatures stored by earlier versions stay comparable."""

from __future__ import annotations

import zlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.ingest.pipeline import dedupe


def _reference(items: list[bytes], perms: tuple[np.ndarray, np.ndarray]) -> list[int]:
    hv = np.fromiter(map(zlib.crc32, items), dtype=np.uint64, count=len(items))
    phv = (hv[:, None] * perms[0] + perms[1]) % dedupe._MERSENNE
    return (phv & dedupe._MAX_HASH).min(axis=0).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(min_size=0, max_size=40), min_size=1, max_size=60, unique=True))
def test_signature_equals_the_plain_modulo(items):
    assert dedupe._signature(items, dedupe._PERMS) == _reference(items, dedupe._PERMS)
    assert dedupe._signature(items, dedupe._SALIENT_PERMS) == _reference(items, dedupe._SALIENT_PERMS)


def test_signature_of_a_known_text_is_unchanged():
    # Pinned from the plain-modulo implementation: a stored signature must keep matching new ones.
    text = "Forty engineers of the third rotation left the capital for the mission in Abyei on Tuesday morning."
    sig = dedupe.minhash_signature(text)
    assert sig == _reference(list(set(dedupe._shingles(dedupe._normalised(text)))), dedupe._PERMS)
