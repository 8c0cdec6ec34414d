"""The ``play`` subcommand: open the app on a scenario, or run it scripted (demo, tests, screenshots)."""

from __future__ import annotations

from ..model.scenario import load_scenario
from ..model.session import Session
from .common import (UsageError, add_audience, add_size_flag, audience_arg, caregiver_policy, check_out, infant_preset,
                     parse_size, set_pairs)


def register(sub, common) -> None:
    """Add ``play SCENARIO [--infant P] [--caregiver POLICY] [--autoplay] [--seed N] [--fullscreen]
    [--projector] [--speed X] [--exit-after SIM_SECONDS] [--screenshot FILE] [--size WxH]`` to ``sub``."""
    from ..model.limits import finite_arg

    sp = sub.add_parser("play", help="open the app on a scenario; --autoplay lets a scripted caregiver play")
    common(sp)
    sp.add_argument("--autoplay", action="store_true",
                    help="demo mode: the --caregiver policy plays the learner's episodes while you watch")
    sp.add_argument("--fullscreen", action="store_true", help="start full screen (F11 toggles)")
    sp.add_argument("--projector", action="store_true",
                    help="high-contrast projector colours, sound muted (F10 toggles colours, M sound)")
    sp.add_argument("--mute", action="store_true", help="start with sound muted")
    sp.add_argument("--speed", type=finite_arg, default=1.0, help="model seconds per real second, 0.5 to 8 (default 1)")
    sp.add_argument("--exit-after", type=finite_arg, default=None, metavar="SIM_SECONDS",
                    help="quit once the model clock reaches this many seconds (past the end: at the debrief)")
    sp.add_argument("--screenshot", default=None, metavar="FILE.png",
                    help="save a PNG of the screen when quitting via --exit-after (or of the first frame), at "
                         "the window's size")
    add_size_flag(sp)
    sp.add_argument("--briefing", action="store_true",
                    help="with --autoplay: show the briefing (content note, prediction) before the demo starts")
    add_audience(sp)
    from .sessions import add_data_dir
    add_data_dir(sp)
    sp.set_defaults(func=cmd_play)


def cmd_play(args) -> int:
    """Run the ``play`` command; bad input raises the CLI's one-line errors (exit 2)."""
    scenario = load_scenario(args.scenario)
    overrides = set_pairs(args.set)
    infant = infant_preset(args.infant)
    caregiver = caregiver_policy(args.caregiver)
    size = parse_size(args.size)
    if not 0.5 <= args.speed <= 8.0:
        raise UsageError(f"--speed {args.speed:g}: must be between 0.5 and 8")
    if args.exit_after is not None and args.exit_after < 0:
        raise UsageError(f"--exit-after {args.exit_after:g}: must be 0 or more")
    check_out(args.screenshot, (".png",), "--screenshot")
    audience = audience_arg(args) if args.audience else None
    Session(scenario, n=1, infant=infant, caregiver=caregiver, seed=args.seed, overrides=overrides)  # SetError early
    return run_play(scenario, infant=infant, caregiver=caregiver, seed=args.seed, overrides=overrides,
                    autoplay=args.autoplay, fullscreen=args.fullscreen, projector=args.projector,
                    mute=args.mute, speed=args.speed, exit_after=args.exit_after, screenshot=args.screenshot,
                    size=size, audience=audience, briefing=args.briefing)


def run_play(scenario, infant=None, caregiver="sensitive", seed=0, overrides=None, autoplay=False,
             fullscreen=False, projector=False, mute=False, speed=1.0, exit_after=None, screenshot=None,
             app=None, run=True, size=None, audience=None, briefing=False):
    """Open the app on ``scenario``: Home below, then the Play scene (autoplay or scripted) or the Briefing.

    ``briefing`` with ``autoplay``: the Briefing first (content note, prediction), set to watch the demo.

    Returns the exit code, or the App when ``run`` is False (tests drive it frame by frame).
    """
    from ..view.app import open_app  # the app (pygame) loads only for the commands that open it

    if screenshot and exit_after is None and autoplay:
        exit_after = 0.0
    if app is None:
        app = open_app(fullscreen=fullscreen, projector=projector, sound=False if (mute or projector) else None,
                       size=size, audience=audience)
        if app is None:
            return 2
    app.open("home")
    if autoplay and briefing and exit_after is None:
        brief = app.open("briefing", scenario, infant=infant, seed=seed, caregiver=caregiver)
        brief.set_demo(True)
        brief.speed = speed
    elif autoplay or exit_after is not None:
        app.open("play", scenario, infant=infant, caregiver=caregiver, seed=seed, demo=autoplay, speed=speed,
                 overrides=overrides, exit_after=exit_after, screenshot=screenshot)
    else:
        app.open("briefing", scenario, infant=infant, seed=seed, caregiver=caregiver)
        if screenshot:
            app.tick(0.0)
            app.screenshot(screenshot)
            app.quit(0)
    if not run:
        return app
    return app.run()
