"""Cross-document event coreference on ECB+: does ``merge`` make one event of what one event is?

ECB+ (Cybulska & Vossen 2014) is a set of news documents grouped in topics, each topic two
"seminal" events of the same kind, with every action mention annotated and linked across
documents.  The corpus is read from ``../shared/corpora/ecbplus-dev`` (never copied).

The set-up, and why:

- **Gold mentions**, the usual ECB+ setting: every action mention (``ACTION_*`` and
  ``NEG_ACTION_*``) in the sentences listed in ``ECBplus_coreference_sentences.csv`` (the ones
  annotated for coreference), singletons (no chain) included as clusters of one.  Chains marked
  ``INTRA_DOC_COREF`` are clusters within their document.  For topics 1-35 that is 5,053
  mentions, the count of the standard train+dev split.
- **The pipeline as a user runs it**: each document is rebuilt as plain text (tokens joined back
  into words, one sentence per line; an ``ecbplus`` document's first line, its URL, becomes the
  article's URL, so its outlet and any date in it are read as from a real page) and ingested
  through the local engine into a temporary store, so cleaning, dating, parsing, actors,
  events, duplicates, provisional-actor discovery and ``merge`` all run as in ``ingest``.
- **Dates**: ECB+ gives none.  ``date=None`` leaves dating to the pipeline (URL, header line,
  content); ``date="YYYY-MM-DD"`` gives every document that publication date, so the date rule
  of ``merge`` never keeps reports apart and the rest of its rule is what is measured.
- **Matching**: a gold mention is covered by a stored event report of the same article whose
  trigger (as found in its sentence) overlaps the mention's characters; the response cluster is
  the merged event of that report.  Uncovered gold mentions are singletons of the response.
- **Baselines**: every mention alone; one cluster per topic; same head lemma within a topic
  (the standard strong baseline; lemmas from the pinned spaCy model over the gold tokens).
  Baselines use the gold topics; storyline does not.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.eval import corefscore
from storyline.eval.common import EvalDataMissing, EvalResult
from storyline.eval.ecbplus_corpus import (
    DOCS,
    Document,
    GoldMention,
    article_for,
    detokenize,
    load,
)
from storyline.model import Article, Event, Skipped
from storyline.pipeline import Context

# ---- matching gold mentions to stored events ------------------------------------------------------


@dataclass(slots=True)
class Located:
    """Where a gold mention ended up in the analysed text, or why it is not there."""

    article_id: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)  # one per gold token
    lost: str | None = None  # url line | headline | removed | not analysed | missing


def locate(doc: Document, article: Article | None, lines: Sequence[str]) -> dict[str, Located]:
    """Each gold mention's characters in the stored (cleaned) text of its article."""
    if article is None:
        return {m.mention_id: Located(None, lost="not analysed") for m in doc.mentions}
    text = article.text
    split = doc.subcorpus == "ecbplus"
    base: dict[int, int] = {}
    cursor = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        at = text.find(line, cursor)
        if at < 0:
            at = text.find(line)
        if at >= 0:
            base[i] = at
            cursor = at + len(line)
    out: dict[str, Located] = {}
    for m in doc.mentions:
        if m.sent in base:
            spans = detokenize(doc.tokens[m.sent], split)[1]
            at = base[m.sent]
            out[m.mention_id] = Located(
                article.article_id, [(at + spans[i][0], at + spans[i][1]) for i in m.tokens]
            )
            continue
        line = lines[m.sent] if m.sent < len(lines) else ""
        if not line:
            why = "url line"
        elif article.title and line == article.title:
            why = "headline"
        elif line in article.removed:
            why = "removed"
        elif article.language not in (None, "en"):
            why = "not analysed"
        else:
            why = "missing"
        out[m.mention_id] = Located(article.article_id, lost=why)
    return out


@dataclass(slots=True)
class Report:
    """A stored event report as a span of text: where its trigger is, and its merged event."""

    start: int
    end: int
    event_id: str
    confidence: float
    article_id: str = ""
    mention_id: str = ""


