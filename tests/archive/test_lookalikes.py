"""Look-alike consonants read wrong by OCR, told apart by the trained network
(archive/data/lookalike_model.npz)."""
from __future__ import annotations

from archive import lookalikes


def test_the_consonant_is_hidden_behind_its_pair():
    win, read, at = lookalikes.examples("ป้องกัน บ้าน")
    # ป, บ, and น (no look-alike) is left out.
    assert list(at) == [0, 8]
    assert list(read) == [1, 0]
    mid = win.shape[1] // 2
    assert win[0, mid] == win[1, mid] == lookalikes.PAIR_CODE[lookalikes.code("ป")]


def test_misread_lookalikes_are_put_right():
    assert lookalikes.correct("แต่งตั้งคณะทำงานบ้องกันและแก้ไขปัญหายาเสพติด") == \
        "แต่งตั้งคณะทำงานป้องกันและแก้ไขปัญหายาเสพติด"
    assert lookalikes.correct("การจัดซื้อจัดจ้างภาครัฐ ขอความร่วมมือตอบแบบสอบถาม") == \
        "การจัดซื้อจัดจ้างภาครัฐ ขอความร่วมมือตอบแบบสอบถาม"


def test_correct_text_and_names_are_left_alone():
    text = ("ด้วยกรมบัญชีกลางได้ปรับปรุงหลักเกณฑ์การเบิกจ่ายเงินงบประมาณ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ "
            "จึงขอให้ส่วนราชการดำเนินการตามแนวทางดังกล่าวต่อไป ขอแสดงความนับถือ")
    assert lookalikes.correct(text) == text
    # A surname may be spelt any way: it is never changed.
    assert lookalikes.correct("(นายสมชาย บ้องกัน)") == "(นายสมชาย บ้องกัน)"
