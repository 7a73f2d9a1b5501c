"""Write outputs so that a reader never sees a half-written file or a mixed set.

One file (:func:`write_atomic`): written beside its target, then renamed over it.

A set of files (:func:`write_output_set`, what ``beslan-kg build`` writes): a
rename replaces one file at a time, so a run killed between two renames would
leave old and new files side by side. Instead, each set lives in a folder of
its own inside the output folder, and the names users open are symbolic links
through one link that says which set is current::

    out/graph.ttl  -> .beslan-kg/current/graph.ttl
    out/graph.trig -> .beslan-kg/current/graph.trig
    out/.beslan-kg/current -> set-3f9a…        (replaced in one rename)
    out/.beslan-kg/set-3f9a…/graph.ttl, graph.trig, …

The new set is written and flushed to disk completely before ``current`` is
switched to it by one ``rename``, which is atomic: until then every name shows
the old set, and from then on the new one. A run killed at any moment leaves
either; what it left half-written (a ``set-…`` folder that is not current) is
removed by the next run. Files in the output folder that the set does not name
(``ontology.html`` from ``beslan-kg docs``) are never touched, and a lock
keeps two builds from writing into one folder at once. Files and folders get
the modes the user's umask gives (0644 and 0755 under umask 022).
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from beslan_kg.errors import OutputError

#: The folder inside an output folder that holds the sets and the link to the current one.
STATE_DIR = ".beslan-kg"
#: The link, inside :data:`STATE_DIR`, to the current set.
CURRENT = "current"
_SET_PREFIX = "set-"
_TMP_PREFIX = "tmp-"
_LOCK = "lock"


def write_atomic(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader sees either the old file or the new one, never a mix, and an
    error part-way leaves the old file as it was.

    Raises:
        OutputError: ``path`` is a folder, or the file cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(str(path), "is a folder", "give the name of a file to write, inside it or elsewhere")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _write_new(path.parent, f".{path.name}.", payload)
        try:
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as err:
        raise _output_error(path, err) from None
    return path


def write_output_set(out: str | os.PathLike, payloads: Mapping[str, bytes], *, names: Iterable[str] = ()) -> tuple[Path, ...]:
    """Replace the set of files in ``out`` by ``payloads`` (file name -> bytes), all or nothing.

    Names of the previous set that the new one lacks are removed; any other
    file in ``out`` is left alone. ``names`` are every name a set may hold:
    plain files by those names (from an older layout) belong to the previous
    set. Returns the paths written, in the order of ``payloads``.

    Raises:
        OutputError: ``out`` is a file, cannot be created or written, or
            another build is writing to it.
    """
    with open_output_set(out, names=names) as new_set:
        for name, data in payloads.items():
            with new_set.open(name) as handle:
                handle.write(data)
    return new_set.written


class OutputSet:
    """A set of files being written (see :func:`open_output_set`).

    Attributes:
        written: The paths the set's names will have in the output folder, in the order opened.
    """

    def __init__(self, out: Path, staging: Path) -> None:
        self._out = out
        self._staging = staging
        self.written: tuple[Path, ...] = ()

    @contextmanager
    def open(self, name: str) -> Iterator[BinaryIO]:
        """Open ``name`` of the new set for writing (binary); it is flushed to disk when the block ends."""
        _check_name(name)
        if self._out / name in self.written:
            raise ValueError(f"{name!r} is already in the set")
        path = _create(self._staging, f".{name}.")
        try:
            with os.fdopen(os.open(path, os.O_WRONLY), "wb", buffering=1 << 20) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(path, self._staging / name)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self.written += (self._out / name,)

    def path(self, name: str) -> Path:
        """Where a file of the set written so far is, until the set is in place (to read it back)."""
        if self._out / name not in self.written:
            raise ValueError(f"{name!r} is not written yet")
        return self._staging / name

    @property
    def names(self) -> tuple[str, ...]:
        """The names written so far."""
        return tuple(p.name for p in self.written)


@contextmanager
def open_output_set(out: str | os.PathLike, *, names: Iterable[str] = ()) -> Iterator[OutputSet]:
    """Write a new set of files into ``out``, streamed, and put it in place as a whole when the block ends.

    Each file is opened with :meth:`OutputSet.open` and written as it is
    made, into a folder of its own; nothing of the new set shows in ``out``
    until the block ends without error, when the set replaces the previous
    one in one rename (see :func:`write_output_set`). An error (or a kill)
    before then leaves the previous set as it was.

    Raises:
        OutputError: ``out`` is a file, cannot be created or written, or
            another build is writing to it.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(str(out), "is a file, not a folder", "give --out a folder, or remove the file")
    try:
        state = out / STATE_DIR
        state.mkdir(parents=True, exist_ok=True)
        with _locked(state):
            _remove_leftovers(state)
            staging = state / f"{_TMP_PREFIX}{secrets.token_hex(8)}"
            os.mkdir(staging, 0o777)
            try:
                new_set = OutputSet(out, staging)
                yield new_set
                new = _seal(state, staging)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            _replace(out, state, new, new_set.names, names)
    except OSError as err:
        raise _output_error(out, err) from None