def report_spans(events: Iterable[Event], texts: Mapping[str, str]) -> dict[str, list[Report]]:
    """Per article, every occurrence of each report's trigger inside the report's sentence.

    Reports keep the trigger's words, not its offsets; a trigger word twice in one sentence
    gives two candidate spans (rare; either may match)."""
    out: dict[str, list[Report]] = defaultdict(list)
    for ev in events:
        for m in ev.mentions:
            text = texts.get(m.article_id)
            if text is None or not m.trigger:
                continue
            at = text.find(m.trigger, m.start, m.end)
            while at >= 0:
                out[m.article_id].append(
                    Report(
                        at,
                        at + len(m.trigger),
                        ev.event_id,
                        ev.confidence,
                        m.article_id,
                        m.mention_id,
                    )
                )
                at = text.find(m.trigger, at + 1, m.end)
    return out


def align(
    located: Mapping[str, Located], reports: Mapping[str, list[Report]]
) -> tuple[dict[str, str], set[str]]:
    """Gold mentions to merged events, each stored report taken by at most one gold mention.

    One report ("signed a trade agreement") can overlap two gold mentions ("signed",
    "agreement", two events in ECB+); it stands for the one its trigger starts with, else the
    one it overlaps most, then the surer event.  Returns the alignment and the gold mentions
    left out because their only reports were taken.
    """
    pairs: list[tuple[tuple[bool, int, float, str], str, Report]] = []
    touched: set[str] = set()
    for mid, loc in located.items():
        if loc.article_id is None or loc.lost:
            continue
        for r in reports.get(loc.article_id, ()):
            overlap = sum(max(0, min(r.end, e) - max(r.start, s)) for s, e in loc.spans)
            if overlap > 0:
                touched.add(mid)
                starts = bool(loc.spans) and loc.spans[0][0] == r.start
                pairs.append(((starts, overlap, r.confidence, r.event_id), mid, r))
    pairs.sort(key=lambda p: (not p[0][0], -p[0][1], -p[0][2], p[0][3], p[1]))
    out: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()
    for _, mid, r in pairs:
        if mid in out or (r.article_id, r.mention_id) in taken:
            continue
        out[mid] = r.event_id
        taken.add((r.article_id, r.mention_id))
    return out, touched - set(out)


# ---- baselines ----------------------------------------------------------------------------------


def head_lemmas(docs: Sequence[Document], nlp: Any) -> dict[str, str]:
    """Each gold mention's head lemma, from spaCy over the gold tokens of its sentence."""
    from spacy.tokens import Doc

    wanted: dict[tuple[int, int], list[GoldMention]] = defaultdict(list)
    for d_i, doc in enumerate(docs):
        for m in doc.mentions:
            wanted[(d_i, m.sent)].append(m)
    keys = sorted(wanted)
    spacy_docs = (Doc(nlp.vocab, words=docs[d].tokens[s]) for d, s in keys)
    out: dict[str, str] = {}
    for key, parsed in zip(keys, nlp.pipe(spacy_docs, batch_size=256), strict=True):
        for m in wanted[key]:
            toks = [parsed[i] for i in m.tokens]
            # The head: the token whose own head lies outside the mention.
            head = next((t for t in toks if t.head.i not in m.tokens), toks[-1])
            out[m.mention_id] = (head.lemma_ or head.text).lower()
    return out


# ---- the run --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """What one storyline run gave: the response labels and why mentions were missed."""

    setting: str
    response: dict[str, str]  # covered gold mention -> merged event id
    lost: Counter[str]
    events: int
    reports: int
    articles: int
    skipped: int
    seconds: float
    dated: int  # articles with a publication date
    copy_groups: int = 0
    renamed_actors: int = 0
    in_coref_sentences: int = 0  # event reports in the sentences annotated for coreference
    described: dict[str, str] = field(default_factory=dict)  # merged event id -> its merge key


