"""Every user-visible string of the view, in one place (never built by concatenation of fragments)."""

APP_TITLE = "Attune: the Still-Face and the Strange Situation"
