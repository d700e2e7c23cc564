"""Python's cyclic garbage collector paused while the first roster is built.

The first acceptable roster is due within 2 s also when other processes keep both cores busy
(issue 15). Its path is pure Python that allocates much and frees it by reference counting; a full
collection that falls inside it walks every object the process holds. Twenty-third session, Ageo's
three weeks five times each beside two spinning processes (`/work/s23/diag.py`): a full collection
fell inside the path in 8 of 15 solves and took 0.08 to 0.23 s of it. What the pause leaves is
collected once it ends. Solves may run in several threads at once (the dashboard, the scale
scenario's sites): the collector comes back when the last pause ends, and only if it was on."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
