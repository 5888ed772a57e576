"""Text fingerprints for near-duplicate detection: content hashes, MinHash signatures of word shingles and of salient
tokens (names, dates, counts), LSH band keys, and the same-story test on them."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import operator
import re
import unicodedata
import zlib
from collections.abc import Iterable

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
# 32 bands of 4 rows: pairs with Jaccard 0.5 collide in some band with p ~ 0.87, at 0.3 with p ~ 0.23, so the
# bucket lookup finds every pair the NEAR_IDENTICAL threshold accepts while keeping candidate lists short.
BANDS, ROWS = 32, 4
# Wire copies differ in headline, captions, datelines and tails; the body they share keeps Jaccard above 0.5.
# Unrelated stories on the same topic (same country, same hospital) stay below 0.15 on word 5-shingles.
NEAR_IDENTICAL = 0.5

# Same story, different wording: compare sets of salient tokens (numbers, dates, names, acronyms).
SALIENT_PERM = 64
SALIENT_BANDS, SALIENT_ROWS = 32, 2  # collides at Jaccard 0.3 with p ~ 0.95, at 0.1 with p ~ 0.28
# Two reports of one event share its names, dates and counts; other stories about the same country share its
# standing cast (Vietnam, South Sudan, the ministry, often the same deputy minister) and reach Jaccard ~0.35.
# Without dates on both sides only a strong overlap (>= 0.5; paraphrased copies of one story reach ~0.9) counts.
# With both publication dates within SAME_STORY_DAYS, a weak overlap counts if the two also share a count
# (a number >= 10 that is not a year): differently worded same-day reports keep their headline numbers.
SAME_STORY_UNDATED = 0.5
SAME_STORY_DATED = 0.08
SAME_STORY_DAYS = 2

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHIFT_61 = np.uint64(61)
_RNG = np.random.RandomState(1)
_PERMS = (
    _RNG.randint(1, int(_MERSENNE), size=NUM_PERM, dtype=np.uint64),
    _RNG.randint(0, int(_MERSENNE), size=NUM_PERM, dtype=np.uint64),
)
_SALIENT_PERMS = (_PERMS[0][:SALIENT_PERM], _PERMS[1][:SALIENT_PERM])

_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@functools.lru_cache(maxsize=8)
def _normalised(text: str) -> tuple[str, ...]:
    # Cached for the few texts in flight: content_hash and minhash_signature of one article tokenise it once.
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()
    return tuple(_WORD.findall(text))


def normalise(text: str) -> list[str]:
    """Lower-case word tokens with accents and punctuation folded, so formatting differences vanish."""
    return list(_normalised(text))


def content_hash(text: str) -> str:
    """sha256 of the normalised text: equal for copies differing only in case, spacing and punctuation."""
    return hashlib.sha256(" ".join(_normalised(text)).encode("utf-8")).hexdigest()


def _shingles(tokens: tuple[str, ...] | list[str], k: int = SHINGLE_WORDS) -> list[bytes]:
    """The UTF-8 bytes of each run of k tokens joined by spaces (slices of one joined string, not k-way joins)."""
    if len(tokens) < k:
        return [" ".join(tokens).encode("utf-8")] if tokens else []
    joined = " ".join(tokens).encode("utf-8")
    # Byte offset where each token starts (plus one past the end): shingle i spans starts[i] .. starts[i+k]-1.
    lengths = map(len, tokens) if len(joined) == sum(map(len, tokens)) + len(tokens) - 1 else _utf8_lengths(tokens)
    starts = [0, *itertools.accumulate(n + 1 for n in lengths)]
    return [joined[a : b - 1] for a, b in zip(starts, starts[k:], strict=False)]


def _utf8_lengths(tokens: tuple[str, ...] | list[str]) -> list[int]:
    return [len(t.encode("utf-8")) for t in tokens]


def _signature(items: Iterable[bytes], perms: tuple[np.ndarray, np.ndarray]) -> list[int]:
    """MinHash of a set of byte strings: crc32 of each, permuted as (a*h + b) mod (2^61-1) & (2^32-1), min per row.

    The same arithmetic as datasketch's MinHash(hashfunc=zlib.crc32).update_batch (uint64 products wrap the
    same way), so signatures stored by earlier versions stay comparable; one numpy pass over all items.
    """
    items = items if isinstance(items, (list, tuple, set, frozenset)) else list(items)
    if not items:
        return [int(_MAX_HASH)] * len(perms[0])
    hv = np.fromiter(map(zlib.crc32, items), dtype=np.uint64, count=len(items))
    x = hv[:, None] * perms[0]
    x += perms[1]
    # x mod (2^61 - 1) without a division: x = q*2^61 + r is q + r modulo the Mersenne prime, and q + r < 2M, so
    # one conditional subtraction finishes it (the same values as x % _MERSENNE, about twice as fast).
    phv = x & _MERSENNE
    np.right_shift(x, _SHIFT_61, out=x)
    phv += x
    np.subtract(phv, _MERSENNE, out=phv, where=phv >= _MERSENNE)
    np.bitwise_and(phv, _MAX_HASH, out=phv)
    return phv.min(axis=0).tolist()


def minhash_signature(text: str) -> list[int]:
    """128-value MinHash signature of the text's word 5-shingles (stable across processes and machines)."""
    return _signature(set(_shingles(_normalised(text))), _PERMS)


