"""The JSON backup: the whole store, versioned, and reading one back in."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook import __version__
from workbook.storage import Data, has_workbook_shape
from workbook.store import SCHEMA_VERSION, TABLES, Store

if TYPE_CHECKING:
    from workbook.exercises import Catalog

FORMAT = "career-workbook-backup"
FORMAT_VERSION = 1


class BackupError(ValueError):
    """A file that cannot be restored; the message says why and what to do."""


def backup_document(store: Store, exported_at: datetime) -> dict[str, Any]:
    """Everything in the store, with what a later version needs to read it."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": exported_at.isoformat(),
        "workbook": store.dump(),
    }


def render_backup(store: Store, exported_at: datetime) -> str:
    return json.dumps(backup_document(store, exported_at), ensure_ascii=False, indent=1) + "\n"


def render_workbook_backup(catalog: Catalog, store: Store, now: datetime) -> str:
    """`render_backup` called as every whole-workbook format is: a backup holds the store, whatever the exercises."""
    return render_backup(store, now)


def read_backup(path: Path) -> Data:
    """The store's tables from a backup file, checked; a BackupError says what is wrong with it."""
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise BackupError(f"there is no file {path}; give the path of a backup made with "
                          "`workbook export --format json`") from None
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not valid JSON ({error}); it is not a Career Workbook backup") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Career Workbook backup; make one with "
                          "`workbook export --format json`")
    schema = document.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise BackupError(f"{path} has no schema version; it may be damaged")
    if schema > SCHEMA_VERSION or document.get("format_version", 0) > FORMAT_VERSION:
        raise BackupError(f"{path} was made by a newer Career Workbook (schema {schema}; this one reads "
                          f"up to {SCHEMA_VERSION}): upgrade with `pip install -U career-workbook` first")
    data = document.get("workbook")
    if not has_workbook_shape(data) or set(data) - set(TABLES) - {"_default"}:
        raise BackupError(f"{path} does not hold a workbook's tables; it may be damaged")
    meta = next(iter(data.get("meta", {}).values()), None)
    if not meta or meta.get("schema_version") != schema:
        raise BackupError(f"{path} disagrees with itself about its schema version; it may be damaged")
    return data
