"""Near-duplicate detection: the one rule (store_keys, search_keys, is_duplicate) shared by the dry run and the
database, and the dry run's in-memory index that groups a batch into stories with it.

The fingerprints live in signatures.py (text and salient MinHash, hashes, counts) and events.py (what an article
is about); their names are re-exported here, the module the rest of the project imports.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from apps.ingest.pipeline.events import (
    EVENT_DAYS,
    EVENT_DISTINCT_MIN,
    EVENT_KEY_VALUES,
    EVENT_MIN_COUNT,
    event_keys,
    event_signature,
    event_token_distinctive,
    novelty_kinds,
    rotation_serial,
    same_event,
)
from apps.ingest.pipeline.signatures import (
    _MAX_HASH,
    _MERSENNE,
    _PERMS,
    _SALIENT_PERMS,
    BANDS,
    NEAR_IDENTICAL,
    NUM_PERM,
    ROWS,
    SALIENT_BANDS,
    SALIENT_PERM,
    SALIENT_ROWS,
    SAME_STORY_DATED,
    SAME_STORY_DAYS,
    SAME_STORY_UNDATED,
    SHINGLE_WORDS,
    _normalised,
    _shingles,
    _signature,
    band_keys,
    content_hash,
    count_numbers,
    date_keys,
    minhash_signature,
    normalise,
    salient_band_keys,
    salient_features,
    salient_signature,
    same_story,
    similarity,
)

__all__ = [
    "BANDS", "EVENT_DAYS", "EVENT_DISTINCT_MIN", "EVENT_KEY_VALUES", "EVENT_MIN_COUNT", "KEY_LENGTH",
    "NEAR_IDENTICAL", "NUM_PERM", "ROWS", "SALIENT_BANDS", "SALIENT_PERM", "SALIENT_ROWS", "SAME_STORY_DATED",
    "SAME_STORY_DAYS", "SAME_STORY_UNDATED", "SHINGLE_WORDS", "NearDuplicateIndex", "_MAX_HASH", "_MERSENNE",
    "_PERMS", "_SALIENT_PERMS", "_normalised", "_shingles", "_signature", "band_keys", "content_hash",
    "count_numbers", "date_keys", "event_keys", "event_signature", "event_token_distinctive", "is_duplicate",
    "minhash_signature", "normalise", "novelty_kinds", "rotation_serial", "salient_band_keys", "salient_features",
    "salient_signature", "same_event", "same_story", "search_keys", "similarity", "store_keys",
]  # fmt: skip

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
    return _search_keys(store_keys(fp, published), fp, published)


def _search_keys(stored: list[str], fp: Mapping[str, Any], published: dt.date | None) -> list[str]:
    """search_keys given the article's store_keys (the index computes those once for both uses)."""
    keys = set(stored)
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
# Bounded candidates: a bucket keeps, per story, only its newest members, and only its most recently active
# stories. Without the bounds a story of n near-copies put n-1 candidates in front of its next copy (they share
# its band keys), and a day's bucket held every article of the day: a batch cost O(n^2) comparisons. With them a
# lookup costs at most (stories per bucket x members per story) per key, whatever the batch size.
# Why recall holds: the members of a story are near-duplicates of each other, so the newest few stand for the rest
# (and follow a story whose wording drifts copy by copy); a text or salient band key is shared by few stories, so
# its cap is rarely reached; a day's bucket is the way to the weak same-day rule only, and keeps the last
# DATE_KEY_STORIES stories of that day. The same trade-off as the database path (apps/ingest/selectors.PER_KEY,
# PER_DATE_KEY, services.VERIFY_PER_STORY), with the caps counted in stories so a crowded story cannot push the
# other stories out of a bucket.
KEY_STORIES = 32  # stories kept per text/salient band, hash and event key
KEY_MEMBERS = 4  # newest members kept per story in such a key
DATE_KEY_STORIES = 256  # stories kept per day key ("p:YYYY-MM-DD")
DATE_KEY_MEMBERS = 2
VERIFY_PER_STORY = 16  # members of one candidate story verified at most (closest in date first, then newest)
DATE_KEY_PREFIX = "p:"
# The lowest salient similarity same_story() accepts: a pair below it (and below NEAR_IDENTICAL, with no hash and
# no common event country) cannot be a duplicate, so is_duplicate() need not be asked.
_SALIENT_FLOOR = min(SAME_STORY_DATED, SAME_STORY_UNDATED)


@dataclass
class _Entry:
    fingerprint: dict[str, Any]
    published: dt.date | None
    signature_array: np.ndarray | None = None
    salient_array: np.ndarray | None = None
    order: int = 0


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


