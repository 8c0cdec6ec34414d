"""Saved sessions, headless: the session file (store, autosave, the sessions list) and exact replay."""

from .replay import ReplayError, Replayer, differences, replay, replay_file
from .store import (Autosaver, SessionFileError, SessionSummary, data_dir, default_data_dir, delete_session,
                    list_sessions, load_session, safe_name, sessions_dir)

__all__ = ["Autosaver", "SessionFileError", "SessionSummary", "ReplayError", "Replayer", "data_dir",
           "default_data_dir", "delete_session", "differences", "list_sessions", "load_session",
           "replay", "replay_file", "safe_name", "sessions_dir"]
