"""Common variations of the สารบรรณ forms that the bundled corpus does not print: a number on
an order's title line, dates written with their words, the reference number sharing its line
with the agency or the date, labels with a colon, and the same as a real PDF whose lines
wrap. (scripts/corpus_layouts.py generates whole letters like these for eval_extraction.)"""
import pytest

from archive import read_document
from tests.archive.helpers import make_pdf
from tests.archive.test_fields import parse

BODY = "ด้วยกรมได้กำหนดแนวทางการดำเนินงาน จึงขอให้หน่วยงานดำเนินการต่อไป"


@pytest.mark.parametrize("title, number", [
    ("คำสั่งกระทรวงมหาดไทย ที่ ๑๕๔/๒๕๕๕", ("154/2555", "๑๕๔/๒๕๕๕")),
    ("ประกาศกรมการปกครอง ที่ 62/2556", ("62/2556", "62/2556")),
    ("คำสั่งจังหวัดเลย ที่ : ๘๘/๒๕๖๔", ("88/2564", "๘๘/๒๕๖๔")),
])
def test_a_number_on_the_title_line(title, number):
    m = parse(f"{title}\nเรื่อง  แต่งตั้งคณะทำงาน\n-------------\n{BODY}\n"
              "สั่ง ณ วันที่ ๓ เดือน มีนาคม พ.ศ. ๒๕๖๕\n\n(นายสมชาย ใจดี)\nปลัดกระทรวง\n")
    assert (m.ref_no, m.ref_no_raw) == number
    assert m.subject == "แต่งตั้งคณะทำงาน"
    assert (m.date, m.date_raw) == ("2022-03-03", "๓ เดือน มีนาคม พ.ศ. ๒๕๖๕")


def test_an_order_cited_in_the_body_is_not_its_number():
    m = parse("คำสั่งกรมบัญชีกลาง\nเรื่อง  ยกเลิกคำสั่ง\n-----------\n"
              "ตามคำสั่งกรมบัญชีกลาง ที่ ๑๒/๒๕๖๐ ลงวันที่ ๑ มกราคม ๒๕๖๐ นั้น\n"
              "สั่ง ณ วันที่ ๕ มกราคม ๒๕๖๕\n")
    assert m.ref_no is None and m.date == "2022-01-05"


@pytest.mark.parametrize("date_line", [
    "ลงวันที่ ๒๗ เดือน มกราคม พ.ศ. ๒๕๖๕",
    "วันที่ ๒๗ เดือนมกราคม ๒๕๖๕",
    "วันที่ : 27 มกราคม 2565",
    "ณ วันที่ ๒๗ ม.ค. ๖๕",
])
def test_a_labelled_date_under_the_letterhead(date_line):
    m = parse(f"ที่ กค ๐๔๐๒.๔/ว ๑๒\t\tกรมบัญชีกลาง\n      ถนนพระรามที่ ๖ กรุงเทพฯ ๑๐๔๐๐\n"
              f"                 {date_line}\nเรื่อง : การเบิกจ่ายเงิน\nเรียน : ผู้ว่าราชการจังหวัด ทุกจังหวัด\n"
              f"{BODY}\nขอแสดงความนับถือ\n")
    assert m.date == "2022-01-27"
    assert (m.ref_no, m.sender) == ("กค 0402.4/ว 12", "กรมบัญชีกลาง")
    assert m.subject == "การเบิกจ่ายเงิน" and m.recipient == "ผู้ว่าราชการจังหวัด ทุกจังหวัด"


def test_a_date_inside_a_sentence_of_the_header_is_not_the_letters():
    m = parse("ที่ กค ๐๔๐๒.๔/ว ๑๒\nกรมบัญชีกลาง\nขอเชิญประชุมในวันที่ ๓๑ มีนาคม ๒๕๖๕\n"
              "๒๗ มกราคม ๒๕๖๕\nเรื่อง  การประชุม\nเรียน  อธิบดี\n" + BODY)
    assert m.date == "2022-01-27"


def test_the_date_beside_the_reference_number_in_a_letter():
    m = parse("ที่ มท ๐๖๒๔/๒๗๑๑          วันที่ ๒๕ ธันวาคม ๒๕๕๕\n          กรมป้องกันและบรรเทาสาธารณภัย\n"
              "เรื่อง : มาตรการป้องกันฝุ่นละออง\nเรียน : ผู้ว่าราชการจังหวัด\n" + BODY)
    assert (m.ref_no, m.date) == ("มท 0624/2711", "2012-12-25")
    assert m.subject == "มาตรการป้องกันฝุ่นละออง"