def _replace(out: Path, state: Path, new: Path, payloads: tuple[str, ...], names: Iterable[str]) -> None:
    """Link every name of the new set, switch ``current`` to it, then tidy up."""
    try:
        old = _current_set(state)
        claimed = {n for n in names if (out / n).is_file() and not (out / n).is_symlink()}
        managed = set(payloads) | claimed | (set(_set_names(state / old)) if old else set())
        for name in sorted(managed):
            _link_name(out, name)
        _switch(state, new.name)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    # The new set is in place; what follows only tidies up.
    for name in sorted(managed - set(payloads)):
        if _is_our_link(out / name):
            (out / name).unlink()
    for entry in state.iterdir():
        if entry.name.startswith(_SET_PREFIX) and entry.name != new.name:
            shutil.rmtree(entry, ignore_errors=True)


def _check_name(name: str) -> None:
    if not name or "/" in name or name.startswith(".") or name in (STATE_DIR,):
        raise ValueError(f"not a plain file name: {name!r}")


def current_set(out: str | os.PathLike) -> Path | None:
    """Return the folder of the set currently in place in ``out``, if any."""
    state = Path(out) / STATE_DIR
    name = _current_set(state)
    return state / name if name else None


def _create(folder: Path, prefix: str) -> Path:
    """Create a new empty file with the umask's mode (``mkstemp`` would make it 0600)."""
    while True:
        path = folder / f"{prefix}{secrets.token_hex(6)}.tmp"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return path


def _write_new(folder: Path, prefix: str, payload: bytes) -> Path:
    """Write a new file with the umask's mode, flushed to disk."""
    path = _create(folder, prefix)
    try:
        with open(path, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _write_set(state: Path, payloads: Mapping[str, bytes]) -> Path:
    """Write every file of the set into a new folder, then give the folder its final name."""
    staging = state / f"{_TMP_PREFIX}{secrets.token_hex(8)}"
    os.mkdir(staging, 0o777)
    try:
        for name, data in payloads.items():
            os.replace(_write_new(staging, f".{name}.", data), staging / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return _seal(state, staging)


def _seal(state: Path, staging: Path) -> Path:
    """Flush a written set's folder to disk and give it its final name."""
    _fsync_dir(staging)
    final = state / f"{_SET_PREFIX}{staging.name.removeprefix(_TMP_PREFIX)}"
    os.replace(staging, final)
    _fsync_dir(state)
    return final


def _link_name(out: Path, name: str) -> None:
    """Make ``out/name`` the link through ``current``; a file there from an older layout is moved into the current set first."""
    link = out / name
    target = f"{STATE_DIR}/{CURRENT}/{name}"
    if link.is_symlink() and os.readlink(link) == target:
        return
    state = out / STATE_DIR
    if link.is_file() and not link.is_symlink():
        # An output of an older beslan-kg (or one written by hand): it stays what
        # out/name shows until the switch, by becoming part of the current set.
        old = _current_set(state)
        if old is None:
            old = _write_set(state, {}).name
            _switch(state, old)
        if not (state / old / name).exists():
            try:
                os.link(link, state / old / name)
            except OSError:  # a file system without hard links
                shutil.copy2(link, state / old / name)
    elif link.is_dir() and not link.is_symlink():
        raise OSError(errno.EISDIR, f"{link} is a folder where the build writes a file")
    tmp = state / f"{_TMP_PREFIX}link-{secrets.token_hex(6)}"
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _switch(state: Path, set_name: str) -> None:
    tmp = state / f"{_TMP_PREFIX}{CURRENT}-{secrets.token_hex(6)}"
    os.symlink(set_name, tmp)
    os.replace(tmp, state / CURRENT)
    _fsync_dir(state)


def _current_set(state: Path) -> str | None:
    try:
        name = os.readlink(state / CURRENT)
    except OSError:
        return None
    return name if name.startswith(_SET_PREFIX) and (state / name).is_dir() else None


def _set_names(folder: Path) -> Iterator[str]:
    return (p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _is_our_link(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{STATE_DIR}/{CURRENT}/{path.name}"


def _remove_leftovers(state: Path) -> None:
    """Remove what killed runs left: sets that are not current, half-written sets and links."""
    current = _current_set(state)
    for entry in state.iterdir():
        if entry.name == current or not entry.name.startswith((_SET_PREFIX, _TMP_PREFIX)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


@contextmanager
def _locked(state: Path) -> Iterator[None]:
    fd = os.open(state / _LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(str(state.parent), "another beslan-kg build is writing to it", "wait for it to finish") from None
        yield
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _output_error(path: Path, err: OSError) -> OutputError:
    where = err.filename if isinstance(err.filename, str) and err.errno in (errno.EACCES, errno.EROFS, errno.ENOTDIR, errno.EEXIST) else str(path)
    hints = {
        errno.EACCES: "choose a folder you may write to",
        errno.EPERM: "choose a folder you may write to",
        errno.EROFS: "the file system is read-only: choose another folder",
        errno.ENOSPC: "free some disk space",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EEXIST: "a file stands where a folder is needed",
        errno.EISDIR: "remove or rename the folder",
    }
    return OutputError(where, f"cannot be written: {err.strerror or err}", hints.get(err.errno, "check the path"))
