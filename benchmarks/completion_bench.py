"""Tab completion: how long the shell waits for `workbook` to answer one Tab.

Each Tab starts the console script as the bash script does (argcomplete's environment, answers on fd 8).
The floor is the least any argcomplete program in Python costs: an interpreter that imports argparse and
argcomplete and exits. Rounds alternate the measures, so a busy moment of the machine hits them all.
Run: `python benchmarks/completion_bench.py` (updates README.md).
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from readme_section import write_section  # noqa: E402
from store_bench import build_store  # noqa: E402
from workbook.store import Store  # noqa: E402

ROUNDS = 15
SCRIPT = Path(sys.executable).parent / "workbook"


def tab(line: str, env: dict[str, str], answers: Path) -> float:
    """One Tab at the end of `line`, in ms; checks that an answer came back (argcomplete writes it to the
    file named, as the shell script does with ARGCOMPLETE_USE_TEMPFILES)."""
    completing = {**env, "COMP_LINE": line, "COMP_POINT": str(len(line)), "_ARGCOMPLETE": "1",
                  "_ARGCOMPLETE_SHELL": "bash", "_ARGCOMPLETE_STDOUT_FILENAME": str(answers)}
    start = time.perf_counter()
    subprocess.run([str(SCRIPT)], env=completing, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    elapsed = (time.perf_counter() - start) * 1000
    assert answers.read_text().strip(), f"no completion for {line!r}"
    answers.unlink()
    return elapsed


def floor(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import argparse, argcomplete"], env=env, check=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "big.json"
        build_store(store, 5_000_000)
        with Store(store) as named:  # the synthetic conversations have no one's name yet
            for number, entry in enumerate(named.entries("conversation")):
                named.set_answer("conversation", "person", f"Person {number}", entry=entry.id)
        env = {**os.environ, "HOME": folder, "XDG_DATA_HOME": folder, "XDG_CONFIG_HOME": folder}
        answers = Path(folder) / "answers"
        measures = {
            "a sub-command (`workbook st`)": lambda: tab("workbook st", env, answers),
            "an exercise id (`workbook plain `: the exercise files are read)":
                lambda: tab("workbook plain ", env, answers),
            f"a person's name in a {store.stat().st_size / 1e6:.0f} MB workbook (`workbook prep `: it is opened "
            "read-only)": lambda: tab(f"workbook --store {store} prep ", env, answers),
        }
        times: dict[str, list[float]] = {name: [] for name in ["floor", *measures]}
        for _ in range(ROUNDS):
            times["floor"].append(floor(env))
            for name, measure in measures.items():
                times[name].append(measure())
    base = statistics.median(times["floor"])
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    table = "\n".join([
        "| one Tab completes | floor (ms) | measured (ms) | ratio |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {name} | {base:.0f} | {statistics.median(times[name]):.0f} | "
          f"{statistics.median(times[name]) / base:.2f}x |" for name in measures],
    ])
    print(table)
    write_section("completion_bench",
                  f"Machine: {machine}. Medians of {ROUNDS} rounds, measured side by side in one run; the floor is "
                  "a Python that imports argparse and argcomplete and exits.\n\n" + table,
                  "## Tab completion (`python benchmarks/completion_bench.py`)\n\n"
                  "The shell starts `workbook` at every Tab; how long it takes to answer is how long Tab waits.\n\n")


if __name__ == "__main__":
    main()
