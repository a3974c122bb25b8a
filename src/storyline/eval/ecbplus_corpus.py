"""The ECB+ corpus as storyline reads it: documents rebuilt from their tokens, gold action
mentions with their offsets in the rebuilt text, and the articles fed to the pipeline
(``ecbplus.py`` runs and scores them).  The corpus is read from ``../shared/corpora/ecbplus-dev``
(never copied).
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.ingest.base import ReadOptions, build_article
from storyline.model import Article, Skipped

CORPUS = Path("corpora") / "ecbplus-dev"
DOCS = "ecbplus_docs.jsonl"
SENTENCES = "ECBplus_coreference_sentences.csv"

# ---- text from tokens ---------------------------------------------------------------------------

_ATTACH_LEFT = {
    ".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "...", "''", "”", "’", "'",
    "'s", "'S", "n't", "N'T", "'re", "'m", "'ve", "'d", "'ll",
}  # fmt: skip
_ATTACH_RIGHT = {"(", "[", "{", "$", "``", "“", "‘", "#"}
_QUOTES = {"``": "“", "''": "”"}


def detokenize(
    tokens: Sequence[str], split_words: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """Tokens back into text, with each token's character span in it.

    ``split_words``: the tokenizer split hyphenated words and slashes (ECB+'s ``ecbplus``
    documents: "court - mandated"), so a lone hyphen or slash between two words joins them;
    otherwise (``ecb`` documents keep "break-in" whole) a lone hyphen is a dash.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue_next = True  # no space before the first token
    open_quote = False
    for i, raw in enumerate(tokens):
        # NFC and no whitespace inside a token (a stray tab would be dropped by cleaning).
        tok = "".join(unicodedata.normalize("NFC", _QUOTES.get(raw, raw)).split())
        if not tok:
            spans.append((pos, pos))
            continue
        glue = glue_next or raw in _ATTACH_LEFT
        if raw == '"':
            glue = glue or open_quote  # a closing straight quote hugs the word before it
        joiner = (
            split_words
            and raw in {"-", "/"}
            and 0 < i < len(tokens) - 1
            and tokens[i - 1][-1:].isalnum()
            and tokens[i + 1][:1].isalnum()
        )
        if joiner:
            glue = True
        if not glue:
            out.append(" ")
            pos += 1
        out.append(tok)
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
        glue_next = joiner or raw in _ATTACH_RIGHT or (raw == '"' and not open_quote)
        if raw == '"':
            open_quote = not open_quote
    return "".join(out), spans


# ---- the corpus ---------------------------------------------------------------------------------


@dataclass(slots=True)
class GoldMention:
    """One annotated action mention; ``key`` is its gold cluster label."""

    mention_id: str  # doc_name/m_id
    doc: str
    topic: int
    sent: int
    tokens: tuple[int, ...]  # token indices within the sentence (may be discontinuous)
    text: str
    kind: str
    key: str
    singleton: bool


@dataclass(slots=True)
class Document:
    name: str
    topic: int
    subcorpus: str
    tokens: list[list[str]]  # per sentence
    mentions: list[GoldMention] = field(default_factory=list)
    url: str | None = None  # the ecbplus documents' first line


def corpus_dir(shared: Path) -> Path:
    return shared / CORPUS


def load(
    path: Path, topics: Iterable[int] | None = None, limit: int | None = None
) -> list[Document]:
    """Documents of ``path`` (a corpus folder or the JSON-lines file) with their gold mentions.

    Only mentions in the sentences annotated for coreference are kept (when the sentence list
    is next to the documents; else every action mention)."""
    docs_file = path / DOCS if path.is_dir() else path
    if not docs_file.exists():
        raise FileNotFoundError(f"ECB+ documents not found: {docs_file}")
    selected = _coref_sentences(docs_file.parent / SENTENCES)
    wanted = set(topics) if topics else None
    out: list[Document] = []
    with docs_file.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            topic = int(rec["topic"])
            if wanted is not None and topic not in wanted:
                continue
            out.append(_document(rec, selected))
            if limit is not None and len(out) >= limit:
                break
    return out


def _coref_sentences(path: Path) -> set[tuple[int, str, int]] | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            (int(r["Topic"]), r["File"].strip(), int(r["Sentence Number"]))
            for r in csv.DictReader(fh)
        }


def _document(rec: Mapping[str, Any], selected: set[tuple[int, str, int]] | None) -> Document:
    name = str(rec["doc_name"])
    topic = int(rec["topic"])
    tokens = [s.split(" ") for s in rec["sentences"]]
    doc = Document(name, topic, str(rec.get("subcorpus") or ""), tokens)
    if tokens and tokens[0][:1] == ["http"]:
        doc.url = "".join(tokens[0])
    starts = [0]
    for sent in tokens:
        starts.append(starts[-1] + len(sent))
    file_key = name.split("_", 1)[-1].removesuffix(".xml")
    for m in rec["mentions"]:
        kind = str(m["type"])
        if not (kind.startswith("ACTION_") or kind.startswith("NEG_ACTION_")):
            continue
        sent = int(m["sent"])
        if selected is not None and (topic, file_key, sent) not in selected:
            continue
        ids = sorted(int(t) - 1 for t in m["t_ids"])  # 1-based over the whole document
        local_ids = tuple(i - starts[sent] for i in ids)
        if not 0 <= local_ids[0] <= local_ids[-1] < len(tokens[sent]):
            raise ValueError(f"{name}: mention {m['m_id']} lies outside sentence {sent}")
        chain = m.get("chain")
        mid = f"{name}/{m['m_id']}"
        if not chain:
            key, singleton = mid, True
        elif m.get("chain_kind") == "INTRA_DOC_COREF":
            key, singleton = f"{name}/{chain}", False
        else:
            key, singleton = str(chain), False
        doc.mentions.append(
            GoldMention(mid, name, topic, sent, local_ids, str(m["text"]), kind, key, singleton)
        )
    return doc


def article_for(doc: Document, date: str | None = None) -> tuple[Article | Skipped, list[str]]:
    """The document as a reader would hand it to the pipeline, and its lines (one per
    sentence; the URL line is not text)."""
    split = doc.subcorpus == "ecbplus"
    lines = [
        detokenize(sent, split)[0] if not (i == 0 and doc.url) else ""
        for i, sent in enumerate(doc.tokens)
    ]
    body = "\n\n".join(line for line in lines if line)
    meta: dict[str, Any] = {"url": doc.url}
    if date:
        meta["date"] = date
    return build_article(body, f"ecbplus:{doc.name}", ReadOptions(), meta), lines
