"""Attune: a teaching simulator of the Still-Face and the Strange Situation."""

from . import jit_cache as _jit_cache

_jit_cache.configure()  # before anything imports numba: a read-only install still runs
