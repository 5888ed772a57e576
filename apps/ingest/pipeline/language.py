"""Guess an article's language (ISO 639-1) from its script, diacritics and function words; pure Python."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from apps.ingest.pipeline.lexicon import STOPWORDS

_STOPSETS = {lang: frozenset(words) for lang, words in STOPWORDS.items()}
# Each stopword with the languages whose list has it: a text's distinct tokens are looked up once each.
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPSETS.items():
    for _w in _words:
        _WORD_LANGS[_w] = (*_WORD_LANGS.get(_w, ()), _lang)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Letters found in Vietnamese and in no other Latin-script language the pipeline meets.
_VIETNAMESE = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ")
_LATIN_VI = re.compile("[" + "".join(ch for ch in _VIETNAMESE if ord(ch) <= 0x024F) + "]")
_URDU_ONLY = frozenset("ٹڈڑںےھۓ")
_PERSIAN_HINT = frozenset("پچژگکی")
_UKRAINIAN = frozenset("іїєґІЇЄҐ")

# (first code point, last code point, language) for scripts that identify a language (or its main one).
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
    (0x0400, 0x04FF, "ru"),
    (0x0370, 0x03FF, "el"),
    (0x0590, 0x05FF, "he"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0E00, 0x0E7F, "th"),
    (0x1780, 0x17FF, "km"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x1100, 0x11FF, "ko"),
    (0x4E00, 0x9FFF, "zh"),
    (0x3400, 0x4DBF, "zh"),
)
MIN_ENGLISH_RATIO = 0.12  # share of tokens that are English function words in even terse English prose


_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER = re.compile(r"[^\x00-\u024f]")


def _count_latin(text: str) -> int:
    """How many characters of the text _LATIN_LETTERS matches, counted on the code points with numpy."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = cp | 0x20  # ASCII letters of either case land in 97..122; no other code point below 0xC0 does
    return int(np.count_nonzero(((folded >= 97) & (folded <= 122) & (cp < 128)) | ((cp >= 0xC0) & (cp <= 0x24F))))


def _script_counts(text: str) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    latin = _count_latin(text)
    # Only characters outside Latin-1/Latin Extended need a script lookup: regexes skip the rest in C.
    for ch in _OTHER.findall(text):
        cp = ord(ch)
        for lo, hi, lang in _SCRIPTS:
            if lo <= cp <= hi:
                counts[lang] += 1
                break
        else:
            if ch in _VIETNAMESE or 0x1EA0 <= cp <= 0x1EFF:
                counts["vi"] += 1
    return counts, latin


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language ("en", "vi", "fr", ...); "en" when there is too little text."""
    sample = text[:6000]
    counts, latin = _script_counts(sample)
    non_latin = sum(n for lang, n in counts.items() if lang != "vi")
    if non_latin > latin:
        lang = counts.most_common(1)[0][0]
        if lang == "ja" or (lang == "zh" and counts.get("ja", 0) > 0.05 * counts["zh"]):
            return "ja"  # Japanese mixes kana with Han characters
        if lang == "ar":
            if any(ch in _URDU_ONLY for ch in sample):
                return "ur"
            if any(ch in _PERSIAN_HINT for ch in sample):
                return "fa"
        if lang == "ru" and any(ch in _UKRAINIAN for ch in sample):
            return "uk"
        return lang
    # Vietnamese marks its tones on most syllables; a few names with diacritics in English text stay far below.
    vi_chars = counts.get("vi", 0) + len(_LATIN_VI.findall(sample))
    if latin and vi_chars / max(latin, 1) > 0.04:
        return "vi"
    tokens = _TOKEN.findall(sample)
    if len(tokens) < 8:
        return "en"
    # Count each distinct lower-cased token once, then sum the counts of the stopwords present (same integers).
    counts_lower = Counter(map(str.lower, tokens))
    totals = dict.fromkeys(_STOPSETS, 0)
    word_langs = _WORD_LANGS
    for word, n in counts_lower.items():
        for lang in word_langs.get(word, ()):
            totals[lang] += n
    scores = {lang: total / len(tokens) for lang, total in totals.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores["en"] >= MIN_ENGLISH_RATIO and scores["en"] >= 0.8 * scores[best]:
        return "en"  # English stopwords ("a", "in") occur in other lists too: prefer English when it is close
    return best if scores[best] >= 0.1 else "en"
