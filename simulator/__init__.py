"""Attune: a teaching simulator of the Still-Face and the Strange Situation."""
