"""Agreement between two raters (model.scoring.agreement): 1-7 ratings, Cohen's kappa, its edge cases and 95% CI."""

import math

import pytest

from simulator.model.scoring import agreement as ag


def test_scale_agreement_known_values():
    s = ag.scale_agreement([1, 2, 3, 4, 7], [1, 3, 5, 4, None])
    assert s.n == 4
    assert s.exact == pytest.approx(0.5)
    assert s.within_one == pytest.approx(0.75)
    assert s.mean_abs_diff == pytest.approx(0.75)


def test_scale_agreement_perfect_and_empty():
    s = ag.scale_agreement([7, 1, 4], [7, 1, 4])
    assert (s.n, s.exact, s.within_one, s.mean_abs_diff) == (3, 1.0, 1.0, 0.0)
    e = ag.scale_agreement([None, float("nan")], [3, None])
    assert e.n == 0 and math.isnan(e.exact) and math.isnan(e.within_one)


@pytest.mark.parametrize("bad", [0, 8, 3.5, "high"])
def test_scale_rating_out_of_range_is_an_error(bad):
    with pytest.raises(ValueError, match="1-7"):
        ag.scale_agreement([bad], [3])


def test_kappa_perfect_agreement_is_one():
    a = ["A", "B", "B", "C", "D", "B", "A", "B", "C", "B"]
    k = ag.cohens_kappa(a, list(a))
    assert k.kappa == pytest.approx(1.0)
    assert k.observed == pytest.approx(1.0)
    assert k.message == ""


def test_kappa_chance_agreement_is_zero():
    # Each rater says A half the time, independently: observed 0.5 = expected 0.5.
    k = ag.cohens_kappa(["A", "A", "B", "B"], ["A", "B", "A", "B"])
    assert k.observed == pytest.approx(0.5)
    assert k.expected == pytest.approx(0.5)
    assert k.kappa == 0.0


def test_kappa_textbook_example():
    # 50 items: 20 both A, 5 a=A b=B, 10 a=B b=A, 15 both B.
    # p_o = 0.70; p_e = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = 0.20 / 0.50 = 0.40.
    a = ["A"] * 25 + ["B"] * 25
    b = ["A"] * 20 + ["B"] * 5 + ["A"] * 10 + ["B"] * 15
    k = ag.cohens_kappa(a, b)
    assert k.observed == pytest.approx(0.70)
    assert k.expected == pytest.approx(0.50)
    assert k.kappa == pytest.approx(0.40)
    assert k.confusion[:2, :2].tolist() == [[20, 5], [10, 15]]


def test_kappa_below_chance_is_negative():
    k = ag.cohens_kappa(["A", "B", "A", "B"], ["B", "A", "B", "A"])
    assert k.kappa == pytest.approx(-1.0)


def test_kappa_single_shared_category_is_undefined():
    k = ag.cohens_kappa(["B"] * 6, ["B"] * 6)
    assert math.isnan(k.kappa)
    assert k.observed == pytest.approx(1.0) and k.expected == pytest.approx(1.0)
    assert "undefined" in k.message and "B" in k.message


def test_kappa_one_rater_single_category():
    # Rater a always says B; rater b says B 3 of 4 times: p_o = 0.75 = p_e, kappa 0.
    k = ag.cohens_kappa(["B"] * 4, ["B", "B", "A", "B"])
    assert k.kappa == pytest.approx(0.0)


def test_kappa_empty_and_unchosen():
    k = ag.cohens_kappa([], [])
    assert math.isnan(k.kappa) and k.n == 0 and "undefined" in k.message
    k2 = ag.cohens_kappa([None, "A"], ["B", None])
    assert k2.n == 0 and math.isnan(k2.kappa)


def test_kappa_aliases_and_unknown():
    k = ag.cohens_kappa(["secure", "avoidant", "disorganised"], ["B", "a", "D"])
    assert k.kappa == pytest.approx(1.0)
    assert "unstable" in k.message  # only 3 infants
    with pytest.raises(ValueError, match="unknown classification"):
        ag.cohens_kappa(["E"], ["A"])


def test_kappa_length_mismatch():
    with pytest.raises(ValueError):
        ag.cohens_kappa(["A"], ["A", "B"])


def test_kappa_has_a_95_percent_confidence_interval():
    a = ["A", "B", "B", "C", "B", "D", "B", "A", "B", "C"]
    b = ["A", "B", "B", "C", "A", "D", "B", "B", "B", "C"]
    k = ag.cohens_kappa(a, b)
    lo, hi = k.ci95
    assert -1.0 <= lo < k.kappa < hi <= 1.0
    se = ((k.observed * (1 - k.observed)) / (k.n * (1 - k.expected) ** 2)) ** 0.5
    assert abs((k.kappa - lo) - 1.959964 * se) < 1e-9  # Cohen's (1960) large-sample interval
    k5 = ag.cohens_kappa(a[:5], b[:5])
    assert k5.ci95[1] - k5.ci95[0] > hi - lo  # fewer infants, a wider interval


def test_few_infants_advice_is_the_callers():
    k = ag.cohens_kappa(["A", "B"], ["A", "B"], few_advice="rate a full block of 10")
    assert k.message == "kappa from only 2 infant(s) is unstable; rate a full block of 10"
    assert ag.cohens_kappa(["A", "B"], ["A", "B"]).message == "kappa from only 2 infant(s) is unstable"
