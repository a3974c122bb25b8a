"""Clean stage: normalize the text, keep paragraphs, drop boilerplate and say what was dropped.

Every dropped line goes to ``article.removed`` so a reader can audit the cleaner; a line is only
dropped by a rule that names a known kind of boilerplate, never because it is merely short.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import pairwise

from storyline.model import Article

# Lines that are page furniture rather than reporting.  Applied only to short lines.
_BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"^most (popular|read|viewed|shared)( (stories|articles|this week))?$",
        r"^\(?\s*(photo|image|picture|video)s?\s*(credit|courtesy|source|by)?\s*[:/]\s*.*\)?$",
        r"^\(?\s*(photo|image|picture)s?\s+(credit|courtesy)\b.*\)?$",
        r"^share( this)?( article| story| post)?( on (facebook|twitter|x|whatsapp|linkedin))?:?$",
        r"^(share|tweet|email|print)( \| (share|tweet|email|print))+$",
        r"^subscribe\b.*$",
        r"^sign up\b.*(newsletter|updates|briefing).*$",
        r"^(read|see) (more|also)\b.*$",
        r"^related( (stories|articles|content|coverage))?\s*:?.*$",
        r"^advertisement$",
        r"^(sponsored|promoted)( content)?$",
        r"^(we use )?cookies?\b.*(accept|consent|policy|experience).*$",
        r"^(accept|reject) (all )?cookies$",
        r"^follow us( on .*)?$",
        r"^click here\b.*$",
        r"^(tags|topics|keywords)\s*:.*$",
        r"^\d+ comments?$",
        r"^(leave|post) a comment$",
        r"^(skip to (main )?content|back to top|menu|home|search)$",
        r"^copyright\b.*$|^©.*$|^all rights reserved\.?$",
        r"^(file )?photo\s*[:|-].*$",
        r"^(listen to|watch|download) (this|the) (article|story|video|podcast)\b.*$",
        r"^(this (article|story) (was|has been) (updated|corrected)|updated|last updated)\b.{0,80}$",
        r"^(newsletter|breaking news alerts?|get the app|download (our|the) app)\b.{0,80}$",
        r"^(previous|next) (article|story|post)\b.*$",
        r"^\(?(reporting|writing|editing|additional reporting|compiled) by\b.{0,200}\)?$",
    )
]
# Photo captions end with an agency credit: "... in Ankara on Jan. 5. (Reuters/Jane Doe)",
# "... [AFP]", "... REUTERS/Jane Doe" or "Photo: Getty Images".
_CAPTION = re.compile(
    r"(?:[\(\[]\s*(?:(?:file )?photo(?:graph)?\s*[:/]?\s*)?[^()\[\]]{0,60}?\b(?:reuters|afp|ap photo|"
    r"getty images|epa(?:-efe)?|anadolu(?: agency)?|aa|xinhua|sana|shutterstock|ap|efe|tass|sputnik|"
    r"iha|dha|photo credit)\b[^()\[\]]{0,60}[\)\]]|\b(?:REUTERS|AFP|AP Photo|EPA)/[A-Z][\w .-]{1,40})\s*$",
    re.I,
)
_MAX_CAPTION_LEN = 320
_BYLINE = re.compile(
    r"^by\s+(?P<who>[^\n]{1,80}?)(?:\s*[-–—|,]\s*(?P<date>[A-Za-z0-9 ,./-]{6,40}))?\s*$", re.I
)
_MAX_BOILERPLATE_LEN = 140
# A wire dateline before the first sentence: "UNITED NATIONS, March 5 - ", "CAIRO - ",
# "WASHINGTON (Reuters) - ", "LONDON/VENICE, Louisiana (Reuters) - ".  The place is in capitals.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/-]+(?: [A-Z][A-Z.'/-]+){0,3})"
    r"(?:, (?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?"
    r"(?:, (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r"(?: ?\((?P<agency>[A-Za-z][\w .&-]{1,20})\))?"
    r" ?[-–—]{1,2} (?=[A-Z\"“'])"
)
# A page's time stamp fused to the first sentence: "Friday 10 June 2005 00.05 BST",
# "Wednesday, December 15, 2010; 8:18 PM", "Fri Jun 11, 2010 6:27 pm EDT", "Wed 05 Apr 2017".
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_TIMESTAMP = re.compile(
    rf"^(?:(?:Published|Updated|Posted)(?: on)?:? )?(?:{_WEEKDAY} )?"
    rf"(?:\d{{1,2}} {_MONTH}|{_MONTH} \d{{1,2}}),? \d{{4}}"
    r"(?:[;,]? \d{1,2}[.:]\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)? (?=[A-Z\"“'])"
)
_MAX_DATELINE = 80
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters: zero-width ones, and the bidirectional marks, embeddings, overrides and
# isolates (U+202E shows "abc" as "cba": stored text must read as it is).
_ZERO_WIDTH = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
    r"\u2061-\u2064\u180e\ufff9-\ufffb]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_EN_FUNCTION_WORDS = frozenset(
    (
        "the of and to in a is that for on with as was by it at from his he said has have be are "
        "its were an this which not but had their been they will who after"
    ).split()
)


def normalize(text: str) -> str:
    """NFC, one space between words, no invisible characters; quotes and dashes are left alone."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def is_boilerplate(line: str) -> bool:
    bare = line.strip().strip("*_#>•·|").strip()
    if len(line) <= _MAX_CAPTION_LEN and _CAPTION.search(bare):
        return True
    if len(line) > _MAX_BOILERPLATE_LEN:
        return False
    return any(p.match(bare) for p in _BOILERPLATE)


