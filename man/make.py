"""Regenerate the man page, workbook.1, from the command's own parser: `python man/make.py` from the repo root
(it needs argparse-manpage, in the test extra). `python man/make.py --out FILE` writes it elsewhere.

Its date is the one CHANGELOG.md gives the version, so the page changes only when the commands do.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from argparse_manpage.manpage import Manpage  # noqa: E402

from workbook import __version__  # noqa: E402
from workbook.commands import EXAMPLES, build_parser  # noqa: E402

PAGE = HERE / "workbook.1"

FILES = r"""
.TP
.I ~/.local/share/career-workbook/workbook.json
The workbook on Linux (on macOS, in
.IR "~/Library/Application Support/career-workbook/" ).
It is one JSON file, readable by you only. Beside it, as
.IR workbook.json.backup-1 " to " backup-5 ,
are copies of it as it was when each of your last five sessions began.
.B workbook \-\-version
prints where yours is.
.TP
.I ~/.config/career-workbook/exercises/
Your own exercise files (TOML), added to the ones that ship with the app. The format is described in
.I README.md
inside the shipped exercises folder, which
.B workbook \-\-version
also names.
"""

ENVIRONMENT = r"""
.TP
.B WORKBOOK_STORE
The workbook file to use when
.B \-\-store
is not given.
.TP
.B CI
When set, nothing is asked at a terminal: a command that lacks an answer says what to add instead.
"""

EXIT_STATUS = r"""
.TP
.B 0
Done.
.TP
.B 1
It could not be done: the workbook or a file could not be read or written, or what was asked for does not
fit (no such exercise or person, a file that exists without
.BR \-\-overwrite ,
something to add where nothing can be asked). The message says what to do.
.TP
.B 2
The command line could not be read: an option or a value it does not know or lacks, an
.B \-\-exercises
that is not a folder,
.B prep
or
.B follow\-up
without a person; or the full-screen app has no terminal to draw on.
.TP
.B 130
Stopped by Ctrl+C; what you answered is kept.
"""

APP = r"""
Run without a command,
.B workbook
opens where you left off. F1 shows the keys of the page you are on, Ctrl+P the command palette,
Escape goes home and Ctrl+Q saves and quits. Every change is saved within a second.
"""


def released_on() -> str:
    """The date CHANGELOG.md gives this version, or what it says instead ("not yet released")."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = re.search(rf"^## {re.escape(__version__)} \(([^)]*)\)", changelog, re.MULTILINE)
    return heading.group(1) if heading else "unreleased"


def roff(text: str) -> str:
    """Plain text for a man page line: backslashes and hyphens escaped, no line starting with a dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-").replace('"', "\\(dq")
    return "\\&" + text if text.startswith((".", "'")) else text


def examples() -> str:
    lines = []
    for command, rows in EXAMPLES.items():
        for example, what in rows:
            lines += [".TP", f".B {roff(example)}", roff(what[:1].upper() + what[1:]) + "."]
    return "\n".join(lines)


def page() -> str:
    os.environ["COLUMNS"] = "80"  # argparse wraps the usage lines to the terminal: the same page on any
    parser = build_parser()
    parser.epilog = None  # the examples get a section of their own, not "COMMENTS"
    manpage = Manpage(parser, {
        "project_name": "Career Workbook", "version": __version__, "date": released_on(),
        "description": "guided exercises for managing your career, in the terminal",
        "manual_title": "Career Workbook manual",
    })
    for heading, content in (("the app", APP), ("examples", examples()), ("files", FILES),
                             ("environment", ENVIRONMENT), ("exit status", EXIT_STATUS)):
        manpage.add_section(heading, ">", content.strip())
    # No hyphenation and a ragged right edge: options, paths and commands are copied from a man page, and a
    # hyphen added at a line's end would be copied with them.
    title, rest = str(manpage).split("\n", 1)
    return f"{title}\n.nh\n.ad l\n{rest}"


def main() -> None:
    options = argparse.ArgumentParser(description="Regenerate the man page from the parser.")
    options.add_argument("--out", type=Path, default=PAGE)
    out = options.parse_args().out
    out.write_text(page(), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
