"""A letter's title: what a person calls it, never its file name."""
from archive import Memo, read_document
from archive.fields import NO_TEXT_TITLE, TITLE_MAX_CHARS, title_of

STAMPED = """ด่วน
ที่ ชม 0017.5/ว 15
ถึง  นายกองค์การบริหารส่วนจังหวัดเชียงใหม่ และนายอำเภอ ทุกอำเภอ
          ด้วยในช่วงที่ผ่านมาได้เกิดเหตุอัคคีภัยในอาคารของหน่วยงานภาครัฐหลายแห่ง ทำให้ทรัพย์สินของทางราชการได้รับความเสียหาย
          จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการต่อไป

                                          ศาลากลางจังหวัดเชียงใหม่
                                             16 มกราคม 2561
"""


def test_a_letter_with_a_subject_is_called_by_it(tmp_path):
    from tests.archive.helpers import EXTERNAL_LETTER
    path = tmp_path / "นร0505-ว500.txt"
    path.write_text(EXTERNAL_LETTER, encoding="utf-8")
    memo = read_document(path)
    assert memo.title == memo.subject == "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงาน"


def test_a_stamped_letter_is_called_by_the_opening_of_its_body(tmp_path):
    path = tmp_path / "memo_2018-01-16_0139.txt"
    path.write_text(STAMPED, encoding="utf-8")
    memo = read_document(path)
    assert memo.subject is None and memo.kind == "หนังสือประทับตรา"
    assert memo.title.startswith("ด้วยในช่วงที่ผ่านมาได้เกิดเหตุอัคคีภัย")
    assert memo.title.endswith("…") and len(memo.title) <= TITLE_MAX_CHARS + 1
    assert "memo_" not in memo.title and "ชม 0017" not in memo.title


def test_a_title_set_on_short_lines_is_joined_and_a_running_head_skipped():
    text = ("เล่ม ๑๓๖ ตอนที่ ๖๙ ก ราชกิจจานุเบกษา ๒๗ พฤษภาคม ๒๕๖๒\n\n"
            "พระราชบัญญัติ\nคุ้มครองข้อมูลส่วนบุคคล\nพ.ศ. ๒๕๖๒\n\nพระบาทสมเด็จพระเจ้าอยู่หัว\n")
    assert title_of(Memo(path="x.pdf", text=text)) == "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล"


def test_a_scan_without_text_and_a_letter_without_words_get_titles_not_file_names():
    assert title_of(Memo(path="SCAN0126.pdf", format="scan", needs_ocr=True)) == NO_TEXT_TITLE
    bare = Memo(path="x/doc00058.txt", kind="หนังสือประทับตรา", ref_no="มท 0810.1/ว 34",
                text="ที่ มท 0810.1/ว 34\n๗ กุมภาพันธ์ ๒๕๖๑\n")
    assert title_of(bare) == "หนังสือประทับตรา ที่ มท 0810.1/ว 34"
