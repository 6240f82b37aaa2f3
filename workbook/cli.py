"""The `workbook` command: argument parsing and sub-commands, nothing else."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from workbook import __version__, completion, documents_cli, locations
from workbook.answers import visible
from workbook.commands import EXERCISES_AFTER_COMMAND, build_parser
from workbook.exercises import Catalog, load_catalog
from workbook.output import problem
from workbook.progress import State, overall_share, overview
from workbook.storage import StoreError, StoreLockedError, shared_folder_warning
from workbook.store import Store

def interactive() -> bool:
    """True when a person is at a terminal to answer questions: never under CI or in a pipe."""
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


STATE_STYLE = {State.NOT_STARTED: "dim", State.IN_PROGRESS: "yellow", State.DONE: "green"}


def survive_any_terminal() -> None:
    """A terminal that is not UTF-8 (LC_ALL=C) gets \\u escapes for what it cannot show, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    survive_any_terminal()
    parser = build_parser()
    completion.complete_if_asked(parser)  # the shell asking what Tab completes to: answered, then exit
    args = parser.parse_args(argv)
    args.exercises += vars(args).pop(EXERCISES_AFTER_COMMAND, [])
    console = Console()
    errors = Console(stderr=True, soft_wrap=True)  # one message, one line, whatever the width
    if args.command == "completion":
        from workbook.output import write_stdout

        write_stdout(completion.script(args.shell))
        return 0
    if args.version:
        print_version(args, console)
        return 0
    if args.command is None:
        refusal = full_screen_refusal()
        if refusal:
            errors.print(problem(refusal))
            return 2
    for folder in args.exercises:
        if not folder.is_dir():
            errors.print(problem(f"--exercises {folder} is not a folder; name a folder of .toml files"))
            return 2
    catalog = load_exercises(args.exercises, errors)
    store_path = args.store or locations.default_store()
    warning = shared_folder_warning(store_path)
    if warning:
        errors.print(Text.assemble(("warning: ", "yellow"), warning), highlight=False)
    try:
        if args.command == "status":
            return status(catalog, store_path, console, as_json=args.json)
        if args.command == "actions":
            return print_actions(catalog, store_path, console, include_done=args.all, as_json=args.json)
        if args.command == "calendar":
            return documents_cli.write_calendar(catalog, store_path, args.out, args.overwrite, console, errors)
        if args.command == "search":
            return print_search(catalog, store_path, " ".join(args.words), console, as_json=args.json)
        if args.command in ("prep", "follow-up"):
            return documents_cli.conversation_document(catalog, store_path, args, console, errors,
                                                       interactive())
        if args.command in ("export", "import"):
            # The export modules and questionary load only for these commands, not for the app.
            from workbook import export_cli

            return export_cli.run(catalog, store_path, args, console, errors, interactive())
        if args.command == "plain":
            from workbook.plain import run_plain  # questionary and prompt_toolkit load only here

            return run_plain(catalog, store_path, args.exercise, console, interactive=interactive(),
                             options=options_again(args, store_path))
        return run_app(catalog, store_path)
    except StoreError as error:
        errors.print(problem(error))
        return 1
    except KeyboardInterrupt:
        errors.print("Stopped. Nothing was changed.")
        return 130


def full_screen_refusal() -> str | None:
    """Why the full-screen app cannot run here, or None. Without a terminal it would write its escape codes
    into a file or pipe and wait for keys that never come; a dumb terminal cannot draw it."""
    instead = "; try `workbook plain` (the questions a line at a time), `workbook status` or `workbook --help`"
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        which = "input" if not sys.stdin.isatty() else "output"
        return f"the full-screen app needs a terminal (standard {which} is not one)" + instead
    if os.environ.get("TERM") == "dumb":
        return "the full-screen app cannot draw on this terminal (TERM=dumb)" + instead
    return None


