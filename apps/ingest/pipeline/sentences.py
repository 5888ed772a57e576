"""Text structure for the figure grammar: sentences, clauses and a case-folded copy for cheap keyword guards."""

from __future__ import annotations

import re

# The characters other than ASCII letters that re.IGNORECASE matches to an ASCII letter and that str.lower() does
# not turn into it ("K", the Kelvin sign, lower-cases to "k").
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def _fold(text: str) -> str | None:
    """The text lower-cased so that each character an IGNORECASE pattern matches to an ASCII letter becomes that
    letter, at the same offsets (None if they would move)."""
    if not text.isascii():
        for ch, letter in _FOLD:
            if ch in text:
                text = text.replace(ch, letter)
    low = text.lower()
    return low if len(low) == len(text) else None


def _may(words: re.Pattern[str], low: str | None, s: int, e: int) -> bool:
    """False only when none of `words` occurs in low[s:e], i.e. when the pattern they guard cannot match there."""
    return low is None or words.search(low, s, e) is not None


CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|but|and|which|although)\b|\s+(?:while|whereas)\s|\s+which\s+")
ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Col|Lt|Lieut|Gen|Sen|Maj|Capt|Brig|Cpl|Sgt|Adm|Cmdr|Gov|Hon|Prof|Rev|St|Jr|Sr|No|Nos|"
    r"vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Vol|Fig|Inc|Ltd|Co|Corp)|\b[A-Z]|\b[A-Z]\.[A-Z])$"
)
# r"\n+|[.!?]+" with each branch opening on a literal, so that the scan skips ahead by first character.
SENT_CANDIDATE = re.compile(r"\n\n*|\.[.!?]*|![.!?]*|\?[.!?]*")
DATE_PREFIX = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s")


# --- text structure ---------------------------------------------------------------------------------------


_SPLIT_CACHE: dict[str, list[tuple[int, int]]] = {}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), trimmed; abbreviations ("Col.", "No. 2", "U.N.") do not end a sentence."""
    cached = _SPLIT_CACHE.get(text)
    if cached is None:
        if len(_SPLIT_CACHE) > 8:
            _SPLIT_CACHE.clear()
        cached = _SPLIT_CACHE[text] = _split_sentences(text)
    return list(cached)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    prefix = DATE_PREFIX.match(text)
    start = prefix.end() if prefix else 0
    n = len(text)
    for m in SENT_CANDIDATE.finditer(text, start):
        if m.start() < start:
            continue
        if m.group(0)[0] == "\n":
            spans.append((start, m.start()))
            start = m.end()
            continue
        j = m.end()
        if text.startswith("/.", j):  # the "./." end mark of wire copy
            j += 2
        while j < n and text[j] in '"”’)':
            j += 1
        if j < n:
            nxt = text[j]
            if nxt.isspace():
                k = j
                while k < n and text[k] in " \t":
                    k += 1
                if k < n and not (text[k].isupper() or text[k].isdigit() or text[k] in '"“‘(\n'):
                    continue
            elif not (nxt.isupper() and text[j + 1 : j + 2].islower() and text[m.start() - 2 : m.start()].isalpha()):
                continue  # "4.7", "U.N.", "e.g." inside a sentence
        if m.group(0) == "." and ABBREV.search(text, max(0, m.start() - 12), m.start()):
            continue
        spans.append((start, j))
        start = j
    spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside a sentence, split at ";", ", while", ", and", ", which" and the like."""
    out = []
    s = start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > s:
            out.append((s, m.start()))
        s = m.start()
    out.append((s, end))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1]
