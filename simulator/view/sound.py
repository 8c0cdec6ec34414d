"""Optional infant sounds synthesised in code (coos, giggles, whimpers, cries), played with a silent stand-in.

Nothing is downloaded or loaded from files: each sound is built with numpy from a pitch contour
(harmonics with vibrato and jitter, shaped by two vowel formants and an amplitude envelope), after
the acoustics of infant vocalisation: comfort sounds (coos) are soft, low-pitched (about 300-400 Hz)
and rise then fall; a cry is louder, higher (about 450-600 Hz), rougher and rhythmic, bursts of about
a second separated by in-breaths (Wasz-Hockert et al. 1968; Zeskind & Lester 2001). Fussing is short,
falling whimpers.

``Sound(enabled)`` plays one when the infant's behaviour changes into a vocal one, rate-limited; when
the mixer cannot start (no audio device) it keeps working silently. ``synthesise(kind)`` returns the
waveform (float32, mono, -1..1) for tests and other uses.
"""

from __future__ import annotations

import threading
import time

import numpy as np

SAMPLE_RATE = 22050

#: Behaviour id -> sound kind. Other behaviours are silent.
VOCAL: dict[str, str] = {"bid": "coo", "smile": "giggle", "fuss": "whimper", "cry": "cry", "resist": "protest"}

#: Seconds before the same kind may play again, and between any two sounds.
MIN_GAP = {"coo": 3.0, "giggle": 4.0, "whimper": 2.0, "cry": 2.5, "protest": 2.0}
MIN_GAP_ANY = 0.6
VOLUME = 0.55

#: Duration (s) of each kind; ``synthesise`` returns exactly round(duration * rate) samples.
DURATION = {"coo": 1.3, "giggle": 0.8, "whimper": 1.2, "cry": 2.6, "protest": 1.0}


