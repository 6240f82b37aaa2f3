"""The store's file on disk: read once and checked, held in memory, written atomically.

TinyDB's stock JSONStorage rewrites the file in place and re-parses it on every
access. This storage instead checks the file's shape before anything trusts it,
serves TinyDB from memory, and writes only on `flush()`: a temp file in the same
folder, fsync, `os.replace`, fsync of the folder. One process holds the store's
lock at a time; the file is private (0600 in a 0700 folder); each session keeps a
copy of the file it started from in a ring of rotating backups.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import json
import os
import shutil
import stat as stat_module
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import orjson
from tinydb.storages import Storage

try:  # POSIX
    import fcntl
except ImportError:  # Windows: `workbook --version` and `status` must still run
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Never open a lock or temp file through a symlink planted at its name (no such flag on Windows)."""
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
LOCK_BYTE = 1 << 20
"""Where msvcrt locks: past the pid, which a second copy must still be able to read."""

BACKUPS_KEPT = 5
Document = dict[str, Any]
Data = dict[str, dict[str, Document]]


class StoreError(Exception):
    """A problem with the store file that the user has to act on; the message says how."""


class FolderError(StoreError):
    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(
            f"Cannot open the workbook at {path}: its folder does not let this app write there "
            f"({error.strerror}). Fix the folder's permissions, or choose another place with --store."
        )


class StoreLockedError(StoreError):
    def __init__(self, path: Path, pid: int | None) -> None:
        holder = f" (pid {pid})" if pid else ""
        super().__init__(
            f"This workbook is already open in another window{holder}: {path}. "
            "Close that one first; this copy changed nothing."
        )
        self.pid = pid


class StoreCorruptError(StoreError):
    def __init__(self, path: Path, problem: str) -> None:
        backup = newest_backup(path)
        advice = (f"the newest backup is {backup}; to go back to it, move the damaged file away and "
                  f"copy the backup to {path.name}" if backup else "there is no backup beside it")
        super().__init__(f"The workbook at {path} cannot be read ({problem}). It was left untouched; {advice}.")


class StoreTooNewError(StoreError):
    def __init__(self, path: Path, version: int, supported: int) -> None:
        super().__init__(
            f"The workbook at {path} was written by a newer Career Workbook (schema {version}; this one "
            f"reads up to {supported}). It was left untouched: upgrade with `pip install -U career-workbook`."
        )


class StoreChangedError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The workbook at {path} was changed by another program while this one had it open. "
            "Nothing was written over it; your latest edits are still in this window."
        )
        self.reason = "another program changed the file"


class StoreWriteError(StoreError):
    def __init__(self, path: Path, error: OSError) -> None:
        reason = "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or type(error).__name__)
        super().__init__(f"Could not save the workbook to {path}: {reason}. Your edits are kept in memory; "
                         "free some space or fix the folder and they will be saved on the next try.")
        self.errno = error.errno
        self.reason = reason


def backup_path(path: Path, number: int) -> Path:
    return path.with_name(f"{path.name}.backup-{number}")


def newest_backup(path: Path) -> Path | None:
    first = backup_path(path, 1)
    return first if first.exists() else None


@dataclass(frozen=True)
class Fingerprint:
    """What we last read or wrote; a file whose fingerprint moved was changed by someone else."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, content: bytes, stat: os.stat_result) -> Fingerprint:
        return cls(stat.st_size, stat.st_mtime_ns, hashlib.sha256(content).hexdigest())


class StoreLock:
    """An exclusive lock the OS releases when the process dies, so a kill -9 leaves none behind."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        store = self.path.with_suffix("")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP or self.path.is_symlink():
                raise StoreError(f"The lock file {self.path} is a symbolic link, which this app never follows: "
                                 "delete it (and check who made it), then open the workbook again.") from None
            raise FolderError(store, error) from None
        try:
            _lock(fd)
        except StoreError:
            os.close(fd)
            raise
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK):
                os.close(fd)
                raise FolderError(store, error) from None
            os.lseek(fd, 0, os.SEEK_SET)
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise StoreLockedError(store, int(holder) if holder.isdigit() else None) from None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock; the file stays for the next holder
            self._fd = None


