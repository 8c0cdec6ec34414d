"""The glossary: the field's own terms (science.md section 5 and a few more), one plain line each.

``GLOSSARY`` is a list of ``(term, explanation)`` pairs in teaching order; the GUI's Glossary scene
reads it. The tone is the field's: patterns describe a relationship, not a verdict on a child or a
parent, and nothing here assesses a real child.
"""

from __future__ import annotations

from ..model.published import value

GLOSSARY: list[tuple[str, str]] = [
    ("episode",
     "One timed part of a procedure, such as the play, still-face and reunion of the Still-Face, or "
     "the eight episodes of the Strange Situation."),
    ("still-face",
     "An episode in which the caregiver keeps looking at the infant but holds a neutral face and does "
     "not respond (Tronick et al. 1978)."),
    ("reunion",
     "The episode after a still-face or a separation, when the caregiver is available again; how the "
     "pair reconnect tells most about the relationship."),
    ("match / mismatch",
     "Matched: the caregiver's action fits the infant's state (comfort for distress, play for joy, "
     "waiting for a look away); mismatched: it does not. Ordinary play is mostly mismatched."),
    ("rupture",
     "A moment when a matched state slips into a mismatch; ruptures happen many times a minute in "
     "ordinary, loving interaction."),
    ("repair",
     "Getting back from a mismatch into a matched state; its latency is how long the mismatch lasted. "
     "Repair, not constant matching, is what counts (Tronick 1989)."),
    ("bid",
     "A signal by which an infant invites or re-invites engagement: a smile, a coo, a reach, showing a "
     "toy."),
    ("proximity seeking",
     "Ainsworth's scale (1-7) for the initiative and effectiveness with which an infant seeks to get "
     "close to and into contact with a person."),
    ("contact maintaining",
     "Ainsworth's scale (1-7) for how actively an infant works to keep contact once it has it: "
     "clinging, sinking in, protesting being put down."),
    ("resistance",
     "Ainsworth's scale (1-7) for angry or petulant behaviour toward a person who offers contact: "
     "pushing away, kicking, squirming, often mixed with seeking contact."),
    ("avoidance",
     "Ainsworth's scale (1-7) for ignoring, looking away from or turning away from a person, "
     "especially at a reunion."),
    ("secure base",
     "A trusted caregiver from whom an infant ventures out to explore, checking back now and then."),
    ("safe haven",
     "A trusted caregiver to whom an alarmed infant returns for comfort, and by whom it is soothed."),
    ("curtailed episode",
     "A separation episode cut short, by convention after about a minute of hard crying, so that no "
     "infant is left distressed longer than needed; real lengths are logged (Waters 2002)."),
    ("classification",
     "The pattern (A, B, C, with D given on top of a best-fitting A/B/C) that best describes how an "
     "infant organises attachment behaviour toward one caregiver in the Strange Situation. It "
     "describes a relationship, not a child; this tool never classifies a real infant."),
    ("A (avoidant)",
     "A pattern in which the infant shows little open distress at separation and ignores or turns "
     "away from the caregiver at reunion, though it may be aroused inside; linked to histories in "
     "which comfort-seeking was often rebuffed."),
    ("B (secure)",
     "A pattern in which the infant shows distress openly when it comes, seeks the caregiver at "
     "reunion, is comforted and returns to play; linked to sensitive responding with repair."),
    ("C (resistant / ambivalent)",
     "A pattern in which the infant is intensely distressed, mixes seeking contact with angry "
     "resistance at reunion and is slow to settle; linked to inconsistent, unpredictable responding."),
    ("D (disorganised)",
     "A pattern in which the infant's approach and avoidance collide: contradictory sequences, "
     "freezing, disorientation or apprehension at reunion; given on top of a best-fitting A/B/C."),
    ("disorganisation",
     "A breakdown of a coherent strategy in the caregiver's presence, rated 1-9; linked to "
     "frightening or frightened caregiving (Main & Hesse 1990), never a label for a child."),
    ("working model",
     "Bowlby's term for the infant's slowly learned expectation of how the caregiver will respond; "
     "it grows from many everyday interactions and can change when they change."),
    ("latent arousal",
     "Physiological activation (heart-rate-like) that can differ from what the face shows: an "
     "infant can look calm and still be aroused inside (Spangler & Grossmann 1993)."),
    ("co-regulation",
     "Calming together: a caregiver's matched, warm response helps bring the infant's arousal down "
     "faster than the infant could alone."),
    ("good-enough",
     "Winnicott's phrase (\"good enough\") for care that is responsive without being perfect: matched "
     f"about {value('play.matched'):g}% of the time, with prompt repair, is what ordinary good care looks like."),
    ("postnatal depression",
     "Depression in the year after a birth (perinatal when it begins in pregnancy): common, affecting "
     "about one mother in six and some fathers (Shorey et al. 2018); an illness, not a failing, and "
     "treatable. A health visitor, midwife or GP can help."),
    ("caregiver well-being",
     "How the caregiver is: rest, mood, support. In Attune it changes how the caregiver responds "
     "(expression, speed, repair), never what the baby is; support for the caregiver helps both."),
    ("flat affect",
     "A face and voice with little expression and few contingent responses; adults asked to show it for "
     "three minutes saw their babies protest, look away and stay wary after (Cohn & Tronick 1983)."),
    ("separation protest",
     "Crying, calling and searching when an attachment figure leaves; it emerges around 7-9 months and "
     "is a sign of attachment, not of a problem (Schaffer & Emerson 1964)."),
    ("stranger",
     "In the Strange Situation, a friendly unfamiliar adult who joins, stays with the infant in a "
     "separation and offers comfort, which usually works less well than the caregiver's."),
]


def lookup(term: str) -> str | None:
    """The explanation of ``term`` (case-insensitive, hyphens as spaces; also matches a part before ' (' or
    ' / '), or None."""
    key = term.strip().lower().replace("-", " ")
    for name, text in GLOSSARY:
        low = name.lower().replace("-", " ")
        names = {low, low.split(" (")[0], *low.split(" / ")}
        if key in names:
            return text
    return None
