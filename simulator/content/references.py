"""Full citations for every finding and source in science.md, and the checks (SF, MR, SS, PD) they support.

``REFERENCES`` maps a short id (first author and year, e.g. ``"tronick1978"``) to a full APA-style
citation. ``FINDINGS`` maps each science.md check id to ``(one-line statement, [reference ids])``.
``cite(ref_id)`` and ``finding_citations(check_id)`` are small helpers for the GUI and reports.
Tags in brackets follow science.md: [P] stated in the paper itself, [S] reported by another scholarly
source, [T] teaching material only.
"""

from __future__ import annotations

from ..model import published as pub
from ..model.published import shares_text


REFERENCES: dict[str, str] = {
    # --- Still-Face ------------------------------------------------------------------------------------
    "tronick1978": (
        "Tronick, E., Als, H., Adamson, L., Wise, S., & Brazelton, T. B. (1978). The infant's response to "
        "entrapment between contradictory messages in face-to-face interaction. Journal of the American "
        "Academy of Child Psychiatry, 17(1), 1-13."),
    "mesman2009": (
        "Mesman, J., van IJzendoorn, M. H., & Bakermans-Kranenburg, M. J. (2009). The many faces of the "
        "Still-Face Paradigm: A review and meta-analysis. Developmental Review, 29(2), 120-162."),
    "ekas2013": (
        "Ekas, N. V., Haltigan, J. D., & Messinger, D. S. (2013). The dynamic still-face effect: Do infants "
        "decrease bidding over time when parents are not responsive? Developmental Psychology, 49(6), "
        "1027-1035."),
    "adamson2003": (
        "Adamson, L. B., & Frick, J. E. (2003). The still face: A history of a shared experimental "
        "paradigm. Infancy, 4(4), 451-473."),
    "myruski2018": (
        "Myruski, S., Gulyayeva, O., Birk, S., Pérez-Edgar, K., Buss, K. A., & Dennis-Tiwary, T. A. "
        "(2018). Digital disruption? Maternal mobile device use is related to infant social-emotional "
        "functioning. Developmental Science, 21(4), e12610."),
    "stockdale2020": (
        "Stockdale, L. A., Porter, C. L., Coyne, S. M., Essig, L. W., Booth, M., Keenan-Kroff, S., & "
        "Schvaneveldt, E. (2020). Infants' response to a mobile phone modified still-face paradigm: Links "
        "to maternal behaviors and beliefs regarding technoference. Infancy, 25(5), 571-592."),
    "jonesmason2018": (
        "Jones-Mason, K., Alkon, A., Coccia, M., & Bush, N. R. (2018). Autonomic nervous system "
        "functioning assessed during the still-face paradigm: A meta-analysis and systematic review of "
        "methods, approach and findings. Developmental Review, 50, 113-139."),
    "muller2015": (
        "Müller, M., Zietlow, A.-L., Tronick, E., & Reck, C. (2015). What dyadic reparation is meant to "
        "do: An association with infant cortisol reactivity. Psychopathology, 48(6), 386-399."),
    "rochat2002": (
        "Rochat, P., Striano, T., & Blatt, L. (2002). Differential effects of happy, neutral, and sad "
        "still-faces on 2-, 4- and 6-month-old infants. Infant and Child Development, 11(4), 289-303."),
    "striano2005": (
        "Striano, T., & Liszkowski, U. (2005). Sensitivity to the context of facial expression in the "
        "still face at 3-, 6-, and 9-months of age. Infant Behavior and Development, 28(1), 10-19."),
    # --- Mismatch and repair -----------------------------------------------------------------------------
    "tronick1989": (
        "Tronick, E. Z. (1989). Emotions and emotional communication in infants. American Psychologist, "
        "44(2), 112-119."),
    "tronickcohn1989": (
        "Tronick, E. Z., & Cohn, J. F. (1989). Infant-mother face-to-face interaction: Age and gender "
        "differences in coordination and the occurrence of miscoordination. Child Development, 60(1), "
        "85-92."),
    "cohntronick1988": (
        "Cohn, J. F., & Tronick, E. Z. (1988). Mother-infant face-to-face interaction: Influence is "
        "bidirectional and unrelated to periodic cycles in either partner's behavior. Developmental "
        "Psychology, 24(3), 386-392."),
    "tronickgold2020": (
        "Tronick, E., & Gold, C. M. (2020). The power of discord: Why the ups and downs of relationships "
        "are the secret to building intimacy, resilience, and trust. New York: Little, Brown Spark."),
    # --- Strange Situation -------------------------------------------------------------------------------
    "ainsworth1978": (
        "Ainsworth, M. D. S., Blehar, M. C., Waters, E., & Wall, S. (1978). Patterns of attachment: A "
        "psychological study of the strange situation. Hillsdale, NJ: Erlbaum."),
    "waters2002": (
        "Waters, E. (2002). Comments on Strange Situation classification. Retrieved from "
        "http://www.johnbowlby.com (State University of New York at Stony Brook)."),
    "zeanah2011": (
        "Zeanah, C. H., Berlin, L. J., & Boris, N. W. (2011). Practitioner review: Clinical applications "
        "of attachment theory and research for infants and young children. Journal of Child Psychology "
        "and Psychiatry, 52(8), 819-833."),
    "mainsolomon1990": (
        "Main, M., & Solomon, J. (1990). Procedures for identifying infants as disorganized/disoriented "
        "during the Ainsworth Strange Situation. In M. T. Greenberg, D. Cicchetti, & E. M. Cummings "
        "(Eds.), Attachment in the preschool years: Theory, research, and intervention (pp. 121-160). "
        "Chicago: University of Chicago Press."),
    "mainhesse1990": (
        "Main, M., & Hesse, E. (1990). Parents' unresolved traumatic experiences are related to infant "
        "disorganized attachment status: Is frightened and/or frightening parental behavior the linking "
        "mechanism? In M. T. Greenberg, D. Cicchetti, & E. M. Cummings (Eds.), Attachment in the "
        "preschool years: Theory, research, and intervention (pp. 161-182). Chicago: University of "
        "Chicago Press."),
    # --- Distributions -----------------------------------------------------------------------------------
    "spiekerbooth1988": (
        "Spieker, S. J., & Booth, C. L. (1988). Maternal antecedents of attachment quality. In J. Belsky "
        "& T. Nezworski (Eds.), Clinical implications of attachment (pp. 95-135). Hillsdale, NJ: "
        "Erlbaum. (Table 4.1 reports the Baltimore distribution of Ainsworth et al. 1978.)"),
    "vanijzendoorn1999": (
        "van IJzendoorn, M. H., Schuengel, C., & Bakermans-Kranenburg, M. J. (1999). Disorganized "
        "attachment in early childhood: Meta-analysis of precursors, concomitants, and sequelae. "
        "Development and Psychopathology, 11(2), 225-249."),
    "madigan2023": (
        "Madigan, S., Fearon, R. M. P., van IJzendoorn, M. H., Duschinsky, R., Schuengel, C., "
        "Bakermans-Kranenburg, M. J., Ly, A., Cooke, J. E., Deneault, A.-A., Oosterman, M., & Verhage, "
        "M. L. (2023). The first 20,000 strange situation procedures: A meta-analytic review. "
        "Psychological Bulletin, 149(1-2), 99-132."),
    "dewolff1997": (
        "De Wolff, M. S., & van IJzendoorn, M. H. (1997). Sensitivity and attachment: A meta-analysis on "
        "parental antecedents of infant attachment. Child Development, 68(4), 571-591."),
    "montirosso2015": (
        "Montirosso, R., Casini, E., Provenzi, L., Putnam, S. P., Morandi, F., Fedeli, C., & Borgatti, R. "
        "(2015). A categorical approach to infants' individual differences during the Still-Face paradigm. "
        "Infant Behavior and Development, 38, 67-76."),
    "martinsgaffan2000": (
        "Martins, C., & Gaffan, E. A. (2000). Effects of early maternal depression on patterns of "
        "infant-mother attachment: A meta-analytic investigation. Journal of Child Psychology and "
        "Psychiatry, 41(6), 737-746."),
    "bakermans2003": (
        "Bakermans-Kranenburg, M. J., van IJzendoorn, M. H., & Juffer, F. (2003). Less is more: "
        "Meta-analyses of sensitivity and attachment interventions in early childhood. Psychological "
        "Bulletin, 129(2), 195-215."),
    "shorey2018": (
        "Shorey, S., Chee, C. Y. I., Ng, E. D., Chan, Y. H., Tam, W. W. S., & Chong, Y. S. (2018). "
        "Prevalence and incidence of postpartum depression among healthy mothers: A systematic review and "
        "meta-analysis. Journal of Psychiatric Research, 104, 235-248."),
    "spangler1993": (
        "Spangler, G., & Grossmann, K. E. (1993). Biobehavioral organization in securely and insecurely "
        "attached infants. Child Development, 64(5), 1439-1450."),
    "spangler1998": (
        "Spangler, G., & Schieche, M. (1998). Emotional and adrenocortical responses of infants to the "
        "strange situation: The differential function of emotional expression. International Journal of "
        "Behavioral Development, 22(4), 681-706."),
    # --- Background (theory, terms, methods) ---------------------------------------------------------------
    "bowlby1969": "Bowlby, J. (1969). Attachment and loss: Vol. 1. Attachment. New York: Basic Books.",
    "schaffer1964": (
        "Schaffer, H. R., & Emerson, P. E. (1964). The development of social attachments in infancy. "
        "Monographs of the Society for Research in Child Development, 29(3), 1-77."),
    "winnicott1953": (
        "Winnicott, D. W. (1953). Transitional objects and transitional phenomena: A study of the first "
        "not-me possession. International Journal of Psycho-Analysis, 34, 89-97."),
    "cohen1960": (
        "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological "
        "Measurement, 20(1), 37-46."),
}