def _lock(fd: int) -> None:
    """Lock `fd` without waiting; OSError (EAGAIN, EACCES) if another process holds it."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    elif msvcrt is not None:
        os.lseek(fd, LOCK_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        raise StoreError("This system offers no file lock (neither fcntl nor msvcrt), so two copies could "
                         "write at once; nothing was opened. `workbook status` and `export` still work.")


def resolve_store(path: Path) -> Path:
    """The file a store path names, a symlink followed once, here: saves then replace the link's target
    (a synced folder linked into place keeps syncing), with the lock, temp files and backups beside the
    target. A link to nothing is refused: it would open as a new, empty workbook."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        raise StoreError(f"The workbook {path} is a link to {os.readlink(path)}, which does not exist (a drive or "
                         "synced folder not connected?): reconnect it, or remove the link to start a new workbook "
                         "there. Nothing was changed.") from None
    except (OSError, RuntimeError):  # a loop of links (RuntimeError up to Python 3.12)
        raise StoreError(f"The workbook {path} is a link that cannot be followed (a loop of links?): point it at "
                         "the workbook file, or remove it. Nothing was changed.") from None


def shared_folder_warning(path: Path) -> str | None:
    """One line when others may add, replace or delete files in the store's folder, else None."""
    if os.name != "posix":  # Windows reports every folder as 0777: its rights are ACLs
        return None
    try:
        folder = resolve_store(path).parent
        mode = folder.stat().st_mode
    except (StoreError, OSError):
        return None  # the command that opens the store says what is wrong
    if not mode & stat_module.S_IWOTH:
        return None
    return (f"others can write in {folder}, the workbook's folder: they could replace or delete your workbook. "
            f"Run `chmod o-w {folder}`, or keep the workbook in a folder of your own with --store.")


def new_temp_file(path: Path) -> tuple[Path, int]:
    """A new 0600 file beside `path`, with an unpredictable name (O_EXCL, no symlink followed) that
    `remove_stale_temp_files` recognises."""
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    return Path(name), fd


