"""The reasons a file cannot be read, as clerks read them in reindex's log and
`saraban extract` (docs/interface.md), and what each is besides."""
import pytest

from archive import confined, errors


def test_each_reason_reads_as_clerks_see_it():
    assert str(errors.Denied()) == "cannot read: permission denied"
    assert str(errors.Swapped()) == "the file was replaced while it was being opened"
    assert str(errors.Refused(confined.OUTSIDE)) == "link points outside the archive"
    assert str(errors.TooLarge("PDF")) == "PDF content too large to read safely"
    assert str(errors.TooLarge("Word file", " (3,000 MB unpacked): a.docx")) == (
        "Word file content too large to read safely (3,000 MB unpacked): a.docx")


@pytest.mark.parametrize("error, also", [
    (errors.Vanished(), FileNotFoundError), (errors.Denied(), PermissionError),
    (errors.TooLarge("PDF"), ValueError), (errors.Swapped(), errors.Refused)])
def test_each_is_a_read_error_and_what_callers_already_catch(error, also):
    assert isinstance(error, errors.ReadError) and isinstance(error, also)
    assert confined.Refused is errors.Refused
