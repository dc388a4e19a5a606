"""Run a generator in a child process, so that its work overlaps with the caller's (two cores, two jobs).

The import of a big file uses it: the child reads and validates chunk k+1 while the parent writes chunk k.
Items come back in order through a bounded queue, so memory stays bounded too; an exception in the child
is raised again in the parent with its own type and message.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_DONE = "selesai"
_ITEM = "item"
_ERROR = "galat"
_POLL_SECONDS = 1.0


def _run(factory: Callable[..., Iterator[Any]], args: tuple[Any, ...], out: Any) -> None:
    try:
        for item in factory(*args):
            out.put((_ITEM, item))
    except BaseException as error:
        try:
            out.put((_ERROR, error))
        except Exception:
            out.put((_ERROR, RuntimeError(f"{type(error).__name__}: {error}")))
        return
    out.put((_DONE, None))


def _context() -> Any:
    # fork is cheap (no re-import of pandas) but unsafe in a process with other threads (a Streamlit
    # server); spawn then.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def in_child(factory: Callable[..., Iterator[T]], *args: Any, depth: int = 2) -> Generator[T]:
    """Yield what ``factory(*args)`` yields, computed in a child process, at most ``depth`` items ahead.

    ``factory`` must be a module-level function and ``args`` picklable. Closing the iterator early (or an
    exception in the caller) stops the child.
    """
    ctx = _context()
    out = ctx.Queue(maxsize=depth)
    child = ctx.Process(target=_run, args=(factory, args, out), daemon=True)
    child.start()
    try:
        while True:
            try:
                tag, value = out.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"proses pemeriksa berhenti tiba-tiba (kode keluar {child.exitcode})") from None
                continue
            if tag == _ITEM:
                yield value
            elif tag == _ERROR:
                raise value
            else:
                return
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        out.close()
        out.cancel_join_thread()
