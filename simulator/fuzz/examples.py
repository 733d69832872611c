"""The example database: journeys that broke an invariant, replayed first next time.

Hypothesis keeps no database when its seed is fixed (and ``derandomize``
forbids one), and revsim fixes the seed so that one seed gives one result.
So revsim keeps its own, in the spirit of Hypothesis's: the smallest journey
found for each falsified invariant, one JSON file per model folder. The next
run checks those journeys before it draws new ones, so a fault found once is
found again at once, whatever the seed; a journey that no longer breaks
anything is dropped.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from simulator.fuzz.journey import Journey, PlannedRecord, Step


def store_path(folder: Path, model_root: Path) -> Path:
    """One file per model folder, named after it so a person can find it."""
    resolved = model_root.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    return folder / f"{resolved.name}-{digest}.json"


def load_examples(path: Path) -> dict[str, Journey]:
    """The stored journeys by invariant key; none when the file is missing or
    cannot be read (it is a cache: losing it loses nothing but time)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {item["key"]: _journey(item["journey"]) for item in data}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save_examples(path: Path, journeys: dict[str, Journey]) -> None:
    if not journeys:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = [{"key": key, "journey": _plain(j)} for key, j in sorted(journeys.items())]
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _plain(journey: Journey) -> dict[str, Any]:
    return {
        "records": [
            {
                "alias": r.alias,
                "system": r.system,
                "object": r.object,
                "fields": [[name, _value(v)] for name, v in r.fields],
            }
            for r in journey.records
        ],
        "steps": [
            {
                "gap": s.gap.total_seconds(),
                "kind": s.kind,
                "record": s.record,
                "system": s.system,
                "detail": s.detail,
                "fields": [[name, _value(v)] for name, v in s.fields],
            }
            for s in journey.steps
        ],
        "tail": journey.tail.total_seconds(),
        "seed": journey.seed,
    }


def _journey(data: dict[str, Any]) -> Journey:
    records = tuple(
        PlannedRecord(
            r["alias"],
            r["system"],
            r["object"],
            tuple((name, _read(v)) for name, v in r["fields"]),
        )
        for r in data["records"]
    )
    steps = tuple(
        Step(
            timedelta(seconds=s["gap"]),
            s["kind"],
            s["record"],
            s["system"],
            s["detail"],
            tuple((name, _read(v)) for name, v in s["fields"]),
        )
        for s in data["steps"]
    )
    return Journey(records, steps, timedelta(seconds=data["tail"]), data.get("seed", 0))


def _value(value: object) -> object:
    return {"date": value.isoformat()} if isinstance(value, date) else value


def _read(value: object) -> object:
    if isinstance(value, dict) and "date" in value:
        return date.fromisoformat(value["date"])
    return value
