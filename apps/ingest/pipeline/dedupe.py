"""Exact and near-duplicate detection: content hashes, MinHash signatures, LSH band keys, story grouping."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import operator
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

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
_DATE_MD = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\b", re.I)
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


# --- same event, different words ---------------------------------------------------------------------------
# Phenomenon: two outlets report one event (a unit leaves, a contingent is decorated, a ministry answers a question)
# in their own words. Few 5-shingles and few capitalised names survive the rewording, but what the story is ABOUT
# does: the contributing country, the mission, the unit, the counts it states (total, women, percentage) and, when
# both are dated, publication days close together. The event signature keeps those facts, event keys put articles
# that share a country and a count into one bucket, and same_event() verifies the candidates.
#
# Precision guards, each for a phenomenon that shares numbers without being one event:
# - rotations: a unit of the same size (a level-2 hospital is always ~63 staff) is sent again months later, so
#   dated reports must be within EVENT_DAYS of each other (and is_duplicate keeps different rotation serials apart);
# - other countries: the same count on the same day in another country's story is another event (country must
#   be equal and known);
# - other theatres: a count attached to one mission in one report and to a different mission in the other is not
#   the same population, and two reports whose missions are disjoint are not one event;
# - background paragraphs: a country's standing totals ("has sent N since 2014") recur in unrelated stories, so
#   without both dates the shared counts must be several, include a distinctive one and make up at least half
#   of the counts of the article stating fewer;
# - common numbers: a single shared round or small number (10, 100, 2) counts only with both dates close and the
#   same mission or unit named for it.
EVENT_DAYS = 10
# Counts below this are too common to identify an event on their own ("two officers", "the only woman").
EVENT_MIN_COUNT = 2
EVENT_DISTINCT_MIN = 10
# At most this many values per article go into keys (distinctive first): bounds the keys of a long article.
EVENT_KEY_VALUES = 8


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _count(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= EVENT_MIN_COUNT else None


def _percent_token(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = round(float(value), 1)
    except (TypeError, ValueError):
        return None
    return f"p{number:g}" if 0 < number <= 100 else None


def event_token_distinctive(token: str) -> bool:
    """A value unlikely to recur by chance: a count >= 10 with two significant digits or more (48, 160, 1608, not
    10, 100, 300), or a percentage with a decimal (12.3, not 14)."""
    if token.startswith("p"):
        return "." in token
    value = int(token[1:])
    if value < EVENT_DISTINCT_MIN:
        return False
    return value % 10 ** (len(str(value)) - 1) != 0


def _main_missions(text: str) -> list[str]:
    """The missions the text names most often (ties kept): what the article is about, not its background list."""
    from apps.ingest.pipeline.entities import find_missions

    counts: dict[str, int] = defaultdict(int)
    for mention in find_missions(text):
        counts[mention.code] += 1
    if not counts:
        return []
    top = max(counts.values())
    return sorted(code for code, n in counts.items() if n == top)


# Phenomenon: a first-of-its-kind deployment ("for the first time, X sends an all-female police unit", "the
# first-ever female engagement team") happens once per country, so every report of it is one event even when the
# reports disagree on the count ("more than a hundred" vs "125") or one is undated. Only the event form counts
# ("for the first time", "first-ever", "the first time"): "the first female general" is a person's epithet that
# profiles repeat for years, and a sentence with a year ("for the first time in 1993") is background history.
# The kind keeps a unit's first apart from individual officers' first in the same country.
_NOVELTY = re.compile(r"\b(?:for the first time|first[- ]ever|(?:the|a) first time)\b", re.I)
_NOVELTY_WOMEN = re.compile(r"\b(?:female|wom[ae]n|policewom[ae]n|all-(?:female|wom[ae]n))\b", re.I)
_NOVELTY_UNIT = re.compile(
    r"\b(?:units?|force|team|contingents?|battalion|company|platoon|FPU|hospital|squad(?:ron)?)\b", re.I
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE = re.compile(r"[^.!?\n]+")


def novelty_kinds(text: str) -> list[str]:
    """Kinds of women's first-of-its-kind deployment the text reports: "w-unit" (an all-female unit or team) and/or
    "w-person" (women officers deployed for the first time); empty when it reports none."""
    if "first" not in text.lower():
        return []
    kinds: set[str] = set()
    for sentence in _SENTENCE.findall(text):
        if not _NOVELTY.search(sentence) or not _NOVELTY_WOMEN.search(sentence) or _YEAR.search(sentence):
            continue
        kinds.add("w-unit" if _NOVELTY_UNIT.search(sentence) else "w-person")
    return sorted(kinds)


# Phenomenon: units rotate with the same size and often the same number of women, so an undated report of the next
# rotation carries the same counts as the last one. What tells them apart is the serial the text gives the rotation
# ("the fourth rotation", "Rotation 5", "9th contingent", "Contingent XXXIX", "ZAMBATT-8"): the first one a text
# names is the one it is about (later ones are the unit it replaces or the next to come).
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
        " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_ORDINAL = r"(?:" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))"
_SERIAL_RES = (
    re.compile(rf"\b({_ORDINAL})\s+(?:[\w-]+\s+){{0,3}}?(?:rotation|contingent)s?\b", re.I),
    re.compile(r"\b(?:rotation|contingent)\s+(?:no\.?\s*)?(\d{1,3}|[IVXL]+)\b", re.I),
    re.compile(r"\b[A-Z]{3,}BATT[- ]?(\d{1,3})\b"),
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _serial_value(raw: str) -> int | None:
    low = raw.lower()
    if low in _ORDINALS:
        return _ORDINALS[low]
    digits = re.match(r"\d+", raw)
    if digits:
        return int(digits.group(0))
    if raw.upper() == raw and all(c in _ROMAN for c in raw):
        values = [_ROMAN[c] for c in raw]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return None


def rotation_serial(text: str) -> int | None:
    """The serial of the first rotation or contingent the text names ("the fourth rotation" -> 4), if any."""
    low = text.lower()
    if "rotation" not in low and "contingent" not in low and "batt" not in low:
        return None
    found = [(m.start(), m.group(1)) for regex in _SERIAL_RES for m in regex.finditer(text)]
    for _, raw in sorted(found):
        value = _serial_value(raw)
        if value is not None:
            return value
    return None


def event_signature(extraction: Any, text: str = "") -> dict[str, Any] | None:
    """What the article is about, as JSON: {"c": country, "m": main missions, "v": {value: {"m": [...], "u": [...]}}}.

    `extraction` has `.country` and `.figures` (objects or dicts with personnel_total, women, women_percent,
    mission, unit); values are "n<count>" (totals and women alike: one report's "160 policewomen" is another's
    "160-member unit") and "p<percent>". None when the country is unknown: nothing to match on.
    """
    country = _field(extraction, "country") if extraction is not None else None
    if not country:
        return None
    values: dict[str, dict[str, set[str]]] = {}
    for fig in _field(extraction, "figures") or ():
        tokens = [f"n{n}" for n in (_count(_field(fig, "personnel_total")), _count(_field(fig, "women"))) if n]
        pct = _percent_token(_field(fig, "women_percent"))
        if pct:
            tokens.append(pct)
        missions = _field(fig, "mission") or []
        if isinstance(missions, str):
            missions = missions.split(",")
        missions = {str(m).strip().upper() for m in missions if str(m).strip()}
        unit = _field(fig, "unit")
        for token in tokens:
            slot = values.setdefault(token, {"m": set(), "u": set()})
            slot["m"] |= missions
            if unit:
                slot["u"].add(str(unit))
    firsts = novelty_kinds(text) if text else []
    event: dict[str, Any] = {
        "c": str(country).upper(),
        "m": _main_missions(text) if text else [],
        "v": {t: {"m": sorted(v["m"]), "u": sorted(v["u"])} for t, v in values.items()},
    }
    if firsts:
        event["f"] = firsts
    return event


def _key_values(event: Mapping[str, Any]) -> list[str]:
    tokens = list(event.get("v") or ())
    tokens.sort(key=lambda t: (not event_token_distinctive(t), t))
    return tokens[:EVENT_KEY_VALUES]


def _day_bucket(published: dt.date, shift: int = 0) -> int:
    # Buckets EVENT_DAYS wide: two dates within EVENT_DAYS fall in the same or adjacent buckets.
    return published.toordinal() // EVENT_DAYS + shift


def event_keys(event: Mapping[str, Any] | None, published: dt.date | None, *, search: bool = False) -> list[str]:
    """Bucket keys of an event signature: "e:" country + value + day bucket (dated reports, searched in the adjacent
    buckets too) and "u:" country + two values with a distinctive one (the rule for reports without both dates)."""
    if not event or not event.get("c"):
        return []
    country = event["c"]
    tokens = _key_values(event)
    keys: list[str] = []
    if published is not None:
        shifts = (-1, 0, 1) if search else (0,)
        keys += [f"e:{country}:{t}:{_day_bucket(published, s)}" for t in tokens for s in shifts]
    keys += [
        f"u:{country}:{a}|{b}"
        for a, b in itertools.combinations(sorted(tokens), 2)
        if event_token_distinctive(a) or event_token_distinctive(b)
    ]
    keys += [f"f:{country}:{kind}" for kind in event.get("f") or ()]
    return [k[:64] for k in keys]


def _compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """Unknown on either side, or a common item."""
    a, b = set(a), set(b)
    return not a or not b or not a.isdisjoint(b)


def same_event(
    a: Mapping[str, Any] | None,
    b: Mapping[str, Any] | None,
    published_a: dt.date | None,
    published_b: dt.date | None,
) -> bool:
    """Whether two event signatures describe one event (see the precision guards above)."""
    if not a or not b or not a.get("c") or a.get("c") != b.get("c"):
        return False
    va, vb = a.get("v") or {}, b.get("v") or {}
    missions_a = set(a.get("m") or ()).union(*(set(v.get("m") or ()) for v in va.values()))
    missions_b = set(b.get("m") or ()).union(*(set(v.get("m") or ()) for v in vb.values()))
    if not _compatible(missions_a, missions_b):
        return False
    close = (
        abs((published_a - published_b).days) <= EVENT_DAYS
        if published_a is not None and published_b is not None
        else None
    )
    if close is not False and set(a.get("f") or ()) & set(b.get("f") or ()):
        # One country's first of a kind, told in one theatre: the main missions must be known and shared.
        if set(a.get("m") or ()) & set(b.get("m") or ()):
            return True
    # A value counts as shared only when it is not tied to different missions on the two sides.
    shared = [t for t in va.keys() & vb.keys() if _compatible(va[t].get("m") or (), vb[t].get("m") or ())]
    if not shared:
        return False
    distinctive = [t for t in shared if event_token_distinctive(t)]
    if close is not None:
        if not close:
            return False
        if len(shared) >= 2 or distinctive:
            return True
        (token,) = shared
        if token.startswith("n") and int(token[1:]) < EVENT_DISTINCT_MIN:
            return False
        main_a, main_b = set(a.get("m") or ()), set(b.get("m") or ())
        fig_a, fig_b = va[token], vb[token]
        return bool(
            (main_a & main_b)
            or set(fig_a.get("m") or ()) & set(fig_b.get("m") or ())
            or set(fig_a.get("u") or ()) & set(fig_b.get("u") or ())
        )
    return len(shared) >= 2 and bool(distinctive) and 2 * len(shared) >= min(len(va), len(vb))


# --- one rule for the dry run and the database -------------------------------------------------------------
# A fingerprint is the JSON the database stores per article (Article.signature) and the dry run keeps in memory:
# {"minhash": [...], "salient": [...], "counts": [...], "hash": "...", "serial": int | None, "event": {...} | None}. store_keys,
# search_keys and is_duplicate are the whole near-duplicate rule; both paths call them and nothing else decides.
KEY_LENGTH = 64  # the band table's key column


def store_keys(fp: Mapping[str, Any], published: dt.date | None) -> list[str]:
    """Bucket keys stored for an article: text and salient LSH bands, its day, its text hash, its event keys."""
    keys = band_keys(fp["minhash"]) if fp.get("minhash") else []
    if fp.get("salient"):
        keys += salient_band_keys(fp["salient"])
    keys += date_keys(published)
    if fp.get("hash"):
        keys.append(f"h:{fp['hash']}")
    keys += event_keys(fp.get("event"), published)
    return sorted({k[:KEY_LENGTH] for k in keys})


def search_keys(fp: Mapping[str, Any], published: dt.date | None) -> list[str]:
    """Bucket keys to look up for a new article: the stored ones plus neighbouring days and event day buckets."""
    keys = set(store_keys(fp, published))
    keys.update(date_keys(published, spread=SAME_STORY_DAYS))
    keys.update(event_keys(fp.get("event"), published, search=True))
    return sorted({k[:KEY_LENGTH] for k in keys})


def is_duplicate(
    a: Mapping[str, Any] | None,
    b: Mapping[str, Any] | None,
    *,
    published_a: dt.date | None,
    published_b: dt.date | None,
    text_similarity: float | None = None,
    salient_similarity: float | None = None,
) -> bool:
    """Equal text, near-identical text, one story told with the same names and counts, or one event (same country,
    counts, missions and close dates). Similarities already computed (the index does it in bulk) may be passed."""
    if not a or not b:
        return False
    if a.get("hash") and a.get("hash") == b.get("hash"):
        return True
    if a.get("serial") is not None and b.get("serial") is not None and a["serial"] != b["serial"]:
        # Two rotations of one unit: same names, same counts, often the same press-release template.
        return False
    if text_similarity is None and a.get("minhash") and b.get("minhash"):
        text_similarity = similarity(a["minhash"], b["minhash"])
    if text_similarity is not None and text_similarity >= NEAR_IDENTICAL:
        return True
    event_a, event_b = a.get("event") or {}, b.get("event") or {}
    if event_a.get("c") and event_b.get("c") and event_a["c"] != event_b["c"]:
        # Two countries' stories on the same day share the mission's names and often a count (several contributors
        # rotate hospitals the same week): only near-identical text joins reports about different contributors.
        return False
    if a.get("salient") and b.get("salient"):
        if salient_similarity is None:
            salient_similarity = similarity(a["salient"], b["salient"])
        share = not set(a.get("counts") or ()).isdisjoint(b.get("counts") or ())
        if same_story(salient_similarity, published_a, published_b, share_count=share):
            return True
    return same_event(a.get("event"), b.get("event"), published_a, published_b)


# --- incremental index and story grouping ------------------------------------------------------------------


@dataclass
class _Entry:
    fingerprint: dict[str, Any]
    published: dt.date | None
    signature_array: np.ndarray | None = None
    salient_array: np.ndarray | None = None


def _int_array(values: list[int] | None) -> np.ndarray | None:
    """The values as an int64 array when they are all plain ints in range (signatures are), else None."""
    if not values or not all(type(v) is int for v in values):
        return None
    try:
        return np.array(values, dtype=np.int64)
    except OverflowError:
        return None


def _similarity(a: list[int], a_arr: np.ndarray | None, b: list[int], b_arr: np.ndarray | None) -> float:
    """similarity(a, b), with one numpy comparison when both have int arrays of the same length."""
    if a_arr is not None and b_arr is not None and len(a_arr) == len(b_arr):
        return int(np.count_nonzero(a_arr == b_arr)) / len(a)
    return similarity(a, b)


@dataclass
class NearDuplicateIndex:
    """In-memory LSH index: add() returns the keys of earlier articles that duplicate the new one.

    The keys and the rule are store_keys, search_keys and is_duplicate: the database path uses the same three.
    """

    entries: dict[str, _Entry] = field(default_factory=dict)
    buckets: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    parent: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        key: str,
        signature: list[int],
        *,
        salient: list[int] | None = None,
        published: dt.date | None = None,
        counts: Iterable[int] = (),
        event: Mapping[str, Any] | None = None,
        text_hash: str | None = None,
        serial: int | None = None,
    ) -> list[str]:
        """Index an article; compare it only with articles sharing a bucket key and return the duplicates."""
        fp: dict[str, Any] = {"minhash": signature, "salient": salient, "counts": frozenset(counts), "serial": serial}
        if event:
            fp["event"] = event
        if text_hash:
            fp["hash"] = text_hash
        candidates: dict[str, None] = {}
        for bk in search_keys(fp, published):
            candidates.update(dict.fromkeys(self.buckets.get(bk, ())))
        sig_arr = _int_array(signature)
        sal_arr = _int_array(salient)
        text_sims = self._text_similarities(list(candidates), signature, sig_arr)
        matches = []
        matched_roots: set[str] = set()
        for i, other in enumerate(candidates):
            root = self._find(other)
            if root in matched_roots:  # one match per story is enough: the rest are already in it
                continue
            entry = self.entries[other]
            theirs = entry.fingerprint
            text_sim = (
                text_sims[i]
                if text_sims is not None
                else _similarity(signature, sig_arr, theirs["minhash"], entry.signature_array)
            )
            salient_sim = (
                _similarity(salient, sal_arr, theirs["salient"], entry.salient_array)
                if salient and theirs.get("salient") and text_sim < NEAR_IDENTICAL
                else None
            )
            if is_duplicate(
                fp,
                theirs,
                published_a=published,
                published_b=entry.published,
                text_similarity=text_sim,
                salient_similarity=salient_sim,
            ):
                matches.append(other)
                matched_roots.add(root)
        self.entries[key] = _Entry(fp, published, sig_arr, sal_arr)
        self.parent.setdefault(key, key)
        self.order.setdefault(key, len(self.order))
        for bk in store_keys(fp, published):
            self.buckets[bk].append(key)
        for other in matches:
            self._union(key, other)
        return matches

    def _text_similarities(
        self, keys: list[str], signature: list[int], sig_arr: np.ndarray | None
    ) -> list[float] | None:
        """_similarity(signature, ...) for each of `keys`, in one numpy comparison; None when some signature has no
        int array of the same length (then compare one by one)."""
        if sig_arr is None or len(keys) < 2:
            return None
        arrays = [self.entries[k].signature_array for k in keys]
        if any(a is None or len(a) != len(sig_arr) for a in arrays):
            return None
        equal = np.count_nonzero(np.vstack(arrays) == sig_arr, axis=1)
        return [int(n) / len(signature) for n in equal.tolist()]

    def add_copy(self, key: str, of: str) -> None:
        """Register an exact copy of an indexed article: same story, no comparisons, no new buckets."""
        self.parent.setdefault(key, key)
        self.order.setdefault(key, len(self.order))
        self._union(key, of)

    def link(self, a: str, b: str) -> None:
        """Put two indexed articles in one story (e.g. equal content hashes)."""
        self._union(a, b)

    def _find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # The earlier article's root wins so story ids follow input order.
            first, second = sorted((ra, rb), key=self.order.__getitem__)
            self.parent[second] = first

    def story_of(self, key: str) -> str:
        """Representative key of the article's story (connected component of duplicate links)."""
        return self._find(key)
