"""The blocked batch runner: results never depend on the number of workers or on how a block is cut into
pieces; one block is a plain Session."""

import os

import numpy as np
import pytest

from simulator.model import batch
from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_workers_do_not_change_results(monkeypatch):
    monkeypatch.setattr(batch, "BLOCK", 8)
    sc = load_scenario("still_face")
    one = batch.run_batch(sc, 20, seed=4, workers=1)
    two = batch.run_batch(sc, 20, seed=4, workers=2)
    _same(one.measures, two.measures)
    assert one.scores.classification == two.scores.classification
    np.testing.assert_array_equal(one.final["stress_load"], two.final["stress_load"])
    assert one.n == 20 and one.measures["positive_affect"].shape == (20, 3)


def test_pieces_of_a_block_give_exactly_the_whole_block(monkeypatch):
    # With several workers a block runs in pieces (Session(part=...)); every output, scores and the CSV
    # rows included, must be what the whole block gives on one worker.
    from simulator.export import csv_renderer, write_batch_csv
    monkeypatch.setattr(batch, "BLOCK", 20)
    monkeypatch.setattr(batch, "MIN_PIECE", 3)
    monkeypatch.setattr(batch, "PIECES_PER_WORKER", 3)
    assert batch.pieces(20, 2) == [(0, 3), (3, 6), (6, 10), (10, 13), (13, 16), (16, 20)]
    assert batch.pieces(20, 1) == [(0, 20)] and batch.pieces(2, 2) == [(0, 2)]
    sc = load_scenario("strange_situation")
    whole = batch.run_batch(sc, 26, seed=5, workers=1)
    cut = batch.run_batch(sc, 26, seed=5, workers=2)
    _same(whole.measures, cut.measures)
    assert whole.scores.classification == cut.scores.classification
    np.testing.assert_array_equal(whole.final["stress_load"], cut.final["stress_load"])
    parts = list(batch.iter_batch(sc, 26, seed=5, workers=2, score=False))
    assert [p.first for p in parts] == [0, 3, 6, 10, 13, 16, 20, 23] and sum(p.n for p in parts) == 26
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.csv", Path(tmp) / "b.csv"
        write_batch_csv(a, batch.iter_batch(sc, 26, seed=5, workers=1, render=csv_renderer()), {})
        write_batch_csv(b, batch.iter_batch(sc, 26, seed=5, workers=2, render=csv_renderer()), {})
        assert a.read_bytes() == b.read_bytes()


def test_a_part_outside_the_infants_is_refused():
    import pytest
    with pytest.raises(ValueError, match="part"):
        Session(load_scenario("still_face"), n=10, seed=1, part=(5, 11))


def test_one_block_is_exactly_a_session():
    sc = load_scenario("still_face")
    res = batch.run_batch(sc, 30, infant="avoidant", seed=9, score=False)
    direct = Session(sc, n=30, infant="avoidant", seed=9).run()
    _same(res.measures, direct.episode_measures())


def test_blocks_differ_from_each_other(monkeypatch):
    monkeypatch.setattr(batch, "BLOCK", 10)
    res = batch.run_batch(load_scenario("still_face"), 20, seed=1, workers=1, score=False)
    pa = res.measures["positive_affect"]
    assert not np.array_equal(pa[:10], pa[10:])  # each block has its own random stream


def test_batch_csv_cells_match_the_csv_module():
    # The batch CSV is formatted column by column for speed; it must read back exactly as the csv
    # module would write it, including a label that needs quoting and empty cells for NaN.
    import csv
    import io

    from simulator.export import BATCH_COLUMNS, batch_csv, fmt

    sc = load_scenario("strange_situation")
    res = batch.run_batch(sc, 6, seed=3, preset_label='odd, "quoted" label', workers=1)
    text = batch_csv(res, res.scores, {"infant.age_months": 13.0})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(BATCH_COLUMNS) + ["infant.age_months"]
    assert len(rows) == 1 + 6 * len(res.episode_ids)
    m = res.episode_measures()
    for r in rows[1:]:
        i, e = int(r[0]), int(r[4]) - 1
        assert r[2] == 'odd, "quoted" label' and r[-1] == "13"
        assert r[BATCH_COLUMNS.index("arousal")] == fmt(float(m["arousal"][i, e]))
        assert r[BATCH_COLUMNS.index("matched_share")] == fmt(float(m["matched_share"][i, e]))
        assert r[BATCH_COLUMNS.index("classification")] == res.scores.classification[i]
    # With the caregiver away (episode 4) matching does not apply: empty cells, not zeros.
    away = [r for r in rows[1:] if r[4] == "4"]
    assert away and all(r[BATCH_COLUMNS.index(c)] == "" for r in away for c in ("matched_share", "ruptures"))


