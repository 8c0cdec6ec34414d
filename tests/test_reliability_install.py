"""Issue 13: a read-only install runs. A user who can write neither the checkout nor a home folder runs
a command and it succeeds (the kernels compile in memory, with one line saying so); SIGTERM to a batch
stops its workers promptly."""

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _read_only_copy() -> Path:
    """A copy of the code and scenarios that nobody can write, in a folder every user can read."""
    top = Path(tempfile.mkdtemp(prefix="attune-ro-"))
    copy = top / "attune"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "simulator", copy / "simulator", ignore=ignore)
    shutil.copytree(ROOT / "scenarios", copy / "scenarios", ignore=ignore)
    if (ROOT / "assets").is_dir():
        shutil.copytree(ROOT / "assets", copy / "assets", ignore=ignore)
    shutil.copy(ROOT / "main.py", copy / "main.py")
    for folder, dirs, files in os.walk(copy):
        for name in files:
            os.chmod(Path(folder) / name, 0o444)
        os.chmod(folder, 0o555)
    os.chmod(top, 0o555)
    return top


def _as_user_who_cannot_write(cmd: list[str], home: Path, **kw) -> subprocess.CompletedProcess:
    """Run ``cmd`` as a user bound by file permissions: ourselves, or, when we are root, root without any
    capability (``setpriv``: no CAP_DAC_OVERRIDE, so read-only folders stay read-only; Python's own
    install, often under /root, stays readable)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "NUMBA_", "ATTUNE_"))}
    env.update(HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONDONTWRITEBYTECODE="1")
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot become a user who cannot write")
        cmd = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env, **kw)


@pytest.fixture()
def read_only():
    top = _read_only_copy()
    home = Path(tempfile.mkdtemp(prefix="attune-home-"))
    os.chmod(home, 0o555)  # a home folder nobody can write
    yield top / "attune", home
    for folder, dirs, files in os.walk(top):
        os.chmod(folder, 0o755)
    shutil.rmtree(top, ignore_errors=True)
    os.chmod(home, 0o755)
    shutil.rmtree(home, ignore_errors=True)


def test_read_only_checkout_and_home_still_run(read_only):
    code, home = read_only
    r = _as_user_who_cannot_write([sys.executable, str(code / "main.py"), "list"], home / "missing", cwd="/")
    assert r.returncode == 0, r.stderr
    assert "Scenarios (scenarios/*.toml):" in r.stdout and "INVALID" not in r.stdout
    notes = r.stderr.strip().splitlines()
    assert len(notes) == 1 and "compiling in memory" in notes[0], r.stderr
    assert not any(code.rglob("__pycache__")) and not any(home.iterdir())  # nothing written anywhere


def test_read_only_checkout_uses_the_user_cache_folder(read_only, tmp_path):
    code, _ = read_only
    cache = Path(tempfile.mkdtemp(prefix="attune-cache-"))
    os.chmod(cache, 0o777)
    try:
        probe = "import simulator, simulator.jit_cache as j, os; print(j.where, os.environ.get('NUMBA_CACHE_DIR'))"
        r = _as_user_who_cannot_write([sys.executable, "-c", probe], cache, cwd=str(code))
        assert r.returncode == 0, r.stderr
        assert r.stdout.split() == ["user", "cache", str(cache / ".cache" / "attune" / "numba")], r.stdout
        assert r.stderr == ""
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the worker processes")
def test_sigterm_stops_batch_workers_promptly(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", ATTUNE_WORKERS="2")
    p = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "batch", "strange_situation", "--n", "15000",
                          "--out", str(tmp_path / "b.csv")], stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        workers = []
        while time.monotonic() < deadline and len(workers) < 1 and p.poll() is None:
            time.sleep(0.2)
            workers = _children(p.pid)
        if p.poll() is not None or not workers:
            pytest.skip("the batch ran without worker processes here")
        while time.monotonic() < deadline and p.poll() is None:
            # Until every worker has computed for 0.3 s: they are inside a block. The children are read afresh
            # each time (a process seen once may be gone by the next look, before the pool's workers start).
            workers = _children(p.pid)
            if workers and min(map(_cpu_s, workers)) >= 0.3:
                break
            time.sleep(0.05)
        workers = _children(p.pid)
        assert workers and p.poll() is None, "the batch's workers were never seen computing"
        p.send_signal(signal.SIGTERM)
        t0 = time.monotonic()
        p.wait(timeout=30)
        stopped = time.monotonic() - t0
        time.sleep(0.5)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and "Z" not in (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[:1] or ["Z"])]
        assert stopped < 10, stopped
        assert not alive, alive
        assert p.returncode != 0 and not (tmp_path / "b.csv").exists()
        assert "Traceback" not in p.stderr.read()
    finally:
        if p.poll() is None:
            p.kill()
