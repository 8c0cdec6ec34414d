"""Agreement between two raters: Cohen's kappa with its 95% CI, confusion matrices, agreement on 1-7 ratings.

Used by Observer mode (``content.observer``: a learner's codes against Attune's) and open to any pair of
coders of the same infants. Pure numpy and the standard library.

- ``scale_agreement(a, b) -> ScaleAgreement``: exact and within-1 agreement and mean absolute difference
  between two sequences of 1-7 ratings (None or NaN = not rated; such pairs are left out).
- ``cohens_kappa(a, b, categories=CLASSES) -> KappaResult``: Cohen's (1960) kappa,
  ``(p_o - p_e) / (1 - p_e)`` with ``p_e = sum_k p_a(k) * p_b(k)`` from the two raters' marginals, and
  its approximate 95% confidence interval.
- ``confusion_matrix(a, b, categories=CLASSES) -> ndarray (K, K)``: rows rater a, columns rater b.
- ``kappa_from_confusion(m) -> KappaResult``: the same from a confusion matrix.

Edge cases (documented conventions)
-----------------------------------
- Perfect agreement using two or more categories: kappa = 1.
- Observed agreement equal to chance agreement: kappa = 0 (negative when below chance).
- Both raters used one and the same single category for every infant: observed and chance agreement
  are both 100% and kappa is 0/0, *undefined*. We return ``kappa = nan`` with a message saying so;
  percentage agreement (1.0) is still reported. (Some texts set kappa = 1 here; we do not, because
  agreement that chance alone guarantees says nothing about the rater.)
- No pair where both raters chose: kappa and agreement are nan, with a message. Scales with no rated
  pair get ``n = 0`` and nan statistics.
- Fewer than :data:`MIN_INFANTS_FOR_KAPPA` infants: kappa is nan or 1 or below by the rules above, and
  the message notes that kappa from so few infants means little.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np

#: Classification categories.
CLASSES: tuple[str, ...] = ("A", "B", "C", "D")
#: Accepted spellings of the categories.
CLASS_ALIASES: dict[str, str] = {
    "a": "A", "avoidant": "A", "b": "B", "secure": "B", "c": "C", "resistant": "C", "ambivalent": "C",
    "resistant/ambivalent": "C", "d": "D", "disorganized": "D", "disorganised": "D",
}

#: z for a two-sided 95% interval.
Z_95 = 1.959964
#: Below this many infants the block summary warns that kappa is unstable.
MIN_INFANTS_FOR_KAPPA = 5


@dataclass(frozen=True)
class ScaleAgreement:
    """Agreement on 1-7 ratings over ``n`` pairs where both raters gave a value.

    ``exact`` and ``within_one`` are shares (0-1) of pairs with |a - b| = 0 and <= 1;
    ``mean_abs_diff`` is the mean |a - b| in scale points. All are nan when ``n == 0``.
    """

    n: int
    exact: float
    within_one: float
    mean_abs_diff: float


@dataclass(frozen=True)
class KappaResult:
    """Cohen's kappa with its parts.

    Attributes:
        kappa: (observed - expected) / (1 - expected); nan when undefined (see ``message``).
        observed: share of infants on which the raters chose the same category (p_o).
        expected: agreement expected by chance from the raters' marginals (p_e).
        n: infants where both raters chose a category.
        categories: the category labels, in the order of the confusion matrix.
        confusion: (K, K) counts, rows rater a, columns rater b.
        message: empty when kappa is well defined, else why it is nan or unreliable.
        ci95: the approximate 95% confidence interval (low, high), clipped to -1..1, from Cohen's (1960)
            large-sample standard error sqrt(p_o (1 - p_o) / (n (1 - p_e)^2)); (nan, nan) when kappa is
            undefined. With 5 or 10 infants it is wide, which is the honest message.
    """

    kappa: float
    observed: float
    expected: float
    n: int
    categories: tuple[str, ...]
    confusion: np.ndarray
    message: str = ""
    ci95: tuple[float, float] = (math.nan, math.nan)


def scale_value(v: Any, where: str) -> float:
    """A 1-7 integer rating as float, or nan for not rated; ``ValueError`` otherwise."""
    if v is None:
        return math.nan
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: rating must be an integer 1-7 or empty, got {v!r}") from None
    if math.isnan(x):
        return x
    if x != int(x) or not 1 <= x <= 7:
        raise ValueError(f"{where}: rating must be an integer 1-7, got {v!r}")
    return x


def normalise_class(v: Any, where: str = "classification") -> str | None:
    """A category label in canonical form (A, B, C or D), or None when not chosen."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    key = CLASS_ALIASES.get(str(v).strip().lower())
    if key is None:
        raise ValueError(f"{where}: unknown classification {v!r}; valid: {', '.join(CLASSES)}")
    return key


