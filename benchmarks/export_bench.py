"""Exporting the conversation log at 50, 500 and 5,000 entries: Markdown, HTML and plain text side by side.

Each export runs in a fresh process on the same store, and reports its time and how much the process grew
(peak resident memory after the export, less before it). The HTML row "through markdown-it" is how HTML was
made before it was written from the blocks (6 s and 3.25 GB at 5,000 entries were reported), kept for
reading the others; it is skipped at 5,000. Run: `python benchmarks/export_bench.py` (updates README.md).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from readme_section import write_section  # noqa: E402
from store_bench import PARAGRAPH  # noqa: E402
from workbook.store import Store  # noqa: E402

ENTRIES = (50, 500, 5000)
FORMATS = ("md", "html", "txt", "html-markdown-it")
RUNS = 3

ONE_EXPORT = """
import json, resource, sys, time
from datetime import datetime, timezone
from workbook.exercises import load_catalog
from workbook.export import Format, build_export
from workbook.locations import shipped_exercises
from workbook.store import Store

path, kind = sys.argv[1], sys.argv[2]
catalog = load_catalog([shipped_exercises()])
store = Store(path, readonly=True)
now = datetime(2026, 12, 1, tzinfo=timezone.utc)
if kind == "html-markdown-it":
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin
    import workbook.export.html
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if kind == "html-markdown-it":
    markdown = build_export(catalog, store, [("conversation", None)], Format.MARKDOWN, now).content
    content = MarkdownIt("js-default").use(tasklists_plugin).render(markdown)
else:
    content = build_export(catalog, store, [("conversation", None)], Format(kind), now).content
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "grew_mb": (after - before) / 1024, "bytes": len(content.encode())}))
"""


def build(path: Path, entries: int) -> None:
    """A log of `entries` conversations, each answered the way a real one is (long answers, actions): one
    written through the store, then copied in the file under new ids (5,000 written one by one took minutes)."""
    with Store(path) as store:
        entry = store.start_entry("conversation").id
        store.set_answer("conversation", "kind", "With a mentor", entry)
        for field in ("their_story", "typical_day", "meaning"):
            store.set_answer("conversation", field, PARAGRAPH * 2, entry)
        store.set_answer("conversation", "key_points", ["learning first", "loose ties", "ask early"], entry)
        store.set_answer("conversation", "agreed_actions", [
            {"text": "Send my plan", "due": "2026-12-05", "done": False},
            {"text": "Read the book she named", "due": "", "done": True}], entry)
    data = json.loads(path.read_text())
    tables = {name: list(data.get(name, {}).values()) for name in ("entries", "answers", "state")}
    copies: dict[str, list[dict]] = {name: [] for name in tables}
    for number in range(entries):
        new_id = f"{number:012x}"
        for name, documents in tables.items():
            for document in documents:
                if document.get("entry", document.get("id")) == entry:
                    copy = dict(document, **({"id": new_id} if name == "entries" else {"entry": new_id}))
                    copies[name].append(copy)
        copies["answers"].append(dict(copies["answers"][-1], field="person", value=f"Person {number}"))
    for name, documents in copies.items():
        data[name] = {str(index): document for index, document in enumerate(documents, start=1)}
    path.write_text(json.dumps(data))


def measure(path: Path, kind: str) -> dict[str, float]:
    results = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", ONE_EXPORT, str(path), kind], capture_output=True, text=True,
                             check=True).stdout
        results.append(json.loads(out))
    results.sort(key=lambda result: result["seconds"])
    return results[len(results) // 2]  # the median run


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for entries in ENTRIES:
            path = Path(folder) / f"log-{entries}.json"
            build(path, entries)
            measured = {kind: measure(path, kind) for kind in FORMATS
                        if not (kind == "html-markdown-it" and entries > 500)}
            rows.append((entries, path.stat().st_size, measured))
            print(entries, {kind: round(result["seconds"], 3) for kind, result in measured.items()}, flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"

    def cell(measured: dict, kind: str) -> str:
        if kind not in measured:
            return "-"
        result = measured[kind]
        return f"{result['seconds']:.2f} s, +{result['grew_mb']:.0f} MB"

    lines = [
        "| entries (store) | Markdown | HTML | HTML / Markdown | plain text | HTML through markdown-it (before) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for entries, size, measured in rows:
        ratio = measured["html"]["seconds"] / measured["md"]["seconds"]
        lines.append(f"| {entries:,} ({size / 1e6:.1f} MB) | {cell(measured, 'md')} | {cell(measured, 'html')} | "
                     f"{ratio:.2f}x | {cell(measured, 'txt')} | {cell(measured, 'html-markdown-it')} |")
    table = "\n".join(lines)
    print(table)
    write_section("export_bench",
                  f"Machine: {machine}. The whole conversation log exported; each figure the median of {RUNS} "
                  f"fresh processes: the export's time, and how much the process grew.\n\n{table}",
                  "## Export (`python benchmarks/export_bench.py`)\n\nHTML is written from the same blocks as the "
                  "Markdown, so it costs about what the Markdown does; through markdown-it, the whole log's "
                  "Markdown was parsed into tokens first, which took ten times as long and grew with the log.\n\n")


if __name__ == "__main__":
    main()
