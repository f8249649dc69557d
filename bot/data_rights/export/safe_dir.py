"""Write an operator's export into a folder only they can read, or refuse with one line.

An export holds someone's reflections. The folder is created owner-only (0700); an existing
one is used only when it is empty, ours and closed to group and others, and never through a
symbolic link. Files are created new (O_EXCL) without following links (O_NOFOLLOW), relative to
the opened folder, so nothing swapped in after the checks can redirect a write.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError
from bot.data_rights.export.common import ExportFile

_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafeFolder(ConfigError):
    """The --out folder cannot be used safely; the message is one line naming it."""


def write_private(files: Sequence[ExportFile], folder: Path) -> list[Path]:
    """Write each file into `folder` (created owner-only); UnsafeFolder when that is not safe."""
    folder_fd = _open_private_folder(folder)
    try:
        for file in files:
            _write_new(folder_fd, file, folder)
    finally:
        os.close(folder_fd)
    return [folder / file.name for file in files]


def _refuse(folder: Path, why: str) -> UnsafeFolder:
    return UnsafeFolder(f"--out {folder}: {why}")


def _refuse_existing(folder: Path, why: str) -> UnsafeFolder:
    return _refuse(
        folder, f"{why}; name a folder that does not exist yet (it is created owner-only)"
    )


def _open_private_folder(folder: Path) -> int:
    created = False
    try:
        os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _refuse(folder, f"cannot create it ({error.strerror})") from None
        try:
            os.mkdir(folder, 0o700)
            created = True
        except FileExistsError:
            pass  # appeared meanwhile: the checks below judge what is there now
        except OSError as error:
            raise _refuse(folder, f"cannot create it ({error.strerror})") from None
    except NotADirectoryError:
        raise _refuse(folder, "cannot create it (a parent is not a folder)") from None
    except OSError as error:
        raise _refuse(folder, f"cannot look at it ({error.strerror})") from None
    try:
        # The checks below look at this opened folder, not at the name (which could change).
        folder_fd = os.open(folder, _FOLDER_FLAGS)
    except OSError as error:
        raise _refuse_existing(folder, _open_failure(folder, error)) from None
    try:
        _check(folder_fd, folder)
        if created:
            os.fchmod(folder_fd, 0o700)  # exactly owner-only, whatever the umask took away
    except BaseException:
        os.close(folder_fd)
        raise
    return folder_fd


def _open_failure(folder: Path, error: OSError) -> str:
    if os.path.islink(folder):
        return "is a symbolic link"
    if os.path.exists(folder) and not os.path.isdir(folder):
        return "is not a folder"
    return f"cannot open it ({error.strerror})"


def _check(folder_fd: int, folder: Path) -> None:
    info = os.fstat(folder_fd)
    if not stat.S_ISDIR(info.st_mode):
        raise _refuse_existing(folder, "is not a folder")
    if info.st_uid != os.getuid():
        raise _refuse_existing(folder, "belongs to another account")
    if info.st_mode & 0o077:
        mode = oct(stat.S_IMODE(info.st_mode))
        raise _refuse_existing(folder, f"is open to group or others (mode {mode})")
    if os.listdir(folder_fd):
        raise _refuse_existing(folder, "is not empty")


def _write_new(folder_fd: int, file: ExportFile, folder: Path) -> None:
    try:
        fd = os.open(file.name, _FILE_FLAGS, 0o600, dir_fd=folder_fd)
    except OSError as error:
        raise _refuse(folder, f"cannot create {file.name} ({error.strerror})") from None
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(file.data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as error:
        raise _refuse(folder, f"cannot write {file.name} ({error.strerror})") from None
    finally:
        os.close(fd)
