"""CAMEO code table: names, Goldstein weights, quad classes (both conventions), PLOVER types.

Quad class conventions (both kept, because figures must say which one they use):
- GDELT: roots 01-05 verbal cooperation (1), 06-08 material cooperation (2), 09-13 verbal
  conflict (3), 14-20 material conflict (4).
- Phoenix: as GDELT, but 01-02 are neutral statements (0) and 16 (reduce relations) counts as
  verbal conflict (3).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    plover: str
    plover_mode: str

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.root)

    @property
    def quad_class_phoenix(self) -> int:
        return quad_class_phoenix(self.root)

    def event_fields(self) -> dict[str, object]:
        """The Event fields that follow from the code, so they are derived in one place."""
        return {
            "cameo": self.code,
            "root": self.root,
            "quad_class": self.quad_class,
            "quad_class_phoenix": self.quad_class_phoenix,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
        }


def quad_class(root: str) -> int:
    r = int(root)
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


def quad_class_phoenix(root: str) -> int:
    r = int(root)
    if r <= 2:
        return 0
    if r == 16:
        return 3
    return quad_class(root)


@lru_cache(maxsize=1)
def table() -> dict[str, CodeInfo]:
    text = resources.files("storyline.events").joinpath("data", "cameo.tsv").read_text("utf-8")
    out: dict[str, CodeInfo] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "code\t")):
            continue
        code, name, gold, plover, mode = ([*line.split("\t"), "", "", "", ""])[:5]
        out[code] = CodeInfo(code, name, float(gold), plover, mode)
    # Root rows have no PLOVER type of their own: take the "not specified" child's.
    for code, info in list(out.items()):
        if len(code) == 2 and (code + "0") in out:
            child = out[code + "0"]
            out[code] = CodeInfo(code, info.name, info.goldstein, child.plover, child.plover_mode)
    return out


def lookup(code: str) -> CodeInfo:
    """The entry for a code; an unknown sub-code falls back to its parent, never to a guess."""
    t = table()
    probe = code
    while probe and probe not in t:
        probe = probe[:-1]
    if not probe or len(probe) < 2:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return t[probe]
