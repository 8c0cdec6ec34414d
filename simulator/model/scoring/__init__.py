"""Scoring the behaviour log with the field's instruments: Ainsworth's scales, classification, still-face effects.

Pure numpy and the standard library (never pygame). ``score_session(session) -> Scores`` is the
interface ``export.py`` calls; :func:`score_log` scores any behaviour log against an
:class:`EpisodeStructure`, so hand-built logs can be tested.
"""

from .core import Scores, scale_log, score_log, score_session, session_summary
from .scales import SCALES
from .structure import EpisodeStructure

__all__ = ["Scores", "score_session", "score_log", "scale_log", "session_summary", "EpisodeStructure",
           "SCALES"]