def _looks_like_headline(line: str, rest: list[str]) -> bool:
    """A short first line with no closing punctuation, followed by body text, is a headline."""
    if not rest or len(line) > 160 or len(line.split()) < 3:
        return False
    return not line.endswith((".", "?", "!", ":", ";", ",", '"', "”"))


# How far (in the classifier's log-probability) English may trail on a short text of names.
EN_MARGIN = 5.0


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; 'und' when there is too little text to tell.

    A text full of English function words is English without asking the classifier (the common
    case, and free); anything else goes to py3langid.  Only English goes through the English
    stages; other languages are kept, marked and reported.
    """
    sample = text[:5000]
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 5:
        return "und"
    share = sum(1 for w in words if w in _EN_FUNCTION_WORDS) / len(words)
    if share >= 0.18:
        return "en"
    import py3langid

    ranked = py3langid.rank(sample)  # best first; its top is what classify would give
    lang = ranked[0][0]
    if lang != "en" and len(words) < 40:
        # A short English text with names the classifier has not seen ("Uhuru Kenyatta
        # received Sam Kutesa, the Ugandan foreign minister."; "Kenyan Prime Minister Raila
        # Odinga criticised Uganda on Monday.", two such words): names are no language, so
        # the words in small letters are asked again on their own.
        small = [w for w in re.findall(r"[^\W\d_]+", sample) if w[:1].islower()]
        if share >= 0.12 or (len(small) >= 2 and py3langid.classify(" ".join(small))[0] == "en"):
            return "en"
        if len(small) < 2:
            # "Kenyan President Uhuru Kenyatta met Ugandan President Yoweri Museveni.": one
            # word in small letters is too little to tell any language by; the names say none
            return "en"
        # "Argentine President Carlos Ibarra criticised Brazil.": mostly names, and
        # English a close second to whatever language the names suggest
        top = dict(ranked[:3])
        if "en" in top and top[lang] - top["en"] <= EN_MARGIN:
            return "en"
    return str(lang)


_LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)])\s")


def reflow(text: str) -> str:
    """Join the lines of hard-wrapped text (wire archives, e-mail, plain-text dumps) back into
    paragraphs, so a sentence broken across lines is parsed as one.

    Only text that looks wrapped is touched: most lines of similar, moderate length and none much
    longer. A line is joined to the next when it reaches the wrap width (it was broken, not
    ended) and the next line neither starts a paragraph (blank line, indentation) nor a list item.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    if len(lengths) < 4 or lengths[-1] > 100:
        return text
    width = lengths[int(len(lengths) * 0.9) - 1]  # the wrap column, give or take a word
    wrapped = sum(1 for n in lengths if n >= 0.6 * width)
    if width < 40 or wrapped < 0.6 * len(lengths):
        return text
    # Wrapped prose breaks mid-sentence: many lines run on into a lower-case word.  One sentence
    # or item per line (a list, a page's furniture) never does.
    full = [ln.strip() for ln in lines if ln.strip()]
    runs = sum(
        1
        for a, b in pairwise(full)
        if b[:1].islower() and not a.endswith((".", "!", "?", ":", '"', "”"))
    )
    if runs < 0.2 * (len(full) - 1):
        return text
    out: list[str] = []
    last = 0  # length of the previous physical line: did it reach the wrap column?
    for line in lines:
        starts_paragraph = not line.strip() or line[:1] in " \t" or bool(_LIST_ITEM.match(line))
        # Broken, not ended: the line reached the wrap column, or the sentence runs on into a
        # lower-case word.
        runs_on = (
            bool(out)
            and line.strip()[:1].islower()
            and not out[-1].rstrip().endswith((".", "!", "?"))
        )
        if out and out[-1].strip() and not starts_paragraph and (last >= 0.7 * width or runs_on):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        last = len(line.rstrip())
    return "\n".join(out)


