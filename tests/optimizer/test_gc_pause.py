"""optimizer/gc_pause.py: the collector is paused while the first roster is built and comes back
when the last pause ends (solves run in several threads), also after an error, and only if it was on."""

from __future__ import annotations

import gc
import threading

import pytest

from optimizer import gc_pause


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_comes_back_when_the_last_of_two_threads_ends_its_pause():
    entered, release_first, first_done = threading.Event(), threading.Event(), threading.Event()

    def first():
        with gc_pause.paused():
            entered.set()
            release_first.wait(5)
        first_done.set()

    thread = threading.Thread(target=first)
    thread.start()
    assert entered.wait(5)
    with gc_pause.paused():
        assert not gc.isenabled()
        release_first.set()
        assert first_done.wait(5)
        assert not gc.isenabled()  # this pause is still on
    thread.join(5)
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error():
    with pytest.raises(ValueError), gc_pause.paused():
        assert not gc.isenabled()
        raise ValueError("inside")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with gc_pause.paused():
        pass
    assert not gc.isenabled()
