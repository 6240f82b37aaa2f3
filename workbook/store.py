"""The workbook's store, in the user's terms: answers, entries, progress state, sittings.

With storage.py, the only module that knows about TinyDB. One `Store` per process
holds the file's lock; every method is safe to call from a worker thread (one
lock around TinyDB, which is not thread-safe). Changes live in memory until
`save()`, which the app calls debounced and the CLI calls after each command.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from tinydb import TinyDB

from workbook import __version__
from workbook.checks import FieldOf, fields_of, workbook_problem
from workbook.migrations import MIGRATIONS, SCHEMA_VERSION, set_schema_version
from workbook.storage import (
    AtomicStorage,
    Data,
    Fingerprint,
    FolderError,
    StoreChangedError,
    StoreCorruptError,
    StoreError,
    StoreLock,
    StoreTooNewError,
    StoreWriteError,
    has_workbook_shape,
    read_checked,
    remove_stale_temp_files,
    resolve_store,
)

if TYPE_CHECKING:
    from workbook.exercises import Catalog

TABLES = ("meta", "answers", "history", "entries", "state", "sittings")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class ResumePoint:
    """Where the user was: enough to put them back on the same page, in the same field."""

    exercise: str
    page: int = 0
    """Index of the page; -1 means the exercise's intro."""
    field: str | None = None
    """The field that had focus."""
    entry: str | None = None
    """The entry of a repeatable exercise."""
    cursor: tuple[int, int] | None = None
    """Where the cursor was in that field: (row, column); a one-line answer has row 0. None: not known."""


def _cursor(value: Any) -> tuple[int, int] | None:
    """A stored cursor, if it has the shape of one (a hand-edited store may hold anything)."""
    if isinstance(value, list) and len(value) == 2 and all(
            isinstance(number, int) and not isinstance(number, bool) and 0 <= number < 10**9 for number in value):
        return value[0], value[1]
    return None


@dataclass(frozen=True)
class ExerciseStatus:
    """What the store knows of one exercise (or one entry of a repeatable one)."""

    started_at: datetime | None = None
    completed_at: datetime | None = None
    """Set while the exercise is marked done."""
    updated_at: datetime | None = None
    """When an answer last changed."""

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class Entry:
    """One instance of a repeatable exercise, e.g. one career conversation."""

    id: str
    exercise: str
    created_at: datetime


@dataclass(frozen=True)
class Revision:
    """An earlier value of an answer, kept when a newer one replaced it."""

    value: Any
    written_at: datetime
    replaced_at: datetime
    reason: str | None = None
    """Why the user replaced it, when the app asked ("" if they skipped the question)."""
    reset: bool = False
    """Kept when the exercise was started again, not replaced by an edit."""


@dataclass(frozen=True)
class Reset:
    """The last time an exercise was started again, and the answers it held then."""

    at: datetime
    values: dict[str, Any]
    """What each field held, by field id."""
    written: dict[str, datetime]
    """When each of those answers was written."""


@dataclass(frozen=True)
class NextStep:
    """The one step the user chose, on leaving, to take before the next sitting."""

    id: int
    text: str
    set_at: datetime
    after: str | None
    """The exercise the user had just left, if any."""
    done: bool = False
    due: str = ""
    asked: bool = False
    """True once home has asked whether it was done (yes or not yet)."""


@dataclass(frozen=True)
class Sitting:
    """One run of the app: when it started and ended and which exercises it touched."""

    started_at: datetime
    ended_at: datetime | None
    touched: tuple[str, ...]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _revision(doc: dict[str, Any]) -> Revision:
    return Revision(doc["value"], datetime.fromisoformat(doc["written_at"]),
                    datetime.fromisoformat(doc["replaced_at"]), doc.get("reason"), bool(doc.get("reset")))