def scale_agreement(a: Iterable[Any], b: Iterable[Any]) -> ScaleAgreement:
    """Exact and within-1 agreement of two equally long sequences of 1-7 ratings (None/nan skipped)."""
    xa = np.array([scale_value(v, "rater a") for v in a], dtype=float)
    xb = np.array([scale_value(v, "rater b") for v in b], dtype=float)
    if xa.shape != xb.shape:
        raise ValueError(f"the raters rated different numbers of items ({xa.size} and {xb.size})")
    both = ~np.isnan(xa) & ~np.isnan(xb)
    n = int(both.sum())
    if n == 0:
        return ScaleAgreement(0, math.nan, math.nan, math.nan)
    d = np.abs(xa[both] - xb[both])
    return ScaleAgreement(n, float(np.mean(d == 0)), float(np.mean(d <= 1)), float(d.mean()))


def confusion_matrix(a: Sequence[Any], b: Sequence[Any], categories: Sequence[str] = CLASSES) -> np.ndarray:
    """Counts (K, K) of category pairs, rows rater ``a``, columns rater ``b``; unchosen pairs skipped."""
    if len(a) != len(b):
        raise ValueError(f"the raters rated different numbers of infants ({len(a)} and {len(b)})")
    cats = list(categories)
    m = np.zeros((len(cats), len(cats)), dtype=np.int64)
    for i, (x, y) in enumerate(zip(a, b)):
        if cats == list(CLASSES):
            x, y = normalise_class(x, f"rater a, infant {i + 1}"), normalise_class(y, f"rater b, infant {i + 1}")
        if x is None or y is None:
            continue
        if x not in cats or y not in cats:
            raise ValueError(f"infant {i + 1}: category {x if x not in cats else y!r} not in {cats}")
        m[cats.index(x), cats.index(y)] += 1
    return m


def kappa_from_confusion(m: np.ndarray, categories: Sequence[str] = CLASSES, few_advice: str = "") -> KappaResult:
    """Cohen's kappa from a (K, K) confusion matrix of counts (see the module's edge-case rules).

    ``few_advice`` is appended to the message when fewer than :data:`MIN_INFANTS_FOR_KAPPA` infants were
    classified by both (the caller knows what to advise, e.g. rating a whole observer block).
    """
    m = np.asarray(m, dtype=np.int64)
    cats = tuple(categories)
    n = int(m.sum())
    if n == 0:
        return KappaResult(math.nan, math.nan, math.nan, 0, cats, m,
                           "no infant was classified by both raters: kappa is undefined")
    p = m / n
    observed = float(np.trace(p))
    expected = float(np.sum(p.sum(axis=1) * p.sum(axis=0)))
    if math.isclose(expected, 1.0):
        used = cats[int(np.argmax(p.sum(axis=1)))]
        return KappaResult(math.nan, observed, expected, n, cats, m,
                           f"both raters used only category {used} for every infant, so chance alone "
                           f"gives 100% agreement: kappa is undefined (percentage agreement "
                           f"{observed:.0%})")
    kappa = (observed - expected) / (1.0 - expected)
    if math.isclose(kappa, 0.0, abs_tol=1e-12):
        kappa = 0.0
    message = ""
    if n < MIN_INFANTS_FOR_KAPPA:
        message = f"kappa from only {n} infant(s) is unstable" + (f"; {few_advice}" if few_advice else "")
    se = math.sqrt(max(observed * (1.0 - observed), 0.0) / (n * (1.0 - expected) ** 2))
    ci = (max(-1.0, kappa - Z_95 * se), min(1.0, kappa + Z_95 * se))
    return KappaResult(float(kappa), observed, expected, n, cats, m, message, ci)


def cohens_kappa(a: Sequence[Any], b: Sequence[Any], categories: Sequence[str] = CLASSES,
                 few_advice: str = "") -> KappaResult:
    """Cohen's kappa between two raters' category choices (Cohen 1960).

    ``p_o`` is the share of infants on which they agree; ``p_e = sum_k p_a(k) p_b(k)`` is the
    agreement expected if each rater chose independently with their own marginal frequencies;
    ``kappa = (p_o - p_e) / (1 - p_e)``. Pairs where either rater made no choice are left out.
    """
    return kappa_from_confusion(confusion_matrix(a, b, categories), categories, few_advice)
