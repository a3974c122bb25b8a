"""Evaluations of the event coder against the shared development sets (read, never copied).

One function per set, each returning an :class:`EvalResult` (figures plus a printable report),
used by ``storyline eval SET`` and by the scripts in ``bench/``.  The sets live outside the
repository (``../shared/eval`` and ``../shared/corpora``, or ``$STORYLINE_SHARED``); a missing
set is a clear :class:`EvalDataMissing` error, never a silent zero.

What each set measures, and the conventions used (say them with every figure):

- ``plover``: the 322 CAMEO-manual example sentences typed in an early PLOVER version.  Gold
  root = the CAMEO root(s) of the example's type; gold current PLOVER type after the documented
  renamings (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).  The
  prediction is the sentence's main coded event (actors not required); ``with actors`` counts
  only events the full extractor emits.
- ``quadclass``: ConfliBERT sentences labelled 0-4 in the Phoenix convention (0 = roots 01-02,
  16 counts as verbal conflict).  A sentence with no coded event is predicted 0.
- ``tbaq``: TempEval-3 TimeBank+AQUAINT TIMEX3 values against ``events/time.py`` resolving each
  expression's text with the document creation time as the publication date.
- ``petrarch``: PETRARCH's unit-test records coded with its toy dictionaries, loaded through
  the actors' PETRARCH importer.
- ``ecbplus``: cross-document event coreference of ECB+'s gold action mentions (MUC, B³, CEAF-e,
  CoNLL F1) by the merged events, against baselines; conventions in ``ecbplus.py``.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.eval import ecbplus, ecbplus_corpus, realnews, roles
from storyline.eval.common import EvalDataMissing as EvalDataMissing  # re-exported for callers
from storyline.eval.common import (
    EvalResult,
    f1,
    need,
    parse_texts,
    shared_dir,
    text_table,
)
from storyline.events import time as etime
from storyline.events.codes import lookup, quad_class_phoenix
from storyline.events.coding import SentenceCode, main_code, sentence_codes
from storyline.events.extract import extract_article
from storyline.model import Article
from storyline.pipeline import Context


def _main(art: Article, ctx: Context) -> tuple[SentenceCode | None, list[SentenceCode]]:
    codes = sentence_codes(art, ctx.kb, ctx.patterns)
    return main_code(codes), codes


# ---- PLOVER / CAMEO manual examples ---------------------------------------------------------------

# Early PLOVER type -> the CAMEO roots its examples were drawn from (CAMEO2PLOVER and the
# PLOVER codebook).  ASSAULT and FIGHT split unconventional from conventional violence; the
# manual's mass-violence examples (20) appear under both.
PLOVER_ROOTS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"03"}),
    "CONSULT": frozenset({"04"}),
    "SUPPORT": frozenset({"05"}),
    "COOPERATE": frozenset({"06"}),
    "AID": frozenset({"07"}),
    "CONCEDE": frozenset({"08"}),
    "RETREAT": frozenset({"08"}),
    "INVESTIGATE": frozenset({"09"}),
    "DEMAND": frozenset({"10"}),
    "DISAPPROVE": frozenset({"11"}),
    "REJECT": frozenset({"12"}),
    "THREATEN": frozenset({"13"}),
    "PROTEST": frozenset({"14"}),
    "MOBILIZE": frozenset({"15"}),
    "SANCTION": frozenset({"16"}),
    "COERCE": frozenset({"17"}),
    "ASSAULT": frozenset({"18", "20"}),
    "FIGHT": frozenset({"19", "20"}),
}
# Renamings between the early PLOVER (0.5) and the current codebook, as documented there:
# REQUEST replaced DEMAND; ACCUSE absorbed DISAPPROVE and INVESTIGATE (mode "investigate");
# ASSAULT absorbed FIGHT.
PLOVER_RENAMED = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def current_plover(old: str) -> str:
    return PLOVER_RENAMED.get(old, old)


def load_plover(shared: Path) -> list[dict[str, Any]]:
    path = need(shared / "eval" / "plover" / "PLOVER_GSR_CAMEO.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [d for d in data if d.get("text") and d.get("event") in PLOVER_ROOTS]


def run_plover(shared: Path, ctx: Context | None = None) -> EvalResult:
    ctx = ctx or Context()
    examples = load_plover(shared)
    arts = parse_texts(
        [
            (d["id"], d["text"].strip(" {}"), str(d.get("date") or "")[:10] or None)
            for d in examples
        ],
        ctx,
    )
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    root_ok = type_ok = with_actors_ok = no_event = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for d, art in zip(examples, arts, strict=True):
        gold = d["event"]
        main, _codes = _main(art, ctx)
        pred_root = main.code[:2] if main else "--"
        pred_type = lookup(main.code).plover if main else "--"
        ok_root = pred_root in PLOVER_ROOTS[gold]
        ok_type = pred_type == current_plover(gold)
        events = extract_article(art, ctx.kb, ctx.patterns)
        ok_actors = any(e.root in PLOVER_ROOTS[gold] for e in events)
        root_ok += ok_root
        type_ok += ok_type
        with_actors_ok += ok_actors
        no_event += main is None
        by_type[gold].update(
            {"n": 1, "root": int(ok_root), "type": int(ok_type), "actors": int(ok_actors)}
        )
        confusion[(gold, pred_root)] += 1
    n = len(examples)
    figures = {
        "examples": n,
        "root_accuracy": root_ok / n,
        "plover_type_accuracy": type_ok / n,
        "root_accuracy_with_actors": with_actors_ok / n,
        "no_event": no_event,
        "by_type": {
            t: {k: c[k] for k in ("n", "root", "type", "actors")}
            for t, c in sorted(by_type.items())
        },
    }
    rows = [["type (early PLOVER)", "n", "root ok", "type ok", "with actors"]]
    for t, c in sorted(by_type.items()):
        rows.append([t, str(c["n"]), str(c["root"]), str(c["type"]), str(c["actors"])])
    report = [
        f"PLOVER/CAMEO manual examples: {n} sentences",
        f"  root accuracy (main coded event, actors not required): {root_ok / n:.3f}",
        f"  PLOVER type accuracy (current names):                  {type_ok / n:.3f}",
        f"  root accuracy, events with actors only:                {with_actors_ok / n:.3f}",
        f"  sentences with no coded event: {no_event}",
        "",
        *text_table(rows),
    ]
    figures["confusion"] = {f"{g}>{p}": k for (g, p), k in sorted(confusion.items())}
    return EvalResult("plover", figures, report)


# ---- quad class -------------------------------------------------------------------------------------


def load_quadclass(shared: Path) -> list[tuple[str, int]]:
    path = need(shared / "eval" / "quadclass" / "cameo_class_train.tsv")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if label.strip().isdigit():
            out.append((text, int(label)))
    return out


def predict_quad(main: SentenceCode | None) -> int:
    """Phoenix quad class of the main event; a sentence with nothing coded is a statement (0)."""
    return quad_class_phoenix(main.code[:2]) if main else 0


def macro_f1(gold: Sequence[int], pred: Sequence[int], labels: Iterable[int]) -> dict[str, Any]:
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[str(lab)] = {"precision": prec, "recall": rec, "f1": f1(prec, rec), "n": tp + fn}
    macro = sum(v["f1"] for v in per.values()) / len(per)
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold)
    return {"macro_f1": macro, "accuracy": acc, "per_class": per}


def run_quadclass(shared: Path, ctx: Context | None = None) -> EvalResult:
    ctx = ctx or Context()
    rows = load_quadclass(shared)
    arts = parse_texts([(f"q{i}", t, None) for i, (t, _) in enumerate(rows)], ctx)
    gold = [lab for _, lab in rows]
    pred = [predict_quad(_main(a, ctx)[0]) for a in arts]
    labels = [0, 1, 2, 3, 4]
    scores = macro_f1(gold, pred, labels)
    matrix = [
        [sum(1 for g, p in zip(gold, pred, strict=True) if g == a and p == b) for b in labels]
        for a in labels
    ]
    figures = {"sentences": len(rows), **scores, "confusion": matrix, "convention": "phoenix"}
    table = [["gold \\ pred", *map(str, labels), "recall", "F1"]]
    for a, row in zip(labels, matrix, strict=True):
        pc = scores["per_class"][str(a)]
        table.append([str(a), *map(str, row), f"{pc['recall']:.2f}", f"{pc['f1']:.2f}"])
    table.append(
        ["precision", *(f"{scores['per_class'][str(b)]['precision']:.2f}" for b in labels), "", ""]
    )
    report = [
        f"Quad class (Phoenix convention: 0 statement/appeal, 1-4 quad classes): {len(rows)} sentences",
        f"  macro-F1 {scores['macro_f1']:.3f}, accuracy {scores['accuracy']:.3f}",
        "",
        *text_table(table),
    ]
    return EvalResult("quadclass", figures, report)


# ---- TBAQ time expressions ---------------------------------------------------------------------------


def _interval(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 (or our) value covers; None for values that are not calendar points."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
            d = date.fromisoformat(value[:10])
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            d = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return d, d + timedelta(days=6)
        m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        if m:
            y, q = int(m.group(1)), int(m.group(2))
            end = date(y + (q == 4), (q * 3) % 12 + 1, 1) - timedelta(days=1)
            return date(y, q * 3 - 2, 1), end
    except ValueError:
        return None
    return None


def load_tbaq(shared: Path) -> list[dict[str, Any]]:
    path = need(shared / "corpora" / "tempeval3-tbaq" / "tbaq_docs.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def run_tbaq(shared: Path, ctx: Context | None = None) -> EvalResult:
    """Each TIMEX3's text resolved against the document date; exact, coarser-but-right, wrong."""
    docs = load_tbaq(shared)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        dct = doc.get("dct")
        for tx in doc.get("timexes") or []:
            kind, gold = tx.get("type", "DATE"), str(tx.get("value", ""))
            got = etime.resolve(tx.get("text", ""), dct)
            c = counts[kind]
            c["n"] += 1
            if got is None:
                # Durations and sets are not points: declining them is right.
                c["declined_ok" if _interval(gold) is None else "unresolved"] += 1
                continue
            value = got[0]
            g, o = _interval(gold), _interval(value)
            if value == gold or (kind == "TIME" and gold.startswith(value) and len(value) == 10):
                c["exact"] += 1
            elif g is not None and o is not None and o[0] <= g[0] and g[1] <= o[1]:
                c["coarser"] += 1  # right, at a precision we could support
            else:
                c["wrong"] += 1
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    date_c = counts.get("DATE", Counter())
    figures: dict[str, Any] = {
        "documents": len(docs),
        "timexes": total["n"],
        "date_exact": date_c["exact"] / max(1, date_c["n"]),
        "date_exact_or_coarser": (date_c["exact"] + date_c["coarser"]) / max(1, date_c["n"]),
        "date_wrong": date_c["wrong"] / max(1, date_c["n"]),
        "all_normalized": (total["exact"] + total["declined_ok"]) / max(1, total["n"]),
        "by_type": {k: dict(v) for k, v in sorted(counts.items())},
    }
    rows = [["type", "n", "exact", "coarser", "declined ok", "unresolved", "wrong"]]
    for k, c in sorted(counts.items()):
        rows.append(
            [
                k,
                *(
                    str(c[x])
                    for x in ("n", "exact", "coarser", "declined_ok", "unresolved", "wrong")
                ),
            ]
        )
    report = [
        f"TBAQ TIMEX3 normalization: {len(docs)} documents, {total['n']} expressions",
        f"  DATE exact {figures['date_exact']:.3f}; exact or right at a coarser precision "
        f"{figures['date_exact_or_coarser']:.3f}; wrong {figures['date_wrong']:.3f}",
        f"  all TIMEX3 normalized to gold (durations/sets declined count as right): "
        f"{figures['all_normalized']:.3f}",
        "",
        *text_table(rows),
    ]
    return EvalResult("tbaq", figures, report)


