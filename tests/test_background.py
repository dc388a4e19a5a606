"""The child process that reads and validates a big import while the parent writes (importer.import_stream)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from asn_metrics.background import in_child
from asn_metrics.ingest import UnreadableFile


def numbers_with_pid(count: int) -> Iterator[tuple[int, int]]:
    for i in range(count):
        yield i, os.getpid()


def fails_after(count: int) -> Iterator[int]:
    yield from range(count)
    raise UnreadableFile("Berkas rusak.csv kosong.")


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


def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    seen: list[int] = []
    with pytest.raises(RuntimeError, match="berhenti tiba-tiba"):
        for item in in_child(dies_after, 2):
            seen.append(item)
    assert seen == [0, 1][: len(seen)]  # items still in the killed child's pipe are lost, never invented


def test_closing_early_stops_the_child() -> None:
    items = in_child(endless, depth=2)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    started = time.monotonic()
    items.close()  # would hang if the child, blocked on a full queue, were joined without being stopped
    assert time.monotonic() - started < 10
