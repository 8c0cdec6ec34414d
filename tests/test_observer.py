"""Observer-mode scoring: agreement, Cohen's kappa and its edge cases, and unlabelled infant draws."""

import math

import numpy as np
import pytest

from simulator.content import observer as ob


def rating(r1, r2, cls):
    """A rating dict from two 4-tuples (proximity, contact, resistance, avoidance) and a class."""
    return {"reunion_1": dict(zip(ob.SCALES, r1)), "reunion_2": dict(zip(ob.SCALES, r2)),
            "classification": cls}


def test_scale_agreement_known_values():
    s = ob.scale_agreement([1, 2, 3, 4, 7], [1, 3, 5, 4, None])
    assert s.n == 4
    assert s.exact == pytest.approx(0.5)
    assert s.within_one == pytest.approx(0.75)
    assert s.mean_abs_diff == pytest.approx(0.75)


def test_scale_agreement_perfect_and_empty():
    s = ob.scale_agreement([7, 1, 4], [7, 1, 4])
    assert (s.n, s.exact, s.within_one, s.mean_abs_diff) == (3, 1.0, 1.0, 0.0)
    e = ob.scale_agreement([None, float("nan")], [3, None])
    assert e.n == 0 and math.isnan(e.exact) and math.isnan(e.within_one)


@pytest.mark.parametrize("bad", [0, 8, 3.5, "high"])
def test_scale_rating_out_of_range_is_an_error(bad):
    with pytest.raises(ValueError, match="1-7"):
        ob.scale_agreement([bad], [3])


def test_kappa_perfect_agreement_is_one():
    a = ["A", "B", "B", "C", "D", "B", "A", "B", "C", "B"]
    k = ob.cohens_kappa(a, list(a))
    assert k.kappa == pytest.approx(1.0)
    assert k.observed == pytest.approx(1.0)
    assert k.message == ""


def test_kappa_chance_agreement_is_zero():
    # Each rater says A half the time, independently: observed 0.5 = expected 0.5.
    k = ob.cohens_kappa(["A", "A", "B", "B"], ["A", "B", "A", "B"])
    assert k.observed == pytest.approx(0.5)
    assert k.expected == pytest.approx(0.5)
    assert k.kappa == 0.0


def test_kappa_textbook_example():
    # 50 items: 20 both A, 5 a=A b=B, 10 a=B b=A, 15 both B.
    # p_o = 0.70; p_e = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = 0.20 / 0.50 = 0.40.
    a = ["A"] * 25 + ["B"] * 25
    b = ["A"] * 20 + ["B"] * 5 + ["A"] * 10 + ["B"] * 15
    k = ob.cohens_kappa(a, b)
    assert k.observed == pytest.approx(0.70)
    assert k.expected == pytest.approx(0.50)
    assert k.kappa == pytest.approx(0.40)
    assert k.confusion[:2, :2].tolist() == [[20, 5], [10, 15]]


def test_kappa_below_chance_is_negative():
    k = ob.cohens_kappa(["A", "B", "A", "B"], ["B", "A", "B", "A"])
    assert k.kappa == pytest.approx(-1.0)


def test_kappa_single_shared_category_is_undefined():
    k = ob.cohens_kappa(["B"] * 6, ["B"] * 6)
    assert math.isnan(k.kappa)
    assert k.observed == pytest.approx(1.0) and k.expected == pytest.approx(1.0)
    assert "undefined" in k.message and "B" in k.message


def test_kappa_one_rater_single_category():
    # Rater a always says B; rater b says B 3 of 4 times: p_o = 0.75 = p_e, kappa 0.
    k = ob.cohens_kappa(["B"] * 4, ["B", "B", "A", "B"])
    assert k.kappa == pytest.approx(0.0)


def test_kappa_empty_and_unchosen():
    k = ob.cohens_kappa([], [])
    assert math.isnan(k.kappa) and k.n == 0 and "undefined" in k.message
    k2 = ob.cohens_kappa([None, "A"], ["B", None])
    assert k2.n == 0 and math.isnan(k2.kappa)


def test_kappa_aliases_and_unknown():
    k = ob.cohens_kappa(["secure", "avoidant", "disorganised"], ["B", "a", "D"])
    assert k.kappa == pytest.approx(1.0)
    assert "unstable" in k.message  # only 3 infants
    with pytest.raises(ValueError, match="unknown classification"):
        ob.cohens_kappa(["E"], ["A"])


def test_kappa_length_mismatch():
    with pytest.raises(ValueError):
        ob.cohens_kappa(["A"], ["A", "B"])


