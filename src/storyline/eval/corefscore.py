"""Coreference scores of a response partition against a key: MUC, B³, CEAF-e and CoNLL F1.

Written from the metric definitions (Vilain et al. 1995; Bagga & Baldwin 1998; Luo 2005) as the
reference scorer applies them (Pradhan et al. 2014), so that figures on event-coreference sets
(ECB+) read like the published ones:

- a mention present on one side only (a "twinless" mention) is a singleton of its own when the
  other side partitions it (MUC), and counts in the denominators of the side that has it (B³);
- CEAF-e aligns key and response clusters one to one, maximising the summed entity similarity
  ``2|K∩R| / (|K|+|R|)``;
- a metric whose denominator is zero (MUC over singletons only) scores 0, not 1: a partition of
  singletons has no links to find or to get right;
- CoNLL F1 is the unweighted mean of the three F1 values.

Partitions are sequences of clusters, each a collection of hashable mention ids.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Cluster = Collection[Hashable]
Partition = Sequence[Cluster]


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    muc: Score
    b3: Score
    ceafe: Score

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name in ("muc", "b3", "ceafe"):
            s: Score = getattr(self, name)
            out[f"{name}_r"], out[f"{name}_p"], out[f"{name}_f1"] = s.recall, s.precision, s.f1
        out["conll_f1"] = self.conll
        return out


def _clusters(partition: Partition, side: str) -> list[frozenset[Hashable]]:
    """The partition as sets, refusing a mention placed in two clusters (not a partition)."""
    out: list[frozenset[Hashable]] = []
    seen: set[Hashable] = set()
    for cluster in partition:
        members = frozenset(cluster)
        if not members:
            continue
        if len(members) != len(cluster):
            raise ValueError(f"{side}: a cluster lists the same mention twice")
        clash = seen & members
        if clash:
            raise ValueError(f"{side}: mention {next(iter(clash))!r} is in two clusters")
        seen |= members
        out.append(members)
    return out


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _owner(partition: list[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(partition) for m in c}


def _muc_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    owner = _owner(response)
    num = den = 0
    for k in key:
        # Parts of k cut by the response; a mention the response lacks is a part of its own.
        parts = {owner.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return _ratio(num, den)


def muc(key: Partition, response: Partition) -> Score:
    """Links: the share of the key's links the response keeps (recall), and the reverse."""
    k, r = _clusters(key, "key"), _clusters(response, "response")
    return Score(_muc_recall(k, r), _muc_recall(r, k))


def _b3_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    owner = _owner(response)
    num = 0.0
    total = 0
    for k in key:
        total += len(k)
        overlaps: dict[int, int] = {}
        for m in k:
            if m in owner:
                overlaps[owner[m]] = overlaps.get(owner[m], 0) + 1
        num += sum(n * n for n in overlaps.values()) / len(k)
    return _ratio(num, total)


def b_cubed(key: Partition, response: Partition) -> Score:
    """Per mention: how much of its key cluster its response cluster holds, averaged."""
    k, r = _clusters(key, "key"), _clusters(response, "response")
    return Score(_b3_recall(k, r), _b3_recall(r, k))


def ceaf_e(key: Partition, response: Partition) -> Score:
    """Entities aligned one to one (Kuhn–Munkres over phi4), similarity over cluster counts."""
    k, r = _clusters(key, "key"), _clusters(response, "response")
    if not k or not r:
        return Score(0.0, 0.0)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    owner = _owner(r)
    sim = np.zeros((len(k), len(r)))
    for i, kc in enumerate(k):
        for m in kc:
            j = owner.get(m)
            if j is not None:
                sim[i, j] += 1  # |K ∩ R| for now
    rows, cols = sim.nonzero()
    for i, j in zip(rows, cols, strict=True):
        sim[i, j] = 2 * sim[i, j] / (len(k[i]) + len(r[j]))
    ri, ci = linear_sum_assignment(sim, maximize=True)
    total = float(sim[ri, ci].sum())
    return Score(total / len(k), total / len(r))


def score(key: Partition, response: Partition) -> Scores:
    return Scores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def partition(labels: Mapping[Hashable, Hashable]) -> list[set[Hashable]]:
    """Mentions grouped by their cluster label (mention -> label), in first-seen order."""
    out: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels.items():
        out.setdefault(label, set()).add(mention)
    return list(out.values())


def without_singletons(clusters: Iterable[Cluster]) -> list[Cluster]:
    """Clusters of two or more mentions: the convention that keeps singletons from inflating
    B³ and CEAF-e (Cattan et al. 2021 apply it to both key and response)."""
    return [c for c in clusters if len(c) > 1]


def restrict(clusters: Iterable[Cluster], keep: Collection[Hashable]) -> list[set[Hashable]]:
    """The partition restricted to ``keep`` (empty clusters dropped)."""
    out = [{m for m in c if m in keep} for c in clusters]
    return [c for c in out if c]
