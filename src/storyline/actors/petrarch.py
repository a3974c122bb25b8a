"""Import PETRARCH / Phoenix / TABARI-style actor and agent dictionaries.

Users of event data already keep their actors in these dictionaries (the Phoenix
``Phoenix.Countries.actors.txt``, PETRARCH's validation dictionaries, their own lists), so the
knowledge base reads them as they are instead of asking for a conversion.  Public functions:

``load_petrarch(actors=(), agents=(), *, base=None) -> KnowledgeBase``
    Read actor dictionaries (paths) and agent dictionaries (paths) into a knowledge base.
    ``base=None`` gives a knowledge base holding *only* the dictionaries (what an evaluation on
    PETRARCH's toy dictionaries wants: Arnor is ``ARN`` and nothing else is known); pass
    ``base=load_kb()`` (or any knowledge base) to add them on top of ours instead -- the base is
    copied, never changed.  The result works everywhere a ``KnowledgeBase`` does
    (``Context(kb=...)``, ``resolve.resolve_article``, ``kb.code_for(actor_id, "2012-12-25")``).
``read_actor_dictionary(path) -> list[ActorRecord]`` and
``read_agent_dictionary(path) -> list[AgentRecord]``
    The parsed records, for callers that want them without a knowledge base.
``add_petrarch(kb, actor_records=(), agent_records=())``
    Add parsed records to an existing knowledge base (in place).
``looks_like_agents(text) -> bool``
    Whether a dictionary is an agent dictionary (codes written ``[~GOV]`` / ``[NGO~]``).

Actor dictionary format (as PETRARCH reads it): a primary phrase, optionally with a code,
``GONDOR [GON]``; synonym lines ``+MINAS_TIRITH``; indented date restrictions
``\\t[HOBGOV 20121109-20130119]``, ``\\t[HOB <950601]``, ``\\t[HOBELI >20130119]`` (inclusive
bounds, YYYYMMDD or YYMMDD with 00-30 read as 20YY) and ``\\t[CODE]`` replacing the default.
Where restrictions overlap the one written first wins (PETRARCH's rule); a day no restriction
covers takes the undated code.  Words are joined by spaces or underscores; a trailing ``_`` (the
old TABARI "no stemming" mark) is dropped; ``[---]`` is the null code (recognised, not coded);
``[ELR/GAL]`` codes a compound actor (the code keeps the ``/``: ``split_codes`` separates it).
Comments: lines starting ``#`` or ``<!``, ``<!-- ... -->`` (also over several lines), and
anything after `` #`` or ``;``.

Agent dictionary format: ``FOREIGN_MINISTER [~GOVFRM]`` (``~CODE`` is appended to the actor's
code, ``CODE~`` prepended: ``NGO~`` + USA = ``NGOUSA``); ``{PLURAL}`` gives an irregular plural
and ``{}`` none (otherwise +S, Y->IES, SS->ES); substitution sets ``!PERSON! = MAN, MEN`` are
expanded wherever ``!PERSON!`` appears.

How entries map onto ours: an entry whose codes are all three letters is a country-like actor
(its code composes with agents: "Gondor's army" -> ``GONMIL``); an entry with date restrictions
and sector codes is a person whose roles are the restriction intervals; other entries are
groups or organizations by their agent suffix.  Malformed lines are skipped with a warning on
the ``storyline.actors.petrarch`` logger (what PETRARCH does), never silently.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.actors.base import AGENT_KIND, Entry, KnowledgeBase, KnowledgeError
from storyline.actors.names import key_tokens, slug
from storyline.model import Role

log = logging.getLogger(__name__)

NULL_CODE = "---"


class PetrarchError(KnowledgeError):
    """A dictionary that cannot be read at all (missing file, not text)."""


@dataclass(slots=True)
class DateRestriction:
    """A code that applies between two dates, both inclusive (None = open)."""

    code: str
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class ActorRecord:
    phrases: list[str]  # the primary phrase first, then its synonyms; words joined by spaces
    default: str | None = None  # the undated code ("---" for the null code)
    restrictions: list[DateRestriction] = field(default_factory=list)
    line: int = 0


@dataclass(slots=True)
class AgentRecord:
    phrases: list[str]
    code: str  # the agent code without the "~"
    prefix: bool = False  # "NGO~": written before the actor's code
    line: int = 0


# ---- reading --------------------------------------------------------------------------------
def _text(source: str | Path) -> tuple[str, str]:
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PetrarchError(f"cannot read dictionary {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise PetrarchError(f"{path} is not a text dictionary")
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc), str(path)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), str(path)


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """Lines with comments removed, as PETRARCH's reader sees them (leading tabs kept)."""
    in_comment = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after[after.find("-->") + 3 :]
            else:
                in_comment = True
                line = before
        if not line.strip() or line.lstrip(" ").startswith("#") or line.startswith("<!"):
            continue
        if " #" in line or "\t#" in line:
            line = re.split(r"[ \t]#", line, maxsplit=1)[0]
        if not line.strip():
            continue
        yield n, line


