"""Event signatures: what an article is about (country, missions, counts, first-of-its-kind, rotation serial), to
find reworded reports of one event that share few words."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from apps.ingest.pipeline.entities import find_missions

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
# The lookaheads let the scans skip positions no ordinal, "rotation" or "contingent" can start at (same matches).
_SERIAL_RES = (
    re.compile(rf"\b(?=[fsten\d])({_ORDINAL})\s+(?:[\w-]+\s+){{0,3}}?(?:rotation|contingent)s?\b", re.I),
    re.compile(r"\b(?=[rc])(?:rotation|contingent)\s+(?:no\.?\s*)?(\d{1,3}|[IVXL]+)\b", re.I),
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