def print_version(args: argparse.Namespace, console: Console) -> None:
    """The version, and the files a user asking for help is asked about: the workbook and the exercises."""
    store = args.store or locations.default_store()
    user_folder = locations.user_exercises() or locations.config_dir() / "exercises"
    store_note = (" (a folder: name a file in it)" if store.is_dir() else
                  "" if store.exists() else " (not written yet)")
    lines = [
        f"workbook {__version__}",
        f"workbook file:     {os.path.abspath(store)}{store_note}",
        f"shipped exercises: {locations.shipped_exercises()}",
        f"your exercises:    {user_folder}" + ("" if user_folder.is_dir() else " (no such folder yet)"),
        *(f"--exercises:       {os.path.abspath(folder)}" + ("" if folder.is_dir() else " (not a folder)")
          for folder in args.exercises),
    ]
    for line in lines:
        console.print(visible(line), soft_wrap=True, highlight=False, markup=False)


def options_again(args: argparse.Namespace, store_path: Path) -> list[str]:
    """The global options that the same command needs when run again: a store that is not the default one,
    and the --exercises folders."""
    again = [] if store_path == locations.default_store() else ["--store", os.path.abspath(store_path)]
    for folder in args.exercises:
        again += ["--exercises", str(folder)]
    return again


def load_exercises(extra_folders: Sequence[Path], errors: Console) -> Catalog:
    """The shipped exercises, the user's own folder and any --exercises folders; report bad files."""
    catalog = load_catalog(locations.exercise_folders(extra_folders))
    for error in catalog.errors:
        errors.print(problem(error, "skipped:", "yellow"))
    return catalog


def status(catalog: Catalog, store_path: Path, console: Console, *, as_json: bool = False) -> int:
    """The progress table. Opens the store read-only: it creates nothing and needs no lock."""
    store = Store(store_path, readonly=True, catalog=catalog)
    rows = overview(catalog, store)
    if as_json:
        from workbook.output import dumps, status_document, write_stdout

        write_stdout(dumps(status_document(rows, store_path)))
        return 0
    table = Table(title="Career Workbook")
    table.add_column("Step", justify="right")
    table.add_column("Exercise")
    table.add_column("State")
    table.add_column("Done", justify="right")
    table.add_column("Last worked on")
    for row in rows:
        if row.exercise.repeatable:
            continue
        table.add_row(
            str(row.exercise.step or ""),
            Text(visible(row.exercise.title)),
            f"[{STATE_STYLE[row.state]}]{row.state}[/]" +
            (f"\n{row.sittings_done} of {row.sittings_shown} sittings" if row.sittings_shown else ""),
            f"{row.share.answered}/{row.share.total}  {row.share.percent}%",
            _local(row.last_worked),
        )
    console.print(table)
    console.print(f"Workbook: {visible(str(store_path))}", soft_wrap=True, highlight=False, markup=False)
    share = overall_share(rows)
    console.print(f"Overall: {share.percent}% of the six steps' required answers.")
    for row in rows:
        if row.exercise.repeatable:
            last = f", last on {_local(row.last_worked)}" if row.last_worked else ""
            noun = "entry" if row.entries == 1 else "entries"
            console.print(f"{visible(row.exercise.title)}: {row.entries} {noun}, {row.share.answered} done{last}.",
                          highlight=False, markup=False)
    return 0


def today() -> date:
    """The user's local date (tests replace it)."""
    return datetime.now().astimezone().date()