def clean_article(article: Article) -> Article:
    text = normalize(reflow(article.text))
    lines = [ln for ln in text.split("\n")]
    nonempty = [ln for ln in lines if ln]
    counts = Counter(ln for ln in nonempty if len(ln) <= 60)
    kept: list[str] = []
    removed: list[str] = list(article.removed)
    for idx, line in enumerate(nonempty):
        if is_boilerplate(line):
            removed.append(line)
            continue
        if counts[line] > 1 and len(line.split()) <= 6 and not line.endswith("."):
            # The same short line more than once is navigation, not reporting.
            removed.append(line)
            continue
        if idx < 6 and "byline" not in article.meta:
            m = _BYLINE.match(line)
            if m and len(m.group("who").split()) <= 8:
                article.meta["byline"] = line
                if m.group("date"):
                    article.meta["byline_date"] = m.group("date").strip()
                if not article.author:
                    article.author = m.group("who").strip()
                removed.append(line)
                continue
        if len(kept) < 3:
            line = _strip_dateline(article, line, removed)
        kept.append(line)
    if article.title is None and kept and _looks_like_headline(kept[0], kept[1:]):
        article.title = kept.pop(0)
    article.title = normalize(article.title).strip() if article.title else article.title
    article.text = "\n\n".join(kept)
    article.removed = removed
    stated = str(article.meta.get("language_stated") or "").split("-")[0].split("_")[0]
    article.language = stated if len(stated) == 2 else detect_language(article.text)
    return article


def _strip_dateline(article: Article, line: str, removed: list[str]) -> str:
    """A dateline or page time stamp in front of the first sentences is not part of them (it
    would make "UNITED NATIONS, March 5 - Pakistan" a subject): moved to ``meta`` and listed."""
    for rx, key in ((_TIMESTAMP, "timestamp"), (_DATELINE, "dateline")):
        m = rx.match(line)
        if m and m.end() <= _MAX_DATELINE and len(line) > m.end() + 20:
            found = line[: m.end()].strip()
            article.meta.setdefault(key, found)
            if key == "dateline":
                article.meta.setdefault("dateline_place", m.group("place"))
            removed.append(found)
            line = line[m.end() :]
    return line


def run(batch: list[Article], ctx: object = None) -> list[Article]:
    return [clean_article(a) for a in batch]
