"""The play command: scripted demo runs with screenshots, and one-line errors with exit code 2 for bad input."""

from __future__ import annotations

import pygame

from simulator.cli import main

SHORT = ["--set", "episode.play.duration_s=8", "--set", "episode.still_face.duration_s=8",
         "--set", "episode.reunion.duration_s=8"]


def test_play_autoplay_screenshot_of_the_room(tmp_path):
    shot = tmp_path / "room.png"
    assert main(["play", "still_face", "--autoplay", "--exit-after", "10", "--screenshot", str(shot), *SHORT]) == 0
    img = pygame.image.load(str(shot))
    assert img.get_size() == (1280, 720)


def test_play_past_the_end_shows_the_debrief(tmp_path):
    shot = tmp_path / "debrief.png"
    assert main(["play", "still_face", "--autoplay", "--exit-after", "999", "--screenshot", str(shot), *SHORT,
                 "--infant", "avoidant", "--seed", "3", "--speed", "8"]) == 0
    assert shot.stat().st_size > 10_000


def test_play_briefing_screenshot(tmp_path):
    shot = tmp_path / "brief.png"
    assert main(["play", "strange_situation", "--screenshot", str(shot), "--projector"]) == 0
    assert shot.exists()


def test_play_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    cases = [
        ["play", "no_such_scenario"],
        ["play", "still_face", "--speed", "20"],
        ["play", "still_face", "--screenshot", str(tmp_path / "x.jpg")],
        ["play", "still_face", "--screenshot", str(tmp_path / "missing" / "x.png")],
        ["play", "still_face", "--infant", "nobody"],
        ["play", "still_face", "--caregiver", "robot"],
        ["play", "still_face", "--set", "infant.nonsense=1"],
        ["--no-such-flag"],
    ]
    for argv in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: "), (argv, err)
        assert "Traceback" not in err[0]


def test_main_with_no_command_reaches_home(monkeypatch, capsys):
    monkeypatch.setenv("ATTUNE_TIME_TO_HOME", "1")  # exit after the first Home frame
    assert main([]) == 0
    assert main(["--projector", "--fullscreen", "--mute"]) == 0
    assert "time_to_home_s" in capsys.readouterr().err
