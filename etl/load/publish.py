"""Private build, atomic publish, and the one-writer lock.

DuckDB allows one writer or many readers per file, and BI tools keep the published file open. So a
run never writes the published file: it builds a private copy, checkpoints it, and `os.replace`s it
over the published path. Open readers keep the old inode until they reconnect; new readers get the
new file; nobody sees a half-built warehouse, and a killed run leaves the published file untouched.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.errors import NewsfactsError, WarehouseBusy

# DuckDB 2.x writes files that DuckDB 1.x readers (many BI drivers) cannot open unless told to.
STORAGE_COMPATIBILITY = "v1.0.0"


BUILD_NAME = "build.duckdb"


def build_dir(target: Path) -> Path:
    return target.parent / f".{target.name}.build"


def build_file(target: Path) -> Path:
    """The private file a run writes. Its name is the same for every warehouse so that dbt's connection
    settings, and with them its partial-parse cache, do not change from one warehouse to the next."""
    return build_dir(target) / BUILD_NAME


@contextmanager
def exclusive_lock(target: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold `<target>.lock` for the run; a second run waits up to `wait_seconds`, then fails clearly."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(target.name + ".lock")
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another newsfacts run is building {target} (lock {lock_path}); "
                        "wait for it or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the flock, also when the process is killed


def connect_new(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})


# DuckDB opens a file's path several times while it connects: a reader connecting just as a run swaps in
# the new file can read the old file's header and the new one's blocks ("Failed to load metadata pointer",
# "field id mismatch"). A connect that saw the path name one file throughout cannot have mixed them.
OPEN_ATTEMPTS = 5
RETRY_PAUSE_S = 0.05


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a published warehouse, never straddling a publish: if the path named
    another file after the connect than before it, the connect is made again."""
    error: duckdb.Error | None = None
    for _ in range(OPEN_ATTEMPTS):
        fd = os.open(path, os.O_RDONLY)  # held open, the file's inode number cannot pass to a newer copy
        try:
            held = os.fstat(fd).st_ino
            try:
                con = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as e:
                if os.stat(path).st_ino == held:
                    raise  # the file itself is at fault, not a swap
                error = e
            else:
                if os.stat(path).st_ino == held:
                    return con
                con.close()
        finally:
            os.close(fd)
        time.sleep(RETRY_PAUSE_S)
    if error is not None:
        raise error
    raise NewsfactsError(f"{path} was replaced {OPEN_ATTEMPTS} times while connecting to it; try again")


def prepare_build(target: Path) -> Path:
    """A private, writable copy of the published warehouse (or a new file) under the build dir."""
    build = build_file(target)
    build.parent.mkdir(parents=True, exist_ok=True)
    for stale in (build, build.with_name(build.name + ".wal")):
        stale.unlink(missing_ok=True)  # left by a killed run
    if target.exists():
        try:
            shutil.copyfile(target, build)
        except OSError as e:
            raise NewsfactsError(f"cannot copy {target} to {build}: {e}") from e
    else:
        connect_new(build).close()
    return build


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(build: Path, target: Path) -> None:
    """Checkpoint the build file (so it needs no WAL) and atomically replace the published file."""
    con = duckdb.connect(str(build))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        raise NewsfactsError(f"build file {build} still has a WAL after checkpoint; not publishing")
    _fsync(build)
    os.replace(build, target)
    _fsync(target.parent)
