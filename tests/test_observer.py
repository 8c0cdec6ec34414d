"""Observer-mode scoring: a block's agreement (the statistics: test_scoring_agreement.py) and unlabelled infant draws."""

import math

import numpy as np
import pytest

from simulator.content import observer as ob


def rating(r1, r2, cls):
    """A rating dict from two 4-tuples (proximity, contact, resistance, avoidance) and a class."""
    return {"reunion_1": dict(zip(ob.SCALES, r1)), "reunion_2": dict(zip(ob.SCALES, r2)),
            "classification": cls}


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


def test_a_short_block_says_to_rate_a_whole_one():
    r = [rating((7, 6, 1, 1), (7, 7, 1, 1), "B"), rating((2, 1, 1, 6), (1, 1, 1, 7), "A")]
    b = ob.block_agreement(r, r)
    assert b.kappa.message == f"kappa from only 2 infant(s) is unstable; rate a full block of {ob.BLOCK_SIZE}"