def _phrase(text: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH_`` -> ``PRESIDENT GEORGE W. BUSH``."""
    words = [w.strip("_") for w in re.split(r"[\s_]+", text.strip())]
    return " ".join(w for w in words if w)


def _date(text: str) -> str:
    """YYYYMMDD or YYMMDD (00-30 -> 20YY, else 19YY) -> ISO; ValueError if not a real day."""
    digits = text.strip()
    if not digits.isdigit():
        raise ValueError(text)
    if len(digits) > 7:
        y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    elif len(digits) == 6:
        y, m, d = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        y += 2000 if y <= 30 else 1900
    else:
        raise ValueError(text)
    return date(y, m, d).isoformat()


def _restriction(body: str) -> DateRestriction | None:
    """The inside of ``[CODE <date]``, ``[CODE >date]``, ``[CODE d1-d2]`` or ``[CODE]``."""
    parts = body.strip().split(None, 1)
    if not parts:
        return None
    code = parts[0].upper()
    rest = parts[1].strip() if len(parts) > 1 else ""
    if not rest:
        return DateRestriction(code)
    if rest[0] in "<>":
        when = _date(re.sub(r"\D", "", rest[1:]))
        return DateRestriction(code, None, when) if rest[0] == "<" else DateRestriction(code, when)
    if "-" in rest:
        a, _, b = rest.partition("-")
        lo, hi = _date(a), _date(b)
        if hi < lo:
            raise ValueError("end before start")
        return DateRestriction(code, lo, hi)
    raise ValueError(rest)


def read_actor_dictionary(source: str | Path) -> list[ActorRecord]:
    """Parse a PETRARCH/TABARI actor dictionary (see the module docstring for the format)."""
    text, name = _text(source)
    records: list[ActorRecord] = []
    current: ActorRecord | None = None
    for n, line in _lines(text):
        if "---STOP---" in line:
            break
        if line[0] in " \t" and "[" in line:
            if current is None:
                log.warning("%s:%d: date restriction before any actor; skipped", name, n)
                continue
            body = line[line.index("[") + 1 :].split("]", 1)[0]
            try:
                r = _restriction(body)
            except ValueError:
                log.warning("%s:%d: date restriction not understood: %s", name, n, line.strip())
                continue
            if r is None:
                continue
            if r.start is None and r.end is None:
                current.default = r.code  # "[CODE]" alone replaces the default
            else:
                current.restrictions.append(r)
            continue
        stripped = line.strip().split(";", 1)[0]
        if stripped.startswith("+"):
            phrase = _phrase(stripped[1:].split("[", 1)[0])
            if current is None:
                log.warning("%s:%d: synonym before any actor; skipped", name, n)
            elif phrase:
                current.phrases.append(phrase)
            continue
        head, _, tail = stripped.partition("[")
        phrase = _phrase(head)
        if not phrase:
            log.warning("%s:%d: line without a phrase; skipped", name, n)
            continue
        current = ActorRecord([phrase], line=n)
        if tail:
            body = tail.split("]", 1)[0].strip()
            if body:
                try:
                    r = _restriction(body)
                except ValueError:
                    log.warning("%s:%d: code not understood: %s", name, n, body)
                    r = None
                if r is not None and r.start is None and r.end is None:
                    current.default = r.code
                elif r is not None:
                    current.restrictions.append(r)
        records.append(current)
    return records


def _plural(word: str) -> str:
    upper = word.upper()
    if upper.endswith("SS"):
        return word + ("ES" if word.isupper() else "es")
    if upper.endswith("Y") and len(word) > 1 and upper[-2] not in "AEIOU":
        return word[:-1] + ("IES" if word.isupper() else "ies")
    return word + ("S" if word.isupper() else "s")


def looks_like_agents(text: str) -> bool:
    return bool(re.search(r"\[\s*~\s*\w|\[\s*\w+~\s*\]", text))


def read_agent_dictionary(source: str | Path) -> list[AgentRecord]:
    """Parse a PETRARCH agent dictionary (see the module docstring for the format)."""
    text, name = _text(source)
    subs: dict[str, list[str]] = {}
    records: list[AgentRecord] = []
    for n, line in _lines(text):
        line = line.strip()
        m = re.match(r"^(![A-Za-z0-9_]+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.*?)\s*(?:\{([^}]*)\})?\s*\[\s*([^\]]*?)\s*\]", line)
        if not m or "~" not in m.group(3):
            log.warning("%s:%d: agent line not understood: %s", name, n, line)
            continue
        raw_phrase, plural, raw_code = m.group(1), m.group(2), m.group(3).replace(" ", "")
        prefix = raw_code.endswith("~")
        code = raw_code.strip("~").upper()
        if not code or not raw_phrase.strip():
            log.warning("%s:%d: agent line without phrase or code: %s", name, n, line)
            continue
        forms = [raw_phrase]
        marker = re.search(r"![A-Za-z0-9_]+!", raw_phrase)
        if marker:
            words = subs.get(marker.group(0).upper())
            if not words:
                log.warning("%s:%d: unknown substitution %s", name, n, marker.group(0))
                continue
            forms = [raw_phrase.replace(marker.group(0), w) for w in words]
            plural = ""  # substituted words carry their own plurals
        phrases = []
        for form in forms:
            phrase = _phrase(form)
            phrases.append(phrase)
            if plural is None:
                words = phrase.split(" ")
                phrases.append(" ".join([*words[:-1], _plural(words[-1])]))
            elif plural.strip():
                phrases.append(_phrase(plural))
        records.append(AgentRecord(phrases, code, prefix, n))
    return records


# ---- into a knowledge base ------------------------------------------------------------------
def split_codes(code: str | None) -> list[str]:
    """``ELR/GAL`` -> ``["ELR", "GAL"]``: a compound actor's codes."""
    return [c for c in (code or "").split("/") if c]


def _timeline(record: ActorRecord) -> list[Role]:
    """Restrictions (first written wins where they overlap) as non-overlapping roles."""
    if not record.restrictions:
        return []
    big = date.max.toordinal()

    def ordinal(iso: str | None, default: int) -> int:
        return date.fromisoformat(iso).toordinal() if iso else default

    spans = [(ordinal(r.start, 1), ordinal(r.end, big), r.code) for r in record.restrictions]
    cuts = sorted({1} | {lo for lo, _, _ in spans} | {hi + 1 for _, hi, _ in spans if hi < big})
    pieces: list[tuple[int, int, str | None]] = []
    for k, start in enumerate(cuts):
        end = cuts[k + 1] - 1 if k + 1 < len(cuts) else big
        code = next((c for lo, hi, c in spans if lo <= start <= hi), None)
        if pieces and pieces[-1][2] == code and pieces[-1][1] + 1 == start:
            pieces[-1] = (pieces[-1][0], end, code)
        else:
            pieces.append((start, end, code))
    roles = []
    for lo, hi, code in pieces:
        if code is None:
            continue  # no restriction covers these days: the default code applies
        start = None if lo == 1 else date.fromordinal(lo).isoformat()
        end = None if hi == big else date.fromordinal(hi).isoformat()
        roles.append(Role("dictionary", "" if code == NULL_CODE else code, start, end))
    return roles


def _kind(codes: list[str], dated: bool) -> str:
    if codes and all(len(c) == 3 and c.isalpha() for c in codes):
        return "country"
    if dated:
        return "person"
    agent = next((c[3:6] for c in codes if len(c) >= 6), "")
    return AGENT_KIND.get(agent, "organization")


def _entry(kb: KnowledgeBase, record: ActorRecord) -> Entry:
    default = None if record.default in (None, NULL_CODE) else record.default
    roles = _timeline(record)
    codes = [c for c in [default, *(r.code for r in roles)] if c]
    flat = [c for code in codes for c in split_codes(code)]
    kind = _kind(flat, bool(roles))
    if kind == "country" and not roles and default and "/" not in default:
        actor_id = default  # a country-like code is its own identity: "Gondor" and
    else:  # "Minas Tirith" are one actor GON, and our SYR gains Syria's spellings
        actor_id = "dict:" + slug(record.phrases[0])
    country = None
    if flat:
        first = flat[0]
        country = first[:3] if first[:3].isalpha() and kind != "organization" else None
    old = kb.entries.get(actor_id)
    if old is not None and actor_id == default:
        return old
    name = record.phrases[0].title() if record.phrases[0].isupper() else record.phrases[0]
    return Entry(
        actor_id, name, kind, default, country, roles, off_role="default", source="dictionary"
    )


def add_petrarch(
    kb: KnowledgeBase,
    actor_records: Iterable[ActorRecord] = (),
    agent_records: Iterable[AgentRecord] = (),
    source: str = "user",
) -> KnowledgeBase:
    """Add parsed dictionary records to ``kb`` (in place) and return it.  ``source`` says who
    speaks for their aliases (``user``: before the bundled files; see ``base.ALIAS_RANK``)."""
    for record in actor_records:
        entry = _entry(kb, record)
        kb.add_entry(entry)
        for phrase in record.phrases:
            kb.add_alias(phrase, entry.actor_id, "name", case_sensitive=False, source=source)
    for agent in agent_records:
        code = agent.code + "~" if agent.prefix else agent.code
        for phrase in agent.phrases:
            keys = key_tokens(phrase)
            if keys:
                kb.agents[keys] = code
                kb.agent_heads.add(keys[-1])
                kb.max_agent_len = max(kb.max_agent_len, len(keys))
    return kb


def load_petrarch(
    actors: Iterable[str | Path] = (),
    agents: Iterable[str | Path] = (),
    *,
    base: KnowledgeBase | None = None,
) -> KnowledgeBase:
    """A knowledge base from PETRARCH-format dictionaries (alone, or over a copy of ``base``)."""
    kb = copy.deepcopy(base) if base is not None else KnowledgeBase()
    actor_records = [r for path in actors for r in read_actor_dictionary(path)]
    agent_records = [r for path in agents for r in read_agent_dictionary(path)]
    return add_petrarch(kb, actor_records, agent_records)


def read_any(kb: KnowledgeBase, source: str | Path) -> None:
    """Add one PETRARCH dictionary of either kind to ``kb``, telling the kind from its codes."""
    text, _ = _text(source)
    if looks_like_agents(text):
        add_petrarch(kb, agent_records=read_agent_dictionary(source))
    else:
        add_petrarch(kb, actor_records=read_actor_dictionary(source))
