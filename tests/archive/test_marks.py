"""Tone marks lost by OCR, put back by the trained network (archive/data/mark_model.npz)."""
from __future__ import annotations

from archive import marks


def test_slots_find_each_consonant_and_its_mark():
    s = marks.slots("ที่ดิน ตั้ง")
    # ท ด น ต ง: the mark of ที่ and of ตั้ง sits after the upper vowel.
    assert list(s.label) == [1, 0, 0, 2, 0]
    assert list(s.insert_at) == [2, 5, 6, 9, 11]
    assert [s.mark_at[k] for k in (0, 3)] == [2, 9]


def test_marks_lost_by_ocr_come_back():
    assert marks.restore("ขอความรวมมือลดการใช้พลังงานในสวนราชการ") == "ขอความร่วมมือลดการใช้พลังงานในส่วนราชการ"
    assert marks.restore("มาตรการปองกันการแพรระบาดของโรคติดเชื้อ") == "มาตรการป้องกันการแพร่ระบาดของโรคติดเชื้อ"
    assert marks.restore("แต่งตังคณะทำงาน") == "แต่งตั้งคณะทำงาน"
    assert marks.restore("ภาษีทีดินและสิงปลูกสร้าง") == "ภาษีที่ดินและสิ่งปลูกสร้าง"


def test_a_mark_misread_as_another_is_put_right():
    assert marks.restore("มาตรการป่องกันการแพร่ระบาด") == "มาตรการป้องกันการแพร่ระบาด"


def test_correct_text_is_left_alone():
    text = ("ด้วยสำนักงานปลัดกระทรวงมหาดไทยขอความอนุเคราะห์ข้อมูลสถิติเพื่อจัดทำรายงาน "
            "จึงเรียนมาเพื่อโปรดพิจารณา ให้ความร่วมมือในการตอบแบบสอบถามภายในวันที่ ๑๕ มีนาคม ๒๕๖๗\n"
            "ขอแสดงความนับถือ\nสำนักงานสถิติแห่งชาติ โทร. 0 2141 7500 www.nso.go.th")
    assert marks.restore(text) == text


def test_text_without_thai_is_unchanged():
    assert marks.restore("") == ""
    assert marks.restore("Tel. 0 2141 7500 (COVID-19)") == "Tel. 0 2141 7500 (COVID-19)"


def test_a_word_wrapped_across_lines_is_read_whole():
    assert marks.restore("ส่วนบุคคลสำหรับหน่\nวยงานภาครัฐ") == "ส่วนบุคคลสำหรับหน่\nวยงานภาครัฐ"
    assert marks.restore("ขอความรวม\nมือในการตอบแบบสอบถาม") == "ขอความร่วม\nมือในการตอบแบบสอบถาม"
