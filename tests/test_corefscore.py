"""Coreference metrics against values worked out by hand on toy partitions."""

from __future__ import annotations

import pytest

from storyline.eval import corefscore as cs

# The worked example of Pradhan et al. (2014): key {a b c} {d e f g}; response {a b} {c d}
# {f g h i}.  e is missing from the response, h and i are not in the key.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_on_the_worked_example() -> None:
    # Recall: {a b c} is cut into {a b} {c}: 3-2 = 1 link kept of 2; {d e f g} into {d} {e}
    # {f g}: 4-3 = 1 of 3.  R = 2/5.
    # Precision: {a b} whole: 1 of 1; {c d} cut in two: 0 of 1; {f g h i} into {f g} {h} {i}:
    # 1 of 3.  P = 2/5.
    s = cs.muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(2 / 5)
    assert s.precision == pytest.approx(2 / 5)
    assert s.f1 == pytest.approx(2 / 5)


def test_b_cubed_on_the_worked_example() -> None:
    # Recall, sum over key clusters of |K∩R|^2/|K|: {a b c}: (4 + 1)/3; {d e f g}: (1 + 4)/4.
    # (5/3 + 5/4) / 7 mentions = 35/84 = 5/12.
    # Precision over response clusters: {a b}: 4/2; {c d}: (1 + 1)/2; {f g h i}: 4/4.
    # (2 + 1 + 1) / 8 mentions = 1/2.  F1 = 2 (5/12)(1/2) / (11/12) = 5/11.
    s = cs.b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx(5 / 12)
    assert s.precision == pytest.approx(1 / 2)
    assert s.f1 == pytest.approx(5 / 11)


def test_ceaf_e_on_the_worked_example() -> None:
    # phi4 = 2|K∩R|/(|K|+|R|): {a b c}-{a b} 4/5, {a b c}-{c d} 2/5, {d e f g}-{c d} 2/6,
    # {d e f g}-{f g h i} 4/8.  Best one-to-one: 4/5 + 1/2 = 13/10.
    # R = 1.3 / 2 key entities = 0.65; P = 1.3 / 3 response entities; F1 = 0.52.
    s = cs.ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(0.65)
    assert s.precision == pytest.approx(1.3 / 3)
    assert s.f1 == pytest.approx(0.52)


def test_conll_is_the_mean_of_the_three() -> None:
    scores = cs.score(KEY, RESPONSE)
    assert scores.conll == pytest.approx((2 / 5 + 5 / 11 + 0.52) / 3)
    d = scores.as_dict()
    assert d["conll_f1"] == pytest.approx(scores.conll)
    assert d["muc_r"] == pytest.approx(0.4) and d["ceafe_p"] == pytest.approx(1.3 / 3)


def test_identical_partitions_score_one() -> None:
    key = [{1, 2, 3}, {4, 5}, {6}]
    scores = cs.score(key, [{3, 2, 1}, {5, 4}, {6}])
    for s in (scores.muc, scores.b3, scores.ceafe):
        assert s.recall == pytest.approx(1.0) and s.precision == pytest.approx(1.0)
    assert scores.conll == pytest.approx(1.0)


def test_vilain_split_cluster() -> None:
    # Key {A B C D}, response {A B} {C D}: the response keeps 4-2 = 2 of the key's 3 links
    # (R = 2/3) and every link it makes is right (P = 2/2).
    s = cs.muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert s.recall == pytest.approx(2 / 3)
    assert s.precision == pytest.approx(1.0)


def test_singleton_response_against_one_cluster() -> None:
    # Key {1 2 3 4}; response all singletons.
    # MUC: no link kept, none made: R = 0, P = 0/0 -> 0.
    # B3: R = 4 * (1/4) / 4 = 1/4; P = 1.
    # CEAF-e: each singleton aligns with phi4 = 2/5; only one of them can: R = 2/5 / 1,
    # P = 2/5 / 4 = 1/10.
    key = [{1, 2, 3, 4}]
    response = [{1}, {2}, {3}, {4}]
    scores = cs.score(key, response)
    assert (scores.muc.recall, scores.muc.precision, scores.muc.f1) == (0.0, 0.0, 0.0)
    assert scores.b3.recall == pytest.approx(1 / 4) and scores.b3.precision == pytest.approx(1.0)
    assert scores.ceafe.recall == pytest.approx(2 / 5)
    assert scores.ceafe.precision == pytest.approx(1 / 10)


def test_one_cluster_response_against_singletons() -> None:
    # The mirror image: key all singletons, response one cluster.  B3 R = 1, P = 1/4.
    scores = cs.score([{1}, {2}, {3}, {4}], [{1, 2, 3, 4}])
    assert scores.b3.recall == pytest.approx(1.0) and scores.b3.precision == pytest.approx(1 / 4)
    assert scores.muc.f1 == 0.0


def test_ceaf_alignment_is_one_to_one_and_optimal() -> None:
    # Key {1 2} {3 4 5 6}; response {1 2 3} {4 5 6}.
    # phi4: {1 2}-{1 2 3} 4/5; {3 4 5 6}-{1 2 3} 2/7; {3 4 5 6}-{4 5 6} 6/7.
    # Greedy and optimal agree here: 4/5 + 6/7 = 58/35; R = P = 29/35.
    s = cs.ceaf_e([{1, 2}, {3, 4, 5, 6}], [{1, 2, 3}, {4, 5, 6}])
    assert s.recall == pytest.approx(29 / 35) and s.precision == pytest.approx(29 / 35)
    # Key {1 2 3} {4}; response {1 4} {2 3}: {1 2 3} may take {2 3} (4/5) or {1 4} (2/5), and
    # {4} only {1 4} (2/3).  Best: 4/5 + 2/3 = 22/15 (greedy on the largest would say the same;
    # the point is one response cluster is never used twice).  R = P = 11/15.
    s = cs.ceaf_e([{1, 2, 3}, {4}], [{1, 4}, {2, 3}])
    assert s.recall == pytest.approx(11 / 15) and s.precision == pytest.approx(11 / 15)


def test_not_a_partition_is_refused() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        cs.score([{1, 2}, {2, 3}], [{1}, {2}, {3}])
    with pytest.raises(ValueError, match="twice"):
        cs.score([[1, 1]], [[1]])


def test_empty_sides_score_zero() -> None:
    scores = cs.score([], [{1}])
    assert scores.conll == 0.0


def test_helpers() -> None:
    parts = cs.partition({"m1": "x", "m2": "y", "m3": "x"})
    assert sorted(map(sorted, parts)) == [["m1", "m3"], ["m2"]]
    assert cs.without_singletons(parts) == [{"m1", "m3"}]
    assert cs.restrict(parts, {"m2", "m3"}) == [{"m3"}, {"m2"}]