def run_storyline(
    docs: Sequence[Document], ctx: Context, date: str | None = None, batch_size: int = 32
) -> Outcome:
    """The documents through the per-article pipeline and the corpus stages that decide merged
    events (duplicates, provisional-actor discovery, merge), in memory; then gold mentions are
    mapped to the merged events.

    The stages are the ones ``engines.local.update`` calls, on the articles instead of a store,
    so the benchmark does not depend on the store's layout."""
    from storyline.corpus import duplicates as dedup
    from storyline.corpus import merge
    from storyline.corpus.minhash import Index
    from storyline.pipeline import process

    t0 = time.perf_counter()
    built = [article_for(d, date) for d in docs]
    inputs = [a for a, _ in built if isinstance(a, Article)]
    skipped = len(built) - len(inputs)
    seen: set[str] = set()
    fresh = [a for a in inputs if not (a.article_id in seen or seen.add(a.article_id))]
    done: list[Article] = []
    for lo in range(0, len(fresh), batch_size):
        ok, failed = process(fresh[lo : lo + batch_size], ctx)
        done.extend(ok)
        skipped += len(failed)
    meta = {
        a.article_id: {"published": a.published, "published_how": a.published_how, "n": len(a.text)}
        for a in done
    }
    dups = dedup.run(((a.article_id, a.text) for a in done), Index(), [], meta)
    shared = dedup.shared_by_article(dups.new_pairs)
    renamed = discover(done)
    events = [ev for a in done for ev in a.events]
    for ev in events:
        for ref in (ev.source, ev.target):
            if ref is not None and ref.actor_id in renamed:
                ref.actor_id = renamed[ref.actor_id]
    n_reports = len(events)
    merged = merge.run(events, {a.article_id: a.outlet for a in done}, dups.group_of, shared)
    seconds = time.perf_counter() - t0
    stored = {a.article_id: a for a in done}
    reports = report_spans(merged, {k: a.text for k, a in stored.items()})
    response: dict[str, str] = {}
    lost: Counter[str] = Counter()
    for doc, (art, lines) in zip(docs, built, strict=True):
        article = stored.get(art.article_id) if isinstance(art, Article) else None
        located = locate(doc, article, lines)
        aligned, crowded = align(located, reports)
        response.update(aligned)
        for mid, loc in located.items():
            if loc.lost:
                lost[loc.lost] += 1
            elif mid in crowded:
                lost["its report stands for another mention"] += 1
            elif mid not in aligned:
                lost["no event"] += 1
    return Outcome(
        setting=f"every document published {date}" if date else "dates as the pipeline finds them",
        response=response,
        lost=lost,
        events=len(merged),
        reports=n_reports,
        articles=len(done),
        skipped=skipped,
        seconds=seconds,
        dated=sum(1 for a in done if a.published),
        copy_groups=len(set(dups.group_of.values())),
        renamed_actors=len(renamed),
        in_coref_sentences=_reports_in(docs, built, stored, merged),
        described={ev.event_id: describe(ev) for ev in merged},
    )


def describe(ev: Event) -> str:
    """What ``merge`` compares: root, sides, polarity, modality, date."""

    def side(ref: Any) -> str:
        return (ref.code or ref.actor_id) if ref is not None else "-"

    arrow = "<->" if ev.reciprocal else "->"
    extra = (
        ""
        if (ev.polarity, ev.modality) == ("asserted", "fact")
        else f" {ev.polarity}/{ev.modality}"
    )
    return (
        f"{ev.cameo} {side(ev.source)}{arrow}{side(ev.target)}{extra} "
        f"{ev.date or 'undated'}/{ev.date_precision}"
    )


def _reports_in(
    docs: Sequence[Document],
    built: Sequence[tuple[Article | Skipped, list[str]]],
    stored: Mapping[str, Article],
    merged: Iterable[Event],
) -> int:
    """Event reports whose sentence holds a gold mention's sentence (was annotated)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc, (art, lines) in zip(docs, built, strict=True):
        article = stored.get(art.article_id) if isinstance(art, Article) else None
        if article is None:
            continue
        for m in doc.mentions:
            line = lines[m.sent]
            at = article.text.find(line) if line else -1
            if at >= 0:
                spans[article.article_id].append((at, at + len(line)))
    return sum(
        1
        for ev in merged
        for m in ev.mentions
        if any(s < m.end and m.start < e for s, e in spans.get(m.article_id, ()))
    )


def discover(articles: Sequence[Article]) -> dict[str, str]:
    """Provisional actors that are one actor across articles (``actors/discovery``), as the
    engine's corpus update finds them; old id -> kept id."""
    from storyline.actors import discovery

    actors: dict[str, tuple[str, str, str, str | None, str | None, bool]] = {}
    rows: list[tuple[str, str]] = []
    for a in articles:
        for act in a.actors.values():
            actors.setdefault(
                act.actor_id, (act.actor_id, act.name, act.kind, act.code, act.country, act.known)
            )
        rows.extend((a.article_id, m.actor_id) for m in a.mentions)
    return discovery.plan(discovery.candidates_from(actors.values(), rows))


