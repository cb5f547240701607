"""Files of the archive, and only those: what a name in the archive folder is, and opening
it only when what is opened lies inside the archive root.

Whoever may drop a file in the shared folder may drop a link: `ln -s /etc/passwd
passwd.txt` would put that file in the index, its snippets and its page for anyone who can
search, read with the rights of the reindex (cron often runs it as root). So a link is a
file of the archive only when its real target lies inside the root, and that is checked
again on the file actually opened, not only when the folder is listed: a link (or a
folder) swapped between listing and opening is refused too. Folder links are never
followed (the walk does not descend into them).
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import Denied, Refused, Swapped, Vanished

# Why a name is refused (Entry.problem, Refused's message).
OUTSIDE = "link points outside the archive"
BROKEN = "broken link: its target does not exist"
LOOP = "link loop: the link leads back to itself"
NOT_REGULAR = "not a regular file"

# What the walk may find under a name (`kind` of Entry).
FILE, LINK, REFUSED, SPECIAL = "file", "link", "refused", "special"


@dataclass(frozen=True)
class Entry:
    """One name in the archive folder, as listed (nothing is opened)."""
    kind: str      # FILE, LINK (to a regular file inside), REFUSED (why in `problem`), SPECIAL
    size: int      # of the file read; of the link itself when refused
    mtime_ns: int
    # Identity of a link: its own inode, time and target, and what it led to. It changes
    # when the link is replaced or its target appears, vanishes or leaves the archive, so a
    # refused link is named once and again only when it changes. "" for a plain file.
    link: str = ""
    problem: str | None = None


def real_root(root: Path | str) -> Path:
    return Path(os.path.realpath(root))


def is_inside(root: Path, real: Path | str) -> bool:
    """`real` (a resolved path) is `root` (resolved) or below it."""
    return Path(real).is_relative_to(root)


def entry(root: Path, full: Path) -> Entry:
    """What `full` is, from its own status and, for a link, where it resolves; a link's
    target is looked at only when it lies inside `root` (resolved). Raises OSError when the
    name vanished meanwhile."""
    own = os.lstat(full)
    if stat.S_ISREG(own.st_mode):
        return Entry(FILE, own.st_size, own.st_mtime_ns)
    if not stat.S_ISLNK(own.st_mode):
        return Entry(SPECIAL, own.st_size, own.st_mtime_ns)
    target = os.readlink(full)

    def refused(problem: str) -> Entry:
        return Entry(REFUSED, own.st_size, own.st_mtime_ns, _identity(own, target, problem), problem)

    if not is_inside(root, os.path.realpath(full)):
        return refused(OUTSIDE)
    try:
        st = os.stat(full)
    except OSError as exc:
        return refused(LOOP if exc.errno == errno.ELOOP else
                       BROKEN if exc.errno in (errno.ENOENT, errno.ENOTDIR) else
                       f"cannot read: {exc.strerror}")
    if not stat.S_ISREG(st.st_mode):
        return Entry(SPECIAL, st.st_size, st.st_mtime_ns)
    return Entry(LINK, st.st_size, st.st_mtime_ns, _identity(own, target, LINK))


def _identity(own: os.stat_result, target: str, what: str) -> str:
    raw = f"{own.st_ino}\0{own.st_mtime_ns}\0{target}\0{what}".encode("utf-8", "surrogateescape")
    return hashlib.sha1(raw).hexdigest()[:16]


@dataclass
class Opened:
    """A file of the archive, open; use as a context manager (or close `file`)."""
    file: BinaryIO
    stat: os.stat_result
    real: Path  # its real path, inside the root

    def __enter__(self) -> "Opened":
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()


def open_inside(root: Path | str, rel: str) -> Opened:
    """`root/rel` opened for reading (binary), only if it is a regular file whose real path
    lies inside `root`; Refused otherwise (Swapped: replaced while being opened). Vanished
    when it was deleted meanwhile, Denied when it may not be read (archive.errors: both
    are the OSError open() gave); any other OSError as open() gives it."""
    root = real_root(root)
    full = Path(root, rel)
    real = os.path.realpath(full)
    if not is_inside(root, real):
        raise Refused(OUTSIDE)
    # No link is followed at the last step (the real path's last part is no link unless
    # it was swapped for one just now), and a FIFO does not block the open.
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except FileNotFoundError as exc:
        raise Vanished() from exc
    except PermissionError as exc:
        raise Denied() from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Swapped() from exc
        raise
    fh = os.fdopen(fd, "rb")
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise Refused(NOT_REGULAR)
        # What was opened must be the very file that the name resolves to now, inside the
        # root: a folder on the way swapped for a link between the check and the open
        # fails here, whatever is done to the names afterwards.
        again = os.path.realpath(full)
        try:
            now = os.stat(again, follow_symlinks=False)
        except OSError as exc:
            raise Swapped() from exc
        if not is_inside(root, again) or (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino):
            raise Swapped()
    except BaseException:
        fh.close()
        raise
    return Opened(fh, opened, Path(real))


@contextmanager
def path_of(opened: Opened, name: str) -> Iterator[Path]:
    """A path ending in `name` (the name listed: readers go by its suffix) that opens
    exactly the file `opened` holds, for the readers that take a path (pdfminer, Pillow,
    python-docx, antiword), so that none of them opens the name in the archive again. A link in a private folder to
    /proc/<pid>/fd/<n>, which the kernel resolves to the open file itself, whatever is done
    to its name meanwhile; the real path where there is no /proc (checked, but then
    opened once more by name)."""
    proc = Path(f"/proc/{os.getpid()}/fd/{opened.file.fileno()}")
    if not proc.exists():
        yield opened.real
        return
    with tempfile.TemporaryDirectory(prefix="saraban-read-") as tmp:
        link = Path(tmp, name)
        os.symlink(proc, link)
        yield link
