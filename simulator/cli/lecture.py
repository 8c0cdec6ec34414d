"""The ``lecture`` subcommand: play a playlist of talk slides and scenario segments, pausing at its cues."""

from __future__ import annotations

from ..content.playlist import load_playlist
from ..model.limits import finite_arg
from .common import UsageError, add_audience, add_size_flag, audience_arg, check_out, parse_size


def register(sub, common) -> None:
    """Add ``lecture PLAYLIST.toml [--autoplay] [--speed X] [--exit-after S] [--screenshot F] [--size WxH]
    [--audience A] [--fullscreen] [--projector] [--mute]`` to ``sub``."""
    sp = sub.add_parser("lecture", help="play a lecture playlist (scenarios/playlists/*.toml) that pauses on "
                        "questions at its cue points")
    sp.add_argument("playlist", help="a playlist file, or a name from scenarios/playlists/")
    sp.add_argument("--autoplay", action="store_true",
                    help="go on by itself after each slide's, cue's and debrief's planned time")
    sp.add_argument("--speed", type=finite_arg, default=1.0,
                    help="run the whole plan this many times faster, 0.5 to 8 (a rehearsal; default 1)")
    sp.add_argument("--exit-after", type=finite_arg, default=None, metavar="S",
                    help="quit once the lecture clock (the plan's own time) reaches S seconds")
    sp.add_argument("--screenshot", default=None, metavar="FILE.png", help="save a PNG when --exit-after quits")
    add_size_flag(sp)
    sp.add_argument("--fullscreen", action="store_true", help="start full screen (F11 toggles)")
    sp.add_argument("--projector", action="store_true", help="high-contrast projector colours, sound muted")
    sp.add_argument("--mute", action="store_true", help="start with sound muted")
    add_audience(sp)
    sp.set_defaults(func=cmd_lecture)


def cmd_lecture(args) -> int:
    """Run the ``lecture`` command; bad input raises the CLI's one-line errors (exit 2)."""
    playlist = load_playlist(args.playlist)
    audience = audience_arg(args)
    if not 0.5 <= args.speed <= 8.0:
        raise UsageError(f"--speed {args.speed:g}: must be between 0.5 and 8")
    if args.exit_after is not None and args.exit_after < 0:
        raise UsageError(f"--exit-after {args.exit_after:g}: must be 0 or more")
    check_out(args.screenshot, (".png",), "--screenshot")
    size = parse_size(args.size)
    from ..view import app  # noqa: F401 - hides pygame's banner before pygame is first imported
    from ..view.scenes.lecture import run_lecture
    return run_lecture(playlist, autoplay=args.autoplay, rate=args.speed, exit_after=args.exit_after,
                       screenshot=args.screenshot, audience=audience, fullscreen=args.fullscreen,
                       projector=args.projector, mute=args.mute, size=size)
