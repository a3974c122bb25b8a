"""Convert the Phoenix discard list into the sport and entertainment phrases the package ships.

    .venv/bin/python tools/build_discards.py [--phoenix ../shared/dictionaries/phoenix]

``Phoenix.discards.txt`` (PETRARCH-2, MIT) lists phrases that mark a sentence, or with ``+`` a
whole story, as not worth coding.  It mixes three kinds of thing, and storyline wants only one:

- sport and entertainment ("WORLD CUP", "GOALKEEPER", "WICKET", "FILM FESTIVAL", "BOX OFFICE"):
  kept.  "Iran beat the United States" on a football page is no act of force;
- news storyline does code (disasters, epidemics, accidents, wars of the past, elections: "BIRD
  FLU", "TSUNAMI", "WORLD WAR II", "PRESIDENTIAL DEBATE"): dropped, the events stage marks old
  events as background instead of discarding them;
- one-off names of people and firms from the coders' own corpus ("KATE MOSS", "JETRO"): dropped.

A phrase is kept when one of its words is a word of sport or entertainment (``KEEP_WORDS``, our
own list).  Story-level entries are shipped as sentence-level: a political story that mentions a
match keeps its other sentences.  Written to ``src/storyline/events/data/discards.tsv`` with the
licence notice and the counts.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "phoenix"
OUT = ROOT / "src" / "storyline" / "events" / "data" / "discards.tsv"
sys.path.insert(0, str(ROOT / "tools"))

from build_phoenix import MIT  # noqa: E402

# Words of sport and entertainment: a discard phrase holding one is kept.
KEEP_WORDS = {
    # games and competitions
    "cup", "open", "games", "match", "matches", "tournament", "league", "championship",
    "champion", "champions", "medal", "olympic", "olympics", "playoff", "semi-final",
    "quarter", "final", "finals", "qualifier", "qualifying", "seed", "runner", "runners",
    "fifa", "uefa", "nba", "pga", "wta", "atp", "espn2", "bowl", "prix",
    # sports
    "golf", "golfer", "golfing", "tennis", "football", "soccer", "cricket", "rugby", "boxing",
    "hockey", "handball", "badminton", "billiards", "snooker", "chess", "marathon", "sprinter",
    "triathlon", "weightlift", "weightlifting", "wrestler", "wrestling", "sumo", "judo",
    "aquatics", "yachting", "racehorses", "racing", "rally", "hardcourt", "multihulls",
    "heavyweight", "middleweight", "lightweight", "featherweight", "welterweight",
    "flyweight", "bantamweight", "ozeki", "sekiwake", "yokozuna", "gymnasium",
    # the play itself
    "goal", "goals", "goalless", "goalkeeper", "goalkeeping", "midfielder", "wicket",
    "inning", "innings", "bowler", "bowling", "batsman", "batsmen", "batting", "spinner",
    "paceman", "outfield", "stumps", "birdie", "par", "whistle", "catch", "toss", "runs",
    "coaching", "ballclub",
    # entertainment
    "film", "movie", "oscar", "academy", "globe", "festival", "blockbuster", "celebrity",
    "hollywood", "reality", "philharmonic", "pageant", "finale", "beatles",
}  # fmt: skip
# storyline's own additions, for what the list lacks: the music, radio and books of culture
# pages (words news uses figuratively -- "band", "novel", "actor", "star" -- left out).
OWN_PHRASES = [
    "singer", "songwriter", "pianist", "guitarist", "violinist", "cellist", "drummer",
    "orchestra", "concert_", "concerts_", "album", "soundtrack", "rapper", "jazz", "reggae",
    "hip-hop", "in session", "radio show", "chat show", "talk show", "comedian", "sitcom",
    "novelist", "playwright", "actress", "music festival", "box office", "documentary series",
]  # fmt: skip
# Single words news also uses figuratively ("marathon talks", "a political heavyweight", "a
# blockbuster merger", "a school gymnasium used as a shelter"): dropped.
FIGURATIVE = {
    "marathon", "heavyweight", "lightweight", "middleweight", "featherweight", "welterweight",
    "blockbuster", "gymnasium",
}  # fmt: skip
# Single words kept only as whole words: "champion" is no "championed the deal".
WHOLE = {"champion", "champions", "bowler", "spinner", "inning", "coaching"}
_WORD = re.compile(r"[A-Z0-9][A-Z0-9'&.-]*")


def read(path: Path) -> list[tuple[str, str]]:
    """(scope, phrase) of every entry: ``story`` for '+' entries, else ``sentence``."""
    out = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line:
            continue
        scope = "story" if line.startswith("+") else "sentence"
        phrase = line.lstrip("+").strip()
        if phrase:
            out.append((scope, " ".join(phrase.split())))
    return out


def keep(phrase: str) -> bool:
    words = [w.lower().rstrip("_") for w in _WORD.findall(phrase.upper())]
    return any(w in KEEP_WORDS for w in words)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phoenix", default=str(DEFAULT_SOURCE))
    args = ap.parse_args()
    src = Path(args.phoenix) / "Phoenix.discards.txt"
    if not src.exists():
        print(f"{src} not found", file=sys.stderr)
        return 1
    counts: Counter[str] = Counter()
    rows = []
    for scope, phrase in read(src):
        counts[f"read ({scope})"] += 1
        if not keep(phrase):
            counts["dropped: news, names or time spans"] += 1
            continue
        word = phrase.lower().rstrip("_")
        if word in FIGURATIVE:
            counts["dropped: used figuratively"] += 1
            continue
        counts["kept"] += 1
        rows.append(word + "_" if word in WHOLE else phrase.lower())
    counts["storyline's own"] = len(OWN_PHRASES)
    lines = [
        "# Converted by tools/build_discards.py from Phoenix.discards.txt, shipped with PETRARCH-2",
        "# (Open Event Data Alliance, openeventdata/petrarch2, commit 676801cd, 2019-03-18).",
        "#",
        *[f"# {ln}" for ln in MIT.splitlines()],
        "#",
        "# One phrase a line: a sentence holding it is sport or entertainment, not coded.  Words",
        "# match from their start ('cricket' matches 'cricketer'); a trailing '_' asks for the",
        "# whole word.  Counts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        *sorted(set(rows)),
        "# storyline's own additions (not from Phoenix): music, radio and books of culture pages.",
        *sorted(OWN_PHRASES),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for k, v in sorted(counts.items()):
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
