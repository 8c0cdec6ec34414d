"""The app's screens, one module each, and the registry the scene stack opens them by name.

A scene moves to another with ``self.app.open(name, ...)`` (see :mod:`simulator.view.scene`), never by
importing it, so the scene modules form no import circle: only this registry knows them all.
"""

from .briefing import BriefingScene
from .compare import CompareScene
from .debrief import DebriefScene
from .glossary import GlossaryScene
from .home import HomeScene
from .observer import ObserverScene
from .play import PlayScene
from .population_lab import PopulationLabScene
from .replay import replay_scene
from .sessions_list import ConfirmScene, SessionsScene
from .setup import SetupScene

#: Scene name -> the class (or factory) that builds it: ``factory(app, *args, **kwargs)``.
SCENES = {cls.name: cls for cls in (HomeScene, BriefingScene, PlayScene, DebriefScene, GlossaryScene,
                                    ObserverScene, PopulationLabScene, SessionsScene, ConfirmScene, CompareScene,
                                    SetupScene)}
#: A saved session replayed exactly: the Play scene with a saved session as its source.
SCENES["replay"] = replay_scene
#: A saved session (A) against the same infant and seed under another caregiver policy (B).
SCENES["compare_policy"] = CompareScene.from_file_and_policy

__all__ = ["SCENES"]
