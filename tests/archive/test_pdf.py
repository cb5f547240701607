import pytest

from archive import read_document
from archive.pdf import read_pdf
from tests.archive.helpers import make_image_pdf, make_pdf

HEADER = [
    "ที่ มท ๐๘๑๐.๗/ว ๑๒๙๖",
    "กรมส่งเสริมการปกครองท้องถิ่น",
    "๑๖ กุมภาพันธ์ ๒๕๕๕",
    "เรื่อง  การรับนักเรียน ปีการศึกษา ๒๕๕๕",
    "เรียน  อธิบดีกรมโยธาธิการและผังเมือง",
]


def test_thai_text_keeps_mark_order_and_header_lines(tmp_path):
    path = make_pdf(tmp_path / "letter.pdf", HEADER + ["ขอแสดงความนับถือ"])
    text, pages, needs_ocr, _ = read_pdf(path)
    assert pages == 1 and not needs_ocr
    lines = text.splitlines()
    # pdfminer's default layout analysis would split ที่ into ที / ่ on separate lines
    assert lines[:5] == HEADER
    assert "(cid:" not in text


def test_wrapped_paragraph_is_joined_into_one_line(tmp_path):
    para = ("ด้วยกระทรวงศึกษาธิการได้ประกาศกำหนดวันเปิดภาคเรียนที่ ๑ ปีการศึกษา ๒๕๕๕ "
            "ของสถานศึกษาสังกัดสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน ในวันที่ ๖ มีนาคม ๒๕๕๕ "
            "ขอให้รายงานข้อมูลจำนวนนักเรียนรายบุคคลผ่านระบบจัดเก็บข้อมูลนักเรียน")
    path = make_pdf(tmp_path / "wrap.pdf", ["เรื่อง  ทดสอบ", para, "ขอแสดงความนับถือ"])
    lines = read_pdf(path)[0].splitlines()
    assert len(lines) == 3
    assert lines[1].replace(" ", "") == para.replace(" ", "")


def test_actual_text_replaces_the_glyphs_it_covers(tmp_path):
    # LibreOffice draws SARA AM with glyphs whose only Unicode mapping is /ActualText.
    path = make_pdf(tmp_path / "actual.pdf", ["กรม", "X"], actual_text={1: "ำ"})
    text = read_pdf(path)[0]
    assert text.splitlines() == ["กรม", "ำ"]


def test_scan_without_text_layer_waits_for_ocr(tmp_path):
    path = make_image_pdf(tmp_path / "scan.pdf", pages=2)
    text, pages, needs_ocr, _ = read_pdf(path, ocr=False)
    assert (text, pages, needs_ocr) == (None, 2, True)
    memo = read_document(path, ocr=False)
    assert memo.needs_ocr and memo.text is None and memo.error is None
    assert memo.format == "scan"


def test_corrupt_pdf_gives_one_line_reason(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    memo = read_document(path)
    assert memo.error and "\n" not in memo.error
    assert "broken.pdf" in memo.error


def test_encrypted_pdf_is_reported_as_encrypted(tmp_path):
    path = make_pdf(tmp_path / "secret.pdf", HEADER, encrypt="user-pass")
    with pytest.raises(ValueError, match="encrypted"):
        read_pdf(path)


def test_pdf_letter_fields(tmp_path):
    path = make_pdf(tmp_path / "letter.pdf", HEADER + ["ขอแสดงความนับถือ"])
    memo = read_document(path)
    assert memo.format == "pdf"
    assert memo.ref_no == "มท 0810.7/ว 1296"
    assert memo.sender == "กรมส่งเสริมการปกครองท้องถิ่น"
    assert memo.date == "2012-02-16"
    assert memo.recipient == "อธิบดีกรมโยธาธิการและผังเมือง"


def test_subject_wrapped_under_its_label_is_one_value(tmp_path):
    """A subject too long for one line continues under its start (hanging indent); the
    break inside Thai text needs no space, a break at a space keeps one."""
    from fpdf import FPDF

    from tests.archive.helpers import thai_font

    words = ["การ", "ประชาสัมพันธ์", "เผยแพร่", "ผลงาน", "ของ", "หน่วยงาน", "และ", "ของ", "รัฐบาล",
             "ประจำปี", "งบประมาณ", "ตาม", "มติ", "คณะรัฐมนตรี", "เกี่ยวกับ", "การ", "สื่อสาร", "ภาครัฐ"]
    pdf = FPDF()
    pdf.add_font("thai", fname=str(thai_font()))
    pdf.set_font("thai", size=16)
    pdf.add_page()
    label = "เรื่อง  "
    room = pdf.epw - pdf.get_string_width(label)
    k = max(i for i in range(1, len(words)) if pdf.get_string_width("".join(words[:i])) <= room)
    first, rest = "".join(words[:k]), "".join(words[k:])
    pdf.cell(text=label + first, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + pdf.get_string_width(label))
    pdf.cell(text=rest, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(text="เรียน  อธิบดีกรมประชาสัมพันธ์", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "hanging.pdf"
    pdf.output(str(path))
    memo = read_document(path)
    assert memo.subject == "".join(words)
    assert memo.recipient == "อธิบดีกรมประชาสัมพันธ์"


def test_subject_wrapped_at_a_space_keeps_the_space(tmp_path):
    """fpdf2 breaks only at spaces: the room left on the first line would have held the
    next line's first word, so the break was a space."""
    from fpdf import FPDF

    from tests.archive.helpers import thai_font

    pdf = FPDF()
    pdf.add_font("thai", fname=str(thai_font()))
    pdf.set_font("thai", size=16)
    tail = "ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์"
    words = ["ประกวด", "ราคา", "จ้าง", "ก่อสร้าง", "อาคาร", "สำนักงาน", "ศูนย์", "ราชการ", "จังหวัด",
             "เชียงใหม่", "ระยะ", "ที่", "สอง", "ของ", "โครงการ", "พัฒนา"]
    need = pdf.get_string_width("ด้วย") * 2
    k = max(i for i in range(1, len(words))
            if pdf.epw - pdf.get_string_width("เรื่อง  " + "".join(words[:i])) > need)
    subject = "".join(words[:k]) + " " + tail
    path = make_pdf(tmp_path / "space.pdf", ["เรื่อง  " + subject, "เรียน  อธิบดีกรมบัญชีกลาง"])
    lines = read_pdf(path)[0].splitlines()
    assert len(lines) == 2  # the wrapped subject is rejoined
    assert read_document(path).subject == subject