def _band_keys(signature: list[int], bands: int, rows: int, prefix: str) -> list[str]:
    values = list(map(str, signature))  # each value stringified once, not once per band it is sliced into
    blake2b = hashlib.blake2b
    return [
        f"{prefix}{b:02d}:{blake2b(','.join(values[b * rows : (b + 1) * rows]).encode(), digest_size=8).hexdigest()}"
        for b in range(bands)
    ]


def band_keys(signature: list[int]) -> list[str]:
    """LSH bucket keys ("b03:9f1c...") for an indexed table: articles sharing a key are candidates."""
    return _band_keys(signature, BANDS, ROWS, "b")


def similarity(sig_a: list[int], sig_b: list[int]) -> float:
    """Estimated Jaccard similarity: the share of signature positions where the two agree."""
    if not sig_a or not sig_b or len(sig_a) != len(sig_b):
        return 0.0
    return sum(map(operator.eq, sig_a, sig_b)) / len(sig_a)


# --- same story, different wording -------------------------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
# The lookahead lets the scan skip positions no month name or day number can start at (the same matches).
_DATE_MD = re.compile(
    rf"\b(?=[jfmasond\d])(?:({_MONTH})\.?\s+(\d{{1,2}})\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\b)", re.I
)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
# "\b(?:[A-Z][a-z’'-]+|[A-Z]{2,})..." with the word boundary checked after the first capital, so that the scan
# skips ahead to capitals instead of trying every position (the same matches).
_NAME = re.compile(
    r"[A-Z](?<!\w[A-Z])(?:[a-z’'-]+|[A-Z]+)(?:\s+(?:[A-Z][a-z’'-]+|[A-Z]{2,}|of|the|and|for))*\s*(?:[A-Z][a-z’'-]+|[A-Z]{2,})?"
)
# Capitalised words that start sentences or name calendar items carry no identity.
_NAME_STOP = frozenset(
    "the a an in on at for of and but this that these those it its he she they we his her their there when while"
    " after before during since from with by as also however meanwhile according speaking addressing"
    " january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr".split()
)
_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip


_NUMBER_WORD_TOKEN = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b")


def salient_features(text: str) -> set[str]:
    """Tokens that identify an event: day-month dates, numbers, and capitalised names and acronyms."""
    feats: set[str] = set()
    for mon1, day1, day2, mon2 in _DATE_MD.findall(text):
        mon = (mon1 or mon2)[:3].lower()
        day = int(day1 or day2)
        if 1 <= day <= 31:
            feats.add(f"d:{mon}{day}")
    for raw in _NUMBER.findall(text):
        value = raw.replace(",", "")
        if value not in ("0", "1"):
            feats.add(f"n:{value}")
    stop = _NAME_STOP
    for name in _NAME.findall(text):
        words = [w for w in name.split() if w.lower() not in stop]
        # Single words and their pairs: "Serizawa Kiyoshi" and "Kiyoshi" both identify the person.
        lower = [w.lower() for w in words]
        feats.update(["w:" + w.strip("’'") for w in lower])
        if len(lower) > 1:
            feats.update([f"p:{a} {b}" for a, b in zip(lower, lower[1:], strict=False)])
    # Number words as whole lower-case tokens (the same as scanning every \b[a-z]+\b token for them).
    low = text.lower()
    if any(word in low for word in _NUMBER_WORDS):
        feats.update("n:" + _NUMBER_WORDS[word] for word in _NUMBER_WORD_TOKEN.findall(low))
    return feats


def salient_signature(text: str) -> list[int]:
    """64-value MinHash of the salient features (for the same-story index)."""
    return _signature({f.encode("utf-8") for f in salient_features(text)}, _SALIENT_PERMS)


def salient_band_keys(signature: list[int]) -> list[str]:
    """LSH bucket keys for salient signatures ("s07:..."); a lower threshold than the text bands."""
    return _band_keys(signature, SALIENT_BANDS, SALIENT_ROWS, "s")


def count_numbers(text: str) -> set[int]:
    """Numbers that can be head counts (>= 10, not a plausible year): a story's identifying figures."""
    out = set()
    for raw in _NUMBER.findall(text):
        raw = raw.replace(",", "")
        if "." in raw:
            continue
        value = int(raw)
        if value >= 10 and not 1900 <= value <= 2100:
            out.add(value)
    return out


def same_story(
    salient_sim: float,
    published_a: dt.date | None,
    published_b: dt.date | None,
    *,
    share_count: bool = False,
) -> bool:
    """Decide from salient-token similarity, publication dates and shared counts whether two reports are one event."""
    if published_a and published_b:
        if abs((published_a - published_b).days) > SAME_STORY_DAYS:
            return False
        if share_count and salient_sim >= SAME_STORY_DATED:
            return True
    return salient_sim >= SAME_STORY_UNDATED


def date_keys(published: dt.date | None, *, spread: int = 0) -> list[str]:
    """Bucket keys for a publication date ("p:2019-11-19"), optionally with the days around it for lookup."""
    if published is None:
        return []
    return [f"p:{(published + dt.timedelta(days=d)).isoformat()}" for d in range(-spread, spread + 1)]
