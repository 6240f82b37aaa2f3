"""`workbook export` and `workbook import`: worksheets and backups from the shell.

Run at a terminal, `export` asks with questionary for whatever the command line left out; under CI
or in a pipe it never asks and says what to add instead (and questionary is never loaded).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from workbook import locations
from workbook.answers import visible
from workbook.exercises import Catalog
from workbook.export import Format, ScopeError, build_export, free_path, write_export
from workbook.export.formats import FORMATS, or_list
from workbook.export.backup import BackupError, read_backup
from workbook.export.worksheet import choices, resolve_names
from workbook.output import names_a_folder, to_stdout, write_stdout
from workbook.store import Store


class UsageError(Exception):
    """Something the command needs and was not given; the message says how to give it."""


def run(catalog: Catalog, store_path: Path, args: argparse.Namespace, console: Console, errors: Console,
        asking: bool) -> int:
    """Run `export` or `import`; a problem is one line on stderr and exit code 1."""
    try:
        if args.command == "export":
            return export_command(catalog, store_path, args, console, asking)
        return import_command(catalog, store_path, args.backup, args.replace, console)
    except (UsageError, ScopeError, BackupError) as error:
        # Text, not markup: the message may quote a path or a name the user typed.
        errors.print(Text.assemble(("error:", "red"), " ", visible(str(error))))
        return 1


def export_command(catalog: Catalog, store_path: Path, args: argparse.Namespace, console: Console,
                   asking: bool) -> int:
    """`workbook export`: what is missing is asked for in a terminal (`asking`), and is an error anywhere else."""
    store = Store(store_path, readonly=True, catalog=catalog)  # the app may have the store open: reading needs no lock
    format = Format(args.format) if args.format else None
    if format is not None and format.whole_workbook and args.names:
        raise UsageError(f"{format.row.noun} always holds the whole workbook; leave out the exercise names")
    names = args.names
    if not names and not (format is not None and format.whole_workbook):
        if not asking:
            raise UsageError("name what to export, e.g. `workbook export planning --format md` "
                             "(or `all`, `done`, `conversation`)")
        selection = _ask_selection(catalog, store)
    else:
        selection = resolve_names(catalog, store, names)
    if format is None:
        if not asking:
            raise UsageError(f"choose a format with --format {or_list(row.value for row in FORMATS)}")
        format = _ask_format()
    export = build_export(catalog, store, selection, format, store.now())
    if to_stdout(args.out):
        write_stdout(export.content)
        return 0
    path = suggested = _target(args.out, export.suggested_name)
    if args.out is None and asking:
        path = _ask_path(path)
        if path.is_dir():
            path = path / export.suggested_name
    # Our own suggestion is private; a path the user chose gets their umask (a backup is always private).
    private = format.row.private or (args.out is None and path == suggested)
    overwrite = args.overwrite
    if path.exists() and not overwrite:
        if not asking:
            raise UsageError(f"{path} already exists; choose another --out or add --overwrite to replace it")
        free = free_path(path)
        answer = _ask_what_to_do(path, free)
        if answer == "cancel":
            console.print("Nothing was written.")
            return 1
        path, overwrite = (free, False) if answer == "keep" else (path, True)
    try:
        write_export(path, export.content, overwrite=overwrite, private=private)
    except FileExistsError:
        raise UsageError(f"{path} appeared while exporting; run the export again") from None
    except OSError as error:
        raise UsageError(f"could not write {path}: {error.strerror}; choose another --out") from None
    console.print(f"Wrote {visible(export.title)} to {visible(str(path))}", highlight=False, markup=False,
                  soft_wrap=True)
    return 0


# questionary loads only in these, when there is someone at a terminal to ask.

def _ask_format() -> Format:
    import questionary

    return _ask(questionary.select(
        "Which format?", choices=[questionary.Choice(f"{f.label}: {f.description}", value=f) for f in Format]))


def _ask_path(suggested: Path) -> Path:
    import questionary

    return Path(_ask(questionary.path("Save it as:", default=str(suggested)))).expanduser()


def _ask_what_to_do(path: Path, free: Path) -> str:
    import questionary

    return _ask(questionary.select(f"{path.name} already exists.", choices=[
        questionary.Choice(f"Keep both: save as {free.name}", value="keep"),
        questionary.Choice("Replace it", value="replace"),
        questionary.Choice("Cancel", value="cancel"),
    ]))


def _ask_selection(catalog: Catalog, store: Store) -> list[tuple[str, str | None]]:
    import questionary

    options = [
        questionary.Choice(f"{choice.label}  [{choice.state}]", value=(choice.exercise, choice.entry))
        for choice in choices(catalog, store)
    ]
    picked = _ask(questionary.checkbox(
        "What to export? (Space to tick, Enter when done)", choices=options,
        validate=lambda ticked: bool(ticked) or "Tick at least one with Space"))
    return picked


def _ask(question):
    """Ask; Ctrl+C stops the command (main says nothing was changed)."""
    return question.unsafe_ask()


def _target(out: Path | None, suggested_name: str) -> Path:
    if out is None:
        return locations.export_dir() / suggested_name
    return out.expanduser() / suggested_name if names_a_folder(out) else out.expanduser()


def import_command(catalog: Catalog, store_path: Path, backup: Path, replace: bool, console: Console) -> int:
    """`workbook import`: a backup into the store, never over the user's answers unless --replace.

    The whole backup is checked before the store is even opened: a bad one changes nothing on disk.
    """
    data = read_backup(backup, catalog)
    with Store(store_path, catalog=catalog) as store:
        if not store.empty and not replace:
            raise UsageError(f"the workbook at {store_path} already holds answers; add --replace to "
                             "replace them with the backup (a copy of the current one is kept)")
        kept = store.restore(data)
    answers, entries = len(data.get("answers", {})), len(data.get("entries", {}))
    console.print(f"Restored {answers} answers and {entries} log entries from {visible(str(backup))} "
                  f"into {visible(str(store_path))}.", highlight=False, markup=False, soft_wrap=True)
    if kept:
        console.print(f"The workbook it replaced is kept at {visible(str(kept))}", highlight=False, markup=False,
                      soft_wrap=True)
    return 0
