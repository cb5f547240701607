"""Thai puts no space between words: a line wrapped inside a word must not lose it."""
from archive import read_document
from archive.thaitext import join_wrapped_words

LETTER = """ที่ นร ๐๕๐๕/ว ๕๐๐
เรื่อง  มาตรการฟื้นฟูเศรษฐกิจ
เรียน  ผู้ว่าราชการจังหวัด ทุกจังหวัด
          ด้วยคณะรัฐมนตรีมีมติให้ส่วนราชการรายงานปัญหาอุป
สรรคในการดำเนินโครงการ เพื่อฟื้นฟูเศรษฐกิจของประ
เทศ ภายในวันที่ ๓๑ ตุลาคม ๒๕๖๓
          จึงเรียนมาเพื่อโปรดทราบ
"""


def test_a_line_break_inside_a_word_is_read_across():
    joined = join_wrapped_words("ปัญหาอุป\nสรรค เศรษฐกิจของประ\nเทศ")
    assert joined == "ปัญหาอุปสรรค เศรษฐกิจของประเทศ"


def test_a_line_break_between_words_stays():
    for text in ("จึงเรียนมาเพื่อโปรดทราบ\nและดำเนินการ", "ลงวันที่\n๒๒ ตุลาคม", "ทุกจังหวัด\nด้วยคณะรัฐมนตรี",
                 "ขอแสดงความนับถือ\n(นายสมชาย ใจดี)", "ของ\n          ประเทศ"):
        assert join_wrapped_words(text) == text


def test_a_letter_read_from_a_file_has_its_wrapped_words_whole(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    memo = read_document(path)
    assert "อุปสรรค" in memo.text and "เศรษฐกิจของประเทศ" in memo.text
    assert memo.subject == "มาตรการฟื้นฟูเศรษฐกิจ" and memo.ref_no == "นร 0505/ว 500"
    assert memo.recipient == "ผู้ว่าราชการจังหวัด ทุกจังหวัด"
    assert "จึงเรียนมาเพื่อโปรดทราบ" in memo.text.splitlines()[-1]


def test_wrapped_words_are_found_marked_and_shown(tmp_path, build_index):
    from index import search

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "letter.txt").write_text(LETTER, encoding="utf-8")
    index = build_index(archive)
    found = search(index, "อุปสรรค")
    assert found.total == 1 and "<mark>อุปสรรค</mark>" in found.hits[0]["snippet"]
    phrase = search(index, '"เศรษฐกิจของประเทศ"')
    assert phrase.total == 1 and "<mark>เศรษฐกิจของประเทศ</mark>" in phrase.hits[0]["snippet"]


def test_a_pdf_line_that_ends_inside_a_word_is_read_across(tmp_path):
    from tests.archive.helpers import make_pdf

    # two short lines, each its own text line in the PDF: no layout rule joins them, the
    # words across the break do
    path = make_pdf(tmp_path / "wrap.pdf", ["เรื่อง  รายงานปัญหาและอุป", "สรรคของโครงการ",
                                            "ขอแสดงความนับถือ"])
    memo = read_document(path)
    assert memo.format == "pdf" and "อุปสรรค" in memo.text
