"""Classroom settings remembered between launches: projector colours, text size, audience, sound, hints.

Kept as ``settings.json`` in the data folder (``$ATTUNE_DATA_DIR`` or the platform's, the same folder as
saved sessions), written atomically whenever a setting changes. A missing, unreadable or damaged file
gives the defaults: settings are a convenience and never stop the app.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..content.lesson_strings import AUDIENCES, DEFAULT_AUDIENCE

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    """The remembered settings (defaults: classic colours, normal text, class audience, sound on, hints on)."""

    projector: bool = False
    text_scale_index: int = 0
    audience: str = DEFAULT_AUDIENCE
    sound: bool = True
    hints: bool = True

    @staticmethod
    def path(folder: str | Path | None = None) -> Path:
        """Where the settings live: ``folder`` or the data folder."""
        if folder is None:
            from ..sessions.store import data_dir
            folder = data_dir()
        return Path(folder) / SETTINGS_FILE

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "Settings":
        """The saved settings, or the defaults (for anything missing or invalid)."""
        out = cls()
        try:
            data = json.loads(cls.path(folder).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return out
        if not isinstance(data, dict):
            return out
        for f in fields(cls):
            v = data.get(f.name)
            if f.name == "audience":
                if v in AUDIENCES:
                    out.audience = v
            elif f.name == "text_scale_index":
                if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 2:
                    out.text_scale_index = v
            elif isinstance(v, bool):
                setattr(out, f.name, v)
        return out

    def save(self, folder: str | Path | None = None) -> bool:
        """Write the settings atomically; False (and nothing lost) when the folder cannot be written."""
        from ..model.io import OutputError, atomic_write_text
        try:
            p = self.path(folder)
            p.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(p, json.dumps(asdict(self), indent=1, sort_keys=True) + "\n")
            return True
        except (OSError, OutputError):
            return False
