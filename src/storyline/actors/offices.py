"""Office titles: the one place that says which office a title names.

Role names in the knowledge base ("Minister of Foreign Affairs") and titles in the text
("Syria's foreign minister", "the Syrian president") go through the same patterns, so they meet
on one key ("foreign-minister", "president").  Dating an article by its people's titles
(``dating.py``) and naming the holder of an office (``KnowledgeBase.office_holder``) both read
them here.
"""

from __future__ import annotations

import re

# Ordered: the first matching pattern names the office.
TITLES: list[tuple[str, re.Pattern[str]]] = [
    (key, re.compile(pattern, re.I))
    for key, pattern in (
        ("spokesperson", r"spokes(?:man|woman|person)|press secretary"),
        ("vice-president", r"\bvice[- ]president"),
        ("prime-minister", r"\bprime minister|\bpremier\b"),
        (
            "foreign-minister",
            r"\bforeign minister|minister (?:of|for) (?:foreign|external) affairs|foreign "
            r"secretary|secretary of state\b|minister of international relations|top diplomat",
        ),
        (
            "defence-minister",
            r"\bdefen[cs]e (?:minister|secretary|chief)|minister (?:of|for) (?:national )?"
            r"defen[cs]e|secretary of defen[cs]e|minister of the armed forces",
        ),
        (
            "intelligence-chief",
            r"\bintelligence (?:chief|head|director)|\bspy (?:chief|master)|head of (?:the )?"
            r"(?:national )?intelligence|director of (?:the cia|national intelligence)"
            r"|minister of intelligence|\bcia director",
        ),
        ("interior-minister", r"\binterior minister|minister of (?:the )?interior"),
        ("president", r"\bpresident\b"),
        ("king", r"\bking\b"),
        ("emir", r"\bemir\b"),
        ("chancellor", r"\bchancellor\b"),
    )
]
NOT_NOW = re.compile(r"\b(?:former|ex|then|late|deputy|acting|assistant|vice|onetime)\b", re.I)
# A title "of" a body is that body's office, not the country's: "President of the European
# Commission", "President of the UN General Assembly" (but "Emir of Qatar", "President of the
# Republic").
_OF_BODY = re.compile(
    r"\bof\b.*\b(?:commission|council|assembly|bank|court|parliament|union|league|committee|"
    r"party|organi[sz]ation|congress|senate|federation|association|movement|front|board|"
    r"university|club|company|agency|fund|authority|group|forum|conference|institute)\b",
    re.I,
)
_MAY_LEAD = {"", "interim", "transitional", "federal", "first", "the"}


def office(title: str) -> str | None:
    """The office a title names, or None (for a former, deputy or acting one too)."""
    if NOT_NOW.search(title.replace("Vice President", "").replace("vice president", "")):
        return None
    for key, pattern in TITLES:
        if pattern.search(title):
            return key
    return None


def national_office(role: str) -> str | None:
    """The office a role names when it is a country's own office and the role *is* that
    office: "President" and "Minister of Foreign Affairs" are; "President of the European
    Commission" and "Adviser to the President" are not the president."""
    if NOT_NOW.search(role.replace("Vice President", "").replace("vice president", "")):
        return None
    for key, pattern in TITLES:
        m = pattern.search(role)
        if m is None:
            continue
        if role[: m.start()].strip().lower() not in _MAY_LEAD:
            return None
        heads = {"president", "king", "emir", "chancellor", "prime-minister", "vice-president"}
        if key in heads and _OF_BODY.search(role[m.end() :]):
            return None
        return key
    return None
