"""The child process that reads and validates a big import while the parent writes (importer.import_stream)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from asn_metrics.background import ChildFailed, in_child, started_in_child
from asn_metrics.ingest import UnreadableFile

ROOT = Path(__file__).resolve().parent.parent


def numbers_with_pid(count: int) -> Iterator[tuple[int, int]]:
    for i in range(count):
        yield i, os.getpid()


def fails_after(count: int) -> Iterator[int]:
    yield from range(count)
    raise UnreadableFile("Berkas rusak.csv kosong.")


class TwoArgumentError(Exception):
    def __init__(self, code: int, text: str) -> None:
        super().__init__(f"{code}: {text}")


def fails_oddly() -> Iterator[int]:
    yield 1
    raise TwoArgumentError(7, "tidak bisa dibuat ulang dari pesannya")


def unpicklable_third() -> Iterator[object]:
    yield 0
    yield 1
    yield threading.Lock()  # cannot be pickled
    yield 3


def dies_after(count: int) -> Iterator[int]:
    yield from range(count)
    os.kill(os.getpid(), signal.SIGKILL)
    yield -1  # never reached


def endless() -> Iterator[int]:
    i = 0
    while True:
        yield i
        i += 1


def test_items_arrive_in_order_from_another_process() -> None:
    items = list(in_child(numbers_with_pid, 50))
    assert [i for i, _ in items] == list(range(50))
    assert {pid for _, pid in items} != {os.getpid()}
    assert len({pid for _, pid in items}) == 1


def test_an_error_in_the_child_is_raised_again_with_its_type_and_message() -> None:
    seen: list[int] = []
    with pytest.raises(UnreadableFile, match=r"rusak\.csv kosong"):
        for item in in_child(fails_after, 3):
            seen.append(item)
    assert seen == [0, 1, 2]


def test_an_error_that_cannot_be_rebuilt_keeps_its_message() -> None:
    with pytest.raises(ChildFailed, match="TwoArgumentError: 7: tidak bisa dibuat ulang"):
        list(in_child(fails_oddly))


def test_an_item_that_cannot_be_sent_is_an_error_not_a_gap() -> None:
    seen: list[object] = []
    with pytest.raises(TypeError, match="pickle"):
        for item in in_child(unpicklable_third):
            seen.append(item)
    assert seen == [0, 1]


def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    seen: list[int] = []
    with pytest.raises(ChildFailed, match="berhenti tiba-tiba"):
        for item in in_child(dies_after, 2):
            seen.append(item)
    assert seen == [0, 1][: len(seen)]  # items still in the killed child's pipe are lost, never invented


def test_closing_early_stops_the_child() -> None:
    items = in_child(endless, depth=2)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    started = time.monotonic()
    items.close()  # would hang if the child, blocked on a full pipe, were joined without being stopped
    assert time.monotonic() - started < 10


def marks_then_counts(marker: str) -> Iterator[int]:
    Path(marker).write_text(str(os.getpid()))
    yield from endless()


def test_started_in_child_works_before_the_first_next_and_stops_when_closed_unread(tmp_path: Path) -> None:
    # The import checks the first chunk itself while the child already reads the others (importer.py).
    marker = tmp_path / "mulai.txt"
    items = started_in_child(marks_then_counts, str(marker), depth=1)
    deadline = time.monotonic() + 20
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.02)
    child = int(marker.read_text())  # the child ran although nobody has asked for an item yet
    assert child != os.getpid() and _alive(child)
    items.close()  # never advanced: still stops the child
    assert not _alive(child)
    again = started_in_child(marks_then_counts, str(tmp_path / "lagi.txt"))
    assert [next(again) for _ in range(3)] == [0, 1, 2]
    again.close()


def test_the_child_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    # A parent killed by the OOM killer or `timeout` must not leave its reading child behind for ever.
    script = textwrap.dedent(
        """
        import os, sys, time
        from asn_metrics.background import ChildFailed, in_child, started_in_child
        from tests.test_background import endless
        items = in_child(endless, depth=1)
        next(items)
        print(os.getpid(), flush=True)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    parent.stdout.readline()
    children = _children_of(parent.pid)
    assert len(children) == 1
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _alive(children[0]):
        time.sleep(0.2)
    assert not _alive(children[0])


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_spawned_child_does_not_run_the_callers_main_script_again(tmp_path: Path) -> None:
    # With other threads running (a Streamlit server), the child is spawned, and spawn would run the caller's
    # __main__ again in it: under Streamlit that is the page script, queries and all.
    script = tmp_path / "halaman.py"
    script.write_text(
        textwrap.dedent(
            """
            import threading
            print("skrip dijalankan sebagai", __name__, flush=True)
            if __name__ == "__main__":
                threading.Thread(target=threading.Event().wait, daemon=True).start()
                from asn_metrics.background import in_child
                from tests.test_background import numbers_with_pid
                print("butir", len(list(in_child(numbers_with_pid, 3))), flush=True)
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["skrip dijalankan sebagai __main__", "butir 3"]