FINDINGS: dict[str, tuple[str, list[str]]] = {
    "SF1": ("The still-face effect: from play to still-face, positive affect and gaze at the caregiver fall "
            "and negative affect rises.", ["mesman2009", "tronick1978"]),
    "SF2": ("Partial carry-over into the reunion: positive affect play > reunion > still-face, negative "
            "affect the reverse, each reunion contrast smaller than the still-face contrast.", ["mesman2009"]),
    "SF3": ("The still-face effect is robust across infant characteristics, risk and episode lengths "
            "(30-180 s), with or without gaps between episodes.", ["mesman2009"]),
    "SF4": ("The response unfolds within the episode: gaze, smiling and bids decline and cry-face rises; "
            "sobering and gazing away begin within the first tens of seconds.", ["ekas2013", "adamson2003"]),
    "SF5": ("Bids before withdrawal: the infant first tries to re-engage, then protests, then withdraws "
            "(gaze aversion, self-comforting).", ["tronick1978", "myruski2018"]),
    "SF6": ("A caregiver absorbed in a phone produces the still-face signs; bids are highest during the "
            "phone episode and the reunion often does not return to baseline.", ["myruski2018", "stockdale2020"]),
    "SF7": ("A vagal/arousal measure worsens during the still-face and recovers at reunion, less so under "
            "high risk.", ["jonesmason2018"]),
    "SF8": ("The longer the dyad takes to get back into a matched state in the reunion, the larger the "
            "infant's later stress response.", ["muller2015"]),
    "MR1": (f"Good-enough matching: in ordinary responsive play a healthy dyad is matched only about "
            f"{pub.value('play.matched'):g}% of the time.", ["tronickgold2020", "tronickcohn1989"]),
    "MR2": ("Timing is stochastic: state changes of infant and caregiver come at irregular, not periodic, "
            "times.", ["cohntronick1988"]),
    "MR3": ("Repair is the active ingredient: quick repair of many short mismatches gives briefer "
            "negative affect and more positive affect than the same matching with slow repair.", ["tronick1989"]),
    "SS1": ("Curtailment: a separation ends early after a minute of hard crying; the first reunion is "
            "extended until the infant is comforted; real lengths are logged.", ["waters2002", "ainsworth1978"]),
    "SS2": ("Normative trends: exploration highest in episode 2 and lowest in separations; crying peaks in "
            "episode 6 or 7; proximity seeking peaks in the reunions.", ["ainsworth1978"]),
    "SS3": ("Interactive scales, integers 1-7 per episode: proximity and contact seeking, contact "
            "maintaining, resistance, avoidance (and search, distance interaction).", ["ainsworth1978"]),
    "SS4": ("A proximity score of 7 needs an active, full approach achieving contact held at least 15 s; "
            "not given in episodes 5, 7, 8 if the first approach comes after 30 s.", ["ainsworth1978"]),
    "SS5": ("Pattern profiles: B secure, A avoidant, C resistant/ambivalent, and D disorganised given on "
            "top of a best-fitting A/B/C.", ["zeanah2011", "mainsolomon1990"]),
    "SS6": ("Classification rests mainly on reunion behaviour, with separation crying and search as "
            "support, computed from logged behaviour, never from the preset.", ["ainsworth1978", "waters2002"]),
    "PD1": (f"Baltimore distribution: {shares_text('baltimore', 'ABC')}"
            f" (N = {pub.value('baltimore.n')}, before D existed).", ["ainsworth1978", "spiekerbooth1988"]),
    "PD2": (f"About {pub.LOW_RISK_D:g}% D in low-risk middle-class samples; {pub.value('high_risk.D_times_low'):g} "
            f"to {pub.value('high_risk.D_times_high'):g} times that under high risk.", ["vanijzendoorn1999"]),
    "PD3": (f"A global mixed-risk picture: {shares_text('global_mixed', 'BACD')} "
            f"({pub.value('global_mixed.n'):,} dyads).", ["madigan2023"]),
    "PD4": (f"Caregiver sensitivity correlates with security at about r = "
            f"{str(pub.value('sensitivity_security.r')).lstrip('0')}; it does not determine the pattern by itself.",
            ["dewolff1997"]),
    "PD5": ("Infants with an avoidant pattern are calm outside, aroused inside: less crying than B infants during "
            "separations, but similar heart rate.", ["spangler1993"]),
    "PD6": ("A cortisol-like load after the procedure is not raised with a secure (B) pattern and is raised for "
            "insecure patterns.", ["spangler1993", "spangler1998"]),
}


def cite(ref_id: str) -> str:
    """The full citation for ``ref_id`` (``KeyError`` listing the valid ids if unknown)."""
    try:
        return REFERENCES[ref_id]
    except KeyError:
        raise KeyError(f"unknown reference {ref_id!r}; valid: {', '.join(REFERENCES)}") from None


def finding_citations(check_id: str) -> list[str]:
    """The full citations that support a science.md check (e.g. ``"SF1"``)."""
    return [cite(r) for r in FINDINGS[check_id.upper()][1]]