def gold_partition(docs: Sequence[Document]) -> dict[str, str]:
    return {m.mention_id: m.key for d in docs for m in d.mentions}


def responses(docs: Sequence[Document], lemmas: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The baselines' labels for every gold mention."""
    mentions = [m for d in docs for m in d.mentions]
    return {
        "all singletons": {m.mention_id: m.mention_id for m in mentions},
        "one cluster per topic": {m.mention_id: f"topic {m.topic}" for m in mentions},
        "same head lemma in topic": {
            m.mention_id: f"{m.topic}/{lemmas.get(m.mention_id, m.text.lower())}" for m in mentions
        },
    }


def with_singletons(labels: Mapping[str, str], mentions: Iterable[str]) -> dict[str, str]:
    """A response over every gold mention: the unmatched ones alone."""
    return {m: labels.get(m, f"alone:{m}") for m in mentions}


def scores(
    key: Mapping[str, str],
    response: Mapping[str, str],
    keep: Callable[[str], bool] = lambda _m: True,
    drop_singletons: bool = False,
) -> corefscore.Scores:
    """Scores over the gold mentions ``keep`` accepts."""
    k = corefscore.partition({m: v for m, v in key.items() if keep(m)})
    r = corefscore.partition({m: v for m, v in response.items() if keep(m)})
    if drop_singletons:
        k, r = corefscore.without_singletons(k), corefscore.without_singletons(r)
    return corefscore.score(k, r)


def _score_table(rows: Sequence[tuple[str, corefscore.Scores]]) -> list[str]:
    head = f"{'':34} {'MUC R/P/F1':>20} {'B3 R/P/F1':>20} {'CEAF-e R/P/F1':>20} {'CoNLL':>6}"
    lines = [head]
    for name, s in rows:
        cells = [f"{x.recall:.3f}/{x.precision:.3f}/{x.f1:.3f}" for x in (s.muc, s.b3, s.ceafe)]
        lines.append(f"{name:34} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} {s.conll:6.3f}")
    return lines


def stats(docs: Sequence[Document]) -> dict[str, int]:
    mentions = [m for d in docs for m in d.mentions]
    clusters = Counter(m.key for m in mentions)
    return {
        "documents": len(docs),
        "topics": len({d.topic for d in docs}),
        "mentions": len(mentions),
        "clusters": len(clusters),
        "singletons": sum(1 for n in clusters.values() if n == 1),
    }


def wrong_links(
    docs: Sequence[Document],
    response: Mapping[str, str],
    described: Mapping[str, str],
    limit: int = 10,
) -> tuple[list[str], list[str]]:
    """Examples: mentions storyline merged across documents that gold keeps apart, and covered
    mentions gold links that storyline kept apart, each with the merged events' keys."""
    by_id = {m.mention_id: m for d in docs for m in d.mentions}
    covered = sorted(response)

    def show(m: GoldMention) -> str:
        return f"{m.doc} {m.text!r} [{described.get(response[m.mention_id], '?')}]"

    wrong: list[str] = []
    missed: list[str] = []
    for i, a_id in enumerate(covered):
        a = by_id[a_id]
        for b_id in covered[i + 1 :]:
            b = by_id[b_id]
            same = response[a_id] == response[b_id]
            if same and a.key != b.key and a.doc != b.doc:
                wrong.append(f"{show(a)} + {show(b)}")
            elif not same and a.key == b.key:
                missed.append(f"{show(a)} / {show(b)}")
    return wrong[:limit], missed[:limit]


def lexical_coverage(docs: Sequence[Document], lemmas: Mapping[str, str], ps: Any) -> int:
    """Gold mentions whose head lemma is a trigger word of the CAMEO patterns (a verb or noun
    in ``events/data/patterns.yaml``): an upper bound of what the event stage can cover."""
    words = set(ps.verbs) | set(ps.nouns)
    return sum(1 for d in docs for m in d.mentions if lemmas.get(m.mention_id) in words)


def evaluate(
    path: Path,
    ctx: Context | None = None,
    topics: Iterable[int] | None = None,
    limit: int | None = None,
    fixed_date: str | None = "2013-01-01",
    examples: int = 8,
) -> EvalResult:
    """The whole benchmark: gold, baselines, storyline with dates as found and (unless
    ``fixed_date`` is None) with one publication date for all; an ``evaluate.EvalResult``."""
    if not ((path / DOCS).exists() or path.is_file()):
        raise EvalDataMissing(f"evaluation data not found: {path / DOCS}")
    ctx = ctx or Context()
    docs = load(path, topics, limit)
    st = stats(docs)
    key = gold_partition(docs)
    mentions = list(key)
    lemmas = head_lemmas(docs, ctx.nlp)
    lexical = lexical_coverage(docs, lemmas, ctx.patterns)
    baselines = responses(docs, lemmas)
    lines = [
        f"ECB+: {st['documents']} documents, {st['topics']} topics; {st['mentions']} gold action "
        f"mentions in the coreference sentences, {st['clusters']} clusters "
        f"({st['singletons']} singletons)",
        f"gold mentions whose head lemma is a CAMEO trigger word: {lexical} "
        f"= {lexical / max(1, len(mentions)):.3f}",
    ]
    figures: dict[str, Any] = {**st, "trigger_word_share": lexical / max(1, len(mentions))}
    runs: list[Outcome] = []
    for date in [None, *([fixed_date] if fixed_date else [])]:
        out = run_storyline(docs, ctx, date)
        runs.append(out)
        covered = len(out.response)
        lines += [
            "",
            f"storyline, {out.setting}: {out.articles} articles ({out.dated} dated, "
            f"{out.copy_groups} copy groups, {out.skipped} skipped), {out.reports} event reports "
            f"({out.in_coref_sentences} in annotated sentences) -> {out.events} merged events; "
            f"{out.renamed_actors} provisional actors merged; {out.seconds:.1f} s",
            f"  gold mentions covered by an event report: {covered}/{len(mentions)} "
            f"= {covered / max(1, len(mentions)):.3f}; not covered: "
            + ", ".join(f"{k} {v}" for k, v in out.lost.most_common()),
        ]
    named = [
        *((f"storyline, {o.setting}", with_singletons(o.response, mentions)) for o in runs),
        *baselines.items(),
    ]
    lines += ["", f"All {len(mentions)} gold mentions, singletons included (the usual figure):"]
    rows = [(n, scores(key, r)) for n, r in named]
    lines += _score_table(rows)
    lines += ["", "The same, singletons dropped from key and response (Cattan et al. 2021):"]
    rows_ns = [(n, scores(key, r, drop_singletons=True)) for n, r in named]
    lines += _score_table(rows_ns)
    figures["all_mentions"] = {n: s.as_dict() for n, s in rows}
    figures["no_singletons"] = {n: s.as_dict() for n, s in rows_ns}
    figures["runs"] = {}
    for o in runs:
        cov = set(o.response)
        sub = [
            ("storyline", scores(key, o.response, cov.__contains__)),
            *((n, scores(key, r, cov.__contains__)) for n, r in baselines.items()),
        ]
        lines += ["", f"Only the {len(cov)} mentions storyline covers ({o.setting}):"]
        lines += _score_table(sub)
        wrong, missed = wrong_links(docs, o.response, o.described, examples)
        if wrong:
            lines.append("  merged across documents, gold apart:")
            lines += [f"    {w}" for w in wrong]
        if missed:
            lines.append("  gold together, storyline apart:")
            lines += [f"    {w}" for w in missed]
        figures["runs"][o.setting] = {
            "covered": len(cov),
            "coverage": len(cov) / max(1, len(mentions)),
            "not_covered": dict(o.lost),
            "event_reports": o.reports,
            "merged_events": o.events,
            "seconds": round(o.seconds, 1),
            "covered_only": {n: s.as_dict() for n, s in sub},
        }
    return EvalResult("ecbplus", figures, lines)