def remove_stale_temp_files(path: Path) -> None:
    """Temp files of writers killed mid-save. Only call with the store's lock held: then no one else writes."""
    for stale in path.parent.glob(f"{TEMP_PREFIX}{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        stale.unlink(missing_ok=True)


def read_checked(path: Path, check: Callable[[Data], Data]) -> tuple[Data, Fingerprint | None]:
    """The file's data after `check`, or a StoreError that leaves the file untouched."""
    try:
        content = path.read_bytes()
        stat = path.stat()
    except FileNotFoundError:
        return {}, None
    except OSError as error:
        raise StoreError(f"Cannot read the workbook at {path}: {error.strerror}. "
                         "Check the file's permissions; nothing was changed.") from None
    if not content.strip():
        raise StoreCorruptError(path, "the file is empty")
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreCorruptError(path, f"not valid JSON: {error}") from None
    if not has_workbook_shape(data):
        raise StoreCorruptError(path, "not the shape of a workbook")
    return check(data), Fingerprint.of(content, stat)


def has_workbook_shape(data: Any) -> bool:
    """Tables of documents: what TinyDB can hold without tripping over it later."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


class AtomicStorage(Storage):
    """TinyDB storage over an in-memory copy of the file; `flush()` writes it atomically."""

    def __init__(self, path: Path, data: Data, fingerprint: Fingerprint | None,
                 data_lock: threading.RLock | None = None) -> None:
        self.path = path
        self._data = data
        self._fingerprint = fingerprint
        self._dirty = False
        self._backed_up = False
        self._data_lock = data_lock or threading.RLock()
        """Held by whoever changes the data; a save holds it only while it takes the snapshot."""
        self._write_lock = threading.Lock()
        """One write at a time, so a newer snapshot never lands before an older one."""

    # TinyDB's interface. TinyDB mutates what read() returns and hands it back to write().
    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        self._dirty = True

    def close(self) -> None:
        pass

    @property
    def dirty(self) -> bool:
        return self._dirty

    def snapshot(self) -> bytes:
        """The data as the bytes that would be written; call with the data lock held.

        orjson, not json: a save in a worker holds the GIL while it serialises, and orjson does it in a
        quarter of the time (11 ms against 40 ms at 5 MB), bytes identical to compact `json.dumps`.
        """
        try:
            return orjson.dumps(self._data)
        except orjson.JSONEncodeError:  # what only json can write, e.g. an integer past 64 bits in an import
            return json.dumps(self._data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def flush(self) -> bool:
        """Write if anything changed since the last flush. True if it wrote.

        Edits can go on while the file is written: only taking the snapshot holds the data lock.
        """
        with self._write_lock:
            with self._data_lock:
                if not self._dirty:
                    return False
                content = self.snapshot()
                self._dirty = False
            try:
                self._write(content)
            except BaseException:
                self._dirty = True
                raise
        return True

    def _write(self, content: bytes) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._check_unchanged()
            if not self._backed_up:
                self._rotate_backups()
                self._backed_up = True
            temp, fd = new_temp_file(self.path)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temp, self.path)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
            _fsync_folder(folder)
            self._fingerprint = Fingerprint.of(content, self.path.stat())
        except StoreError:
            raise
        except OSError as error:
            raise StoreWriteError(self.path, error) from None

    def _check_unchanged(self) -> None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            if self._fingerprint is None:
                return
            raise StoreChangedError(self.path) from None
        if self._fingerprint is None:
            raise StoreChangedError(self.path)
        if (stat.st_size, stat.st_mtime_ns) == (self._fingerprint.size, self._fingerprint.mtime_ns):
            return
        # Synced folders touch timestamps without changing content: only the hash decides.
        current = Fingerprint.of(self.path.read_bytes(), stat)
        if current.digest != self._fingerprint.digest:
            raise StoreChangedError(self.path)
        self._fingerprint = current

    def accept_file_on_disk(self) -> None:
        """Let the next flush write over the file as it is now (after keeping a copy of it)."""
        with self._data_lock:
            try:
                content = self.path.read_bytes()
                self._fingerprint = Fingerprint.of(content, self.path.stat())
            except FileNotFoundError:  # the other program deleted it: write it afresh
                self._fingerprint = None
            self._dirty = True

    def replace_data(self, data: Data, fingerprint: Fingerprint | None) -> None:
        """Serve `data`, just read from the file, instead of what is in memory."""
        with self._data_lock:
            self._data = data
            self._fingerprint = fingerprint
            self._dirty = False

    def save_aside(self, suffix: str) -> Path:
        """Write what is in memory to a new file beside the store (or, failing that, in the temp folder).

        For edits that cannot go into the store itself; never replaces any file.
        """
        with self._data_lock:
            content = self.snapshot()
        last_error: OSError | None = None
        for folder in (self.path.parent, Path(tempfile.gettempdir())):
            try:
                target, fd = _new_private_file(folder, f"{self.path.name}.{suffix}")
            except OSError as error:
                last_error = error
                continue
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
                return target
            except OSError as error:
                target.unlink(missing_ok=True)
                last_error = error
        raise StoreWriteError(self.path, last_error)  # type: ignore[arg-type]

    def keep_copy(self, suffix: str) -> Path | None:
        """Copy the file as it is on disk to `<name>.<suffix>`, before something replaces it."""
        if not self.path.exists():
            return None
        copy, fd = _new_private_file(self.path.parent, f"{self.path.name}.{suffix}")
        _copy_into(fd, self.path)
        return copy

    def _rotate_backups(self) -> None:
        """Once a session, before its first write: keep the file it started from as backup 1.

        The copy is made in full first; only then do the older backups move along. A copy that fails
        (a full disk) moves nothing, so retrying a failing save never pushes good backups out.
        """
        if not self.path.exists():
            return
        temp, fd = new_temp_file(self.path)
        try:
            _copy_into(fd, self.path)
            backup_path(self.path, BACKUPS_KEPT).unlink(missing_ok=True)
            for number in range(BACKUPS_KEPT - 1, 0, -1):
                older = backup_path(self.path, number)
                if older.exists():
                    os.replace(older, backup_path(self.path, number + 1))
            os.replace(temp, backup_path(self.path, 1))
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def _new_private_file(folder: Path, name: str) -> tuple[Path, int]:
    """A new 0600 file named `name`, or `name-2`, `name-3`... if taken; never an existing file."""
    for number in range(1, 1000):
        target = folder / (name if number == 1 else f"{name}-{number}")
        try:
            return target, os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "too many files of that name", str(folder / name))


def _copy_into(fd: int, source: Path) -> None:
    """Copy `source` into the new file open as `fd` (made 0600 by its creator: never copy, then chmod)."""
    with os.fdopen(fd, "wb") as handle, open(source, "rb") as original:
        shutil.copyfileobj(original, handle)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to fsync it
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
