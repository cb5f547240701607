"""Why a file of the archive could not be read: one class for each reason that some code
handles differently, so that callers decide by type and never by a message's text.
str(error) is the reason in a clerk's words, as `saraban reindex` names the file and
`saraban extract` prints it (docs/interface.md): change none of these texts lightly.

The classes raised in place of an OSError are also that OSError (Vanished is a
FileNotFoundError, Denied a PermissionError), so a caller that only asks whether the file
could be opened (`except OSError`) need not know them."""
from __future__ import annotations


class ReadError(Exception):
    """A file that could not be read. A subclass with one reason has it as `message`."""
    message = "cannot read the file"

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)


class Refused(ReadError):
    """Not one of the archive's files (a link out of it, not a regular file): never read,
    never served (the message says why, archive.confined)."""


class Swapped(Refused):
    """The name was replaced (by a link, or a folder on the way) between the check and the
    open: refused now, and whatever it became is looked at by the next reindex."""
    message = "the file was replaced while it was being opened"


class Vanished(ReadError, FileNotFoundError):
    """Deleted between the listing and the opening: the next reindex removes it."""
    message = "the file was deleted while it was being opened"


class Denied(ReadError, PermissionError):
    """The reindex may not read it (file permissions)."""
    message = "cannot read: permission denied"


class TooLarge(ReadError, ValueError):
    """A bomb: content that would inflate past what a reader may use (a PDF stream, a zip
    part). `what` is what a clerk calls the file ("PDF", "Word file"); `more` follows the
    reason (how large, the file's name)."""

    def __init__(self, what: str, more: str = ""):
        super().__init__(f"{what} content too large to read safely{more}")
