"""Where the workbook keeps its files. Folders are created when a path is used, never at import."""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Iterable

import platformdirs

APP_NAME = "career-workbook"
STORE_ENV = "WORKBOOK_STORE"


def data_dir() -> Path:
    """The user's data folder for the workbook (not created here)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user's config folder; an `exercises/` folder inside it adds the user's own exercises."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_store() -> Path:
    """The store named by WORKBOOK_STORE, else `workbook.json` in the data folder."""
    from_env = os.environ.get(STORE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / "workbook.json"


def shipped_exercises() -> Traversable:
    """The exercise files that ship with the app: inside the installed package, else the checkout's."""
    packaged = resources.files("workbook") / "exercises"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "exercises"


def user_exercises() -> Path | None:
    """The user's own exercise folder in the config folder, if they made one."""
    folder = config_dir() / "exercises"
    return folder if folder.is_dir() else None


def exercise_folders(extra: Iterable[Path | Traversable] = ()) -> list[Path | Traversable]:
    """Where exercises are read from, in order: the shipped ones, the user's own folder if any, then `extra`."""
    user_folder = user_exercises()
    return [shipped_exercises(), *([user_folder] if user_folder else []), *extra]


def export_dir() -> Path:
    """Where exports go unless the user says otherwise: their documents folder (created on writing)."""
    return platformdirs.user_documents_path()