def test_a_streamed_batch_file_is_byte_identical_to_the_whole_batch(monkeypatch, tmp_path):
    # The batch command writes block by block (memory stays flat); the file must be the one the whole
    # batch held in memory would give, with infants numbered across blocks.
    from simulator import export
    from simulator.export import batch_csv, write_batch_csv

    monkeypatch.setattr(batch, "BLOCK", 7)
    sc = load_scenario("still_face")
    whole = batch.run_batch(sc, 20, seed=5, workers=1)
    expected = batch_csv(whole, whole.scores, {"infant.reactivity": 0.5})
    monkeypatch.setattr(export, "ROWS_CHUNK", 3)  # rows formatted a few infants at a time, across blocks
    out = tmp_path / "b.csv"
    blocks = batch.iter_batch(sc, 20, seed=5, workers=2)
    rows = write_batch_csv(out, blocks, {"infant.reactivity": 0.5})
    assert out.read_text() == expected == batch_csv(whole, whole.scores, {"infant.reactivity": 0.5})
    assert rows == 20 * 3
    firsts = [b.first for b in batch.iter_batch(sc, 20, seed=5, workers=1, score=False)]
    assert firsts == [0, 7, 14]
    # The batch command has each worker format its block's rows (export.csv_renderer): the same file.
    extra = {"infant.reactivity": 0.5}
    rendered = batch.iter_batch(sc, 20, seed=5, workers=2, render=export.csv_renderer(extra))
    out2 = tmp_path / "rendered.csv"
    assert write_batch_csv(out2, rendered, extra) == 20 * 3
    assert out2.read_text() == expected
    one = next(batch.iter_batch(sc, 20, seed=5, workers=1, render=export.csv_renderer(extra)))
    assert isinstance(one.rendered, bytes) and one.measures is None  # only the rendering travelled


def test_a_batch_that_fails_partway_leaves_the_old_file_and_no_temporary(monkeypatch, tmp_path):
    from simulator.export import write_batch_csv

    monkeypatch.setattr(batch, "BLOCK", 5)
    out = tmp_path / "b.csv"
    out.write_text("keep me\n")

    def blocks():
        yield from batch.iter_batch(load_scenario("still_face"), 5, seed=1, workers=1)
        raise KeyboardInterrupt

    try:
        write_batch_csv(out, blocks())
    except KeyboardInterrupt:
        pass
    assert out.read_text() == "keep me\n" and [p.name for p in tmp_path.iterdir()] == ["b.csv"]


def test_bad_arguments_fail_before_any_block_runs():
    import pytest

    from simulator.model.session import SetError

    with pytest.raises(SetError):
        batch.iter_batch(load_scenario("still_face"), 10, overrides={"infant.no_such": 1.0})


def test_the_number_of_workers_follows_attune_workers_or_the_cores_this_process_may_use(monkeypatch):
    from simulator.model import workers
    monkeypatch.delenv("ATTUNE_WORKERS", raising=False)
    assert workers.default_workers() == max(1, min(len(os.sched_getaffinity(0)), workers.MAX_DEFAULT_WORKERS))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)  # e.g. taskset -c 0
    assert workers.default_workers() == 1
    for text, n in (("3", 3), (" 2 ", 2), ("64", 64)):
        monkeypatch.setenv("ATTUNE_WORKERS", text)
        assert workers.default_workers() == n
    monkeypatch.setenv("ATTUNE_WORKERS", "1")
    seen = []
    monkeypatch.setattr(batch, "_blocks", lambda jobs, w, progress: seen.append(w) or iter(()))
    batch.iter_batch(load_scenario("still_face"), 600)
    assert seen == [1]  # the batch asked for one worker: it runs in this process


@pytest.mark.parametrize("text", ["0", "-1", "65", "two", "1.5", "1_0", "²"])
def test_a_bad_attune_workers_is_one_line_and_exit_2(monkeypatch, tmp_path, text):
    from cli_helpers import run_cli
    monkeypatch.setenv("ATTUNE_WORKERS", text)
    r = run_cli("batch", "still_face", "--n", 600, "--out", tmp_path / "b.csv")
    assert r.returncode == 2 and not (tmp_path / "b.csv").exists()
    assert r.stderr.count("\n") == 1 and "ATTUNE_WORKERS" in r.stderr and text in r.stderr, r.stderr