# ---- PETRARCH unit-test records -----------------------------------------------------------------------


def load_petrarch_records(shared: Path) -> list[dict[str, Any]]:
    """The records: id, ISO date, text, gold (source, target, code) triples, or a skip reason."""
    import xml.etree.ElementTree as ET

    path = need(shared / "eval" / "petrarch-unittest" / "PETR.UnitTest.records.xml")
    root = ET.fromstring(path.read_text(encoding="utf-8", errors="replace"))
    out = []
    for sent in root.iter("Sentence"):
        raw = sent.get("date") or ""
        date_iso = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 else None
        gold: set[tuple[str, str, str]] = set()
        skip = None
        for ec in sent.findall("EventCoding"):
            if ec.get("error"):
                skip = ec.get("error")
            elif ec.get("sourcecode") is not None:
                gold.add(
                    (ec.get("sourcecode", ""), ec.get("targetcode", ""), ec.get("eventcode", ""))
                )
        text = " ".join((sent.findtext("Text") or "").split())
        if text and sent.get("id") != "FINAL-RECORD":
            out.append(
                {"id": sent.get("id"), "date": date_iso, "text": text, "gold": gold, "skip": skip}
            )
    return out


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def run_petrarch(shared: Path, ctx: Context | None = None) -> EvalResult:
    """PETRARCH's unit-test records with its toy actor and agent dictionaries (and nothing else).

    Its verb dictionary is not imported: its codes are mostly WEIS, not CAMEO ("restore ties"
    is 064 there), so event codes are scored as given but the dyad figures -- who did something
    to whom -- are the comparable ones.
    """
    from storyline.actors.petrarch import load_petrarch

    folder = need(shared / "eval" / "petrarch-unittest")
    kb = load_petrarch([folder / "PETR.Validate.actors.txt"], [folder / "PETR.Validate.agents.txt"])
    base = ctx or Context()
    pctx = Context(knowledge=kb, pattern_files=base.pattern_files, model=base.model)
    pctx._nlp = base._nlp
    records = [r for r in load_petrarch_records(shared) if r["skip"] is None]
    arts = parse_texts([(str(r["id"]), r["text"], r["date"]) for r in records], pctx)
    exact = dyad_exact = 0
    tp = npred = ngold = dtp = dpred = dgold = 0
    for rec, art in zip(records, arts, strict=True):
        events = extract_article(art, pctx.kb, pctx.patterns)
        pred: set[tuple[str, str, str]] = set()
        for e in events:
            # PETRARCH writes a denied or negated act too, with its own negation code, so
            # the dyads count every event whatever its polarity
            src = (e.source.code or "") if e.source else ""
            tgt = (e.target.code or "") if e.target else ""
            pred.add((src, tgt, e.cameo))
            if e.reciprocal and tgt and realnews.named_together(e):
                # "Gondor and Osgiliath delayed their meeting": PETRARCH writes a reciprocal
                # act of a compound subject as both directions, as the real-news guide does
                pred.add((tgt, src, e.cameo))
        gold = rec["gold"]
        exact += pred == gold
        pd, gd = {(a, b) for a, b, _ in pred}, {(a, b) for a, b, _ in gold}
        dyad_exact += pd == gd
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
        dtp += len(pd & gd)
        dpred += len(pd)
        dgold += len(gd)
    n = len(records)
    figures = {
        "records": n,
        "records_exact": exact / n,
        "records_dyads_exact": dyad_exact / n,
        "events": _prf(tp, npred, ngold),
        "dyads": _prf(dtp, dpred, dgold),
        "gold_events": ngold,
        "predicted_events": npred,
    }
    ev, dy = figures["events"], figures["dyads"]
    report = [
        f"PETRARCH unit-test records: {n} coded records (error-marked records left out), "
        "toy actor/agent dictionaries only",
        f"  records exactly right (source, target, code): {exact / n:.3f}",
        f"  records with exactly the right dyads:          {dyad_exact / n:.3f}",
        f"  events (source, target, code) P {ev['precision']:.3f} R {ev['recall']:.3f} F1 {ev['f1']:.3f}",
        f"  dyads (source, target)        P {dy['precision']:.3f} R {dy['recall']:.3f} F1 {dy['f1']:.3f}",
        "  (gold codes come from PETRARCH's toy verb dictionary, mostly WEIS codes; ours are CAMEO)",
    ]
    return EvalResult("petrarch", figures, report)


