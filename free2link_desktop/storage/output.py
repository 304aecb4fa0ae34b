"""The one door for files that leave the workspace: PDFs, CSVs, backups, the recovery sheet.

Why one door: `report --out workspace.db` once replaced the live database with a PDF (and the
daily backup taken at the same unlock then held the broken file). Every export now goes through
`staged_output`, which

- refuses a target inside the workspace folder (after resolving symlinks and `..`, comparing
  folders by identity so another spelling, a bind mount or a case-insensitive disk does not
  slip through), the folder itself, and any folder that holds a Free2Link workspace;
- refuses a folder, a missing parent, a name too long for the file system, a special file (a
  device, a pipe) as target, and on Windows a name Windows would mistreat (storage/filenames.py);
- writes to a temporary file beside the target, created private (0600) from the start, fsyncs
  it, and only then renames it into place, so a failure (disk full, unplugged stick) leaves an
  existing file as it was and no half-written file under the final name;
- never replaces an existing file unless asked (`overwrite`): without it the final step cannot
  replace a file that appears meanwhile either (a hard link, or Windows' rename, both refuse).

Nothing here ever opens the target itself for writing, so a hard link or symlink at the target
cannot redirect bytes into another file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.i18n import N_, _
from free2link_desktop.storage.atomic import fsync_directory, replace_file, sync_file
from free2link_desktop.storage.database import DiskProblem
from free2link_desktop.storage.filenames import check_file_name
from free2link_desktop.storage.layout import DB_NAME, KEYS_NAME

TEMP_PREFIX = ".free2link-"
TEMP_SUFFIX = ".part"
#: the usual limit of a file name in bytes (ext4, NTFS in UTF-16 units, APFS); used when the
#: file system does not say
DEFAULT_NAME_MAX = 255

#: errno values a person can act on, in words; anything else shows the system's own text
_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
    errno.EFBIG: N_("the file is too large for this disk"),
    # on Windows also what replacing a file another program holds open gives
    errno.EACCES: N_("there is no permission to write there, or the file is open in a program"),
    errno.EPERM: N_("there is no permission to write there, or the file is open in a program"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ENOENT: N_("files cannot be created there"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.EISDIR: N_("it is a folder"),
}


class OutputRefused(InputRefused):
    """An output that was not written; the existing file, if any, is unchanged (exit 1)."""

    def message(self) -> str:
        params = dict(self.params)
        if isinstance(params.get("reason"), str):
            params["reason"] = _(params["reason"])
        try:
            return _(self.template).format(**params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**params)


def write_failed(target: Path, error: OSError) -> OutputRefused:
    """What happened while writing `target`, in words, and that no existing file changed."""
    reason: Any = _REASONS.get(error.errno or 0) or error.strerror or str(error)
    return OutputRefused(
        N_("Could not write {path}: {reason}. No existing file was changed."),
        path=target,
        reason=reason,
    )


def _is_workspace_folder(folder: Path) -> bool:
    return any((folder / name).exists() for name in (DB_NAME, KEYS_NAME))


def _same_folder(a: os.stat_result, b: os.stat_result | None) -> bool:
    return b is not None and os.path.samestat(a, b)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def workspace_around(target: Path, workspace: Path | None) -> Path | None:
    """The workspace folder `target` is, or lies inside: `workspace`, or any folder holding a
    Free2Link workspace (another one may be open in the window); None when it is outside all.

    Checks both the path as written (with `..` folded) and the path with symlinks resolved, and
    compares each existing ancestor with the workspace by device and inode, so "C:\\Users\\ANA"
    and "c:\\users\\ana", or a bind mount of the same folder, count as the same place.
    """
    workspace_stat = _stat(workspace) if workspace is not None else None
    written = Path(os.path.abspath(target))
    candidates = [written, Path(os.path.realpath(written))]
    if workspace is not None:
        root = Path(os.path.abspath(workspace))
        for candidate in candidates:
            for spelling in (root, Path(os.path.realpath(root))):
                if candidate == spelling or spelling in candidate.parents:
                    return root
    for candidate in candidates:
        for folder in (candidate, *candidate.parents):
            folder_stat = _stat(folder)
            if folder_stat is None or not stat.S_ISDIR(folder_stat.st_mode):
                continue
            if _same_folder(folder_stat, workspace_stat) and workspace is not None:
                return Path(os.path.abspath(workspace))
            if _is_workspace_folder(folder):
                return folder
    return None


def _name_max(folder: Path) -> int:
    if hasattr(os, "pathconf"):
        with contextlib.suppress(OSError, ValueError):
            return int(os.pathconf(folder, "PC_NAME_MAX"))
    return DEFAULT_NAME_MAX


def _name_length(name: str) -> int:
    # Windows counts UTF-16 units; POSIX file systems count bytes.
    if os.name == "nt":
        return len(name.encode("utf-16-le")) // 2
    return len(os.fsencode(name))


def check_target(target: Path | str, workspace: Path | None, *, overwrite: bool) -> Path:
    """The path to write (parent resolved, name kept), or OutputRefused saying why not.

    Checked before any work is done, so a refused export costs nothing and changes nothing.
    """
    if "\0" in str(target):
        raise OutputRefused(N_("{path} is not a valid file name."), path=repr(str(target)))
    written = Path(os.path.abspath(Path(target).expanduser()))
    around = workspace_around(written, workspace)
    if around is not None:
        raise OutputRefused(
            N_(
                "{path} is inside the workspace folder {workspace}, or is that folder. Exports "
                "go outside it: choose another folder."
            ),
            path=written,
            workspace=around,
        )
    if str(target).endswith(("/", os.sep)) or written.name in {"", ".", ".."}:
        raise _folder(written)
    check_file_name(written)  # names Windows refuses or silently changes (there only)
    parent = written.parent
    parent_stat = _stat(parent)
    if parent_stat is None:
        raise OutputRefused(N_("The folder {folder} does not exist."), folder=parent)
    if not stat.S_ISDIR(parent_stat.st_mode):
        raise OutputRefused(N_("{folder} is not a folder."), folder=parent)
    limit = _name_max(parent)
    if _name_length(written.name) > limit:
        raise OutputRefused(
            N_("The file name is too long: {length} characters where this disk allows {limit}."),
            length=len(written.name),
            limit=limit,
        )
    final = Path(os.path.realpath(parent)) / written.name
    try:
        existing = final.lstat()
    except FileNotFoundError:
        return final
    except OSError as error:
        raise write_failed(final, error) from None
    followed = _stat(final) if stat.S_ISLNK(existing.st_mode) else existing
    if followed is not None and stat.S_ISDIR(followed.st_mode):
        raise _folder(written)
    if not (stat.S_ISREG(existing.st_mode) or stat.S_ISLNK(existing.st_mode)):
        raise OutputRefused(N_("{path} is not an ordinary file; it was left as it is."), path=final)
    if not overwrite:
        raise _exists(final)
    return final


def _folder(path: Path) -> OutputRefused:
    return OutputRefused(N_("{path} is a folder. Give the name of a file to write."), path=path)


def _exists(final: Path) -> OutputRefused:
    return OutputRefused(
        N_(
            "{path} already exists and was left as it is. Choose another name, or allow "
            "replacing it (--force on the command line)."
        ),
        path=final,
    )


def _install(temp: Path, final: Path, *, overwrite: bool) -> None:
    """Give the finished temporary file its final name; without `overwrite`, never replace."""
    if overwrite:
        replace_file(temp, final)  # waits out a PDF reader or scanner holding it on Windows
        return
    if os.name == "nt":
        os.rename(temp, final)  # refuses an existing target on Windows
        return
    try:
        os.link(temp, final)  # refuses an existing target, atomically
    except FileExistsError:
        raise
    except OSError:
        # FAT/exFAT sticks have no hard links: check, then rename (a narrow window remains)
        if os.path.lexists(final):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(final)) from None
        os.replace(temp, final)
        return
    with contextlib.suppress(OSError):  # the file is in place; a second name is only untidy
        os.unlink(temp)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        sync_file(handle.fileno())  # past the drive's cache on macOS too


@dataclass(frozen=True)
class StagedFile:
    """Where to write now (`temp`, private, beside the target) and where it ends up (`final`)."""

    temp: Path
    final: Path


@contextlib.contextmanager
def staged_output(
    target: Path | str, workspace: Path | None, *, overwrite: bool
) -> Iterator[StagedFile]:
    """A private temporary file beside `target` to write; put in place when the block ends.

    If the block raises, or the file cannot be completed, the temporary file is removed and an
    existing target is left untouched; an OSError becomes an OutputRefused that says why.
    """
    final = check_target(target, workspace, overwrite=overwrite)
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=final.parent)
    except OSError as error:
        raise write_failed(final, error) from None
    os.close(fd)
    temp = Path(name)
    try:
        yield StagedFile(temp, final)
        _fsync_file(temp)
        _install(temp, final, overwrite=overwrite)
    except FileExistsError:
        _remove(temp)
        raise _exists(final) from None
    except OSError as error:
        _remove(temp)
        raise write_failed(final, error) from None
    except DiskProblem:
        # SQLite's words for the same thing (the backup's database copy is written here too):
        # it is about this file, not the workspace, whose own message would say "kept"
        _remove(temp)
        raise OutputRefused(
            N_(
                "Could not write {path}: the disk is full or cannot be written to. No existing "
                "file was changed."
            ),
            path=final,
        ) from None
    except BaseException:
        _remove(temp)
        raise
    with contextlib.suppress(OSError):  # some file systems (FAT sticks) cannot fsync a folder
        fsync_directory(final.parent)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def write_output(
    target: Path | str, data: bytes, workspace: Path | None, *, overwrite: bool
) -> Path:
    """Write `data` to `target` through `staged_output`; returns the path written."""
    with (
        staged_output(target, workspace, overwrite=overwrite) as staged,
        open(staged.temp, "wb") as handle,
    ):
        handle.write(data)
    return staged.final
