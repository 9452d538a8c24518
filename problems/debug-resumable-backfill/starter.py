"""Backfill of the daily user-activity feature table, one partition per day."""
import datetime as dt


class PartitionStore:
    """The feature table: one partition (a list of rows) per day. Correct as written."""

    def __init__(self):
        self.partitions = {}
        self.writes = 0

    def read(self, day):
        return list(self.partitions.get(day, []))

    def append(self, day, rows):
        self.writes += 1
        self.partitions.setdefault(day, []).extend(dict(r) for r in rows)

    def overwrite(self, day, rows):
        """Replaces the whole partition at once (an atomic swap, as in a table format's overwrite)."""
        self.writes += 1
        self.partitions[day] = [dict(r) for r in rows]


class Checkpoints:
    """A durable key-value store for job progress (survives the process). Correct as written."""

    def __init__(self):
        self.values = {}

    def get(self, key, default=None):
        return self.values.get(key, default)

    def put(self, key, value):
        self.values[key] = value


def utc_day(ts):
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).date().isoformat()


def daily_features(events, users, day):
    """One row per user active on `day` (UTC), sorted by user_id."""
    by_user = {}
    for e in events:
        if utc_day(e["ts"]) == day:
            row = by_user.setdefault(e["user_id"], {"user_id": e["user_id"], "day": day, "events": 0, "spend": 0.0})
            row["events"] += 1
            row["spend"] += e["amount"]
    for user_id, row in by_user.items():
        signup = users.get(user_id)
        row["days_since_signup"] = (dt.date.today() - dt.date.fromisoformat(signup)).days if signup else None
    return [by_user[u] for u in sorted(by_user)]


def backfill(events, users, start, end, store, checkpoints, job_id):
    """Writes the partitions of every day from start to end (inclusive); returns the days written.

    Safe to rerun (idempotent) and to resume after a crash with the same job_id.
    """
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first > last:
        raise ValueError(f"start {start} is after end {end}")
    done = checkpoints.get(job_id)
    day = first if done is None else max(first, dt.date.fromisoformat(done) + dt.timedelta(days=1))
    written = []
    while day < last:
        iso = day.isoformat()
        checkpoints.put(job_id, iso)
        rows = daily_features(events, users, iso)
        if rows:
            store.append(iso, rows)
        written.append(iso)
        day += dt.timedelta(days=1)
    return written