def _bulk_similarities(
    values: list[int] | None, array: np.ndarray | None, others: list[tuple[list[int] | None, np.ndarray | None]]
) -> list[float | None]:
    """_similarity(values, other) for each other (None where either side is empty), in one numpy comparison for
    the others with an int array of the same length and one by one for the rest."""
    out: list[float | None] = [None] * len(others)
    if not values:
        return out
    rows = [i for i, (_, arr) in enumerate(others) if array is not None and arr is not None and len(arr) == len(array)]
    if len(rows) > 1:
        equal = np.count_nonzero(np.vstack([others[i][1] for i in rows]) == array, axis=1).tolist()
        for i, n in zip(rows, equal, strict=True):
            out[i] = n / len(values)
    for i, (other, arr) in enumerate(others):
        if out[i] is None and other:
            out[i] = _similarity(values, array, other, arr)
    return out


@dataclass
class NearDuplicateIndex:
    """In-memory LSH index: add() returns the keys of earlier articles that duplicate the new one (one per story).

    The keys and the rule are store_keys, search_keys and is_duplicate: the database path uses the same three.
    Buckets are bounded (see KEY_STORIES above), so adding an article costs about the same at any batch size.
    """

    entries: dict[str, _Entry] = field(default_factory=dict)
    # bucket key -> story root (when its member was stored) -> newest members; dicts keep insertion order, and a
    # story that gains a member moves to the end, so the first story of a bucket is the least recently active.
    buckets: dict[str, dict[str, deque[str]]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    # Signature comparisons made so far (text and salient, one per candidate article): what the bound bounds.
    comparisons: int = 0

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
        stored = store_keys(fp, published)
        candidates: dict[str, None] = {}
        for bk in _search_keys(stored, fp, published):
            for members in self.buckets.get(bk, {}).values():
                candidates.update(dict.fromkeys(members))
        entry = _Entry(fp, published, _int_array(signature), _int_array(salient))
        matches = self._verify(entry, candidates)
        self.order.setdefault(key, len(self.order))
        entry.order = self.order[key]
        self.entries[key] = entry
        self.parent.setdefault(key, key)
        for other in matches:
            self._union(key, other)
        root = self._find(key)
        for bk in stored:
            self._store(bk, root, key)
        return matches

    def _verify(self, new: _Entry, candidates: Iterable[str]) -> list[str]:
        """One matching member per candidate story: at most VERIFY_PER_STORY members of each are verified."""
        by_story: dict[str, list[str]] = {}
        for other in candidates:
            by_story.setdefault(self._find(other), []).append(other)
        day = new.published

        def closeness(other: str) -> tuple[int, int]:
            theirs = self.entries[other]
            if day is None or theirs.published is None:
                return (1 << 30, -theirs.order)
            return (abs((theirs.published - day).days), -theirs.order)

        for members in by_story.values():
            if len(members) > 1:
                members.sort(key=closeness)
                del members[VERIFY_PER_STORY:]
        checked = [other for members in by_story.values() for other in members]
        entries = [self.entries[other] for other in checked]
        fp = new.fingerprint
        signature, salient = fp["minhash"], fp["salient"]
        text_sims = _bulk_similarities(
            signature, new.signature_array, [(e.fingerprint["minhash"], e.signature_array) for e in entries]
        )
        salient_sims = _bulk_similarities(
            salient, new.salient_array, [(e.fingerprint["salient"], e.salient_array) for e in entries]
        )
        self.comparisons += 2 * len(checked)
        position = {other: i for i, other in enumerate(checked)}
        country = (fp.get("event") or {}).get("c")
        matches = []
        for members in by_story.values():
            for other in members:
                i = position[other]
                theirs = entries[i].fingerprint
                text_sim, salient_sim = text_sims[i], salient_sims[i]
                # Exactly the pairs is_duplicate() can accept; the rest are rejected without asking it.
                if not (
                    (text_sim is not None and text_sim >= NEAR_IDENTICAL)
                    or (salient_sim is not None and salient_sim >= _SALIENT_FLOOR)
                    or (fp.get("hash") and fp.get("hash") == theirs.get("hash"))
                    or (country and country == (theirs.get("event") or {}).get("c"))
                ):
                    continue
                if is_duplicate(
                    fp,
                    theirs,
                    published_a=day,
                    published_b=entries[i].published,
                    text_similarity=text_sim,
                    salient_similarity=salient_sim if text_sim is None or text_sim < NEAR_IDENTICAL else None,
                ):
                    matches.append(other)
                    break
        return matches

    def _store(self, bucket_key: str, root: str, key: str) -> None:
        date_key = bucket_key.startswith(DATE_KEY_PREFIX)
        stories = self.buckets.setdefault(bucket_key, {})
        members = stories.pop(root, None)
        if members is None:
            if len(stories) >= (DATE_KEY_STORIES if date_key else KEY_STORIES):
                del stories[next(iter(stories))]  # the least recently active story leaves this bucket
            members = deque(maxlen=DATE_KEY_MEMBERS if date_key else KEY_MEMBERS)
        members.append(key)
        stories[root] = members

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