# ---- speed -------------------------------------------------------------------------------------------------


def run_speed(
    texts: Sequence[str], ctx: Context | None = None, repeat: int = 3
) -> dict[str, float]:
    """Sentences per second of the event stage alone (parse and actors done beforehand)."""
    from storyline.events import extract

    ctx = ctx or Context()
    t0 = time.perf_counter()
    arts = parse_texts([(f"s{i}", t, "2020-01-01") for i, t in enumerate(texts)], ctx)
    parse_s = time.perf_counter() - t0
    sentences = sum(len(a.sentences) for a in arts)
    kb, ps = ctx.kb, ctx.patterns
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for a in arts:
            extract.extract_article(a, kb, ps)
        best = min(best, time.perf_counter() - t0)
    return {
        "texts": len(texts),
        "sentences": sentences,
        "parse_and_actors_s": parse_s,
        "events_s": best,
        "events_sentences_per_s": sentences / best if best else float("inf"),
        "parse_and_actors_sentences_per_s": sentences / parse_s if parse_s else float("inf"),
    }


def run_ecbplus(shared: Path, ctx: Context | None = None) -> EvalResult:
    """ECB+ through the whole pipeline and merge (about two minutes on one core)."""
    return ecbplus.evaluate(ecbplus_corpus.corpus_dir(shared), ctx)


# ---- registry -------------------------------------------------------------------------------------------------


def run_realnews(shared: Path, ctx: Context | None = None) -> EvalResult:
    """Whole events on real news sentences (``realnews.py``); failures go to
    ``$STORYLINE_EVAL_FAILURES`` when it names a file (one JSON line per sentence)."""
    return realnews.evaluate(shared, ctx, os.environ.get("STORYLINE_EVAL_FAILURES") or None)


def run_roles(shared: Path, ctx: Context | None = None) -> EvalResult:
    """Source and target spans against the tagged sentences (``roles.py``)."""
    return roles.evaluate(shared, ctx)


SETS: dict[str, Callable[[Path, Context | None], EvalResult]] = {
    "realnews": run_realnews,
    "roles": run_roles,
    "plover": run_plover,
    "quadclass": run_quadclass,
    "tbaq": run_tbaq,
    "petrarch": run_petrarch,
    "ecbplus": run_ecbplus,
}


def run(name: str, shared: str | Path | None = None, ctx: Context | None = None) -> EvalResult:
    if name not in SETS:
        raise KeyError(f"unknown evaluation set {name!r}; one of {', '.join(sorted(SETS))}")
    return SETS[name](shared_dir(shared), ctx)
