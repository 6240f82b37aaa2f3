"""Search over a 5 MB store: how long one search takes, against a frame's budget (1/60 s).

The app runs each search in a worker thread, debounced, so typing in the box never waits on it;
this says how soon the results follow. Run: `python benchmarks/search_bench.py` (updates README.md).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from readme_section import write_section  # noqa: E402
from store_bench import build_store  # noqa: E402
from workbook.exercises import load_catalog  # noqa: E402
from workbook.locations import shipped_exercises  # noqa: E402
from workbook.search import search  # noqa: E402
from workbook.store import Store  # noqa: E402

QUERIES = ["sea", "learning first", "meaning zzz", "café de la mer"]
"""One word that matches a little, two that match in every entry, one that never matches, accents."""
RUNS = 5
FRAME_MS = 1000 / 60


def main() -> None:
    catalog = load_catalog([shipped_exercises()])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        build_store(path, 5_000_000)
        size = path.stat().st_size
        with Store(path, readonly=True) as store:
            entries = len(store.entries("conversation"))
            for query in QUERIES:
                times = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    found = search(catalog, store, query)
                    times.append((time.perf_counter() - start) * 1000)
                rows.append((query, len(found), statistics.median(times)))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    table = "\n".join([
        "| query | answers found | one search (ms, median of 5) | frames (1/60 s) |",
        "| --- | ---: | ---: | ---: |",
        *[f"| `{query}` | {found:,} | {ms:.0f} | {ms / FRAME_MS:.1f} |" for query, found, ms in rows],
    ])
    print(table)
    write_section("search_bench",
                  f"Machine: {machine}. A {size / 1e6:.1f} MB store with {entries:,} conversation entries.\n\n{table}",
                  "## Search (`python benchmarks/search_bench.py`)\n\n")


if __name__ == "__main__":
    main()
