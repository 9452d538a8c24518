import copy
import datetime as dt
import random

from solution import *


def ts(day, hour=12, minute=0, second=0):
    return int(dt.datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}:{second:02d}+00:00").timestamp())


class CrashingStore(PartitionStore):
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


def _log(seed, days=10):
    rng = random.Random(seed)
    users = {f"u{i}": f"2023-02-{rng.randint(1, 28):02d}" for i in range(6)}
    users.pop("u5")  # a user without a known signup date
    base = dt.date(2023, 3, 1)
    events = [
        {
            "user_id": f"u{rng.randrange(6)}",
            "ts": ts((base + dt.timedelta(days=rng.randrange(days + 2))).isoformat(), rng.randrange(24), rng.randrange(60)),
            "amount": round(rng.uniform(1, 50), 2),
        }
        for _ in range(150)
    ]
    return events, users


def _clean(events, users, start, end):
    store = PartitionStore()
    backfill(events, users, start, end, store, Checkpoints(), "clean")
    return store.partitions


def test_stale_rows_from_an_earlier_run_are_replaced():
    store = PartitionStore()
    store.partitions["2023-03-05"] = [{"user_id": "ghost", "day": "2023-03-05", "events": 9, "spend": 1.0, "days_since_signup": 0}]
    backfill([], {}, "2023-03-05", "2023-03-05", store, Checkpoints(), "j")
    assert store.read("2023-03-05") == [], f"a day without events kept old rows: {store.read('2023-03-05')!r}"


def test_a_crash_at_any_write_resumes_to_the_clean_table():
    events, users = _log(1)
    want = _clean(events, users, "2023-03-01", "2023-03-10")
    for crash_on in range(1, 11):
        store, checkpoints = CrashingStore(crash_on), Checkpoints()
        try:
            backfill(events, users, "2023-03-01", "2023-03-10", store, checkpoints, "j")
        except RuntimeError:
            pass
        backfill(events, users, "2023-03-01", "2023-03-10", store, checkpoints, "j")
        assert store.partitions == want, f"crash on write {crash_on}: the resumed table differs from a clean run"


def test_resume_does_not_redo_completed_days():
    events, users = _log(2)
    store, checkpoints = CrashingStore(crash_on=4), Checkpoints()
    try:
        backfill(events, users, "2023-03-01", "2023-03-05", store, checkpoints, "j")
    except RuntimeError:
        pass
    days = backfill(events, users, "2023-03-01", "2023-03-05", store, checkpoints, "j")
    assert days == ["2023-03-04", "2023-03-05"], f"the resumed run wrote {days!r}"
    assert store.writes == 5, f"{store.writes} partition writes for 5 days"
    assert backfill(events, users, "2023-03-01", "2023-03-05", store, checkpoints, "j") == [], "a finished job ran again"


def test_jobs_do_not_share_progress():
    events, users = _log(3)
    store, checkpoints = PartitionStore(), Checkpoints()
    backfill(events, users, "2023-03-01", "2023-03-03", store, checkpoints, "march-a")
    days = backfill(events, users, "2023-03-01", "2023-03-03", store, checkpoints, "march-b")
    assert days == ["2023-03-01", "2023-03-02", "2023-03-03"], days


def test_day_boundaries_are_utc():
    events = [
        {"user_id": "a", "ts": ts("2023-03-01", 23, 59, 59), "amount": 1.0},
        {"user_id": "a", "ts": ts("2023-03-02", 0, 0, 0), "amount": 2.0},
    ]
    store = PartitionStore()
    backfill(events, {"a": "2023-03-01"}, "2023-03-01", "2023-03-02", store, Checkpoints(), "j")
    assert [r["spend"] for r in store.read("2023-03-01")] == [1.0]
    assert [r["spend"] for r in store.read("2023-03-02")] == [2.0]
    assert store.read("2023-03-02")[0]["days_since_signup"] == 1


def test_unknown_signup_and_single_day_range():
    events = [{"user_id": "x", "ts": ts("2023-03-07"), "amount": 3.0}]
    store = PartitionStore()
    assert backfill(events, {}, "2023-03-07", "2023-03-07", store, Checkpoints(), "j") == ["2023-03-07"]
    assert store.read("2023-03-07") == [{"user_id": "x", "day": "2023-03-07", "events": 1, "spend": 3.0, "days_since_signup": None}]


def test_reversed_range_raises_and_writes_nothing():
    store = PartitionStore()
    try:
        backfill([], {}, "2023-03-09", "2023-03-01", store, Checkpoints(), "j")
    except ValueError:
        pass
    else:
        assert False, "start after end must raise ValueError"
    assert store.partitions == {}


def test_rerun_with_a_new_job_is_idempotent_and_inputs_untouched():
    events, users = _log(4)
    events_copy, users_copy = copy.deepcopy(events), dict(users)
    store = PartitionStore()
    for job in ("a", "b", "c"):
        backfill(events, users, "2023-03-02", "2023-03-08", store, Checkpoints(), job)
    assert store.partitions == _clean(events, users, "2023-03-02", "2023-03-08")
    assert events == events_copy and users == users_copy
