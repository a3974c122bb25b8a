"""Near-duplicate benchmarks (issue 4): Reuters exact duplicates, synthetic edits, throughput.

    python bench/dedup_bench.py reuters    [--shared ../shared] [--show 40]
    python bench/dedup_bench.py synthetic  [--shared ../shared] [--originals 1000] [--seed 7]
    python bench/dedup_bench.py throughput [--shared ../shared] [--store-size 100000]
    python bench/dedup_bench.py            # all three

Real articles are read from ../shared/corpora when present (nothing is copied into the
repository); the synthetic copies are generated here, at run time, from those articles.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing as mp
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import corpus  # noqa: E402
from storyline.corpus import duplicates as dedup  # noqa: E402
from storyline.corpus import minhash  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import Context  # noqa: E402
from storyline.store import Store  # noqa: E402

_WORD = re.compile(r"\w+")
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}


# ---- real articles ------------------------------------------------------------------------------
def reuters_records(shared: Path) -> list[dict[str, str]]:
    src = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    if not src.exists():
        return []
    out = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if (rec.get("body") or "").strip():
                out.append(
                    {"id": f"r{rec['newid']}", "body": rec["body"], "title": rec.get("title") or ""}
                )
    return out


def reuters_text(body: str) -> str:
    """A wire body as an article: indented lines start paragraphs, the sign-off is dropped."""
    body = re.sub(r"\s*\bReuter\s*$", "", body.strip())
    paras = [" ".join(p.split()) for p in re.split(r"\n\s{3,}", body)]
    return "\n\n".join(p for p in paras if p)


def t17_texts(shared: Path) -> list[tuple[str, str]]:
    """Timeline17 articles (one sentence a line) with sentences grouped into short paragraphs."""
    src = shared / "corpora" / "t17-dev" / "articles.jsonl.gz"
    if not src.exists():
        return []
    out = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rng = random.Random(rec["id"])
            sents = [" ".join(_PTB.get(w, w) for w in s.split()) for s in rec["text"].split("\n")]
            sents = [s for s in sents if s]
            paras, i = [], 0
            while i < len(sents):
                k = rng.choice((1, 2, 2, 3))
                paras.append(" ".join(sents[i : i + k]))
                i += k
            out.append((f"t17:{rec['id']}", "\n\n".join(paras)))
    return out


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# ---- edits --------------------------------------------------------------------------------------
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")


def rewrite_sentence(sentence: str, rng: random.Random, vocab: list[str]) -> str:
    """Reword a sentence: about one word in six substituted, dropped, inserted or swapped."""
    words = sentence.split()
    for _ in range(max(1, len(words) // 6)):
        if len(words) < 3:
            break
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.4:
            words[i] = rng.choice(vocab)
        elif op < 0.6:
            del words[i]
        elif op < 0.8:
            words.insert(i, rng.choice(vocab))
        elif i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def edit_copy(
    text: str, level: float, rng: random.Random, foreign: list[str], vocab: list[str]
) -> str:
    """A republished copy: a share ``level`` of paragraphs dropped, of sentences rewritten, of
    paragraphs moved, and as many foreign paragraphs added as were dropped."""
    paras = text.split("\n\n")
    n = len(paras)
    drop = set(rng.sample(range(n), min(n - 1, round(level * n))))
    kept = [p for i, p in enumerate(paras) if i not in drop]
    out = []
    for p in kept:
        sents = _SENT.split(p)
        out.append(
            " ".join(rewrite_sentence(s, rng, vocab) if rng.random() < level else s for s in sents)
        )
    moved = rng.sample(range(len(out)), min(len(out), round(level * len(out))))
    shuffled = moved[:]
    rng.shuffle(shuffled)
    copy = out[:]
    for src, dst in zip(moved, shuffled, strict=True):
        copy[dst] = out[src]
    for p in foreign[: max(1, round(level * n)) if level else 0]:
        copy.insert(rng.randrange(len(copy) + 1), p)
    return "\n\n".join(copy)


# ---- helpers ------------------------------------------------------------------------------------
def detect(docs: list[tuple[str, str]]) -> tuple[list[tuple[str, str, float, list]], float]:
    """Every near-duplicate pair among the docs (one pass, in memory) and the seconds it took."""
    index = minhash.Index()
    t0 = time.perf_counter()
    res = dedup.run(docs, index, [], {})
    return res.new_pairs, time.perf_counter() - t0


def _grams(text: str, n: int = 8) -> set[int]:
    w = [x.lower() for x in _WORD.findall(text)]
    return {hash(tuple(w[i : i + n])) for i in range(len(w) - n + 1)}


def independent(docs: list[tuple[str, str]], share: float = 0.2) -> list[tuple[str, str]]:
    """Drop articles sharing a fifth of their 8-grams with a kept one (real copies in the
    corpus would otherwise count as false pairs), using exact sets, not MinHash."""
    owner: dict[int, list[int]] = {}
    kept: list[tuple[str, str]] = []
    sizes: list[int] = []
    for aid, text in docs:
        g = _grams(text)
        if not g:
            continue
        hits = Counter(k for x in g for k in owner.get(x, ()))
        if any(c >= share * min(len(g), sizes[k]) for k, c in hits.items()):
            continue
        for x in g:
            owner.setdefault(x, []).append(len(kept))
        kept.append((aid, text))
        sizes.append(len(g))
    return kept


# ---- Reuters -------------------------------------------------------------------------------------
def bench_reuters(shared: Path, show: int) -> None:
    recs = reuters_records(shared)
    if not recs:
        print("reuters: Reuters-21578 not found under --shared; skipped")
        return
    by_body: dict[str, list[str]] = {}
    for r in recs:
        by_body.setdefault(r["body"], []).append(r["id"])
    dup_sets = [ids for ids in by_body.values() if len(ids) > 1]
    copies = sum(len(ids) - 1 for ids in dup_sets)
    true_pairs = {tuple(sorted(p)) for ids in dup_sets for p in combinations(ids, 2)}
    texts = {r["id"]: reuters_text(r["body"]) for r in recs}
    titles = {r["id"]: r["title"] for r in recs}
    docs = [(r["id"], texts[r["id"]]) for r in recs]
    pairs, secs = detect(docs)
    found = {(a, b) for a, b, _, _ in pairs}
    group_of = dedup.groups(found, {})
    # A copy is found when it lands in the group of the first article with the same body.
    copies_found = sum(
        1 for ids in dup_sets for x in ids[1:] if x in group_of and group_of[x] == group_of[ids[0]]
    )
    pairs_found = sum(1 for p in true_pairs if p in found)
    rest = found - true_pairs
    norm_same = {
        (a, b) for a, b in rest if minhash.text_hash(texts[a]) == minhash.text_hash(texts[b])
    }
    near = sorted(rest - norm_same)
    print(
        f"reuters: {len(recs)} bodies, {len(dup_sets)} byte-identical sets, {copies} extra copies"
    )
    print(f"  exact-duplicate copies found: {copies_found}/{copies} ({copies_found / copies:.1%})")
    print(f"  exact-duplicate pairs found:  {pairs_found}/{len(true_pairs)}")
    print(
        f"  other pairs: {len(rest)} = {len(norm_same)} identical after whitespace/case folding "
        f"+ {len(near)} near-duplicates among {len(recs) - copies} distinct bodies"
    )
    print(f"  one in-memory pass over {len(recs)} bodies: {secs:.1f} s")
    if show:
        print(f"  a random sample of {show} near-duplicate pairs to judge by hand (seed 2026):")
        for k, (a, b) in enumerate(random.Random(2026).sample(near, min(show, len(near)))):
            print(f"  #{k} {a} ~ {b}: {titles[a]} | {titles[b]}")
            print(f"       {texts[a][:160]!r}")
            print(f"       {texts[b][:160]!r}")


# ---- synthetic edits -------------------------------------------------------------------------------
LEVELS = (0.1, 0.2, 0.3, 0.4, 0.5)


def bench_synthetic(shared: Path, originals: int, seed: int) -> None:
    rng = random.Random(seed)
    t17 = t17_texts(shared)
    reuters = [(r["id"], reuters_text(r["body"])) for r in reuters_records(shared)]
    if not t17 and not reuters:
        print("synthetic: no corpora under --shared; skipped")
        return
    # Originals: articles of 4+ paragraphs and 120+ words; foreign paragraphs come from others.
    pool = [(a, t) for a, t in t17 + reuters if t.count("\n\n") >= 3 and _words(t) >= 120]
    rng.shuffle(pool)
    half = originals // 2
    t17_pool = [x for x in pool if x[0].startswith("t17:")]
    r_pool = [x for x in pool if not x[0].startswith("t17:")]
    chosen = independent(t17_pool[: half * 2])[:half] + independent(r_pool[: half * 3])[:half]
    chosen_ids = {a for a, _ in chosen}
    # Foreign paragraphs come from articles sharing no text with the originals (Reuters has
    # copies under other ids; their paragraphs would make true shared passages).
    chosen_grams = {g for _, t in chosen for g in _grams(t)}
    spare = [
        t
        for a, t in t17 + reuters
        if a not in chosen_ids and len(_grams(t) & chosen_grams) <= 0.02 * len(_grams(t))
    ]
    rng.shuffle(spare)
    vocab = sorted({w for _, t in chosen[:200] for w in t.split() if w.isalpha()})
    print(
        f"synthetic: {len(chosen)} originals ({sum(a.startswith('t17:') for a, _ in chosen)} "
        f"Timeline17, the rest Reuters), independent of each other (no two share 20% of their "
        "8-grams); one copy each per level"
    )
    print("  level | dropped/rewritten/moved share | pairs found | true | precision | recall")
    for level in LEVELS:
        lrng = random.Random(f"{seed}:{level}")
        docs = list(chosen)
        truth = set()
        for i, (aid, text) in enumerate(chosen):
            foreign_src = spare[i % len(spare)].split("\n\n")
            foreign = [p for p in foreign_src if _words(p) >= 12] or foreign_src
            copy = edit_copy(text, level, lrng, foreign, vocab)
            docs.append((f"copy:{aid}", copy))
            truth.add(tuple(sorted((aid, f"copy:{aid}"))))
        lrng.shuffle(docs)
        pairs, _ = detect(docs)
        found = {(a, b) for a, b, _, _ in pairs}
        tp = len(found & truth)
        precision = tp / len(found) if found else 1.0
        recall = tp / len(truth)
        print(
            f"  {level:.1f}   | {level:.0%}{'':22} | {len(found):5d}       | {tp:4d} | "
            f"{precision:.3f}     | {recall:.3f}"
        )


# ---- throughput -----------------------------------------------------------------------------------
def _sign_all(texts: list[str]) -> int:
    for i, t in enumerate(texts):
        minhash.sign(str(i), t)
    return len(texts)


def synthetic_articles(base: list[str], n: int, seed: int) -> Iterator[str]:
    """Articles recombined from real paragraphs, every sentence reworded, so they are distinct
    but have the length and vocabulary of real wire copy (for filling a large index)."""
    rng = random.Random(seed)
    paras = [p for t in base for p in t.split("\n\n") if _words(p) >= 12]
    vocab = sorted({w for p in paras[:2000] for w in p.split() if w.isalpha()})
    for _ in range(n):
        picked = rng.sample(paras, rng.randint(3, 8))
        yield "\n\n".join(
            " ".join(rewrite_sentence(s, rng, vocab) for s in _SENT.split(p)) for p in picked
        )


def bench_throughput(shared: Path, store_size: int) -> None:
    base = [t for _, t in t17_texts(shared)] + [
        reuters_text(r["body"]) for r in reuters_records(shared)
    ]
    if not base:
        print("throughput: no corpora under --shared; skipped")
        return
    sample = [t for t in base if _words(t) >= 40]
    random.Random(3).shuffle(sample)
    sample = sample[:4000]
    words = sum(_words(t) for t in sample)
    t0 = time.perf_counter()
    signed = [minhash.sign(str(i), t) for i, t in enumerate(sample)]
    sign_s = time.perf_counter() - t0
    index = minhash.Index()
    for s, t in zip(signed, sample, strict=True):
        index.add(s, t)
    t0 = time.perf_counter()
    hits = sum(bool(dedup.find_pairs(s, index, t)) for s, t in zip(signed, sample, strict=True))
    query_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(2) as pool:
        sum(pool.map(_sign_all, [sample[0::2], sample[1::2]]))
    sign2_s = time.perf_counter() - t0
    n_paras = sum(len(s.paragraphs) for s in signed)
    print(f"throughput: {len(sample)} real articles, {words} words, {n_paras} paragraph signatures")
    print(
        f"  signatures, 1 process:  {len(sample) / sign_s:,.0f} articles/s ({words / sign_s:,.0f} words/s)"
    )
    print(
        f"  signatures, 2 processes: {len(sample) / sign2_s:,.0f} articles/s ({words / sign2_s:,.0f} words/s)"
    )
    print(
        f"  LSH queries (document + paragraphs, verified, passages aligned), in memory, against "
        f"all {len(sample)}: {len(sample) / query_s:,.0f} articles/s ({hits} have a copy)"
    )
    _bench_store(base, store_size)


def _duplicates(store: Store) -> corpus.UpdateReport:
    """The duplicates stage alone, as the corpus update runs it."""
    return corpus.update(store, Context(), stages=[dedup.STAGE])


def _bench_store(base: list[str], size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dups.db"
        t_build = time.perf_counter()
        with Store(db) as store:
            gen = synthetic_articles(base, size, 11)
            batch: list[Article] = []
            done = 0
            sign_time = 0.0
            for i, text in enumerate(gen):
                aid = hashlib.sha256(f"bench{i}".encode()).hexdigest()[:16]
                batch.append(Article(article_id=aid, path=aid, text=text, published="2020-01-01"))
                if len(batch) == 5000 or i == size - 1:
                    store.write_batch(batch)
                    t0 = time.perf_counter()
                    _duplicates(store)
                    sign_time += time.perf_counter() - t0
                    done += len(batch)
                    batch = []
            build_s = time.perf_counter() - t_build
            n_keys = store.db.execute("SELECT count(*) FROM lsh_keys").fetchone()[0]
            n_paras = store.db.execute("SELECT count(*) FROM paragraph_signatures").fetchone()[0]
            n_pairs = store.count("near_duplicates")
        mb = db.stat().st_size / 2**20
        print(
            f"  store of {done:,} articles ({n_paras:,} paragraph signatures, {n_keys:,} band keys, "
            f"{n_pairs} chance pairs; {mb:,.0f} MB): built in {build_s:.0f} s, of which "
            f"{sign_time:.0f} s signing, looking up and writing in batches of 5,000"
        )
        # The old way: rebuild an in-memory index from every stored signature.
        with Store(db) as store:
            t0 = time.perf_counter()
            minhash.load_index(
                store.db.execute(
                    "SELECT article_id, text_hash, signature FROM document_signatures"
                ),
                store.db.execute(
                    "SELECT article_id, paragraph, start, end, signature FROM paragraph_signatures"
                ),
                {},
            )
            rebuild_s = time.perf_counter() - t0
        print(f"  rebuilding an in-memory LSH index from the stored signatures: {rebuild_s:.1f} s")
        # Adding one article: a fresh one, then a partial copy of a stored one.
        fresh = next(synthetic_articles(base[::-1], 1, 99))
        with Store(db) as store:
            victim = store.db.execute(
                "SELECT article_id, text FROM articles LIMIT 1 OFFSET 777"
            ).fetchone()
        paras = victim["text"].split("\n\n")
        note = "An editor's note added here with a few words of its own to close the copy."
        copy = "\n\n".join([*paras[: max(2, len(paras) - 1)], note])
        for label, text in (("a new article", fresh), ("a partial copy of a stored one", copy)):
            aid = hashlib.sha256(text.encode()).hexdigest()[:16]
            t0 = time.perf_counter()
            with Store(db) as store:
                store.write_batch([Article(article_id=aid, path=aid, text=text)])
                t_write = time.perf_counter()
                report = _duplicates(store)  # sign, look up, check, regroup; written
                t_end = time.perf_counter()
                found = [b if a == aid else a for a, b, _, _ in store.duplicates.pairs_of([aid])]
            print(
                f"  add {label} to the {done:,}-article store: {t_end - t0:.3f} s = write "
                f"article {t_write - t0:.3f} + the duplicates stage {t_end - t_write:.3f} "
                f"({report.seconds}); pairs found: {found}"
            )
        print(f"  (the copy was made from stored article {victim['article_id']})")
        # A store made before band keys existed (or after a change of LSH parameters).
        with Store(db) as store:
            store.db.execute("DELETE FROM meta WHERE key = 'lsh_params'")
            t0 = time.perf_counter()
            _duplicates(store)
            rebuild_keys_s = time.perf_counter() - t0
        print(
            f"  one-time rebuild of the band keys from the stored signatures: {rebuild_keys_s:.1f} s"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "what", nargs="?", default="all", choices=("all", "reuters", "synthetic", "throughput")
    )
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--originals", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store-size", type=int, default=100_000)
    ap.add_argument("--show", type=int, default=40, help="Reuters pairs to print for judging")
    args = ap.parse_args()
    shared = Path(args.shared)
    print(
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; LSH {minhash.LSH_PARAMS}"
    )
    if args.what in ("all", "reuters"):
        bench_reuters(shared, args.show)
    if args.what in ("all", "synthetic"):
        bench_synthetic(shared, args.originals, args.seed)
    if args.what in ("all", "throughput"):
        bench_throughput(shared, args.store_size)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
