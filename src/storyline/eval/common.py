"""What every evaluation shares: where the sets are, the result record, parsing short texts.

Kept apart from the runners so that the ECB+ benchmark and the event-set runners can both use
it without importing each other.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.model import Article
from storyline.pipeline import Context

# ---- where the sets are -----------------------------------------------------------------------


class EvalDataMissing(FileNotFoundError):
    """The evaluation set is not on this machine; the message says where it was looked for."""


def shared_dir(explicit: str | Path | None = None) -> Path:
    """``explicit``, else ``$STORYLINE_SHARED``, else ``../shared`` next to the source tree or cwd."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("STORYLINE_SHARED")
    if env:
        return Path(env)
    for base in (Path(__file__).resolve().parents[4], Path.cwd().parent, Path.cwd()):
        if (base / "shared" / "eval").is_dir():
            return base / "shared"
    return Path(__file__).resolve().parents[4] / "shared"


def need(path: Path) -> Path:
    if not path.exists():
        raise EvalDataMissing(
            f"evaluation data not found: {path} (set --shared or STORYLINE_SHARED)"
        )
    return path


@dataclass(slots=True)
class EvalResult:
    name: str
    figures: dict[str, Any]
    report: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.report) + "\n"

    def json(self) -> str:
        return json.dumps({"set": self.name, **self.figures}, ensure_ascii=False, indent=1)


# ---- coding many short texts --------------------------------------------------------------------


def parse_texts(items: Sequence[tuple[str, str, str | None]], ctx: Context) -> list[Article]:
    """Parse and resolve actors for (id, text, publication date) items, in batches."""
    from storyline import nlp
    from storyline.actors import resolve

    out: list[Article] = []
    for lo in range(0, len(items), 256):
        batch = []
        for doc_id, text, pub in items[lo : lo + 256]:
            art = Article(article_id=doc_id, path=doc_id, text=text, language="en")
            if pub:
                art.published, art.published_precision = pub, precision_of(pub)
            batch.append(art)
        batch = nlp.run(batch, ctx)
        out.extend(resolve.run(batch, ctx))
    return out


def precision_of(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def text_table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
