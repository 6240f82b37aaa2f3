"""Store speed at 10 KB, 100 KB, 1 MB and 10 MB: opening, and saving one changed answer.

The floor is the least any atomic save can do with the same bytes: orjson.dumps (what the store uses), write, fsync,
os.replace. Run: `python benchmarks/store_bench.py` (writes the table into benchmarks/README.md).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

from readme_section import write_section
from workbook.store import Store

SIZES = {"10 KB": 10_000, "100 KB": 100_000, "1 MB": 1_000_000, "10 MB": 10_000_000}
REPEATS = 5
PARAGRAPH = ("We talked about how she moved from nursing into health data, what a typical week looks like, "
             "and where she finds meaning: in the moment a dashboard changes a ward's decision. ")


def build_store(path: Path, target_bytes: int) -> None:
    """Synthetic: many conversation entries, each with long answers, plus history rows."""
    with Store(path) as store:
        store.set_answer("planning", "destination", "Head of data, part-time, by the sea")
        while True:
            entry = store.start_entry("conversation")
            for field in ("their_story", "typical_day", "meaning", "resonated"):
                store.set_answer("conversation", field, PARAGRAPH * 3, entry=entry.id)
            store.set_answer("conversation", "key_points", ["learning first", "loose ties"], entry=entry.id)
            store._db.table("history").insert({  # history rows as a long-used store would have them
                "exercise": "conversation", "entry": entry.id, "field": "meaning", "value": PARAGRAPH,
                "written_at": "2025-01-01T00:00:00+00:00", "replaced_at": "2025-02-01T00:00:00+00:00",
            })
            if len(store._storage.snapshot()) >= target_bytes:
                break


def timed(action, repeats: int = REPEATS) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def floor_save(path: Path, data: dict) -> None:
    content = orjson.dumps(data)
    temp = path.with_name(path.name + ".floor.tmp")
    with open(temp, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path.with_name(path.name + ".floor"))


def measure(folder: Path, label: str, size: int) -> tuple[str, int, float, float, float, float]:
    path = folder / f"store-{size}.json"
    build_store(path, size)
    actual = path.stat().st_size

    def open_close() -> None:
        Store(path, readonly=True).close()

    open_ms = timed(open_close)
    data = json.loads(path.read_bytes())
    floor_ms = timed(lambda: floor_save(path, data))
    store = Store(path)
    counter = iter(range(10**9))

    def change_and_save() -> None:
        store.set_answer("planning", "destination", f"Head of data, version {next(counter)}")
        store.save()

    change_and_save()  # the first save of a session also rotates the backups; measure the steady state
    save_ms = timed(change_and_save)
    set_ms = timed(lambda: store.set_answer("planning", "destination", f"v{next(counter)}"), repeats=20)
    store.close()
    return label, actual, open_ms, save_ms, floor_ms, set_ms


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, size in SIZES.items():
            rows.append(measure(Path(folder), label, size))
            print(rows[-1], file=sys.stderr)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    lines = [
        "| store | bytes | open (ms) | change one answer + save (ms) | floor: dumps + write + fsync + replace (ms) "
        "| save / floor | set_answer alone, in memory (ms) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, actual, open_ms, save_ms, floor_ms, set_ms in rows:
        lines.append(f"| {label} | {actual:,} | {open_ms:.1f} | {save_ms:.1f} | {floor_ms:.1f} | "
                     f"{save_ms / floor_ms:.2f}x | {set_ms:.2f} |")
    table = "\n".join(lines)
    print(table)
    write_section("store_bench", f"Machine: {machine}. Medians of {REPEATS} runs, measured side by side in one "
                                 f"run.\n\n{table}")


if __name__ == "__main__":
    main()
