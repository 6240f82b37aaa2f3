"""Kill a process that saves in a tight loop, again and again, and check what the file holds after each kill.

Run by tests/reliability/test_crash.py in a fresh interpreter (so that `fork` happens in a process
with one thread), and by hand: `python tests/reliability/crash_harness.py --kills 200 --seed 1 DIR`.
Prints one JSON line: kills made, saves acknowledged and checked, and every failure found.

`--storage atomic` saves through the real Store; `--storage stock` through TinyDB's stock
JSONStorage, the control that must fail, so that we know the harness can see a corrupt file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

PADDING_FIELDS = 40
PADDING = "A career is a long game; write it down. " * 200  # ~8 KB a field, ~320 KB a store


def note(number: int) -> str:
    """The saved value: the number, and text that grows and shrinks as a user's typing does."""
    return f"{number} " + "draft " * (number % 3 * 400)


def number_in(value: str) -> int:
    return int(value.split(" ", 1)[0])


def acknowledge(ack_fd: int, number: int) -> None:
    os.write(ack_fd, f"{number}\n".encode())


def save_through_store(path: Path, ack_fd: int) -> None:
    from workbook.store import Store

    store = Store(path)
    number = number_in(store.answer("crash", "counter"))
    while True:
        number += 1
        store.set_answer("crash", "counter", note(number))
        store.save()
        acknowledge(ack_fd, number)


def save_through_stock_tinydb(path: Path, ack_fd: int) -> None:
    from tinydb import TinyDB

    table = TinyDB(path).table("answers")
    number = number_in(table.get(doc_id=1)["value"])
    while True:
        number += 1
        table.update({"value": note(number)}, doc_ids=[1])  # stock JSONStorage writes the file here
        acknowledge(ack_fd, number)


def prepare(path: Path, storage: str) -> None:
    """A store of realistic size: the bigger the file, the longer each write and the wider the window."""
    if storage == "atomic":
        from workbook.store import Store

        with Store(path) as store:
            store.set_answer("crash", "counter", note(0))
            for number in range(PADDING_FIELDS):
                store.set_answer("padding", f"field-{number}", PADDING)
    else:
        from tinydb import TinyDB

        with TinyDB(path) as db:
            db.table("answers").insert({"field": "counter", "value": note(0)})
            db.table("answers").insert_multiple({"field": f"field-{n}", "value": PADDING}
                                                for n in range(PADDING_FIELDS))


def stored_counter(path: Path, storage: str) -> int:
    """The counter as the file holds it; raises if the file cannot be read as a whole."""
    if storage == "atomic":
        from workbook.store import Store

        store = Store(path, readonly=True)
        padding = store.answers("padding")
        if len(padding) != PADDING_FIELDS or set(padding.values()) != {PADDING}:
            raise ValueError("the other answers changed")
        return number_in(store.answer("crash", "counter"))
    data = json.loads(path.read_text(encoding="utf-8"))
    return number_in(data["answers"]["1"]["value"])


def run_child(path: Path, storage: str, ack_fd: int) -> None:
    try:
        (save_through_store if storage == "atomic" else save_through_stock_tinydb)(path, ack_fd)
    except BaseException as error:  # reported to the parent, which counts it as a failure
        os.write(ack_fd, f"error {type(error).__name__}: {error}\n".encode())
    finally:
        os._exit(1)


def kill_once(path: Path, storage: str, rng: random.Random) -> tuple[list[int], list[str]]:
    """Start a saver, kill it at a random moment; the numbers it acknowledged and what went wrong."""
    read_fd, ack_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        run_child(path, storage, ack_fd)
    os.close(ack_fd)
    reader = os.fdopen(read_fd, "rb")
    first = reader.readline()  # the first save is through: the child is in its loop
    time.sleep(rng.uniform(0, 0.025))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    lines = [first, *reader.read().splitlines()]
    reader.close()
    problems = [line.decode().strip() for line in lines if line.startswith(b"error")]
    acks = [int(line) for line in lines if line.strip().isdigit()]
    return acks, problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--storage", choices=("atomic", "stock"), default="atomic")
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    path = args.folder / "workbook.json"
    prepare(path, args.storage)
    acknowledged = checked = 0
    failures: list[str] = []
    for kill in range(args.kills):
        acks, problems = kill_once(path, args.storage, rng)
        failures += [f"kill {kill}: {problem}" for problem in problems]
        if not acks:
            continue
        acknowledged += len(acks)
        last_ack = acks[-1]
        try:
            counter = stored_counter(path, args.storage)
        except Exception as error:
            failures.append(f"kill {kill}: the store cannot be read ({type(error).__name__})")
            prepare(path.with_name("fresh.json"), args.storage)  # carry on from a good file
            os.replace(path.with_name("fresh.json"), path)
            continue
        if counter < last_ack:
            failures.append(f"kill {kill}: save {last_ack} was acknowledged, the file holds {counter}")
        checked += 1
    if args.storage == "atomic":
        from workbook.store import Store

        Store(path).close()  # the next open clears what the killed writers left behind
    leftovers = sorted(p.name for p in args.folder.iterdir() if p.name.endswith(".tmp"))
    print(json.dumps({"seed": seed, "storage": args.storage, "kills": args.kills,
                      "saves_acknowledged": acknowledged, "stores_checked": checked,
                      "failures": failures, "temp_files_left": leftovers}))


if __name__ == "__main__":
    sys.exit(main())
