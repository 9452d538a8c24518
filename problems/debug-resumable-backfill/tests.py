import datetime as dt

from solution import *


def ts(day, hour=12):
    return int(dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00").timestamp())


USERS = {"ana": "2023-03-01", "bo": "2023-03-03"}
EVENTS = [
    {"user_id": "ana", "ts": ts("2023-03-04", 9), "amount": 10.0},
    {"user_id": "ana", "ts": ts("2023-03-04", 23), "amount": 5.0},
    {"user_id": "bo", "ts": ts("2023-03-04", 1), "amount": 7.5},
    {"user_id": "bo", "ts": ts("2023-03-06", 0), "amount": 2.0},
]
EXPECTED = {
    "2023-03-04": [
        {"user_id": "ana", "day": "2023-03-04", "events": 2, "spend": 15.0, "days_since_signup": 3},
        {"user_id": "bo", "day": "2023-03-04", "events": 1, "spend": 7.5, "days_since_signup": 1},
    ],
    "2023-03-05": [],
    "2023-03-06": [{"user_id": "bo", "day": "2023-03-06", "events": 1, "spend": 2.0, "days_since_signup": 3}],
}


class CrashingStore(PartitionStore):
    """Raises, as a killed process would, on the n-th write, before anything is written."""

    def __init__(self, crash_on):
        super().__init__()
        self.crash_on = crash_on

    def _maybe_crash(self):
        if self.writes + 1 == self.crash_on:
            self.crash_on = None
            raise RuntimeError("worker lost")

    def append(self, day, rows):
        self._maybe_crash()
        super().append(day, rows)

    def overwrite(self, day, rows):
        self._maybe_crash()
        super().overwrite(day, rows)


def test_a_clean_run_writes_every_day_of_the_range():
    store = PartitionStore()
    days = backfill(EVENTS, USERS, "2023-03-04", "2023-03-06", store, Checkpoints(), "job-1")
    assert days == ["2023-03-04", "2023-03-05", "2023-03-06"], days
    for day, rows in EXPECTED.items():
        assert store.read(day) == rows, f"partition {day}: {store.read(day)!r}"


def test_a_manual_rerun_leaves_the_table_as_it_was():
    store = PartitionStore()
    backfill(EVENTS, USERS, "2023-03-04", "2023-03-06", store, Checkpoints(), "job-1")
    backfill(EVENTS, USERS, "2023-03-04", "2023-03-06", store, Checkpoints(), "job-1-rerun")
    for day, rows in EXPECTED.items():
        assert store.read(day) == rows, f"after a rerun, partition {day} is {store.read(day)!r}"


def test_resume_after_a_crash_gives_the_same_table():
    store, checkpoints = CrashingStore(crash_on=2), Checkpoints()
    try:
        backfill(EVENTS, USERS, "2023-03-04", "2023-03-06", store, checkpoints, "job-2")
    except RuntimeError:
        pass
    else:
        assert False, "the store was meant to crash on the second write"
    backfill(EVENTS, USERS, "2023-03-04", "2023-03-06", store, checkpoints, "job-2")
    for day, rows in EXPECTED.items():
        assert store.read(day) == rows, f"after resuming, partition {day} is {store.read(day)!r}"
