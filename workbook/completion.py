"""Tab completion for bash, zsh and fish, made by argcomplete from the one parser (workbook.commands).

The shell runs `workbook` itself at each Tab; the completers below then read the exercises and, read-only,
the workbook named on the line so far (--store, --exercises), to offer exercise ids and people's names.
A completer never writes and never fails: whatever goes wrong, it offers nothing.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, Callable, Iterable

SHELLS = ("bash", "zsh", "fish")


def script(shell: str) -> str:
    """The completion script for `shell`, to save where the shell loads completions from."""
    from argcomplete.shell_integration import shellcode

    # Without bash's own fallback to file names: where nothing fits (a search's words, a name in an empty
    # log) Tab offers nothing; the options that take a path complete files through argcomplete.
    return shellcode(["workbook"], shell=shell, use_defaults=False)


def complete_if_asked(parser: argparse.ArgumentParser) -> None:
    """When the shell is asking for completions, print them and exit; otherwise return at once."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        # Files stay the default for the options that take a path (--store, --out, the backup).
        argcomplete.autocomplete(parser, default_completer=argcomplete.FilesCompleter(),
                                 always_complete_options=False)  # options once a - is typed


def _quietly(offer: Callable[[str, argparse.Namespace], Iterable[str]]) -> Callable[..., list[str]]:
    def completer(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
        try:
            # A name holding a control character (pasted escape codes, a newline) cannot be typed back,
            # and a vertical tab would split it in two in the shell: it is not offered.
            return [word for word in offer(prefix, parsed_args) if word.startswith(prefix) and word.isprintable()]
        except Exception:  # a half-typed line, a damaged file: offer nothing rather than a traceback
            return []

    return completer


def _catalog(parsed_args: argparse.Namespace):
    from workbook import locations
    from workbook.exercises import load_catalog

    extra = [*(getattr(parsed_args, "exercises", None) or []),
             *(getattr(parsed_args, "exercises_after_command", None) or [])]
    return load_catalog(locations.exercise_folders(Path(folder) for folder in extra if Path(folder).is_dir()))


def _store(parsed_args: argparse.Namespace, catalog):
    from workbook import locations
    from workbook.store import Store

    path = getattr(parsed_args, "store", None) or locations.default_store()
    # On the line being completed, the shell has not yet expanded `$HOME/...` (the parser expands a `~`).
    return Store(Path(os.path.expandvars(path)), readonly=True, catalog=catalog)


def _exercise_ids(prefix: str, parsed_args: argparse.Namespace) -> list[str]:
    return [exercise.id for exercise in _catalog(parsed_args)]


def _people(prefix: str, parsed_args: argparse.Namespace) -> list[str]:
    from workbook.habits import conversations

    catalog = _catalog(parsed_args)
    people = (item.person.strip() for item in conversations(catalog, _store(parsed_args, catalog)))
    return list(dict.fromkeys(person for person in people if person))  # newest first, each once


def _export_names(prefix: str, parsed_args: argparse.Namespace) -> list[str]:
    """Exercise and log ids, `done` and `all`; once the prefix names a log (`conversation:`), its entries,
    each by its name, else its date."""
    catalog = _catalog(parsed_args)
    names = [exercise.id for exercise in catalog] + ["done", "all"]
    logs = [exercise for exercise in catalog if exercise.repeatable]
    if logs:
        store = _store(parsed_args, catalog)
        # `conversation:` beside `conversation`, so that Tab stops before the colon (no space after it).
        names += [f"{log.id}:" for log in logs if store.entries(log.id)]
        for log in (log for log in logs if prefix.startswith(f"{log.id}:")):
            for entry in store.entries(log.id):
                answers = store.answers(log.id, entry.id)
                named = next((str(answers[field]).strip() for field in (*log.entry_fields, "date")
                              if str(answers.get(field) or "").strip()), "")
                if named:
                    names.append(f"{log.id}:{named}")
    return list(dict.fromkeys(names))


exercise_ids = _quietly(_exercise_ids)
people = _quietly(_people)
export_names = _quietly(_export_names)


def folders(prefix: str, **_: Any) -> list[str]:
    from argcomplete import DirectoriesCompleter

    return list(DirectoriesCompleter()(prefix))


def nothing(**_: Any) -> list[str]:
    """Words to search for: there is nothing to offer, and not the file names either."""
    return []