def test_block_agreement_known_block():
    learner = [
        rating((7, 6, 1, 1), (7, 7, 1, 1), "B"),
        rating((2, 1, 1, 6), (1, 1, 1, 7), "A"),
        rating((6, 6, 6, 1), (5, 6, 7, 1), "C"),
        rating((5, 4, 2, 2), (6, 5, 1, 2), "B"),
    ]
    reference = [
        rating((7, 6, 1, 1), (7, 7, 1, 1), "B"),   # identical
        rating((3, 1, 1, 5), (1, 1, 1, 7), "A"),   # two scales off by one
        rating((6, 5, 4, 1), (5, 6, 7, 1), "B"),   # contact -1, resistance -2; class differs
        rating((5, 4, 2, 2), (6, 5, 1, 2), "B"),   # identical
    ]
    b = ob.block_agreement(learner, reference)
    assert b.n_infants == 4
    # 32 rated pairs: 28 exact, 31 within one (one difference of 2).
    assert b.overall.n == 32
    assert b.overall.exact == pytest.approx(28 / 32)
    assert b.overall.within_one == pytest.approx(31 / 32)
    # Proximity seeking over both reunions: 8 pairs, one off by one.
    assert b.scales["proximity_seeking"].exact == pytest.approx(7 / 8)
    assert b.by_episode[("reunion_1", "resistance")].within_one == pytest.approx(3 / 4)
    assert b.classification_agreement == pytest.approx(0.75)
    # learner marginals A .25 B .5 C .25; Attune A .25 B .75 -> p_e = .0625 + .375 = .4375
    assert b.kappa.expected == pytest.approx(0.4375)
    assert b.kappa.kappa == pytest.approx((0.75 - 0.4375) / (1 - 0.4375))
    assert b.per_infant[2]["classification_match"] is False
    assert b.per_infant[2]["scale_diffs"]["reunion_1.resistance"] == 2
    lines = b.summary_lines()
    assert any("kappa" in line for line in lines)


def test_block_agreement_skips_unrated():
    learner = [{"reunion_1": {"avoidance": 3}, "classification": None}]
    reference = [rating((5, 5, 1, 3), (5, 5, 1, 3), "B")]
    b = ob.block_agreement(learner, reference)
    assert b.scales["avoidance"].n == 1 and b.scales["avoidance"].exact == 1.0
    assert b.scales["resistance"].n == 0
    assert math.isnan(b.classification_agreement) and math.isnan(b.kappa.kappa)
    assert "not rated" in "\n".join(b.summary_lines())


def test_reference_from_scores():
    class Scores:
        scales = {s: np.full((1, 8), np.nan) for s in ob.SCALES}
        classification = ["C"]
    ids = ["introduction", "caregiver_infant", "stranger_joins", "separation_1", "reunion_1", "alone",
           "stranger_returns", "reunion_2"]
    Scores.scales["resistance"][0, 4] = 6.0
    r = ob.reference_from_scores(Scores, ids)
    assert r["reunion_1"]["resistance"] == 6 and r["reunion_2"]["resistance"] is None
    assert r["classification"] == "C"


def test_draw_infant_is_seeded_and_hides_the_history():
    a, b = ob.draw_infant(3, populations=()), ob.draw_infant(3, populations=())
    assert a["hidden"] == b["hidden"] and a["session_seed"] == b["session_seed"]
    assert np.array_equal(a["params"].reactivity, b["params"].reactivity)
    public = ob.public_view(a)
    assert "hidden" not in public
    text = repr({k: v for k, v in public.items() if k != "params"}).lower()
    for word in ("secure", "avoidant", "resistant", "disorgani", "rejecting", "inconsistent"):
        assert word not in text
    presets = {ob.draw_infant(s, populations=())["hidden"]["preset"] for s in range(40)}
    assert presets == {"secure", "avoidant", "resistant", "disorganized"}
    ages = [ob.draw_infant(s, populations=())["age_months"] for s in range(10)]
    assert all(ob.AGE_RANGE_MONTHS[0] <= x <= ob.AGE_RANGE_MONTHS[1] for x in ages)


def test_draw_infant_can_come_from_a_population():
    kinds = [ob.draw_source(s)[0] for s in range(30)]
    assert "population" in kinds and "history" in kinds
    seed = kinds.index("population")
    d = ob.draw_infant(seed)
    assert d["params"].n == 1 and d["hidden"]["population"] in {"low_risk", "high_risk", "global_mixed"}
    assert d["hidden"]["preset"] is None
    assert "hidden" not in ob.public_view(d)


def test_make_session_runs_unlabelled():
    s = ob.make_session(ob.draw_infant(5, populations=()))
    assert s.preset_label == "unlabelled" and s.n == 1
    for _ in range(400):  # the first 100 s: enough to show it plays (test_content runs it to the end)
        s.step()
    assert s.steps_taken == 400 and s.log.caregiver_present[0, 0]


def test_kappa_has_a_95_percent_confidence_interval():
    from simulator.content.observer import cohens_kappa
    a = ["A", "B", "B", "C", "B", "D", "B", "A", "B", "C"]
    b = ["A", "B", "B", "C", "A", "D", "B", "B", "B", "C"]
    k = cohens_kappa(a, b)
    lo, hi = k.ci95
    assert -1.0 <= lo < k.kappa < hi <= 1.0
    se = ((k.observed * (1 - k.observed)) / (k.n * (1 - k.expected) ** 2)) ** 0.5
    assert abs((k.kappa - lo) - 1.959964 * se) < 1e-9  # Cohen's (1960) large-sample interval
    k5 = cohens_kappa(a[:5], b[:5])
    assert k5.ci95[1] - k5.ci95[0] > hi - lo  # fewer infants, a wider interval
