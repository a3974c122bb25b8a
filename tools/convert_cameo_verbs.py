"""Convert the PETRARCH CAMEO verb dictionary into storyline's dependency-based pattern table.

Usage: python tools/convert_cameo_verbs.py [../shared/dictionaries/phoenix/CAMEO.2.0.txt]
Writes src/storyline/events/data/cameo_verbs.tsv (with the dictionary's MIT licence notice) and
prints what did not convert.  Run it again when the dictionary changes; the output is data,
reviewed and committed like any other data file.

PETRARCH's patterns are word sequences read left to right over a constituency parse
(``- AIRSTRIKE * (ON +) [195]``).  storyline matches over a dependency parse, so each pattern
becomes constraints on the verb's dependents:

  subject  the words before ``*``: the verb's subject phrase (head word last)
  object   the first noun phrase after ``*``: the direct object (or the passive subject)
  particle a particle right after ``*`` ("SHOOT DOWN", "SET OUT")
  preps    each ``(PREP WORDS)``: a prepositional dependent of the verb or of its object
  also     further bare words after the object: somewhere under the verb
  roles    where ``+`` (target) and ``$`` (source) stand when they are not subject and object
A word is matched against a token's lemma or lower-cased text; ``word*`` (PETRARCH's default)
matches a prefix, a bare ``word`` (PETRARCH's trailing ``_``) must be equal.  ``&SET`` refers to
a synonym set, written out once in the ``=set`` rows.  A code ``---`` marks a pattern that is no
event (it stops the verb's default code); ``[a:b]`` keeps ``a`` (the source-side code), and a
target-side code alone (``[:138]``) reverses the roles.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_IN = ROOT.parent / "shared" / "dictionaries" / "phoenix" / "CAMEO.2.0.txt"
OUT = ROOT / "src" / "storyline" / "events" / "data" / "cameo_verbs.tsv"

PARTICLES = {
    "UP", "DOWN", "OFF", "OUT", "BACK", "AWAY", "OVER", "FORWARD", "ASIDE", "TOGETHER",
    "APART", "ON", "IN", "AROUND", "ALONG", "THROUGH",
}  # fmt: skip
# Words a dependency pattern cannot use: auxiliaries, modals, articles, PETRARCH markers.
SKIP_WORDS = {"A", "AN", "THE", "TO", "OF", "^", "WILL", "WOULD", "NOT", "BE", "BEEN", "WAS"}
PREPOSITIONS = {"FOR", "AT", "AFTER", "TO", "WITH", "ON", "INTO", "AGAINST", "FROM", "BY", "OF"}
HEADER_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
CODE = re.compile(r"\[([0-9:\-]*)\]")


def word_form(w: str) -> str:
    """PETRARCH word -> ours: trailing ``_`` means exact, else a prefix (``*``)."""
    w = w.strip()
    if w.startswith("&"):
        return "&" + w[1:].rstrip("_").lower()
    exact = w.endswith("_")
    w = w.strip("_").replace("_", " ").lower()
    return w if exact else w + "*"


def read_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            break
        if line.startswith("&"):
            current = line[1:].strip().rstrip("_").lower()
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(word_form(line[1:].split()[0]))
        elif not line.strip():
            current = None
    return sets


def tokens(text: str) -> list[str]:
    """Split a pattern body into items: words, ``*``, ``$``, ``+``, ``{...}`` and ``(...)``."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "{(":
            close = "}" if c == "{" else ")"
            j = text.find(close, i)
            j = len(text) if j < 0 else j
            out.append(text[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "{(":
                j += 1
            out.append(text[i:j])
            i = j
    return out


def phrase(item: str) -> str | None:
    """A word, a ``{A B}`` phrase or an ``&SET`` as our phrase text; None for markers."""
    if item.startswith("{"):
        words = [w for w in item.strip("{}").split() if w.upper() not in SKIP_WORDS]
        return " ".join(word_form(w) for w in words) or None
    if item in {"*", "$", "+", "^", "%"} or item.upper() in SKIP_WORDS:
        return None
    return word_form(item)


def convert_pattern(body: str) -> dict[str, str] | None:
    """One ``- ... * ... `` pattern as constraint columns; None when it cannot be expressed."""
    if "%" in body or "|" in body:
        return None
    items = tokens(body)
    if "*" not in items:
        return None
    star = items.index("*")
    before, after = items[:star], items[star + 1 :]
    cols = {"subject": "", "object": "", "particle": "", "preps": "", "also": "", "roles": ""}
    roles: list[str] = []
    subj = [p for p in (phrase(x) for x in before if not x.startswith("(")) if p]
    if "$" in before:
        pass  # the source is the subject anyway
    if "+" in before:
        roles.append("target=subject")
    if any(x.startswith("(") for x in before):
        return None  # a prepositional phrase before the verb: no stable dependency reading
    if subj:
        cols["subject"] = " ".join(subj)
    preps: list[str] = []
    also: list[str] = []
    obj_done = False
    for k, item in enumerate(after):
        if item.startswith("("):
            inner = item.strip("()").split()
            if not inner:
                continue
            prep = inner[0].lower()
            if not re.fullmatch(r"[a-z]+", prep):
                return None
            words = [w for w in inner[1:] if w not in {"+", "$", "^"}]
            ph = phrase("{" + " ".join(words) + "}") if words else None
            preps.append(f"{prep}:{ph}" if ph else prep)
            if "+" in inner:
                roles.append(f"target=prep:{prep}")
            if "$" in inner:
                roles.append(f"source=prep:{prep}")
            obj_done = obj_done or k > 0
            continue
        if item == "+":
            roles.append("target=object")
            obj_done = True
            continue
        if item == "$":
            if not obj_done:
                roles.append("source=object")
                obj_done = True
            continue
        if item.upper() in PARTICLES and k == 0 and not cols["particle"]:
            cols["particle"] = item.lower()
            continue
        ph = phrase(item)
        if ph is None:
            continue
        if not obj_done:
            cols["object"] = ph
            obj_done = True
        else:
            also.append(ph)
    cols["preps"] = ";".join(preps)
    cols["also"] = ";".join(also)
    cols["roles"] = ";".join(dict.fromkeys(roles))
    if not any(cols[k] for k in ("subject", "object", "particle", "preps", "also")):
        return None  # only words a dependency pattern cannot use ("* TO"): it would match all
    return cols


def main(src: Path = DEFAULT_IN, out: Path = OUT) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.events.codes import lookup

    text = src.read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    licence = []
    for raw in lines:
        if raw.startswith("# The MIT License"):
            licence = [raw]
        elif licence and raw.startswith("#") and "LAST UPDATE" not in raw:
            licence.append(raw)
        elif licence:
            break
    sets = read_sets(lines)
    start = next(i for i, raw in enumerate(lines) if "VERB PATTERNS" in raw)
    end = next((i for i, raw in enumerate(lines) if "TRANSFORMATIONS" in raw), len(lines))
    rows: list[list[str]] = []
    skipped: Counter[str] = Counter()
    block_code = "---"
    verbs: list[list[str]] = []
    block_name = ""

    def valid(code: str) -> bool:
        if code == "---":
            return True
        try:
            lookup(code)
        except KeyError:
            return False
        return True

    for n, raw in enumerate(lines[start + 1 : end], start=start + 2):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = HEADER_BLOCK.match(line)
        if head:
            block_name, block_code = head.group(1), head.group(2) or "---"
            continue
        if line.startswith("-"):
            body = line[1:]
            m = CODE.search(body)
            if not m:
                skipped["pattern without a code"] += 1
                continue
            code = m.group(1)
            body = body[: m.start()]
            reverse = ""
            if ":" in code:
                a, b = code.split(":", 1)
                code, reverse = (a, "") if a else (b, "reverse")
            code = code or "---"
            if not valid(code):
                skipped[f"code not in CAMEO ({code})"] += 1
                continue
            cols = convert_pattern(body)
            if cols is None:
                skipped["pattern not expressible as dependencies"] += 1
                continue
            if reverse:
                cols["roles"] = ";".join(x for x in (cols["roles"], "reverse") if x)
            rows.append(
                ["", block_name, code, cols["subject"], cols["object"], cols["particle"],
                 cols["preps"], cols["also"], cols["roles"], str(n)]
            )  # fmt: skip
            continue
        # A verb line: "VERB {forms} [code]" or "+MULTI_WORD {forms} [code]".
        m = CODE.search(line)
        own = (m.group(1) if m else "") or block_code
        if ":" in own:
            own = own.split(":", 1)[0] or "---"
        word = line.strip().split()[0]
        multi = word.startswith("+")
        word = word.lstrip("+").rstrip("_")
        parts = word.split("_")
        lemma = parts[0].lower()
        particle = ""
        if not re.fullmatch(r"[a-z][a-z\-]*", lemma):
            skipped["verb not a word"] += 1
            continue
        if multi and len(parts) == 2 and parts[1] in PARTICLES:
            particle = parts[1].lower()
        elif multi and len(parts) == 2 and re.fullmatch(r"[A-Z]+", parts[1]):
            # "ASK_FOR", "WAGE_WAR": the verb with that preposition or object only.
            second = parts[1]
            prep = second.lower() if second in PREPOSITIONS else ""
            obj = "" if prep else word_form(second + "_")
            if not valid(own) or second in {"AND", "OR"}:
                skipped["multi-word verb other than verb + particle, preposition or noun"] += 1
                continue
            rows.append([lemma, block_name, own, "", obj, "", prep, "", "", str(n)])
            continue
        elif multi:
            skipped["multi-word verb other than verb + particle, preposition or noun"] += 1
            continue
        if not re.fullmatch(r"[a-z][a-z\-]*", lemma):
            skipped["verb not a word"] += 1
            continue
        if not valid(own):
            skipped[f"code not in CAMEO ({own})"] += 1
            own = "---"
        # The verb alone (no pattern matched) carries its own code, or the block's.
        verbs.append(["=verb", lemma, particle, own, block_name, str(n)])
    unique_rows = verbs + rows
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write(
            "# storyline's dependency form of the PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt,\n"
            "# openeventdata/petrarch2 commit 676801cd), converted by tools/convert_cameo_verbs.py.\n"
            "# Rows: =set NAME MEMBERS (a synonym set); =verb LEMMA PARTICLE CODE BLOCK LINE (a verb\n"
            "# of a block and its code when no pattern matches); patterns of a block, which apply\n"
            "# to all its verbs: LEMMA BLOCK CODE SUBJECT OBJECT PARTICLE PREPS(prep:phrase;...)\n"
            "# ALSO ROLES LINE, where LEMMA is empty, or names the one verb of the block the row is\n"
            "# for (multi-word verbs: 'ask for', 'wage war'). Phrases: words, head last; word* = a\n"
            "# prefix; &set = a synonym set.\n"
            "# Licence of the source dictionary:\n"
        )
        for raw in licence:
            fh.write(raw.rstrip() + "\n")
        for name, members in sorted(sets.items()):
            fh.write("=set\t" + name + "\t" + "|".join(dict.fromkeys(members)) + "\n")
        for r in unique_rows:
            fh.write("\t".join(r) + "\n")
    blocks = {v[4] for v in verbs}
    print(
        f"wrote {out}: {len(verbs)} verbs in {len(blocks)} blocks, {len(rows)} patterns, "
        f"{len(sets)} synonym sets"
    )
    for why, n in skipped.most_common():
        print(f"  not converted: {n:5d} {why}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_IN)
