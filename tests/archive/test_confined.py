"""Only files of the archive are opened: links out of it are refused when listed and when
opened, on real files and links made in a temporary folder."""
import errno
import os
import threading

import pytest

from archive import confined, errors


@pytest.fixture
def tree(tmp_path):
    """(archive root, a file outside it): the outside file holds what must never be read."""
    root = tmp_path / "archive"
    (root / "2563").mkdir(parents=True)
    (root / "2563" / "letter.txt").write_text("ที่ นร ๐๕๐๕/ว ๑\nเรื่อง ทดสอบ\n", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET OUTSIDE", encoding="utf-8")
    return confined.real_root(root), outside


def test_what_each_name_is(tree, tmp_path):
    root, outside = tree
    letter = root / "2563" / "letter.txt"
    (root / "in.txt").symlink_to("2563/letter.txt")
    (root / "out.txt").symlink_to(outside)
    (root / "up.txt").symlink_to("../outside.txt")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "gone.txt").symlink_to("no-such.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "to-pipe.txt").symlink_to("pipe.txt")

    def kind(name):
        return confined.entry(root, root / name)

    assert kind("2563/letter.txt").kind == confined.FILE and kind("2563/letter.txt").link == ""
    inside = kind("in.txt")
    assert inside.kind == confined.LINK and inside.size == letter.stat().st_size and inside.link
    for name in ("out.txt", "up.txt"):
        assert (kind(name).kind, kind(name).problem) == (confined.REFUSED, confined.OUTSIDE)
        # the link's own size (its target's length), never the outside file's
        assert kind(name).size == os.lstat(root / name).st_size
    assert kind("loop.txt").problem == confined.LOOP
    assert kind("gone.txt").problem == confined.BROKEN
    assert kind("pipe.txt").kind == confined.SPECIAL
    assert kind("to-pipe.txt").kind == confined.SPECIAL


def test_a_link_has_a_new_identity_when_it_changes(tree):
    root, outside = tree
    link = root / "gone.txt"
    link.symlink_to("later.txt")
    dangling = confined.entry(root, link)
    assert dangling.problem == confined.BROKEN
    assert confined.entry(root, link) == dangling  # the same link: the same identity
    (root / "later.txt").write_text("ที่ นร ๐๕๐๕/ว ๒\n", encoding="utf-8")
    appeared = confined.entry(root, link)  # its target appeared: now a letter to read
    assert appeared.kind == confined.LINK and appeared.link != dangling.link
    link.unlink()
    link.symlink_to(outside)
    moved = confined.entry(root, link)
    assert moved.problem == confined.OUTSIDE and moved.link not in (dangling.link, appeared.link)


def test_open_inside_reads_letters_and_links_inside(tree):
    root, _ = tree
    (root / "in.txt").symlink_to("2563/letter.txt")
    for rel in ("2563/letter.txt", "in.txt"):
        with confined.open_inside(root, rel) as opened:
            assert "เรื่อง ทดสอบ".encode() in opened.file.read()
            assert opened.real == root / "2563" / "letter.txt"
            with confined.path_of(opened, "letter.txt") as path:
                assert path.name == "letter.txt"
                assert "เรื่อง ทดสอบ".encode() in path.read_bytes()


def test_open_inside_refuses_what_is_not_the_archives(tree):
    root, outside = tree
    (root / "out.txt").symlink_to(outside)
    (root / "sub").symlink_to(outside.parent)  # a folder link: the file is outside too
    os.mkfifo(root / "pipe.txt")
    for rel in ("out.txt", "sub/outside.txt", "../outside.txt"):
        with pytest.raises(confined.Refused, match=confined.OUTSIDE):
            confined.open_inside(root, rel)
    with pytest.raises(confined.Refused, match=confined.NOT_REGULAR):
        confined.open_inside(root, "pipe.txt")  # at once: the open does not wait for a writer
    with pytest.raises(errors.Vanished) as gone:  # deleted since it was listed
        confined.open_inside(root, "2563/none.txt")
    assert isinstance(gone.value, FileNotFoundError)  # what callers that only ask OSError see


def test_a_file_that_may_not_be_read_is_denied(tree, monkeypatch):
    root, _ = tree
    real_open = os.open

    def refusing(path, *args, **kwargs):  # as root, chmod would not take the right away
        if str(path).endswith("letter.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(errors.Denied, match="^cannot read: permission denied$") as denied:
        confined.open_inside(root, "2563/letter.txt")
    assert isinstance(denied.value, PermissionError)


def test_a_link_swapped_after_listing_is_refused_when_opened(tree):
    root, outside = tree
    link = root / "in.txt"
    link.symlink_to("2563/letter.txt")
    assert confined.entry(root, link).kind == confined.LINK   # listed as a letter inside
    link.unlink()
    link.symlink_to(outside)                                  # swapped before it is read
    with pytest.raises(confined.Refused, match=confined.OUTSIDE):
        confined.open_inside(root, "in.txt")


def test_a_name_swapped_back_and_forth_never_reads_outside(tree):
    """A link flipped between a letter inside and a file outside while it is opened and
    read, again and again: what is read is the letter or a refusal, never the outside."""
    root, outside = tree
    link = root / "flip.txt"
    link.symlink_to("2563/letter.txt")
    inside_tmp, outside_tmp = root / ".in", root / ".out"
    stop = threading.Event()

    def flip():
        while not stop.is_set():
            for target, tmp in (("2563/letter.txt", inside_tmp), (str(outside), outside_tmp)):
                try:
                    os.symlink(target, tmp)
                    os.replace(tmp, link)
                except FileExistsError:
                    pass

    flipper = threading.Thread(target=flip)
    flipper.start()
    reads = refused = 0
    try:
        for _ in range(3000):
            try:
                with confined.open_inside(root, "flip.txt") as opened:
                    with confined.path_of(opened, "flip.txt") as path:
                        data = opened.file.read() + path.read_bytes()
            except confined.Refused:
                refused += 1
                continue
            except FileNotFoundError:
                continue
            assert b"SECRET" not in data
            reads += 1
    finally:
        stop.set()
        flipper.join()
    assert reads and refused  # both happened: the race was real