class Store:
    """The user's workbook. Open with `Store(path)`; `close()` saves and lets go of the lock."""

    def __init__(self, path: Path, *, readonly: bool = False, clock: Clock = utc_now,
                 catalog: Catalog | None = None) -> None:
        """`catalog`: the exercises loaded; each answer of theirs must then fit its field's kind, in the file
        opened and in a backup restored (answers of other exercises are kept as they are)."""
        self.path = resolve_store(Path(path))
        self._fields: FieldOf | None = fields_of(catalog) if catalog is not None else None
        self.readonly = readonly
        self._clock = clock
        self._lock = threading.RLock()
        self._file_lock: StoreLock | None = None
        self._closed = False
        if not readonly:
            try:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                raise FolderError(self.path, error) from None
            self._file_lock = StoreLock(self.path)
            self._file_lock.acquire()
            remove_stale_temp_files(self.path)
        try:
            data, fingerprint = self._read()
        except BaseException:
            self._release()
            raise
        self._storage = AtomicStorage(self.path, data, fingerprint, data_lock=self._lock)
        self._opened_at = clock()
        self._sitting_id: int | None = None
        self._sitting_key = secrets.token_hex(8)
        """Kept with each answer written and each version replaced while this store is open: what decides
        "written in an earlier sitting", which the wall clock cannot (it may be set back)."""
        self._load()
        if not data and not readonly:
            self._insert_meta()

    def _insert_meta(self) -> None:
        self._db.table("meta").insert({
            "schema_version": SCHEMA_VERSION, "app_version": __version__, "created": self._stamp(),
        })

    def _raw(self, table: str, doc_id: int) -> dict[str, Any]:
        """A document as stored, for reading only: TinyDB's `get` copies it into a Document each time,
        which the progress of a long conversation log (one status per entry) cannot afford."""
        return self._storage.read()[table][str(doc_id)]

    def _update(self, table: str, doc_id: int, changes: dict[str, Any]) -> None:
        """Change one document in place. TinyDB's `update` rebuilds the whole table each time (5 ms for a
        5 MB store, on the UI thread at every autosave); nothing here uses TinyDB's query cache."""
        self._raw(table, doc_id).update(changes)
        self._storage.write(self._storage.read())

    def _load(self) -> None:
        """TinyDB over the storage's data, and the indexes over the two tables read on every redraw."""
        self._db = TinyDB(storage=lambda: self._storage)  # type: ignore[arg-type, return-value]
        self._answer_ids, self._status_ids = _indexes(self._storage.read())

    def _read(self) -> tuple[Data, Fingerprint | None]:
        try:
            return read_checked(self.path, self._check_schema)
        except (ValueError, RecursionError) as error:  # a number of 5,000 digits; nesting too deep to parse
            raise StoreCorruptError(self.path, f"not valid JSON: {type(error).__name__}") from None

    # --- opening and closing -------------------------------------------------

    def _check_schema(self, data: Data) -> Data:
        try:
            return upgraded(data, self._fields)
        except TablesTooNew as newer:
            raise StoreTooNewError(self.path, newer.version, SCHEMA_VERSION) from None
        except TablesRefused as refused:
            raise StoreCorruptError(self.path, str(refused)) from None

    def save(self) -> bool:
        """Write the changes to disk, atomically. True if there was anything to write."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        return self._storage.flush()

    @property
    def unsaved(self) -> bool:
        return self._storage.dirty

    def close(self) -> None:
        """End the sitting, save, and release the lock.

        When the store cannot take the edits (disk full, file changed elsewhere), they go to a new
        file beside it, and the StoreError raised names that file. When not even that file can be
        written, the StoreWriteError raised leaves the store open, the edits still in memory.
        """
        if self._closed:
            return
        keep_open = False
        try:
            if not self.readonly:
                if self._sitting_id is not None:
                    self.end_sitting()
                try:
                    self.save()
                except (StoreChangedError, StoreWriteError) as error:
                    try:
                        rescue = self._storage.save_aside(f"unsaved-{self._clock():%Y%m%d-%H%M%S}")
                    except StoreWriteError:
                        keep_open = True  # not even a rescue file: the caller may stay and try again
                        raise
                    raise StoreError(f"Your last edits could not be saved to {self.path} ({error.reason}); "
                                     f"they are in {rescue}. Nothing you wrote was lost.") from None
        finally:
            if not keep_open:
                self._closed = True
                self._release()

    def take_over(self) -> Path | None:
        """Save over a file another program changed, keeping that file as `<name>.changed-<time>`."""
        copy = self._storage.keep_copy(f"changed-{self._clock():%Y%m%d-%H%M%S}")
        self._storage.accept_file_on_disk()
        self.save()
        return copy

    def reload(self) -> Path | None:
        """Load the file as another program left it; what was in memory goes to `<name>.unsaved-<time>`."""
        with self._lock:
            mine = self._storage.save_aside(f"unsaved-{self._clock():%Y%m%d-%H%M%S}") if self.unsaved else None
            data, fingerprint = self._read()
            self._storage.replace_data(data, fingerprint)
            self._sitting_id = None
            self._load()
            if not data:  # the other program deleted it: start afresh, as on first launch
                self._insert_meta()
        return mine

    def _release(self) -> None:
        if self._file_lock:
            self._file_lock.release()
            self._file_lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> datetime:
        """The store's clock (frozen in tests)."""
        return self._clock()

    def _stamp(self) -> str:
        return self._clock().isoformat()

    # --- the whole store, for backups -----------------------------------------

    def dump(self) -> Data:
        """A copy of everything in the store, exactly as it would be saved."""
        with self._lock:
            return json.loads(self._storage.snapshot())

    @property
    def empty(self) -> bool:
        """True while the user has written nothing: no answers, entries or earlier values."""
        with self._lock:
            return not any(len(self._db.table(name)) for name in ("answers", "entries", "history"))

    def restore(self, data: Data) -> Path | None:
        """Replace everything with `data` (a store's tables, checked like a file being opened).

        All or nothing: checked first, then saved at once; when any step fails, the store (memory and
        file) is as it was and no copy is left. Returns the copy kept of the file it replaced, if any.
        """
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        try:
            data = upgraded(json.loads(json.dumps(data, allow_nan=False)), self._fields)
            problem = None if data else "it holds no tables"
        except TablesTooNew as newer:
            problem = f"schema {newer.version}, newer than this Career Workbook reads"
        except TablesRefused as refused:
            problem = str(refused)
        except (ValueError, RecursionError) as error:
            problem = f"not valid JSON: {type(error).__name__}"
        if problem:
            raise StoreError(f"The backup cannot be restored ({problem}); the workbook at {self.path} "
                             "was left untouched.")
        indexes = _indexes(data)
        with self._lock:
            before = (self._storage.read(), self._storage.dirty, self._sitting_id, self._answer_ids,
                      self._status_ids)
            try:
                copy = self._storage.keep_copy(f"before-import-{self._clock():%Y%m%d-%H%M%S}")
            except OSError as error:
                raise StoreWriteError(self.path, error) from None
            try:
                self._storage.write(data)
                self._sitting_id = None
                self._answer_ids, self._status_ids = indexes
                self.save()
            except BaseException as error:
                self._put_back(before, changed=isinstance(error, StoreChangedError))
                if copy is not None:
                    copy.unlink(missing_ok=True)
                raise
        return copy

    def _put_back(self, before: tuple, *, changed: bool) -> None:
        """What was in memory before a restore that failed, so that closing saves none of the backup."""
        data, dirty, self._sitting_id, self._answer_ids, self._status_ids = before
        if dirty or changed:
            self._storage.write(data)  # still to be saved, as it was (or kept aside, if the file moved)
        else:  # the file is as it was read: the failed save wrote nothing over it
            self._storage.replace_data(data, Fingerprint.of(self.path.read_bytes(), self.path.stat())
                                       if self.path.exists() else None)

    # --- answers -------------------------------------------------------------

    def answer(self, exercise: str, field: str, entry: str | None = None) -> Any:
        """The current answer, or None if the user has not written one."""
        with self._lock:
            doc = self._answer_doc(exercise, field, entry)
            return None if doc is None else doc["value"]

    def answers(self, exercise: str, entry: str | None = None) -> dict[str, Any]:
        """Every answer of one exercise (or entry), by field id."""
        with self._lock:
            return {field: self._raw("answers", doc_id)["value"]
                    for field, doc_id in self._answer_ids.get((exercise, entry), {}).items()}

    def set_answer(self, exercise: str, field: str, value: Any, entry: str | None = None) -> None:
        """Record an answer. A value written before this session is kept as a revision."""
        now = self._stamp()
        with self._lock:
            previous = self._answer_doc(exercise, field, entry)
            if previous is not None:
                if previous["value"] == value:
                    return
                if previous.get("sitting") != self._sitting_key:  # none kept: from before sittings had keys
                    self._keep_revision(previous, now)
            self._write_answer(exercise, field, value, entry, now)

    def _answer_doc(self, exercise: str, field: str, entry: str | None) -> dict[str, Any] | None:
        doc_id = self._answer_ids.get((exercise, entry), {}).get(field)
        return None if doc_id is None else self._raw("answers", doc_id)

    def _write_answer(self, exercise: str, field: str, value: Any, entry: str | None, now: str) -> None:
        fields = self._answer_ids.setdefault((exercise, entry), {})
        doc_id = fields.get(field)
        if doc_id is None:
            fields[field] = self._db.table("answers").insert(
                {"exercise": exercise, "entry": entry, "field": field, "value": value, "updated_at": now,
                 "sitting": self._sitting_key})
        else:
            self._update("answers", doc_id, {"value": value, "updated_at": now, "sitting": self._sitting_key})
        self._touch(exercise, entry, now)

    def _keep_revision(self, answer: dict[str, Any], replaced_at: str, reset: bool = False) -> None:
        """Write an answer document's value to `history`, as replaced at `replaced_at`."""
        self._db.table("history").insert({
            "exercise": answer["exercise"], "entry": answer["entry"], "field": answer["field"],
            "value": answer["value"], "written_at": answer["updated_at"], "replaced_at": replaced_at,
            "replaced_in": self._sitting_key, **({"reset": True} if reset else {}),
        })

    def answered_at(self, exercise: str, field: str, entry: str | None = None) -> datetime | None:
        """When the answer last changed, or None if there is none."""
        with self._lock:
            doc = self._answer_doc(exercise, field, entry)
            return None if doc is None else _when(doc["updated_at"])

    def revisions(self, exercise: str, field: str, entry: str | None = None) -> list[Revision]:
        """Earlier values of an answer, oldest first."""
        with self._lock:
            rows = [
                doc for doc in self._storage.read().get("history", {}).values()
                if (doc["exercise"], doc["entry"], doc["field"]) == (exercise, entry, field)
            ]
        return [_revision(doc) for doc in rows]

    def all_revisions(self) -> list[tuple[str, str | None, str, Revision]]:
        """(exercise, entry, field, revision) for every earlier value in the store, oldest first: one read,
        for search."""
        with self._lock:
            rows = list(self._storage.read().get("history", {}).values())
        return [(doc["exercise"], doc["entry"], doc["field"], _revision(doc)) for doc in rows]

    def _history_this_sitting(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """History rows written since the store was opened, oldest first."""
        for doc_id, doc in self._storage.read().get("history", {}).items():
            if doc.get("replaced_in") == self._sitting_key:
                yield int(doc_id), doc

    def unexplained_changes(self) -> list[tuple[str, str | None, str, Revision]]:
        """(exercise, entry, field, revision) for each answer replaced by an edit in this sitting whose
        reason was not asked yet: the newest revision of each."""
        with self._lock:
            newest = {(doc["exercise"], doc["entry"], doc["field"]): doc
                      for _, doc in self._history_this_sitting() if not doc.get("reset")}
        return [(*key, _revision(doc)) for key, doc in newest.items() if "reason" not in doc]

    def explain_change(self, exercise: str, field: str, reason: str, entry: str | None = None) -> None:
        """Keep why the answer changed with the revision it replaced in this sitting ("" when the user
        skipped the question: it is not asked again)."""
        with self._lock:
            rows = [(doc_id, doc) for doc_id, doc in self._history_this_sitting()
                    if (doc["exercise"], doc["entry"], doc["field"]) == (exercise, entry, field)
                    and not doc.get("reset") and "reason" not in doc]
            for number, (doc_id, _) in enumerate(rows, start=1):
                self._update("history", doc_id, {"reason": reason if number == len(rows) else ""})

    def reviewed(self, exercise: str, field: str, entry: str | None = None) -> None:
        """The user read the answer and it still holds: it counts as checked today, unchanged."""
        with self._lock:
            doc_id = self._answer_ids.get((exercise, entry), {}).get(field)
            if doc_id is not None:
                self._update("answers", doc_id, {"reviewed_at": self._stamp()})

    def last_checked(self, exercise: str, entry: str | None = None) -> dict[str, tuple[datetime, datetime]]:
        """For each answer of an exercise: when it was written, and when it was last written or marked
        still true (whichever is later)."""
        with self._lock:
            docs = [self._raw("answers", doc_id) for doc_id in self._answer_ids.get((exercise, entry), {}).values()]
        dates = {}
        for doc in docs:
            written = datetime.fromisoformat(doc["updated_at"])
            reviewed = _when(doc.get("reviewed_at"))
            dates[doc["field"]] = (written, max(written, reviewed) if reviewed else written)
        return dates

    def start_again(self, exercise: str, entry: str | None = None) -> int:
        """Reset an exercise: every answer becomes a revision marked as kept by the reset (nothing is
        deleted), and the exercise is no longer started or done. Returns how many answers were kept."""
        now = self._stamp()
        with self._lock:
            fields = self._answer_ids.pop((exercise, entry), {})
            for doc_id in fields.values():
                self._keep_revision(self._raw("answers", doc_id), now, reset=True)
            if not fields:
                return 0
            self._db.table("answers").remove(doc_ids=list(fields.values()))
            self._set_status(exercise, entry, started_at=None, completed_at=None, updated_at=now, page=None,
                             field=None, reset_at=now)
        return len(fields)

    def last_reset(self, exercise: str, entry: str | None = None) -> Reset | None:
        """When the exercise was last started again, with the answers it held then; None if never."""
        with self._lock:
            _, status = self._status_doc(exercise, entry)
            at = status.get("reset_at")
            if at is None:
                return None
            kept = [doc for doc in self._storage.read().get("history", {}).values()
                    if doc.get("reset") and doc["replaced_at"] == at
                    and (doc["exercise"], doc["entry"]) == (exercise, entry)]
        return Reset(datetime.fromisoformat(at), {doc["field"]: doc["value"] for doc in kept},
                     {doc["field"]: datetime.fromisoformat(doc["written_at"]) for doc in kept})

    def bring_back(self, exercise: str, field: str, revision: Revision, entry: str | None = None) -> None:
        """Make an earlier value the answer again. The value it replaces is kept as a revision however
        recent it is (set_answer keeps only values from an earlier sitting): nothing is lost either way."""
        now = self._stamp()
        with self._lock:
            current = self._answer_doc(exercise, field, entry)
            if current is not None:
                if current["value"] == revision.value:
                    return
                self._keep_revision(current, now)
            self._write_answer(exercise, field, revision.value, entry, now)

    # --- progress state ------------------------------------------------------

    def _status_doc(self, exercise: str, entry: str | None) -> tuple[int | None, dict[str, Any]]:
        doc_id = self._status_ids.get((exercise, entry))
        if doc_id is None:
            return None, {}
        return doc_id, self._raw("state", doc_id)

    def _set_status(self, exercise: str, entry: str | None, **changes: Any) -> None:
        doc_id, doc = self._status_doc(exercise, entry)
        if doc_id is None:
            self._status_ids[(exercise, entry)] = self._db.table("state").insert({
                "kind": "status", "exercise": exercise, "entry": entry, "started_at": None,
                "completed_at": None, "updated_at": None, **changes,
            })
        else:
            self._update("state", doc_id, changes)

    def _touch(self, exercise: str, entry: str | None, now: str) -> None:
        _, doc = self._status_doc(exercise, entry)
        self._set_status(exercise, entry, updated_at=now, started_at=doc.get("started_at") or now)
        if self._sitting_id is not None:
            touched = self._raw("sittings", self._sitting_id)["touched"]
            if exercise not in touched:
                self._update("sittings", self._sitting_id, {"touched": [*touched, exercise]})

    def status(self, exercise: str, entry: str | None = None) -> ExerciseStatus:
        with self._lock:
            _, doc = self._status_doc(exercise, entry)
        return ExerciseStatus(_when(doc.get("started_at")), _when(doc.get("completed_at")),
                              _when(doc.get("updated_at")))

    def mark_done(self, exercise: str, entry: str | None = None) -> None:
        with self._lock:
            self._set_status(exercise, entry, completed_at=self._stamp())

    def reopen(self, exercise: str, entry: str | None = None) -> None:
        with self._lock:
            self._set_status(exercise, entry, completed_at=None)

    def resume_point(self) -> ResumePoint | None:
        """Where the user last was, as stored (progress.py checks it still fits the exercises)."""
        with self._lock:
            doc = next((d for d in self._db.table("state") if d.get("kind") == "resume"), None)
        if doc is None:
            return None
        return ResumePoint(doc["exercise"], doc["page"], doc["field"], doc["entry"], _cursor(doc.get("cursor")))

    def set_resume_point(self, point: ResumePoint) -> None:
        """Where the user is now; a page of an exercise is also kept as that exercise's own position."""
        cursor = list(point.cursor) if point.cursor is not None else None
        values = {"kind": "resume", "exercise": point.exercise, "page": point.page,
                  "field": point.field, "entry": point.entry, "cursor": cursor}
        with self._lock:
            table = self._db.table("state")
            existing = next((d for d in table if d.get("kind") == "resume"), None)
            if existing is None:
                table.insert(values)
            elif dict(existing) != values:
                table.update(values, doc_ids=[existing.doc_id])
            if point.page >= 0:
                _, status = self._status_doc(point.exercise, point.entry)
                if (status.get("page"), status.get("field"), status.get("cursor")) != (point.page, point.field, cursor):
                    self._set_status(point.exercise, point.entry, page=point.page, field=point.field, cursor=cursor)

    def position(self, exercise: str, entry: str | None = None) -> ResumePoint | None:
        """The page and field where the user last was in this exercise (or entry)."""
        with self._lock:
            _, status = self._status_doc(exercise, entry)
        if status.get("page") is None:
            return None
        return ResumePoint(exercise, status["page"], status.get("field"), entry, _cursor(status.get("cursor")))

    # --- entries of repeatable exercises -------------------------------------

    def start_entry(self, exercise: str) -> Entry:
        """A new, empty entry (e.g. one career conversation)."""
        now = self._stamp()
        entry_id = secrets.token_hex(6)
        with self._lock:
            self._db.table("entries").insert({"id": entry_id, "exercise": exercise, "created_at": now})
        return Entry(entry_id, exercise, _when(now))

    def entries(self, exercise: str) -> list[Entry]:
        """The entries of a repeatable exercise, newest first."""
        with self._lock:
            rows = [(int(doc_id), doc) for doc_id, doc in self._storage.read().get("entries", {}).items()
                    if doc["exercise"] == exercise]
        # Entries started within the same second keep the order they were started in.
        rows.sort(key=lambda row: (_when(row[1]["created_at"]), row[0]), reverse=True)
        return [Entry(doc["id"], doc["exercise"], _when(doc["created_at"])) for _, doc in rows]

    # --- next steps -------------------------------------------------------------

    def next_steps(self) -> list[NextStep]:
        """Every next step the user set, oldest first."""
        with self._lock:
            rows = [(int(doc_id), doc) for doc_id, doc in self._storage.read().get("state", {}).items()
                    if doc.get("kind") == "next_step"]
        return [NextStep(doc_id, doc["text"], _when(doc["set_at"]), doc.get("after"), bool(doc.get("done")),
                         doc.get("due") or "", bool(doc.get("asked"))) for doc_id, doc in sorted(rows)]

    def add_next_step(self, text: str, after: str | None = None) -> NextStep:
        now = self._stamp()
        with self._lock:
            doc_id = self._db.table("state").insert({
                "kind": "next_step", "text": text, "set_at": now, "after": after,
                "done": False, "due": "", "asked": False,
            })
        return NextStep(doc_id, text, _when(now), after)

    def update_next_step(self, step_id: int, *, done: bool | None = None, due: str | None = None,
                         asked: bool | None = None) -> None:
        changes = {name: value for name, value in (("done", done), ("due", due), ("asked", asked))
                   if value is not None}
        with self._lock:
            if self._raw("state", step_id).get("kind") != "next_step":
                raise KeyError(step_id)
            self._update("state", step_id, changes)

    # --- settings ----------------------------------------------------------------

    def setting(self, name: str, default: Any) -> Any:
        with self._lock:
            doc = self._settings_doc()
        return default if doc is None else doc[1].get(name, default)

    def set_setting(self, name: str, value: Any) -> None:
        with self._lock:
            doc = self._settings_doc()
            if doc is None:
                self._db.table("state").insert({"kind": "settings", name: value})
            else:
                self._update("state", doc[0], {name: value})

    def _settings_doc(self) -> tuple[int, dict[str, Any]] | None:
        return next(((int(doc_id), doc) for doc_id, doc in self._storage.read().get("state", {}).items()
                     if doc.get("kind") == "settings"), None)

    @property
    def opened_at(self) -> datetime:
        """When this sitting's store was opened: what was written before it is from an earlier sitting."""
        return self._opened_at

    # --- sittings ------------------------------------------------------------

    def start_sitting(self) -> None:
        with self._lock:
            self._sitting_id = self._db.table("sittings").insert(
                {"started_at": self._stamp(), "ended_at": None, "touched": [], "key": self._sitting_key})

    def end_sitting(self) -> None:
        with self._lock:
            if self._sitting_id is not None:
                self._db.table("sittings").update({"ended_at": self._stamp()}, doc_ids=[self._sitting_id])
                self._sitting_id = None

    def touched_this_sitting(self) -> tuple[str, ...]:
        """The exercises whose answers changed since this sitting started."""
        with self._lock:
            if self._sitting_id is None:
                return ()
            return tuple(self._raw("sittings", self._sitting_id)["touched"])

    def sittings(self) -> Iterator[Sitting]:
        """Every sitting, oldest first."""
        with self._lock:
            rows = list(self._db.table("sittings"))
        for doc in rows:
            yield Sitting(_when(doc["started_at"]), _when(doc["ended_at"]), tuple(doc["touched"]))

    def last_sitting(self) -> Sitting | None:
        """The most recent sitting before this one."""
        with self._lock:
            rows = [doc for doc in self._db.table("sittings") if doc.doc_id != self._sitting_id]
        if not rows:
            return None
        doc = max(rows, key=lambda d: d["started_at"])
        return Sitting(_when(doc["started_at"]), _when(doc["ended_at"]), tuple(doc["touched"]))


class TablesRefused(ValueError):
    """Tables the store cannot hold; the message names the first bad place."""


class TablesTooNew(TablesRefused):
    """Tables of a newer schema than this version reads."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema {version}")
        self.version = version


def upgraded(data: Data, field_of: FieldOf | None = None) -> Data:
    """A workbook's tables, migrated to this schema and checked document by document (every answer against
    its field's kind too, when `field_of` knows it); `TablesRefused` names the first problem."""
    if not has_workbook_shape(data):
        raise TablesRefused("not the shape of a workbook")
    if not data:
        return data
    meta = next(iter(data.get("meta", {}).values()), None)
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise TablesRefused("it has no schema version")
    if version > SCHEMA_VERSION:
        raise TablesTooNew(version)
    if version < 1:
        raise TablesRefused(f"schema version {version}, which no Career Workbook wrote")
    if version < SCHEMA_VERSION:
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
        set_schema_version(data, SCHEMA_VERSION)  # or the next open would migrate it again
    unknown = set(data) - set(TABLES) - {"_default"}
    if unknown:  # named only when plain: the message is one line, and Rich reads [ as markup
        names = sorted(name if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", name) else "(one oddly named)" for name in unknown)
        raise TablesRefused(f"unknown tables {', '.join(names)}")
    problem = workbook_problem(data, field_of)
    if problem:
        raise TablesRefused(problem)
    return data


def _indexes(data: Data) -> tuple[dict[tuple[str, str | None], dict[str, int]], dict[tuple[str, str | None], int]]:
    """The answers' ids by (exercise, entry) then field, and the status documents' ids by (exercise, entry)."""
    answer_ids: dict[tuple[str, str | None], dict[str, int]] = {}
    for doc_id, doc in data.get("answers", {}).items():
        answer_ids.setdefault((doc["exercise"], doc["entry"]), {})[doc["field"]] = int(doc_id)
    status_ids = {(doc["exercise"], doc["entry"]): int(doc_id) for doc_id, doc in data.get("state", {}).items()
                  if doc.get("kind") == "status"}
    return answer_ids, status_ids