def test_a_memo_with_colons_and_the_year_wrapped():
    m = parse("บันทึกข้อความ\nส่วนราชการ : กองคลัง กรมบัญชีกลาง โทร. ๐ ๒๑๒๗ ๗๐๐๐\n"
              "ที่ : กค ๐๔๐๒.๔/๒๘๙๔  วันที่ : ๑๕ เดือน กรกฎาคม พ.ศ.\n๒๕๖๗\n"
              "เรื่อง : การตรวจสอบคุณสมบัติ\nเรียน : อธิบดีกรมบัญชีกลาง\n" + BODY)
    assert m.kind == "บันทึกข้อความ"
    assert (m.ref_no, m.date) == ("กค 0402.4/2894", "2024-07-15")
    assert m.subject == "การตรวจสอบคุณสมบัติ" and m.recipient == "อธิบดีกรมบัญชีกลาง"


def test_a_look_alike_in_an_urgency_mark():
    assert parse("ด่วนฑี่สุด\nที่ สธ ๐๒๑๑.๒/๒๒๕๔\n" + BODY).urgency == "ด่วนที่สุด"


def test_an_order_pdf_whose_title_wraps_after_its_label(tmp_path):
    pdf = make_pdf(tmp_path / "order.pdf", [
        "คำสั่งสำนักเลขาธิการคณะรัฐมนตรี ที่", "๑๑/๒๕๕๖", "เรื่อง  แต่งตั้งคณะกรรมการบริหารความเสี่ยง",
        "--------------------", BODY, "สั่ง ณ วันที่ ๑๔ มกราคม ๒๕๕๖", "(นายสมชาย ใจดี)",
        "เลขาธิการคณะรัฐมนตรี"])
    memo = read_document(pdf, display_path="order.pdf")
    assert memo.error is None
    assert (memo.kind, memo.ref_no, memo.date) == ("คำสั่ง", "11/2556", "2013-01-14")
    assert memo.sender == "สำนักเลขาธิการคณะรัฐมนตรี"


@pytest.mark.parametrize("title, about", [
    ("ระเบียบกระทรวงการคลัง\nว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ\nพ.ศ. ๒๕๖๐",
     "ว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐"),
    ("ระเบียบสำนักนายกรัฐมนตรี ว่าด้วยงานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔",
     "ว่าด้วยงานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔"),
    ("ระเบียบจังหวัดชลบุรี\nว่าด้วยการประกวดราคาจ้างก่อสร้าง\nด้วยวิธีประกวดราคาอิเล็กทรอนิกส์\nพ.ศ. ๒๕๕๖",
     "ว่าด้วยการประกวดราคาจ้างก่อสร้างด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ พ.ศ. ๒๕๕๖"),
])
def test_a_regulation_is_about_what_its_title_says(title, about):
    m = parse(f"{title}\n----------------\nโดยที่เป็นการสมควรปรับปรุงระเบียบ\n"
              "ประกาศ ณ วันที่ ๒๓ สิงหาคม พ.ศ. ๒๕๖๐\n")
    assert (m.kind, m.subject, m.ref_no) == ("ระเบียบ", about, None)
    assert m.date == "2017-08-23"


@pytest.mark.parametrize("label", ["เลขรับ", "เลขที่รับ", "เลขทะเบียนรับ", "รับที่"])
def test_a_receiving_stamp_under_any_of_its_labels_is_read_and_searched(label, tmp_path):
    from index import FileState, IndexUpdater, search

    m = parse(f"ที่ นร ๐๕๐๕/ว ๕๐๐\nกรมบัญชีกลาง\n{label} ๑๒๓\nวันที่ ๒ ม.ค. ๒๕๖๕\nเวลา ๙.๑๐ น.\n"
              f"๒๗ ธันวาคม ๒๕๖๔\nเรื่อง  การประชุม\nเรียน  อธิบดี\n{BODY}")
    assert (m.received_no, m.received_date, m.date) == ("123", "2022-01-02", "2021-12-27")
    record = {"path": "a.txt", "kind": "หนังสือภายนอก", "stamps": [{"no": "123", "date": "2022-01-02"}],
              "received_no": "123", "cites": [], "enclosures": [], "format": "txt",
              "subject": "การประชุม", "text": BODY}
    with IndexUpdater(tmp_path / "index") as up:
        up.put(record, "d1", FileState(1, 1, "s", "ok", "1"))
    assert [h["path"] for h in search(tmp_path / "index", f"{label} 123").hits] == ["a.txt"]