def print_actions(catalog: Catalog, store_path: Path, console: Console, *, include_done: bool,
                  as_json: bool = False) -> int:
    """The action list as a table: the same list as the app's Actions screen."""
    from workbook.habits import count_actions, gather_actions

    store = Store(store_path, readonly=True, catalog=catalog)
    items = gather_actions(catalog, store, include_done=include_done)
    now = today()
    if as_json:
        from workbook.output import actions_document, dumps, write_stdout

        write_stdout(dumps(actions_document(items, now)))
        return 0
    table = Table(title="Actions", title_justify="left")
    table.add_column("Done", justify="center")
    table.add_column("Action", overflow="fold")
    table.add_column("Due")
    table.add_column("From", overflow="fold")
    for item in items:
        style = "red" if item.overdue(now) else "yellow" if item.due_this_week(now) else "dim" if item.done else ""
        due = item.due + (" (late)" if item.overdue(now) else "")
        # Text, not markup: an action may hold a [ of its own.
        what = Text(visible(item.text))
        if item.first_detail:
            what.append("\n" + visible(item.first_detail), style="italic")
        table.add_row("x" if item.done else "", what, Text(due, style=style), Text(visible(item.source), style="dim"))
    if not items:
        console.print("No open actions. `workbook actions --all` shows the done ones too."
                      if gather_actions(catalog, store) else
                      "No actions yet: they gather here from the actions in every exercise and conversation.")
        return 0
    console.print(table)
    console.print(f"{count_actions(items, now)}.", highlight=False)
    return 0


def print_search(catalog: Catalog, store_path: Path, query: str, console: Console, *, as_json: bool = False) -> int:
    """What `/` shows in the app: where each match is, and the words in context, highlighted."""
    from workbook.search import count_line, search

    matches = search(catalog, Store(store_path, readonly=True, catalog=catalog), query)
    if as_json:
        from workbook.output import dumps, search_document, write_stdout

        write_stdout(dumps(search_document(query, matches)))
        return 0
    for match in matches:
        snippet = Text(visible(match.snippet))
        for start, stop in match.spans:
            snippet.stylize("bold reverse", start, stop)
        kind = f"{match.label[:1].upper()}{match.label[1:]} · " if match.label else ""
        console.print(Text.assemble((kind, "italic"), (visible(match.where), "bold")), soft_wrap=True)
        console.print(Text("  ").append(snippet), soft_wrap=True)
    console.print(f"{count_line(matches)} {query!r}." if matches else
                  f"Nothing you wrote holds all of {query!r}; try fewer words.", highlight=False, markup=False)
    return 0


def run_app(catalog: Catalog, store_path: Path) -> int:
    """The full-screen app on the store; the store is saved and released however the app ends."""
    app, store = build_app(catalog, store_path)
    # What start-up loaded (Textual, the exercises, the store) lives as long as the app: frozen, it is out
    # of the collector's reach, and the first frame no longer waits on a full collection of it (~25 ms).
    gc.freeze()
    if hasattr(signal, "SIGXFSZ"):  # POSIX only
        # Past a file-size limit the OS would kill the app mid-save; ignored, it is a write error the app reports.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    # Closing the terminal (HUP) or a shutdown (TERM) would kill the app with the edits in memory: end it
    # the way Ctrl+Q's last step does, so the finally below saves them or writes them to a rescue file.
    stops = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    previous = {number: signal.signal(number, _stopper(app)) for number in stops}
    try:
        app.run()
    finally:
        for number in stops:  # a second signal must not cut the save short
            signal.signal(number, signal.SIG_IGN)
        try:
            if store is not None:
                try:
                    app.session.apply_edits()
                finally:
                    store.close()  # saves what reached the store even if the last edits could not
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
    return app.return_code or 0


class Stopped(KeyboardInterrupt):
    """A signal came while the app was not running its loop: leave through run_app's finally."""


def _stopper(app):
    def stop(number: int, frame: object) -> None:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise Stopped(signal.Signals(number).name) from None
        loop.call_soon_threadsafe(app.exit, None, 128 + number)  # the usual exit status of a signalled program

    return stop


def build_app(catalog: Catalog, store_path: Path):
    """The workbook app on an open store, or, when the store cannot be opened, the screen that says why."""
    # Textual loads only for the app, not for the other commands.
    from workbook.tui.app import make_app
    from workbook.tui.screens.problem import StoreProblemApp

    try:
        store = Store(store_path, catalog=catalog)
    except StoreLockedError as error:
        return StoreProblemApp("This workbook is already open", str(error)), None
    except StoreError as error:
        return StoreProblemApp("This workbook cannot be opened", str(error)), None
    return make_app(store, catalog), store


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


if __name__ == "__main__":
    sys.exit(main())
