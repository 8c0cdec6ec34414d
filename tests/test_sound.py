"""Tests for the synthesised sounds: valid waveforms, rate-limited triggering, muting and the silent stand-in."""

import numpy as np
import pytest

from simulator.view import sound


@pytest.mark.parametrize("kind", sorted(sound.DURATION))
def test_synthesis_is_finite_and_sized(kind):
    w = sound.synthesise(kind, rate=11025, seed=3)
    assert w.dtype == np.float32 and w.ndim == 1
    assert len(w) == int(round(sound.DURATION[kind] * 11025))
    assert np.all(np.isfinite(w)) and 0.5 < np.max(np.abs(w)) <= 0.91
    assert np.sqrt(np.mean(w ** 2)) > 0.05  # audible, not silence
    assert np.array_equal(w, sound.synthesise(kind, rate=11025, seed=3))  # deterministic


def test_cry_is_higher_and_rougher_than_a_coo():
    def pitch(w, rate=22050):
        i = int(np.argmax(np.abs(w)))
        seg = w[max(0, i - 1024): i + 1024].astype(float)
        ac = np.correlate(seg, seg, "full")[len(seg) - 1:]
        lo, hi = rate // 1000, rate // 200
        return rate / (lo + int(np.argmax(ac[lo:hi])))

    assert pitch(sound.synthesise("cry")) > pitch(sound.synthesise("coo"))
    assert len(sound.synthesise("cry")) > len(sound.synthesise("coo"))  # a cry lasts longer than a coo


def test_pcm_conversion():
    w = sound.synthesise("whimper", rate=8000)
    pcm = sound.to_pcm(w, channels=2, size=-16)
    assert pcm.dtype == np.int16 and pcm.shape == (len(w), 2)
    assert sound.to_pcm(w, 1, -16).shape == (len(w),)
    assert sound.to_pcm(w, 1, 32).dtype == np.float32


def test_unknown_kind():
    with pytest.raises(KeyError):
        sound.synthesise("laugh_track")


def test_update_plays_on_change_into_vocal_behaviour_rate_limited():
    s = sound.Sound(enabled=True)
    assert not s.muted
    assert s.update("look", now=0.0) is None
    assert s.update("cry", now=1.0) == "cry"
    assert s.update("cry", now=1.5) is None  # no change
    assert s.update("fuss", now=1.2) is None  # too soon after any sound
    assert s.update("look", now=2.0) is None
    assert s.update("cry", now=2.5) is None  # same kind too soon
    assert s.update("fuss", now=5.0) == "whimper"
    assert s.update("bid", now=7.0) == "coo"
    assert s.update("look", now=8.0) is None and s.update("bid", now=9.0) is None  # coo again too soon
    assert s.played == ["cry", "whimper", "coo"]


def test_mute_toggle_and_muted_start():
    s = sound.Sound(enabled=False)
    assert s.muted
    assert s.update("cry", now=0.0) is None
    assert s.toggle() is False and not s.muted
    assert s.update("smile", now=10.0) == "giggle"
    assert s.toggle() is True
    assert s.update("resist", now=20.0) is None


def test_stand_in_without_a_mixer(monkeypatch):
    s = sound.Sound(enabled=True)
    monkeypatch.setattr(s, "_ensure_mixer", lambda: False)
    s._mixer_ok = False
    assert s.update("cry", now=0.0) == "cry"  # silent, but tracked
    assert not s.available
    s.stop()


def test_real_mixer_with_dummy_driver():
    import pygame

    s = sound.Sound(enabled=True)
    assert s.update("resist", now=0.0) == "protest"
    # With SDL_AUDIODRIVER=dummy the mixer usually starts; either way nothing raised.
    if s.available:
        assert pygame.mixer.get_init()
    s.toggle()
    pygame.mixer.quit()


def test_wave_cache_and_background_prepare():
    assert sound.wave("coo", 8000, 1) is sound.wave("coo", 8000, 1)
    s = sound.Sound(enabled=True)
    s.prepare()
    s._warming.join(timeout=10)
    assert not s._warming.is_alive()
    s.prepare()  # idempotent
