"""The commands that write one document: `workbook prep`, `follow-up` and `calendar` (to a file, or to
standard output with `--out -`)."""

from __future__ import annotations

import argparse
import shlex
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.text import Text

from workbook import locations
from workbook.answers import visible
from workbook.exercises import Catalog
from workbook.output import problem, to_stdout, write_stdout
from workbook.storage import StoreLockedError
from workbook.store import Store


def conversation_document(catalog: Catalog, store_path: Path, args: argparse.Namespace, console: Console,
                          errors: Console, interactive: bool) -> int:
    """`workbook prep` and `workbook follow-up`: one conversation's prep sheet, or its drafted message."""
    from workbook.exercises import ComposeField
    from workbook.export import free_path
    from workbook.export.prep import prep_file_name, prep_html, prep_sheet
    from workbook.export.worksheet import ScopeError, gather, resolve_names
    from workbook.habits import log_exercise

    store = Store(store_path, readonly=True, catalog=catalog)
    log = log_exercise(catalog)
    if log is not None and args.person is None:
        errors.print(problem(_name_a_conversation(catalog, store, args.command, log.id)))
        return 2
    try:
        if log is None:
            raise ScopeError("no conversation log is loaded")
        matches = resolve_names(catalog, store, [f"{log.id}:{args.person}"])
    except ScopeError as error:
        errors.print(problem(error))
        return 1
    entry = matches[0][1]  # newest first
    assert entry is not None
    if len(matches) > 1:
        errors.print(f"{len(matches)} conversations match {args.person!r}; this is the newest. "
                     "Give more of the name, or the date, for another.", highlight=False, markup=False)
    now = datetime.now().astimezone()
    if args.command == "prep":
        sheet = prep_sheet(catalog, store, entry)
        content = sheet.markdown if args.format == "md" else prep_html(sheet)
        out = args.out or free_path(locations.export_dir() / prep_file_name(sheet, args.format, now))
    else:
        [worksheet] = gather(catalog, store, [(log.id, entry)], _signed_by(catalog, store_path, store, interactive))
        draft = next((field.id for field in log.fields() if isinstance(field, ComposeField)), None)
        content = (worksheet.shown.get(draft, "") if draft else "") + "\n"
        if args.out is None:
            console.print(Text(visible(content, multiline=True)), end="", soft_wrap=True)
            return 0
        out = args.out
    if to_stdout(out):
        write_stdout(content)
        return 0
    return _write_file(out, content, args.overwrite, args.out is not None, console, errors)


def _signed_by(catalog: Catalog, store_path: Path, store: Store, interactive: bool):
    """Who signs the follow-up: the name set, or asked once at a terminal (and kept); else no name."""
    from workbook.answers import YOUR_NAME, Writer, your_name

    name = your_name(store)
    if store.setting(YOUR_NAME, None) is None and interactive:
        from workbook.plain import ask_your_name  # questionary loads only to ask it

        try:
            with Store(store_path, catalog=catalog) as writable:
                name = ask_your_name()
                writable.set_setting(YOUR_NAME, name)
        except StoreLockedError:
            pass  # open in the app, which asks it on the follow-up page: signed with no name here
    return Writer(name, date.today())


def _name_a_conversation(catalog: Catalog, store: Store, command: str, log_id: str) -> str:
    """What to type after `prep` or `follow-up`, naming the people in the log (newest first, each once)."""
    from workbook.habits import conversations

    people = list(dict.fromkeys(item.person.strip() for item in conversations(catalog, store) if item.person.strip()))
    if not people:
        return (f"name the person of a conversation, e.g. `workbook {command} Ada`; the conversation log is "
                f"empty so far (add one with c in the app, or with `workbook plain {log_id}`)")
    more = len(people) - NAMES_SHOWN
    shown = ", ".join(people[:NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")
    example = shlex.quote(people[0].split()[0])
    return (f"name the person of the conversation, or its date (YYYY-MM-DD), e.g. `workbook {command} {example}`; "
            f"the log has {shown}")


NAMES_SHOWN = 12


def _write_file(out: Path, content: str, overwrite: bool, chosen: bool, console: Console, errors: Console,
                note: str = "") -> int:
    """Write a file the user asked for: never over one unless `overwrite`; ours is 0600, theirs gets the umask."""
    from workbook.export import write_export

    try:
        written = write_export(out.expanduser(), content, overwrite=overwrite, private=not chosen)
    except FileExistsError:
        errors.print(problem(f"{out} already exists; add --overwrite to replace it, or name another file"))
        return 1
    except OSError as error:
        errors.print(problem(f"could not write {out}: {error.strerror}; choose a folder you can write to"))
        return 1
    console.print(f"Wrote {visible(str(written))}{note}", highlight=False, markup=False, soft_wrap=True)
    return 0


def write_calendar(catalog: Catalog, store_path: Path, out: Path, overwrite: bool, console: Console,
                   errors: Console) -> int:
    from workbook.export.calendar import render_calendar

    store = Store(store_path, readonly=True, catalog=catalog)
    content = render_calendar(catalog, store, datetime.now().astimezone())
    if to_stdout(out):
        write_stdout(content)
        return 0
    return _write_file(out, content, overwrite, True, console, errors,
                       ": import it into your calendar (importing again updates the events).")
