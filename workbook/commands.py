"""The one parser of the `workbook` command: its sub-commands, options, examples and what each argument
completes to. The help, the shell completion and the man page are all made from it."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbook import completion, locations
from workbook.export.formats import FORMATS, or_list
from workbook.output import typed_path


def user_path(text: str) -> Path:
    """`--store` and `--exercises`: `~` expanded even where the shell leaves it (`--store=~/work.json`)."""
    return Path(text).expanduser()

EXERCISES_AFTER_COMMAND = "exercises_after_command"

# One or two examples a command, shown under its --help and in the man page's EXAMPLES.
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("workbook", "open the full-screen app where you left off"),
        ("workbook --version", "the version, and where the workbook file and the exercise folders are"),
        ("workbook export --help", "a command's options, and examples of its own"),
    ),
    "status": (
        ("workbook status", "the progress table"),
        ("workbook status --json", "the same as JSON, for a script"),
    ),
    "export": (
        ("workbook export planning --format html", "Planning as one page to print, in your documents folder"),
        ("workbook export done --format md --out worksheets/",
         "every finished worksheet, in one file in that folder"),
        ("workbook export --format json --out backup.json", "a backup of the whole workbook"),
    ),
    "import": (
        ("workbook import backup.json", "restore a backup into an empty workbook"),
        ("workbook import backup.json --replace", "replace the workbook's answers (a copy of them is kept)"),
    ),
    "actions": (
        ("workbook actions", "the open actions, late ones first"),
        ("workbook actions --all --json", "every action, done ones too, as JSON"),
    ),
    "calendar": (
        ("workbook calendar --out career.ics", "the dates, to import into your calendar"),
    ),
    "prep": (
        ("workbook prep Priya", "the prep sheet for the latest conversation with Priya"),
        ("workbook prep 2026-12-09 --format html --out -", "the one on that date, as HTML on standard output"),
    ),
    "follow-up": (
        ("workbook follow-up Priya", "print the drafted follow-up message"),
        ("workbook follow-up Priya | wl-copy", "put it on the clipboard (pbcopy on macOS)"),
    ),
    "search": (
        ("workbook search mentor", "every answer that mentions a mentor"),
        ("workbook search data team --json", "answers holding both words, as JSON"),
    ),
    "plain": (
        ("workbook plain", "choose an exercise, then answer its questions a line at a time"),
        ("workbook plain mapping", "start or continue Mapping"),
    ),
    "completion": (
        ("source <(workbook completion bash)", "in ~/.bashrc: Tab completes workbook in every new bash"),
        ('eval "$(workbook completion zsh)"', "in ~/.zshrc, after compinit: the same in zsh"),
        ("workbook completion fish | source", "in ~/.config/fish/config.fish: the same in fish"),
    ),
}


def examples_text(command: str) -> str:
    lines = ["examples:"]
    for example, what in EXAMPLES[command]:
        lines += [f"  {example}", f"      {what}"]
    return "\n".join(lines)


class HelpWithExamples(argparse.HelpFormatter):
    """Wraps descriptions as usual, but keeps the examples' lines as they are written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """--store and --exercises, taken before the command or after it (`workbook status --store X`).

    After it they default to SUPPRESS, so that a sub-command's parser leaves a value given before the
    command in place; its --exercises go to their own list, which main adds to the ones given before.
    """
    parser.add_argument(
        "--store", type=user_path, metavar="PATH",
        default=argparse.SUPPRESS if after_command else None,
        help=f"the workbook file to use (default: ${locations.STORE_ENV}, else workbook.json in the "
             "user data folder)",
    )
    parser.add_argument(
        "--exercises", type=user_path, metavar="DIR", action="append",
        dest=EXERCISES_AFTER_COMMAND if after_command else "exercises",
        default=argparse.SUPPRESS if after_command else [],
        help="a folder of extra exercise files to add to the shipped ones (may be given more than once)",
    ).completer = completion.folders


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Career Workbook: guided exercises for managing your career. "
                    "Run without a command to open the full-screen app (it needs a terminal).",
        epilog=examples_text(""), formatter_class=HelpWithExamples,
    )
    parser.add_argument("--version", action="store_true",
                        help="print the version, the workbook file and the exercise folders, and exit")
    add_global_options(parser, after_command=False)
    after = argparse.ArgumentParser(add_help=False)
    add_global_options(after, after_command=True)
    subparsers = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")

    def command(name: str, **options) -> argparse.ArgumentParser:
        # The global options after it too, and its examples under its help.
        return subparsers.add_parser(name, parents=[after], epilog=examples_text(name),
                                     formatter_class=HelpWithExamples, **options)

    stdout = " (- for standard output)"
    status_command = command("status", help="print a table of your progress through the exercises")
    status_command.add_argument("--json", action="store_true", help="print it as JSON instead (its keys are in the README)")
    export = command(
        "export", help="write worksheets to a file (Markdown, HTML, plain text) or a JSON backup",
        description="Write worksheets to a file. Name exercises by id (mapping, planning, ...), "
                    "`conversation` for the whole log, `conversation:NAME` for the entries with that "
                    "person or date, `done` for every finished one, `all` for everything. "
                    "In a terminal, anything left out is asked for.",
    )
    export.add_argument("names", nargs="*", metavar="EXERCISE", help="what to export").completer = \
        completion.export_names
    export.add_argument("--format", choices=[row.value for row in FORMATS],
                        help=or_list(f"{row.value} ({row.note})" if row.note else row.value for row in FORMATS))
    export.add_argument("--out", type=typed_path, metavar="PATH",
                        help="the file (or folder) to write, - for standard output; default: your documents folder")
    export.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    restore = command(
        "import", help="restore a JSON backup into the workbook",
        description="Restore a backup made with `workbook export --format json`.",
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP.json")
    restore.add_argument("--replace", action="store_true",
                         help="replace a workbook that already holds answers (a copy of it is kept)")
    actions = command(
        "actions", help="print every action in the workbook, by due date",
        description="Every action from every exercise, conversation and next step, open ones by due date.",
    )
    actions.add_argument("--all", action="store_true", help="include the actions already done")
    actions.add_argument("--json", action="store_true", help="print them as JSON instead (its keys are in the README)")
    calendar = command(
        "calendar", help="write booked conversations, action due dates and the next review to an .ics file",
        description="Write an iCalendar file to import into your calendar. Importing it again updates the "
                    "events instead of adding copies.",
    )
    calendar.add_argument("--out", type=typed_path, metavar="FILE.ics", required=True, help="the file to write" + stdout)
    calendar.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    prep = command(
        "prep", help="write the prep sheet for a conversation (Markdown or HTML)",
        description="What to have in mind before a conversation: what you want to learn and are asking for; "
                    "your destination, stepping stones and six-month actions from Planning; what you most want "
                    "to learn, and for a talk with your manager, what success means to you.",
    )
    prep.add_argument("person", metavar="PERSON", nargs="?",
                      help="the start of the person's name, or the date (YYYY-MM-DD)").completer = completion.people
    prep.add_argument("--format", choices=["md", "html"], default="md", help="md (default) or html")
    prep.add_argument("--out", type=typed_path, metavar="PATH",
                      help="the file to write" + stdout + "; default: your documents folder")
    prep.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    follow_up = command(
        "follow-up", help="print the follow-up message drafted after a conversation",
        description="The follow-up message built from a conversation's key points and agreed actions, "
                    "printed (to paste, or pipe to your clipboard) or written with --out.",
    )
    follow_up.add_argument("person", metavar="PERSON", nargs="?",
                           help="the start of the person's name, or the date").completer = completion.people
    follow_up.add_argument("--out", type=typed_path, metavar="PATH", help="write it to this file instead" + stdout)
    follow_up.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    find = command(
        "search", help="find words in everything you wrote",
        description="Every answer and conversation holding all the words, whatever their case or accents.",
    )
    find.add_argument("words", nargs="+", metavar="WORD").completer = completion.nothing
    find.add_argument("--json", action="store_true", help="print the matches as JSON instead (its keys are in the README)")
    plain = command(
        "plain", help="work through an exercise as line-by-line questions (screen readers, plain terminals)",
    )
    plain.add_argument("exercise", nargs="?", metavar="EXERCISE",
                       help="the exercise to work on").completer = completion.exercise_ids
    shell = subparsers.add_parser(
        "completion", help="print the script that completes commands, exercises and names as you press Tab",
        description="Print the Tab completion script for your shell; save it where your shell loads "
                    "completions from (see the examples), then open a new shell.",
        epilog=examples_text("completion"), formatter_class=HelpWithExamples,
    )
    shell.add_argument("shell", choices=completion.SHELLS)
    return parser
