import pytest

from archive import read_document
from archive.textfile import decode_text, read_text

THAI = "ที่ นร ๐๕๐๕/ว ๕๐๐\nเรื่อง  ทดสอบการอ่านไฟล์\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620"])
def test_reads_each_encoding_used_in_thai_offices(tmp_path, encoding):
    path = tmp_path / "letter.txt"
    path.write_bytes(THAI.encode(encoding))
    assert read_text(path) == THAI


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(THAI.replace("\n", "\r\n").encode("cp874"))
    text = read_text(path)
    assert "\r" not in text
    assert text.splitlines()[1] == "เรื่อง  ทดสอบการอ่านไฟล์"


def test_undecodable_bytes_raise_a_clear_error_instead_of_guessing():
    junk = bytes(range(0x80, 0x100)) * 4  # not UTF-8; cp874 leaves 0xDB-0xDE, 0xFC-0xFF undefined
    with pytest.raises(ValueError, match="cannot decode"):
        decode_text(junk, "junk.txt")


def test_latin1_text_is_not_read_as_thai():
    with pytest.raises(ValueError):
        decode_text("Grüße aus Köln, ça va? ÿ".encode("latin-1"), "german.txt")


def test_reader_reports_undecodable_file_as_memo_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfd\xfc" * 10)
    memo = read_document(path)
    assert memo.error and "cannot decode" in memo.error
    assert memo.text is None


def test_cp874_letter_is_read_into_fields(tmp_path):
    from tests.archive.helpers import EXTERNAL_LETTER
    path = tmp_path / "นร0505-ว500.txt"
    path.write_bytes(EXTERNAL_LETTER.replace("\n", "\r\n").encode("cp874"))
    memo = read_document(path, display_path="2563/10/นร0505-ว500.txt")
    assert memo.error is None
    assert memo.path == "2563/10/นร0505-ว500.txt"
    assert memo.ref_no == "นร 0505/ว 500"
    assert memo.date == "2020-10-22"
    assert memo.subject == "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงาน"


def test_a_binary_file_named_txt_is_a_failure_with_a_reason(tmp_path):
    nul = tmp_path / "a.txt"
    nul.write_bytes(b"\x7fELF\x02\x01\x00\x00" + "เรื่อง ทดสอบ".encode() * 20)
    memo = read_document(nul)
    assert memo.error and "NUL" in memo.error and memo.text is None
    controls = tmp_path / "b.txt"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6]) * 30 + "เรื่อง ทดสอบ".encode())
    assert "control codes" in read_document(controls).error


def test_a_text_with_a_stray_control_code_is_still_text(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(THAI.encode() * 5 + b"\x1a")  # DOS end-of-file mark
    assert read_document(path).ref_no == "นร 0505/ว 500"


def test_utf16_text_from_notepad_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(THAI.encode("utf-16"))
    assert read_text(path) == THAI


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp874"])
def test_only_the_beginning_of_a_huge_text_is_read_and_it_is_cut_at_a_line(tmp_path, encoding):
    from archive import read_text_of

    line = "ย่อหน้าการประชุมคณะกรรมการพิจารณางบประมาณ 😀\n" if encoding != "cp874" else \
        "ย่อหน้าการประชุมคณะกรรมการพิจารณางบประมาณ\n"
    path = tmp_path / "big.txt"
    path.write_bytes((THAI + line * 300_000).encode(encoding))  # 4 to 35 MB
    memo, raw = read_text_of(path)
    assert memo.error is None and memo.truncated
    assert raw.startswith(THAI) and len(raw) <= 500_000
    body = raw[len(THAI):] + "\n"
    assert body == line * (len(body) // len(line))  # whole lines only, none cut in two
    assert len(body) > 500_000 - 2 * len(line)


def test_a_cut_without_line_or_space_keeps_each_letter_with_its_marks():
    from archive.reader import cut_text

    text = "ที่นี่มีน้ำใจ" * 1000   # no space: cut where no mark is left behind
    for limit in range(3000, 3020):
        cut = cut_text(text, limit)
        assert len(cut) <= limit and text.startswith(cut)
        assert not text[len(cut)] in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
    spaced = "คำ " * 2000
    assert cut_text(spaced, 4000).endswith("คำ") and len(cut_text(spaced, 4000)) > 3990
    assert cut_text("สั้น", 10) == "สั้น"