def _envelope(n: int, attack: float, release: float, rate: int) -> np.ndarray:
    """A linear attack, flat sustain and cosine release over ``n`` samples."""
    env = np.ones(n)
    a = max(1, min(n // 2, int(attack * rate)))
    r = max(1, min(n - a, int(release * rate)))
    env[:a] = np.linspace(0.0, 1.0, a)
    env[n - r:] = 0.5 * (1.0 + np.cos(np.linspace(0.0, np.pi, r)))
    return env


def _voice(f0: np.ndarray, rate: int, rng: np.random.Generator, formants=((500, 120), (1400, 260)),
           n_harm: int = 14, tilt: float = 1.2, rough: float = 0.0, breath: float = 0.02) -> np.ndarray:
    """A voiced sound following the pitch contour ``f0`` (Hz per sample): harmonics shaped by formants.

    ``rough`` adds amplitude modulation near 70 Hz (the harsh, tense quality of a hard cry);
    ``breath`` adds a little noise.
    """
    n = len(f0)
    t = np.arange(n) / rate
    jitter = 1.0 + 0.006 * np.cumsum(rng.normal(0.0, 1.0, n)) / np.sqrt(np.arange(1, n + 1))
    f = f0 * jitter
    phase = 2.0 * np.pi * np.cumsum(f) / rate
    out = np.zeros(n)
    fmean = float(np.mean(f0))
    for k in range(1, n_harm + 1):
        fk = k * fmean
        if fk > rate / 2 - 500:
            break
        gain = k ** -tilt
        for fc, bw in formants:  # resonance boost near each formant
            gain *= 1.0 + 3.0 * np.exp(-0.5 * ((fk - fc) / bw) ** 2)
        out += gain * np.sin(k * phase + rng.uniform(0, 2 * np.pi))
    if rough > 0:
        out *= 1.0 - rough * 0.5 * (1.0 + np.sin(2 * np.pi * 70.0 * t + rng.uniform(0, 6.28)))
    if breath > 0:
        noise = rng.normal(0.0, 1.0, n)
        noise = np.convolve(noise, np.ones(6) / 6.0, mode="same")
        out += breath * noise * np.max(np.abs(out))
    return out


def _contour(n: int, start: float, peak: float, end: float, rate: int, vib_hz: float = 5.5,
             vib_depth: float = 0.02, peak_at: float = 0.4) -> np.ndarray:
    """A rise-fall pitch contour (Hz per sample) with vibrato."""
    x = np.linspace(0.0, 1.0, n)
    rise = start + (peak - start) * np.sin(0.5 * np.pi * np.clip(x / peak_at, 0, 1))
    fall = peak + (end - peak) * np.sin(0.5 * np.pi * np.clip((x - peak_at) / (1 - peak_at), 0, 1))
    f = np.where(x < peak_at, rise, fall)
    t = np.arange(n) / rate
    return f * (1.0 + vib_depth * np.sin(2 * np.pi * vib_hz * t))


def _place(buf: np.ndarray, seg: np.ndarray, at: float, rate: int) -> None:
    i = int(at * rate)
    j = min(len(buf), i + len(seg))
    if j > i:
        buf[i:j] += seg[: j - i]


def synthesise(kind: str, rate: int = SAMPLE_RATE, seed: int = 0) -> np.ndarray:
    """The waveform of ``kind`` (one of :data:`DURATION`): float32, mono, peak 0.9, finite.

    Raises ``KeyError`` for an unknown kind.
    """
    total = int(round(DURATION[kind] * rate))
    rng = np.random.default_rng(seed)
    buf = np.zeros(total)
    if kind == "coo":  # two soft "ooh" sounds, rising then falling
        for at, dur, base in ((0.05, 0.55, 330.0), (0.72, 0.5, 360.0)):
            n = int(dur * rate)
            f0 = _contour(n, base, base * 1.25, base * 0.9, rate, vib_depth=0.015)
            v = _voice(f0, rate, rng, formants=((420, 100), (950, 200)), tilt=1.6, breath=0.04)
            _place(buf, v * _envelope(n, 0.08, 0.2, rate), at, rate)
    elif kind == "giggle":  # short bright "heh" bursts
        for i in range(5):
            n = int(0.085 * rate)
            base = 480.0 - 18 * i + rng.uniform(-10, 10)
            f0 = _contour(n, base, base * 1.1, base * 0.95, rate, vib_depth=0.0)
            v = _voice(f0, rate, rng, formants=((700, 160), (1700, 300)), tilt=1.2, breath=0.15)
            _place(buf, v * _envelope(n, 0.01, 0.04, rate), 0.05 + i * 0.14, rate)
    elif kind == "whimper":  # three short, falling, nasal whimpers
        for i, at in enumerate((0.05, 0.45, 0.82)):
            n = int((0.3 - 0.03 * i) * rate)
            base = 420.0 + rng.uniform(-15, 15)
            f0 = _contour(n, base, base * 1.08, base * 0.72, rate, vib_hz=7.0, vib_depth=0.03, peak_at=0.2)
            v = _voice(f0, rate, rng, formants=((350, 90), (2300, 300)), tilt=1.4, breath=0.05)
            _place(buf, 0.7 * v * _envelope(n, 0.03, 0.15, rate), at, rate)
    elif kind == "cry":  # rhythmic, high, rough bursts with in-breaths between
        t0 = 0.02
        for i in range(3):
            dur = 0.62 + rng.uniform(-0.05, 0.08)
            n = int(dur * rate)
            base = 470.0 + rng.uniform(-20, 30)
            f0 = _contour(n, base, base * 1.28, base * 0.85, rate, vib_hz=9.0, vib_depth=0.03, peak_at=0.35)
            v = _voice(f0, rate, rng, formants=((1000, 220), (2200, 350)), tilt=0.9, rough=0.35,
                       breath=0.08)
            _place(buf, v * _envelope(n, 0.04, 0.12, rate), t0, rate)
            t0 += dur
            gasp_n = int(0.2 * rate)  # inspiratory gasp: a short breathy rising squeak
            gf = np.linspace(700.0, 900.0, gasp_n)
            g = _voice(gf, rate, rng, formants=((1200, 300), (2600, 400)), tilt=1.0, breath=0.6)
            _place(buf, 0.25 * g * _envelope(gasp_n, 0.05, 0.1, rate), t0 + 0.02, rate)
            t0 += 0.24
    elif kind == "protest":  # angry squawks: short, tense, rising
        for at, dur in ((0.03, 0.4), (0.5, 0.45)):
            n = int(dur * rate)
            base = 430.0 + rng.uniform(-20, 20)
            f0 = _contour(n, base, base * 1.35, base * 1.1, rate, vib_depth=0.01, peak_at=0.6)
            v = _voice(f0, rate, rng, formants=((900, 200), (1900, 300)), tilt=0.8, rough=0.5, breath=0.1)
            _place(buf, v * _envelope(n, 0.02, 0.1, rate), at, rate)
    else:
        raise KeyError(kind)
    fade = min(total // 4, int(0.015 * rate))  # no clicks at the ends
    if fade > 1:
        ramp = np.linspace(0.0, 1.0, fade)
        buf[:fade] *= ramp
        buf[-fade:] *= ramp[::-1]
    peak = float(np.max(np.abs(buf))) or 1.0
    out = (0.9 * buf / peak).astype(np.float32)
    return np.nan_to_num(out, nan=0.0, posinf=0.0, neginf=0.0)


_WAVES: dict[tuple[str, int, int], np.ndarray] = {}
_WAVES_LOCK = threading.Lock()


def wave(kind: str, rate: int = SAMPLE_RATE, seed: int = 0) -> np.ndarray:
    """``synthesise`` with a process-wide cache (the waves are deterministic)."""
    key = (kind, int(rate), int(seed))
    with _WAVES_LOCK:
        w = _WAVES.get(key)
    if w is None:
        w = synthesise(kind, int(rate), int(seed))
        with _WAVES_LOCK:
            _WAVES[key] = w
    return w


def to_pcm(wave: np.ndarray, channels: int = 1, size: int = -16) -> np.ndarray:
    """Convert a float wave (-1..1) to the mixer's format: int16 (or float32 for size 32), shape (n, channels)."""
    wave = np.clip(np.asarray(wave, dtype=np.float32), -1.0, 1.0)
    if size == 32:
        pcm = wave.astype(np.float32)
    elif abs(size) == 8:
        pcm = (wave * 127).astype(np.int8) if size < 0 else (wave * 127 + 128).astype(np.uint8)
    else:
        pcm = (wave * 32767).astype(np.int16)
    if channels > 1:
        pcm = np.repeat(pcm[:, None], channels, axis=1)
    return np.ascontiguousarray(pcm)


class _Silent:
    """Stand-in for a pygame Sound when there is no mixer: plays nothing."""

    def play(self, *args, **kwargs):
        return None

    def stop(self):
        return None

    def set_volume(self, *args):
        return None


class Sound:
    """Infant sounds for the play scene: ``update(behaviour_id)`` each frame; ``toggle()`` mutes/unmutes.

    ``enabled=False`` starts muted (class mode). The mixer starts lazily on the first unmuted use; if it
    cannot (no device, or pygame without audio), sounds become silent stand-ins and nothing fails.
    ``played`` lists the kinds triggered (also while silent), for tests and captions.
    """

    def __init__(self, enabled: bool = True, *, clock=time.monotonic):
        self._muted = not enabled
        self._clock = clock
        self._mixer_ok: bool | None = None  # None: not tried yet
        self._format = (SAMPLE_RATE, -16, 1)
        self._sounds: dict[str, list] = {}
        self._variant = 0
        self._last_behaviour: str | None = None
        self._last_kind_at: dict[str, float] = {}
        self._last_any = -1e9
        self._current = None  # the sound playing now: a new one replaces it (one voice at a time)
        self._warming: threading.Thread | None = None
        self.played: list[str] = []

    # -- state -------------------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def available(self) -> bool:
        """True when a real mixer is playing the sounds (tried on first unmuted use)."""
        return bool(self._mixer_ok)

    def toggle(self) -> bool:
        """Mute or unmute; returns the new ``muted``. Muting stops what is playing."""
        self._muted = not self._muted
        if self._muted:
            self.stop()
        return self._muted

    def stop(self) -> None:
        for variants in self._sounds.values():
            for s in variants:
                s.stop()

    def prepare(self) -> None:
        """Start the mixer and synthesise every sound in a background thread, so the first cry does
        not stall a frame. Called on the first unmuted ``update``; safe to call again."""
        if self._warming is not None:
            return
        rate = self._format[0] if self._ensure_mixer() else SAMPLE_RATE

        def work():
            for kind in DURATION:
                for seed in (0, 1):
                    wave(kind, rate, seed)

        self._warming = threading.Thread(target=work, name="attune-sound-warmup", daemon=True)
        self._warming.start()

    # -- playing -----------------------------------------------------------------------------------
    def _ensure_mixer(self) -> bool:
        if self._mixer_ok is not None:
            return self._mixer_ok
        try:
            import pygame

            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=SAMPLE_RATE, size=-16, channels=2, buffer=1024)
            init = pygame.mixer.get_init()
            if not init:
                raise RuntimeError("mixer did not start")
            self._format = init
            self._mixer_ok = True
        except Exception:
            self._mixer_ok = False
        return self._mixer_ok

    def _sound(self, kind: str):
        variants = self._sounds.get(kind)
        if variants is None:
            variants = []
            for seed in (0, 1):
                if self._mixer_ok:
                    try:
                        import pygame

                        rate, size, channels = self._format
                        pcm = to_pcm(wave(kind, rate, seed), channels, size)
                        snd = pygame.sndarray.make_sound(pcm)
                        snd.set_volume(VOLUME)
                        variants.append(snd)
                        continue
                    except Exception:
                        self._mixer_ok = False
                variants.append(_Silent())
            self._sounds[kind] = variants
        self._variant = (self._variant + 1) % len(variants)
        return variants[self._variant]

    def update(self, behaviour_id: str | None, now: float | None = None) -> str | None:
        """Note the infant's behaviour; play its sound if it just changed into a vocal one.

        Returns the kind played (or that would play when the mixer is missing), else None.
        Rate-limited: the same kind waits ``MIN_GAP[kind]`` s, any sound ``MIN_GAP_ANY`` s.
        """
        changed = behaviour_id != self._last_behaviour
        self._last_behaviour = behaviour_id
        if not self._muted and self._warming is None:
            self.prepare()
        kind = VOCAL.get(behaviour_id or "")
        if not changed or kind is None or self._muted:
            return None
        now = self._clock() if now is None else now
        if now - self._last_any < MIN_GAP_ANY or now - self._last_kind_at.get(kind, -1e9) < MIN_GAP[kind]:
            return None
        self._ensure_mixer()
        try:
            snd = self._sound(kind)
            if self._current is not None:
                self._current.stop()
            snd.play()
            self._current = snd
        except Exception:  # a device that vanished mid-session: go silent
            self._mixer_ok = False
            self._sounds.clear()
        self._last_any = now
        self._last_kind_at[kind] = now
        self.played.append(kind)
        return kind
