"""The words around a percentage that say what it is: a share of women now, a goal (the UN's or a country's), a
baseline, a change, or a threshold. Stage 1 of the figure grammar reads them (mentions._percent_items)."""

from __future__ import annotations

import re

WOMEN_CUE = re.compile(r"\b(?:wom[ae]n|female|females|gender|girls|servicewomen|policewomen)\b", re.IGNORECASE)
TARGET_CUE = re.compile(
    r"\b(?:targets?|aims?|aimed|aiming|goals?|objectives?|quotas?|benchmarks?|bid\s+to|strives?|seeks?\s+to|"
    r"parity\s+strategy|requested|required|called\s+for|calls\s+for|recommend\w*|pledged?\s+to|planning\s+to|intends?|"
    r"plans?\s+to|wants?|hopes?\s+(?:to|that)|hoped|expects?\s+to|should|by\s+20[2-9]\d|instruct(?:s|ed|ing)|urg(?:e|es|ed|ing)|"
    r"call(?:s|ed|ing)?\s+(?:on|upon)|(?:pledge[sd]?|promise[sd]?|vow(?:s|ed)?|committed)\s+that|ask(?:s|ed|ing)?\s+(?:[\w-]+\s+){1,4}to|in\s+the\s+(?:near\s+)?future|"
    r"sets?(?!\s+of)|ensur(?:e|es|ing)\s+(?:that\s+)?(?:wom[ae]n|females?))\b",
    re.IGNORECASE,
)
TARGET_AFTER = re.compile(
    r"^\s*(?:of\s+women\s+)?(?:target|goal|quota|benchmark|(?:as\s+)?(?:requested|required|set|recommended|"
    r"sought|demanded|called\s+for|mandated)\s+by)\b"
    # a share the setter wants: "the 20 percent that the UN wants to see in formed police units"
    r"|^\s*(?:that|which|the\s+(?=UN\b|U\.N\.|United\s+Nations|[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+){0,3}(?:Strategy|Council|"
    r"Secretariat|Department)))\s*(?:[\w.-]+\s+){0,4}?(?:wants?|seeks?|hopes?|aims?|requires?|expects?|demands?|asks?|"
    r"has\s+set|set|sets|is\s+aiming|is\s+seeking)\b",
    re.IGNORECASE,
)
# A deadline after the share, in its clause: "women make up at least 20 per cent of formed police units by 2028".
DEADLINE_AFTER = re.compile(r"^[^.;\d]{0,80}?\bby\s+(?:the\s+end\s+of\s+)?20[2-9]\d\b", re.IGNORECASE)
PAST_SHARE = re.compile(r"\b(?:was|were|had|stood|reached|rose|grew|climbed|fell|made\s+up|accounted)\b", re.IGNORECASE)
TARGET_TO = re.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|reach\w*|double|doubling|lift\w*|bring\w*)\b[^.;]{0,80}\b(?:to|at\s+least)\s*$",
    re.IGNORECASE,
)
CURRENT_BEFORE = re.compile(
    r"(?:\b(?:from|currently|current|now|present|today|stands?\s+at|is\s+at|are\s+at)|,\s*at)\b"
    r"(?:\s+(?:the|a|just|only|about|around|some|of|little|over|under|nearly|almost|roughly))*\s*$",
    re.IGNORECASE,
)
ATTACHED_SHARE = re.compile(
    r"\b(?:wom[ae]n|female|females|personnel|officers|troops|soldiers|peacekeepers)\b[^.;\d]{0,6}[,(]?\s*(?:or|accounting\s+for|"
    r"representing|making\s+up|which\s+is|i\.e\.|who\s+(?:now\s+)?(?:account|accounts|make\s+up|makes\s+up|constitute|"
    r"represent|form)(?:\s+for)?)(?:\s+(?:only|just|about|around|some|nearly|roughly|between))*\s*$",
    re.IGNORECASE,
)
# A percentage that is a threshold or a difference, not anybody's share: "breaking the 1 percent mark",
# "46 per cent, 15 per cent over the UN requirement".
NOT_A_SHARE_AFTER = re.compile(
    r"\s+(?:mark|threshold|barrier|milestone|(?:over|above|below|higher\s+than|lower\s+than|short\s+of)\s+the\b)",
    re.IGNORECASE,
)
FROM_TO_AFTER = re.compile(r"\s*(?:%|per\s?cent|percent)?\s+to\s+$", re.IGNORECASE)
NATIONAL_WHOLE_AFTER = re.compile(
    r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:(?:personnel|staff|members|troops|soldiers|officers|ranks)\s+(?:in|of)\s+(?:the\s+)?)?"
    r"(?:[A-Z][\w’']*\s+){0,3}(?:Armed\s+Forces|Army|Navy|Air\s+Force|Defen[cs]e\s+Forces?|Police(?:\s+Force|\s+Service)?)\b"
)
CHANGE_BEFORE = re.compile(
    r"\b(?:by|grew|rose|fell|increase\s+of|decrease\s+of|growth\s+of|(?:rising|falling|rose|fell|grew)\s+from)\s*$",
    re.IGNORECASE,
)

# A bulleted or labelled line of a list ("• Formed police units: 13 per cent"), whose women were named above it.
_LIST_ITEM = re.compile(r"\s*(?:[•·▪◦*–-]\s*|[A-Z][\w ,/&()-]{2,60}:\s)")
# "set itself the goal of women making up 20 percent": the share after a goal noun is the goal, whatever verb
_GOAL_OF = re.compile(r"\b(?:goal|target|aim|objective|ambition)\s+(?:of|is|was|to)\b", re.IGNORECASE)
# A share given per category ("15.2% for formed police units"), whose women were named just before.
_CATEGORY_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:formed\s+police\s+units|(?:military\s+)?contingents|individual\s+police|military\s+observers|"
    r"staff\s+officers)\b"
    r"|\s+(?:for|in|among)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:contingents?|units|police(?:\s+officers)?|observers|"
    r"officers|troops|personnel)\b",
    re.IGNORECASE,
)
# A share measured against a goal named after it is the current one: "30.7 per cent of police officers, already above
# the 30 per cent sought".
_COMPARED_AFTER = re.compile(
    r"[^.;]{0,60}?,\s*(?:already\s+|still\s+|well\s+|far\s+)?(?:above|below|short\s+of|beyond|exceeding|surpassing|"
    r"ahead\s+of)\s+the\b",
    re.IGNORECASE,
)
_SHARE_WORD = re.compile(r"\b(?:the|their|its)\s+(?:share|proportion|percentage|representation)\b", re.IGNORECASE)


_FRACTION_VALUES = {
    "quarter": 25.0,
    "fifth": 20.0,
    "third": 33.3,
    "four": 25.0,
    "five": 20.0,
    "three": 33.3,
    "ten": 10.0,
}
_FRACTION_OF = re.compile(
    r"\b(?P<f>(?:a|one)\s+(?:quarter|fifth|third)|one\s+(?:(?:woman|women|female)\s+)?(?:in|out\s+of)\s+(?:four|five|three|ten))\s+"
    r"(?:of\s+|for\s+)?"
    r"(?=(?:the\s+|all\s+)?(?:[\w-]+\s+){0,5}?(?:observers|officers|contingents|units|members|troops|personnel|posts|"
    r"peacekeepers|police))",
    re.IGNORECASE,
)
