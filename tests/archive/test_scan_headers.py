"""Header fields of scanned letters as OCR leaves them (the text below is what Tesseract gave
for real scans, names of people left out): when a field is unsure it stays empty rather
than wrong, and OCR's debris does not end up in a value."""
from tests.archive.test_fields import parse

BODY = "ด้วยหลักสูตรได้เปิดสอนรายวิชาโครงงาน จึงเรียนมาเพื่อโปรดพิจารณา"


def faculty_letter(number: str) -> str:
    """A university faculty's letter as dula_03 prints it, its number as OCR read it."""
    return (f"ที่  อว ๘๑๑๕.๑ /{number}                                  คณะวิทยาศาสตร์การกีฬา\n"
            "มหาวิทยาลัยบูรพา\n\nต.แสนสุข อ.เมือง จ.ชลบุรี ๒๐๑๓๑\n"
            "๙ กันยายน ๒๕๖๕\nเรื่อง   ขอความอนุเคราะห์ผู้เชี่ยวชาญตรวจสอบเครื่องมือวิจัย\n"
            "เรียน คณบดีคณะวิทยาศาสตร์และเทคโนโลยี\n" + BODY)


def test_an_office_and_the_university_below_it_are_the_sender():
    m = parse(faculty_letter("๐๑๗๔"))
    assert m.sender == "คณะวิทยาศาสตร์การกีฬา มหาวิทยาลัยบูรพา"
    assert m.sender_code == "อว 8115"    # the filter by the university still finds it
    assert (m.ref_no, m.date) == ("อว 8115.1/0174", "2022-09-09")


def test_a_letterhead_of_one_agency_stays_that_agency():
    m = parse("ที่ กค ๐๔๐๒.๔/ว ๑๒\nกรมบัญชีกลาง\nถนนพระรามที่ ๖ กรุงเทพฯ ๑๐๔๐๐\n๒๗ มกราคม ๒๕๖๕\n"
              "เรื่อง  การเบิกจ่าย\nเรียน  ผู้ว่าราชการจังหวัด ทุกจังหวัด\n" + BODY)
    assert m.sender == "กรมบัญชีกลาง"


def test_a_damaged_reference_number_is_left_empty_but_still_names_the_sender():
    m = parse(faculty_letter("๐๐.๗๔"))
    assert m.ref_no is None
    assert (m.sender_code, m.sender) == ("อว 8115", "คณะวิทยาศาสตร์การกีฬา มหาวิทยาลัยบูรพา")


def test_the_date_with_a_stamp_beside_it_and_a_garbled_addressee_label():
    m = parse("ที่ อว ๘๑๑๕.๑/๐๑๗๔\nมหาวิทยาลัยบูรพา\nต.แสนสุข อ.เมือง จ.ชลบุรี ๒๐๑๓๑\n"
              "๙ กันยายน ๒๕๖๕          ภาควิชาวิทยาศาสตร์ประยุกต์ ,\n"
              "เรื่อง   ขอความอนุเคราะห์ผู้เชี่ยวชาญ\n"
              "Seu คณบดีคณะวิทยาศาสตร์และเทคโนโลยี มหาวิทยาลัยราชภัฏเลย์\n"
              "สิ่งที่ส่งมาด้วย เครื่องมือวิจัย จำนวน ๒ ชุด\n" + BODY)
    assert m.date == "2022-09-09"
    assert m.recipient == "คณบดีคณะวิทยาศาสตร์และเทคโนโลยี มหาวิทยาลัยราชภัฏเลย"   # ์ was a speck


def test_junk_after_the_addressee_goes():
    m = parse("ที่ กษ ๐๓๒๗/๑๕๗๘\nกรมชลประทาน\nถนนสามเสน กทม. ๑๐๓๐๐\n๗ กันยายน ๒๕๖๕\n"
              "เรื่อง    ขอเรียนเชิญเข้าร่วมประชุม\n"
              "เรียน อธิการบดีมหาวิทยาลัยราชภัฏเลย         .  ล Bs  Rod    ab §\n" + BODY)
    assert m.recipient == "อธิการบดีมหาวิทยาลัยราชภัฏเลย"


def test_a_memo_that_names_the_faculty_before_its_branch():
    m = parse("บันทึกข้อความ\nส่วนราชการ คณะวิทยาศาสตร์และเทคโนโลยี สาชาวิชาสาธารณสุขศาสตร์ โทร ๔๔๑๑๓\n"
              "ที่ วท ๑๕๓๙   วันที่ ๙ กันยายน ๒๕๖๕\nเรื่อง ขออนุญาตปฏิบัติงานล่วงเวลาราชการ\n"
              "เรียน อธิการบดีมหาวิทยาลัยราชภัฏเลย\n" + BODY)
    assert (m.sender, m.owner_division) == ("คณะวิทยาศาสตร์และเทคโนโลยี", "สาชาวิชาสาธารณสุขศาสตร์")


def test_a_memo_that_names_the_division_before_its_department_is_unchanged():
    m = parse("บันทึกข้อความ\nส่วนราชการ กองคลัง กรมบัญชีกลาง โทร. ๐ ๒๑๒๗ ๗๐๐๐\n"
              "ที่ กค ๐๔๐๒.๔/๒๘๙๔  วันที่ ๑๕ กรกฎาคม ๒๕๖๗\nเรื่อง การตรวจสอบ\nเรียน อธิบดี\n" + BODY)
    assert (m.sender, m.owner_division) == ("กรมบัญชีกลาง", "กองคลัง")


def test_an_unknown_sender_loses_a_speck_read_as_a_final_dot():
    m = parse("บันทึกข้อความ\nส่วนราชการ มหาวิทยาลัยราชภัฏเลย์.\nที่ วท ๑๐๑๙  วันที่ ๗ กันยายน ๒๕๖๕\n"
              "เรื่อง  ขออนุญาตไปราชการ\nเรียน คณบดีคณะวิทยาศาสตร์และเทคโนโลยี\n" + BODY)
    assert m.sender == "มหาวิทยาลัยราชภัฏเลย"
