"""Run a generator in a child process, so that its work overlaps with the caller's (two cores, two jobs).

The import of a big file uses it: the child reads and validates chunk k+1 while the parent writes chunk k.
Items come back in order through a one-way pipe, at most ``depth`` ahead of the parent (so memory stays
bounded); an exception in the child is raised again in the parent with its own type and message.

Each side holds only its own end of the pipe: a child that dies (killed for memory, say) ends the parent's
wait with an error instead of a hang, and a parent that dies breaks the child's next send, so it exits.
Items are pickled in the child before they are sent, so an item that cannot be pickled is an error, never
a silently missing chunk.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
import types
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_ITEM = 0
_ERROR = 1
_DONE = 2
_POLL_SECONDS = 1.0


def _run(factory: Callable[..., Iterator[Any]], args: tuple[Any, ...], send: Any, receive: Any, room: Any) -> None:
    receive.close()  # the parent's end: with it closed here, the parent alone decides when reading ends
    parent = os.getppid()
    try:
        for item in factory(*args):
            payload = pickle.dumps((_ITEM, item), protocol=pickle.HIGHEST_PROTOCOL)
            while not room.acquire(timeout=_POLL_SECONDS):
                if os.getppid() != parent:
                    return  # the parent is gone: nobody will read
            send.send_bytes(payload)
        send.send_bytes(pickle.dumps((_DONE, None)))
    except (BrokenPipeError, EOFError, ConnectionResetError):
        return  # the parent stopped reading (it closed the iterator or died)
    except BaseException as error:
        text = f"{error}" or type(error).__name__
        pickled: bytes | None
        try:
            pickled = pickle.dumps(error)
            pickle.loads(pickled)  # an exception that does not unpickle travels as its message only
        except Exception:
            pickled = None
        try:
            send.send_bytes(pickle.dumps((_ERROR, (pickled, type(error).__name__, text))))
        except (BrokenPipeError, EOFError, ConnectionResetError):
            return
    finally:
        send.close()


def _context() -> Any:
    # fork is cheap (no re-import of pandas) but unsafe in a process with other threads (a Streamlit
    # server); spawn then.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ChildFailed(RuntimeError):
    """The child died, or failed with an exception that could not be sent back as itself (Indonesian)."""


@contextmanager
def _main_left_alone(ctx: Any) -> Iterator[None]:
    """A spawned child runs the parent's ``__main__`` again before anything else; under Streamlit that is
    the page script being run (it would rerun in the child, queries included). The child needs nothing from
    it, so while the child starts, ``__main__`` is a bare module."""
    if ctx.get_start_method() == "fork":
        yield
        return
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _died(child: Any) -> ChildFailed:
    child.join(timeout=5)
    return ChildFailed(
        f"Proses pemeriksa berkas berhenti tiba-tiba (kode keluar {child.exitcode}); tidak ada yang ditulis."
    )


def in_child(factory: Callable[..., Iterator[T]], *args: Any, depth: int = 2) -> Generator[T]:
    """Yield what ``factory(*args)`` yields, computed in a child process, at most ``depth`` items ahead.

    ``factory`` must be a module-level function and ``args`` picklable. Closing the iterator early (or an
    exception in the caller) stops the child. A child that dies raises ``ChildFailed`` (Indonesian).
    The child starts at the first ``next``; ``started_in_child`` starts it at once.
    """
    items = _items(factory, args, depth)
    next(items)  # the child starts
    yield from items


def started_in_child(factory: Callable[..., Iterator[T]], *args: Any, depth: int = 2) -> Generator[T]:
    """``in_child`` with the child started now, not at the first ``next``, so that the caller can work
    meanwhile. Close the iterator when done with it, as with ``in_child`` (also when it was never advanced)."""
    items = _items(factory, args, depth)
    next(items)  # the child starts; the generator waits inside its try, so closing it stops the child
    return items


_STARTED = object()


def _items(factory: Callable[..., Iterator[T]], args: tuple[Any, ...], depth: int) -> Generator[Any]:
    """Start the child, yield ``_STARTED``, then the child's items."""
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    room = ctx.BoundedSemaphore(depth)
    child = ctx.Process(target=_run, args=(factory, args, send, receive, room), daemon=True)
    with _main_left_alone(ctx):
        child.start()
    send.close()  # the child's end: closed here, the pipe reports end-of-file when the child is gone
    try:
        yield _STARTED
        while True:
            if not receive.poll(_POLL_SECONDS):
                if not child.is_alive() and not receive.poll(0):
                    raise _died(child)
                continue
            try:
                tag, value = pickle.loads(receive.recv_bytes())
            except (EOFError, OSError):
                raise _died(child) from None
            if tag == _ITEM:
                room.release()
                yield value
            elif tag == _ERROR:
                pickled, name, text = value
                if pickled is not None:
                    raise pickle.loads(pickled)
                raise ChildFailed(f"Pemeriksaan berkas gagal ({name}: {text}); tidak ada yang ditulis.")
            else:
                return
    finally:
        receive.close()
        if child.is_alive():
            child.terminate()
        child.join()
