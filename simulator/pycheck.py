"""The Python version guard: one line naming the Python Attune needs, exit code 2, before anything else loads.

Written so that old Pythons can still parse and run it (no newer syntax), because it runs first.
"""

import sys

#: The oldest Python Attune runs on (tomllib, typing features); pyproject.toml's requires-python says the same.
REQUIRES = (3, 11)
EXIT_BAD_INPUT = 2


def python_problem(version=None, executable=None):
    """The one-line error for a Python older than :data:`REQUIRES`, or None when this Python will do.

    ``version`` is a ``sys.version_info``-like tuple (default: this interpreter's).
    """
    version = tuple(sys.version_info if version is None else version)
    if version[:2] >= REQUIRES:
        return None
    need = "%d.%d" % REQUIRES
    have = ".".join(str(v) for v in version[:3])
    where = executable if executable is not None else (sys.executable or "python")
    return ("error: python: Attune needs Python %s or newer; this is Python %s (%s)" % (need, have, where))


def require_python(version=None, executable=None):
    """Exit with code 2 and one line on stderr when this Python is too old; otherwise return."""
    problem = python_problem(version, executable)
    if problem is not None:
        sys.stderr.write(problem + "\n")
        sys.exit(EXIT_BAD_INPUT)
