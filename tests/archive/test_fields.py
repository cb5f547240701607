"""Field parsing on letters written in the formats of the ระเบียบงานสารบรรณ."""
from archive.fields import value_before_debris, value_has_debris
from archive.fields import fill_fields
from archive.records import Memo
from archive.repair import repair_text
from tests.archive.helpers import EXTERNAL_LETTER


def parse(text: str) -> Memo:
    memo = Memo(path="x.txt")
    fill_fields(memo, repair_text(text))
    return memo


def test_external_letter_all_fields():
    m = parse(EXTERNAL_LETTER)
    assert m.kind == "หนังสือภายนอก"
    assert (m.ref_no, m.ref_no_raw) == ("นร 0505/ว 500", "นร ๐๕๐๕/ว ๕๐๐")
    assert (m.date, m.date_raw) == ("2020-10-22", "๒๒ ตุลาคม ๒๕๖๓")
    assert (m.sender, m.sender_code, m.sender_abbr) == ("สำนักเลขาธิการคณะรัฐมนตรี", "นร 0505", "สลค.")
    assert m.subject == "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงาน"
    assert m.recipient == "เลขาธิการคณะกรรมการการเลือกตั้ง"
    assert (m.urgency, m.secrecy) == ("ด่วนที่สุด", None)
    assert m.cites == ["นร 0505/ว 401"]
    assert m.enclosures == ["แบบรายงานผลการดำเนินงาน", "คู่มือการประชาสัมพันธ์"]
    assert m.signatory == "นายสมชาย ใจดี"
    assert m.position == "รองเลขาธิการคณะรัฐมนตรี ปฏิบัติราชการแทน เลขาธิการคณะรัฐมนตรี"
    assert m.owner_division == "กองพัฒนายุทธศาสตร์และติดตามนโยบายพิเศษ"
    assert (m.phone, m.fax, m.email) == ("0 2280 9000 ต่อ 1324", "0 2280 1446", "spt55@soc.go.th")


DAMAGED = """\
ด่วนที่สุด

ที่ นร ๐๕๐๕/ว ๕๐๐

สำนักเลขาธิการคณะกรรมการการเลือกตั้ง
ทำเนียบรัฐบาล กทม. ๑๐๓๐๐

สำนักงานคณะกรรมการการเลือกตั้ง
เลขรับ ๑๓๗๗๖
วันที่ 26 ต.ค. 2563
เวลา 9.06 น.

๒๒ ตุลาคม ๒๕๖๓

เรือง การประชาสัมพันธ์เผยแพร่ผลงาน

เรียน เลขาธิการคณะกรรมการการเลือกตั้ง

ด้วยในคราวประชุมคณะรัฐมนตรีเมื่อวันที่ ๒๐ ตุลาคม ๒๕๖๓ คณะรัฐมนตรีมีมติ ดังนี้

จึงเรียนมาเพื่อโปรดทราบ

ขอแสดงความนับถือ

เรียน เลขาธิการ เพื่อโปรดทราบ

(นางสาวจิราภรณ์ ทองคำ)

ผู้อำนวยการสำนักบริหารกลาง

26 ต.ค. 2563
"""


def test_damaged_letterhead_sender_comes_from_the_letter_code():
    m = parse(DAMAGED)
    # The OCR'd letterhead names another agency; นร 0505 is the Cabinet Secretariat.
    assert m.sender == "สำนักเลขาธิการคณะรัฐมนตรี"
    assert m.sender_as_printed == "สำนักเลขาธิการคณะกรรมการการเลือกตั้ง"
    assert m.subject == "การประชาสัมพันธ์เผยแพร่ผลงาน"  # label damaged to เรือง
    assert m.date == "2020-10-22"  # not the stamp's date
    assert m.recipient == "เลขาธิการคณะกรรมการการเลือกตั้ง"


def test_receiving_stamp_and_routing_note():
    m = parse(DAMAGED)
    assert (m.received_no, m.received_date, m.received_time) == ("13776", "2020-10-26", "09:06")
    assert m.stamps[0].by == "สำนักงานคณะกรรมการการเลือกตั้ง"
    assert m.signatory is None  # the only signed name belongs to a dated routing note


MEMO = """\
ลับ
                                   บันทึกข้อความ
ส่วนราชการ  กลุ่มบริหารทั่วไป กรมทางหลวง โทร. ๐ ๒๓๕๔ ๖๕๓๐ ต่อ ๓๙๕๑
ที่  คค ๐๖๐๑.๗/๕๘๐๑                         วันที่  ๑๘ กรกฎาคม ๒๕๕๖
เรื่อง  ขอเชิญประชุมคณะอนุกรรมการ ครั้งที่ ๑๒/๒๕๕๖
เรียน  ผู้อำนวยการสำนักบริหารกลาง
          ตามหนังสือกรมบัญชีกลาง ที่ กค ๐๔๐๒.๒/ว ๑๒ ลงวันที่ ๑ กรกฎาคม ๒๕๕๖ นั้น
          จึงเรียนมาเพื่อโปรดพิจารณา
                                            (นายภีมเดช ช่วงมณี)
                                          นักทรัพยากรบุคคลชำนาญการ
"""


def test_memo_fields():
    m = parse(MEMO)
    assert m.kind == "บันทึกข้อความ"
    assert (m.ref_no, m.date) == ("คค 0601.7/5801", "2013-07-18")
    assert (m.sender, m.owner_division) == ("กรมทางหลวง", "กลุ่มบริหารทั่วไป")
    assert m.phone == "0 2354 6530 ต่อ 3951"
    assert m.subject == "ขอเชิญประชุมคณะอนุกรรมการ ครั้งที่ ๑๒/๒๕๕๖"
    assert m.secrecy == "ลับ" and m.urgency is None
    assert m.cites == ["กค 0402.2/ว 12"]
    assert (m.signatory, m.position) == ("นายภีมเดช ช่วงมณี", "นักทรัพยากรบุคคลชำนาญการ")


STAMPED = """\
ที่ กค ๐๕๐๑.๘/๑๔๓๓
ถึง  สำนักงานปลัดกระทรวงแรงงาน
          ขอให้รายงานผลการประชาสัมพันธ์ผลงาน ภายในวันที่
๓๑ สิงหาคม ๒๕๕๕
          จึงเรียนมาเพื่อโปรดทราบและดำเนินการต่อไป
                                                กรมศุลกากร
                                             ๑๐ สิงหาคม ๒๕๕๕
กองมาตรฐานพิธีการและราคาศุลกากร
โทร. ๐ ๒๖๖๗ ๗๐๐๐ ต่อ ๔๖๑๐
"""


def test_stamped_letter_is_dated_under_the_sending_office():
    m = parse(STAMPED)
    assert m.kind == "หนังสือประทับตรา"
    assert m.recipient == "สำนักงานปลัดกระทรวงแรงงาน"
    assert m.date == "2012-08-10"  # not the deadline in the body
    assert m.sender == "กรมศุลกากร"
    assert m.subject is None and m.signatory is None
    assert m.owner_division == "กองมาตรฐานพิธีการและราคาศุลกากร"


ORDER = """\
คำสั่งกรมป้องกันและบรรเทาสาธารณภัย
ที่ ๑๓/๒๕๖๔
เรื่อง  แต่งตั้งคณะทำงาน
------------------------
          อาศัยอำนาจตามความในมาตรา ๓๒ แห่งพระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. ๒๕๓๔
          ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป
                                      สั่ง ณ วันที่ ๒๘ มกราคม พ.ศ. ๒๕๖๔
                                           (นายเลอพงศ์ รัตนัง)
                                       รองอธิบดี ปฏิบัติราชการแทน
                                  อธิบดีกรมป้องกันและบรรเทาสาธารณภัย
"""


def test_order_fields():
    m = parse(ORDER)
    assert m.kind == "คำสั่ง"
    assert (m.ref_no, m.ref_no_raw) == ("13/2564", "๑๓/๒๕๖๔")
    assert (m.date, m.date_raw) == ("2021-01-28", "๒๘ มกราคม พ.ศ. ๒๕๖๔")
    assert m.sender == "กรมป้องกันและบรรเทาสาธารณภัย"
    assert m.recipient is None
    assert m.position == "รองอธิบดี ปฏิบัติราชการแทน อธิบดีกรมป้องกันและบรรเทาสาธารณภัย"


def test_announcement_by_a_province():
    m = parse("ประกาศจังหวัดเลย\nเรื่อง  การรับสมัครพนักงานราชการ\n-----\nจึงประกาศให้ทราบโดยทั่วกัน\n"
              "ประกาศ ณ วันที่ ๓ มีนาคม พ.ศ. ๒๕๖๖\n(นายชัยวัฒน์ ชื่นโกสุม)\nผู้ว่าราชการจังหวัดเลย\n")
    assert (m.kind, m.sender, m.sender_code) == ("ประกาศ", "จังหวัดเลย", "ลย 0017")
    assert (m.ref_no, m.date) == (None, "2023-03-03")
    assert m.subject == "การรับสมัครพนักงานราชการ"


def test_specks_between_an_announcements_title_and_its_subject_are_not_its_sender():
    # A real scan (zoo_04): the emblem's specks under the title read as `a   a`.
    m = parse("ประกาศสวนสัตว์สงขลา\n\na                                       a\n"
              "เรื่อง ประกาศรายชื่อผู้ชนะการเสนอราคา\n-----\nประกาศ ณ วันที่ ๓๑ พฤษภาคม พ.ศ. ๒๕๖๐\n")
    assert (m.kind, m.sender) == ("ประกาศ", "สวนสัตว์สงขลา")
    assert m.subject == "ประกาศรายชื่อผู้ชนะการเสนอราคา"


def test_unknown_agency_keeps_printed_name_and_province_hall_is_the_province():
    text = ("ที่ ขข ๑๒๓๔/๕๖\nองค์การบริหารส่วนตำบลหนองบัว\nหมู่ที่ ๓ ตำบลหนองบัว\n๑ มีนาคม ๒๕๖๖\n"
            "เรื่อง  ขอความอนุเคราะห์\nเรียน  นายอำเภอ\n")
    m = parse(text)
    assert (m.sender, m.sender_code) == ("องค์การบริหารส่วนตำบลหนองบัว", "ขข 1234")
    text2 = "ที่ ลย ๐๐๑๗.๒/ว ๑\nศาลากลางจังหวัดเลย\nถนนเจริญรัฐ ลย ๔๒๐๐๐\n๑ มีนาคม ๒๕๖๖\nเรื่อง  ทดสอบ\nเรียน  นายอำเภอ\n"
    assert parse(text2).sender == "จังหวัดเลย"


def test_text_that_is_not_a_letter():
    m = parse("ข่าวสำนักนายกรัฐมนตรี\nนายกรัฐมนตรีเดินทางไปตรวจราชการที่จังหวัดเลย\n")
    assert m.kind == "ข่าว"
    assert m.ref_no is None and m.date is None
    empty = Memo(path="e.txt")
    fill_fields(empty, "")
    assert empty.kind == "อื่น ๆ"


def test_broken_lines_in_header_are_mended():
    m = parse("ที่ ช\nบ 0017/752\nศาลากลางจังหวัดชลบุรี\n1 มิถุ\nนายน 2564\nเรื่\nอง  ทดสอบระบบ\nเรียน  นายอำเภอ\n")
    assert (m.ref_no, m.date, m.subject) == ("ชบ 0017/752", "2021-06-01", "ทดสอบระบบ")


def test_ocr_damage_in_marks_contacts_and_letter_code():
    m = parse("ด่วน มาก\nที่ ขก ๕๒๐๐๑.๑/๑๒๘๘\nเทศบาลนครขอนแก่น\nถนนประชาสโมสร ขก ๔๐๐๐๐\n๘ มิถุนายน ๒๕๖๕\n"
              "เรื่อง  ทดสอบ\nเรียน  ผู้ว่าราชการจังหวัดขอนแก่น\nจึงเรียนมาเพื่อโปรดทราบ\n"
              "สำนักปลัดเทศบาล\nโทร. ๐ ๔๓๒๒ ๑๑๙๖ ต่\nอ ๘๙๖๕\nไปรษณีย์อิเล็กทรอนิกส์ saraban๙๕@kkmuni.go.th\n")
    assert m.urgency == "ด่วนมาก"
    assert (m.sender, m.sender_code) == ("เทศบาลนครขอนแก่น", "ขก 52001")
    assert m.phone == "0 4322 1196 ต่อ 8965"
    assert m.email == "saraban95@kkmuni.go.th"


def test_regulation_and_statement_kinds():
    reg = parse("ระเบียบสำนักนายกรัฐมนตรี\nว่าด้วยงานสารบรรณ (ฉบับที่ ๔)\nพ.ศ. ๒๕๖๔\n-----\nโดยที่เป็นการสมควร\n"
                "ประกาศ ณ วันที่ ๒๑ มิถุนายน พ.ศ. ๒๕๖๔\n(พลเอกประยุทธ์ จันทร์โอชา)\nนายกรัฐมนตรี\n")
    assert (reg.kind, reg.sender, reg.date) == ("ระเบียบ", "สำนักนายกรัฐมนตรี", "2021-06-21")
    st = parse("แถลงการณ์กระทรวงการคลัง เรื่อง ความมั่นคงของระบบการเงิน\nกระทรวงการคลังขอเรียนว่า\n")
    assert (st.kind, st.sender) == ("แถลงการณ์", "กระทรวงการคลัง")
    news = parse("คำสั่งห้ามพกอาวุธปืนมีผลตั้งแต่วันนี้\nนายกรัฐมนตรีกล่าวว่า\n")
    assert news.kind == "อื่น ๆ"  # a news text opening with the word, not an order


def test_arbitrary_text_never_breaks_the_parser():
    import random
    rnd = random.Random(7)
    pieces = ["ที่ ", "เรื่อง ", "เรียน ", "ถึง ", "(นาย ก)", "๑๒/๒๕๖๓", "นร ๐๕๐๕/ว", "\n", "\n\n", "  ",
              "วันที่ ", "ด่วน", "เลขรับ ", "โทร. ", "สิ่งที่ส่งมาด้วย ", "๑.", "ก", "า", "่", "(", ")"]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        memo = Memo(path="fuzz.txt")
        fill_fields(memo, repair_text(text))
        assert memo.kind


def test_letterhead_beside_the_reference_number():
    m = parse("ที่ กค ๐๔๐๒.๒/ว ๑๒            กรมบัญชีกลาง\n              ถนนพระรามที่ ๖ กรุงเทพฯ ๑๐๔๐๐\n"
              "                    ๙ มกราคม ๒๕๕๖\nเรื่อง  ทดสอบ\nเรียน  ปลัดกระทรวง ทุกกระทรวง\n")
    assert (m.ref_no, m.sender, m.date) == ("กค 0402.2/ว 12", "กรมบัญชีกลาง", "2013-01-09")


def test_label_variants_of_real_letters():
    m = parse("ที่ นร ๐๕๐๕/ว ๑\nสำนักเลขาธิการคณะรัฐมนตรี\nวันที่ ๙ มกราคม ๒๕๕๖\nเรื่อง: ทดสอบ\n"
              "กราบเรียน  นายกรัฐมนตรี\nอ้างอิง  หนังสือกรมบัญชีกลาง ที่ กค ๐๔๐๒/ว ๔๑๖ ลงวันที่ ๒ มกราคม ๒๕๕๖\n"
              "สิ่งที่แนบมาด้วย  รายงานผลการดำเนินงาน จำนวน ๑ ชุด\nด้วยสำนักเลขาธิการคณะรัฐมนตรี\n")
    assert (m.kind, m.date, m.subject) == ("หนังสือภายนอก", "2013-01-09", "ทดสอบ")
    assert m.recipient == "นายกรัฐมนตรี"
    assert m.cites == ["กค 0402/ว 416"]
    assert m.enclosures == ["รายงานผลการดำเนินงาน"]


def test_agency_printed_above_the_reference_number():
    m = parse("ด่วน\nองค์การบริหารส่วนจังหวัดเลย\nที่ ลย ๕๑๐๐๑/ว ๑๒\n๑ มีนาคม ๒๕๖๖\nเรื่อง  ทดสอบ\nเรียน  นายอำเภอ\n")
    assert (m.sender, m.sender_code, m.date) == ("องค์การบริหารส่วนจังหวัดเลย", "ลย 51001", "2023-03-01")


# --- letters as OCR leaves them: labels and marks lost, agency letters garbled ---------

OCR_MEMO = """\
บนทกขอความ .
ส่วนราชการ กองสถิติสังคม สำนักงานสถิติแห่งชาติ โทร. ๐ ๒๑๔๑ ๗๕๐๐
ที่ iiad ๐๔๐๓.๗/๔๕๘๖              Sun ๑๕ ธ.ค. ๒๕๖๐
dag ขอความร่วมมือตอบแบบสำรวจ
เรียน ผู้อำนวยการสำนักงานสถิติแห่งชาติ
ด้วยกองคลังขอความร่วมมือตอบแบบสำรวจภายในวันที่ ๓๐ ธันวาคม ๒๕๖๐
"""


def test_memo_read_by_ocr_keeps_its_kind_subject_and_date():
    m = parse(OCR_MEMO)
    assert m.kind == "บันทึกข้อความ"  # the bold title lost its upper vowels and marks
    assert m.subject == "ขอความร่วมมือตอบแบบสำรวจ"  # its label read as "dag"
    assert m.date == "2017-12-15"  # its วันที่ read as "Sun"


def test_garbled_agency_letters_come_back_from_the_directory():
    # ๐๔๐๓ is used by two agencies (มท, ดศ): the sender of the memo decides.
    m = parse(OCR_MEMO)
    assert m.ref_no == "ดศ 0403.7/4586"
    assert m.ref_no_raw.startswith("ดศ ")
    assert m.sender == "สำนักงานสถิติแห่งชาติ"
    # ๐๓๐๕ is one agency's only (กรมอุตุนิยมวิทยา, ดศ): no sender needed.
    alone = parse(OCR_MEMO.replace("iiad ๐๔๐๓", "NAM ๐๓๐๕").replace(
        "ส่วนราชการ กองสถิติสังคม สำนักงานสถิติแห่งชาติ", "ส่วนราชการ กองคลัง"))
    assert alone.ref_no == "ดศ 0305.7/4586"


def test_province_letters_come_from_the_sender_not_the_shared_number():
    text = """\
ที่ ภภก ๐๐๑๗.๙/๓๑๘๕
ศาลากลางจังหวัดภูเก็ต
ถนนนริศร ภก ๘๓๐๐๐
๙ พฤษภาคม ๒๕๖๖
เรื่อง ขอเชิญประชุม
เรียน นายอำเภอทุกอำเภอ
"""
    m = parse(text)
    assert m.ref_no == "ภก 0017.9/3185"  # every province uses 0017; the letterhead decides
    assert m.sender == "จังหวัดภูเก็ต"


def test_known_letters_are_never_replaced():
    text = OCR_MEMO.replace("iiad ๐๔๐๓", "นร ๐๔๐๓")
    assert parse(text).ref_no == "นร 0403.7/4586"


def test_titles_broken_by_ocr_and_orders_signed_without_tone_marks():
    text = """\
คำสัง สำนักงานปลัดสำนักนายกรัฐมนตรี
ที่ ๑๔๙/๒๕๖๐
เรื่อง แต่งตั้งคณะกรรมการ
ให้คณะกรรมการมีหน้าที่ตามที่ได้รับมอบหมาย
สัง ณ วันที ๒๕ ตุลาคม พ.ศ. ๒๕๖๐
"""
    m = parse(text)
    assert (m.kind, m.ref_no, m.date) == ("คำสั่ง", "149/2560", "2017-10-25")
    assert m.sender == "สำนักงานปลัดสำนักนายกรัฐมนตรี"
    announce = parse("ประ  กาศกรมสรรพากร\nxx ooo xx\nกำหนดระยะเวลาการชำระภาษี\n")
    assert (announce.kind, announce.sender) == ("ประกาศ", "กรมสรรพากร")
    # A title line that runs on into OCR junk still names its agency.
    junk = parse("ประกาศกรมควบคุมโรค a a ๕ 2 ฟิ a\nเรื่อง มาตรการป้องกันโรค\n")
    assert junk.sender == "กรมควบคุมโรค"


def test_memo_whose_title_is_lost_under_a_stamp_is_still_a_memo():
    text = """\
ส เณต์ BLS tie 0
เตขจรับ...    เฉ ,
ส่วนราชการ คณะวิทยาศาสตร์และเทคโนโลยี โทร ๔๔๑๑๓
ที่ อว ๘๑๑๕.๑/๐๓                  วันที่ ๑๒ มกราคม ๒๕๖๕
เรื่อง ขออนุญาตให้บุคลากรปฏิบัติงานล่วงเวลาราชการ
เรียน คณบดี
"""
    m = parse(text)
    assert m.kind == "บันทึกข้อความ"
    assert m.date == "2022-01-12"
    # A letter whose body opens with the same words is not taken for a memo.
    letter = parse("ที่ นร ๐๕๐๕/ว ๕๐๐\\n๒๒ ตุลาคม ๒๕๖๓\\nเรื่อง ขอเชิญประชุม\\nเรียน ปลัดกระทรวง\\n"
                   "ส่วนราชการ ทุกแห่ง ดำเนินการตามมติ\\n")
    assert letter.kind != "บันทึกข้อความ"


def test_reference_label_after_specks_or_another_column():
    order = parse("คำสั่งสำนักงานปลัดสำนักนายกรัฐมนตรี\n.                   ที ๓๓๖/๒๕๖๓\n"
                  "เรื่อง แต่งตั้งคณะทำงาน\n")
    assert order.ref_no == "336/2563"
    joined = parse("บันทึกข้อความ\nส่วนราชการ สำนักป้องกันการทุจริต โทร. 0 2528 4800 ต่อ 6713"
                   "  ที่ ปช 0001.5/1169          วันที่ 26 กุมภาพันธ์ 2564\n"
                   "เรื่อง การเปิดเผยข้อมูลสาธารณะ\nเรียน เลขาธิการ\n"
                   "ตามหนังสือ ที่ มท 0211/ว 40 ลงวันที่ 1 มกราคม 2564\n")
    assert (joined.ref_no, joined.date) == ("ปช 0001.5/1169", "2021-02-26")
    # A number cited in the body is never taken for the letter's own.
    body = parse("บันทึกข้อความ\nส่วนราชการ กองคลัง\nเรื่อง ทดสอบ\nเรียน ผู้อำนวยการ\n"
                 "ตามหนังสือ ที่ มท 0211/ว 40 ลงวันที่ 1 มกราคม 2564\n")
    assert body.ref_no is None


def test_date_line_with_a_speck_after_it():
    m = parse("ที่ ดศ ๐๒๐๓.๘/๑๙๓๕\nสำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม\n"
              "๒๘ กุมภาพันธ์ ๒๕๖๕ 0\nเรื่อง ขอเชิญประชุม\nเรียน อธิบดี\n")
    assert m.date == "2022-02-28"


def test_memo_date_beside_an_unreadable_reference_number():
    m = parse("บันทึกข้อความ\nส่วนราชการ คณะวิทยาศาสตร์และเทคโนโลยี โทร ๔๔๑๑๓\n"
              "ที่ ๆ7 ๑๕๕๓๓๙             วันที่ ๙ กันยายน ๒๕๖๕\n"
              "เรื่อง ขออนุญาตปฏิบัติงานล่วงเวลาราชการ\nเรียน อธิการบดี\n"
              "ขอให้ดำเนินการภายในวันที่ ๓๐ กันยายน ๒๕๖๕\n")
    assert (m.kind, m.date) == ("บันทึกข้อความ", "2022-09-09")


# --- subjects as OCR leaves them: wrapped, with junk lines and specks around them

def letter(subject: str, rest: str = "\nเรียน อธิบดี\n") -> Memo:
    """An external letter as OCR reads it, from its subject line down."""
    return parse("ที่ นร ๐๕๐๕/ว ๕๐๐\n๑๔ พฤศจิกายน ๒๕๖๖\n\n" + subject + rest)


def test_wrapped_subject_ends_at_the_addressee_past_junk_lines():
    # Junk lines from stamps and signatures before the addressee, or a speck before its label.
    for junk in ("a\n\nเรียน", "a         vi\n\nเรียน", "aa\n4\nเรียน", ", เรียน"):
        m = letter("เรื่อง มาตรการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบใน\nภาครัฐ\n\n",
                   f"{junk} ผู้ว่าราชการจังหวัด ทุกจังหวัด\n")
        assert m.subject == "มาตรการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบในภาครัฐ", junk
        assert m.recipient == "ผู้ว่าราชการจังหวัด ทุกจังหวัด", junk
    # Nor does an addressee take in the junk below it.
    m = letter("เรื่อง ขอเชิญประชุม\n", "เรียน อธิบดี\naa\nด้วยกรมบัญชีกลางกำหนดจัดประชุม\n")
    assert m.recipient == "อธิบดี"


def test_junk_inside_and_around_a_subject_is_left_out():
    between = letter("เรื่อง ประกาศผู้ชนะการเสนอราคาจ้างปรับปรุงถนนด้วยวิธีประกวด\n= ๘    A ซ์  ๑  .\n"
                     "ราคาอิเล็กทรอนิกส์ (e-bidding)")
    assert between.subject == "ประกาศผู้ชนะการเสนอราคาจ้างปรับปรุงถนนด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    speck = letter("  เรื่อง. ขอเชิญเข้ารับการฝึกอบรมหลักสูตรการคุ้มครองข้อมูลส่วนบุคคล\n"
                   ". สำหรับหน่วยงานภาครัฐ\n")
    assert speck.subject == "ขอเชิญเข้ารับการฝึกอบรมหลักสูตรการคุ้มครองข้อมูลส่วนบุคคลสำหรับหน่วยงานภาครัฐ"
    dot = letter("เรื่อง การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. ๒๕๖๓.")
    assert dot.subject == "การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. ๒๕๖๓"
    assert letter("เรื่อง ขอเชิญประชุม อ.ก.พ.").subject == "ขอเชิญประชุม อ.ก.พ."  # an abbreviation's dot


ITA = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"


def test_subject_label_with_only_junk_beside_it():
    m = letter(f"เรื่อง                      ,                  0 .\n{ITA}\n"
               "(ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘          ก.                 a\n",
               "Guu อธิบดีกรมส่งเสริมการปกครองท้องถิ่น\n\nสิ่งที่ส่งมาด้วย คู่มือ จำนวน ๑ ฉบับ\n")
    assert m.subject == f"{ITA} (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    # The value printed under its label, spaced out by blank lines.
    spaced = letter(f"เรื่อง\n\n{ITA}\n\n(ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n")
    assert spaced.subject == m.subject
    # Its first line is the subject even when it opens like a paragraph (ขอ…).
    assert letter("เรื่อง\n\nขอเชิญประชุมคณะทำงาน\n").subject == "ขอเชิญประชุมคณะทำงาน"


def test_order_subject_wraps_until_the_body():
    m = parse("คำสั่งสำนักงาน ก.พ.\nที่ ๙๗/๒๕๖๕\nเรื่อง\n"
              "แต่งตั้งคณะทำงานเฝ้าระวังและป้องกันการแพร่ระบาดของโรคติดเชื้อไวรัส\nโคโรนา 2019\n\n"
              "เพื่อให้การดำเนินงานเป็นไปด้วยความเรียบร้อย มีประสิทธิภาพ\n"
              "และบรรลุวัตถุประสงค์ตามนโยบายของรัฐบาล\nอาศัยอำนาจตามความในมาตรา ๓๒\n")
    assert m.subject == "แต่งตั้งคณะทำงานเฝ้าระวังและป้องกันการแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019"
    # Its label read as a Latin word; the body opens after a speck, without its tone mark.
    garbled = parse("ประกาศสำนักงานปลัดกระทรวงมหาดไทย\n"
                    "a3 มาตรการป้องกันการแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019\n"
                    "(COVID-19) สำหรับผู้มาติดต่อราชการ\n\n"
                    ".            ดวยสถานการณ์การแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019\n"
                    "(COVID-19) ยังคงมีแนวโน้มเพิ่มสูงขึ้น\n")
    assert garbled.subject == ("มาตรการป้องกันการแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 "
                               "(COVID-19) สำหรับผู้มาติดต่อราชการ")
    # No blank line before the body: its opening words end the subject.
    unspaced = parse("ประกาศกรมสรรพากร\n"
                     "เรื่อง กำหนดระยะเวลาการชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ.\n๒๕๖๗\n"
                     "ด้วยพระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. ๒๕๖๒\n"
                     "กำหนดให้องค์กรปกครองส่วนท้องถิ่นเป็นผู้จัดเก็บภาษี\nในเขตพื้นที่\n")
    assert unspaced.subject == "กำหนดระยะเวลาการชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. ๒๕๖๗"


def test_body_right_under_a_subject_is_not_taken_for_its_wrap():
    order = parse("คำสั่งสำนักงานปลัดสำนักนายกรัฐมนตรี\n\noS                 ที่ ๑๔๙/๒๕๖๐\n\n"
                  ". เรื่อง แต่งตั้งคณะกรรมการพิจารณาผลการประกวดราคาอิเล็กทรอนิกส์\n"
                  "เพื่อให้การดำเนินงานด้านการจัดซื้อจัดจ้างด้วยวิธีประกวด\n\n"
                  "ราคาอิเล็กทรอนิกส์เป็นไปด้วยความเรียบร้อย\n")
    assert order.ref_no == "149/2560"
    assert order.subject == "แต่งตั้งคณะกรรมการพิจารณาผลการประกวดราคาอิเล็กทรอนิกส์"
    # Specks before the number are no garbled subject label when the subject's is lost.
    lost = parse("คำสั่งสำนักงานปลัดสำนักนายกรัฐมนตรี\n\noS                 ที่ ๑๔๙/๒๕๖๐\n\n"
                 "เพื่อให้การดำเนินงานด้านการจัดซื้อจัดจ้างเป็นไปด้วยความเรียบร้อย\n")
    assert (lost.ref_no, lost.subject) == ("149/2560", None)
    # An addressee whose label OCR garbled is no part of the subject either.
    letter = parse("ที่ นม ๐๐๑๗.๕/๕๔๒๙\nศาลากลางจังหวัดนครราชสีมา\n๑๓ กรกฎาคม ๒๕๖๓\n"
                   "เรื่อง การจ่ายใบกำกับเครื่องราชอิสริยาภรณ์\nBau ปลัดกระทรวงเกษตรและสหกรณ์\n"
                   "ด้วยสำนักเลขาธิการคณะรัฐมนตรีกำหนดให้ส่วนราชการเสนอขอพระราชทาน\n"
                   "เครื่องราชอิสริยาภรณ์ประจำปี\n")
    assert letter.subject == "การจ่ายใบกำกับเครื่องราชอิสริยาภรณ์"


def test_memo_subject_wrap_above_a_receiving_stamp():
    m = parse("บันทึกข้อความ\nส่วนราชการ สำนักป้องกันการทุจริต โทร. 0 2528 4800\n"
              "ที่ ปช 0001.5/1169             วันที่ 26 กุมภาพันธ์ 2564\n"
              "เรื่อง การเปิดเผยข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงานตามเกณฑ์\nการประเมิน ITA\n\n"
              "สำนักงานคณะกรรมการ\n\n (ป้องกันและปราบปราม\nการทุจริตแห่งชาติ\n\nเลขรับ ๑๖๑๙\n\n"
              "วันที่ ๓ มี.ค. ๒๕๖๔\nเวลา ๑๑.๑๑ น.\n\nเรียน เลขาธิการคณะกรรมการ ป.ป.ช.\n")
    assert m.subject == "การเปิดเผยข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงานตามเกณฑ์การประเมิน ITA"


def test_short_real_lines_are_not_junk():
    from archive.fields._debris import _is_junk
    for real in ("- ๒ -", "ITA", "(COVID-19)", "๑๙ ธันวาคม ๒๕๖๗", "นายสมชาย ใจดี", "๒๕๖๗", "ภาครัฐ"):
        assert not _is_junk(real), real
    for junk in ("a", "aa", "a vi", "4", "= ๘    A ซ์  ๑  .", "a               a", "2 eee"):
        assert _is_junk(junk), junk


# --- letter dates as OCR leaves them on scans

LATIN_MONTH_MEMO = """\
บันทึกข้อความ
ส่วนราชการ กลุ่มงานบริหารทรัพยากรบุคคล จังหวัดภูเก็ต โทร. ๐ ๗๖๑๖ ๑๑๘๔
ที่  ภก ๐๐๑๗.๑/๑๐๐๔๓           วันที่  ๑๐ A.A. ๒๕๖๒
เรื่อง แนวทางการประชาสัมพันธ์ผลงานของรัฐบาล
{stamp}เรียน ผู้ว่าราชการจังหวัดภูเก็ต
ขอให้หน่วยงานจัดส่งข้อมูลผลงานเด่น ภายใน
วันที่ ๒๒ ตุลาคม ๒๕๖๒ เพื่อรวบรวมและเผยแพร่
จึงเรียนมาเพื่อโปรดพิจารณา
"""


def test_latin_month_is_settled_by_the_receiving_stamp_or_left_empty():
    # A.A. is ก.ค. or ต.ค.; a stamp of 15 October (its label damaged) says October.
    stamped = parse(LATIN_MONTH_MEMO.format(stamp="จังหวัดภูเก็ต\nเลขรับ 14088\nวนท 15 ต.ค. 62\nเวลา ๑๔.๐๘ น.\n"))
    assert (stamped.date, stamped.received_date) == ("2019-10-10", "2019-10-15")
    # Without a stamp nothing tells the two apart, and a body line that wraps to start
    # with วันที่ is not the memo's date.
    assert parse(LATIN_MONTH_MEMO.format(stamp="")).date is None


def test_receiving_stamp_in_latin_letters_is_settled_by_the_letter_date():
    m = parse("ที่ ขก 0017/10125\nศาลากลางจังหวัดขอนแก่น\nกรมป้องกันและบรรเทาสาธารณภัย\n"
              "เลขรับ ๓๔๔๔\nJun 6 aa. 58\nเวลา 9.21 น.\n2 ต.ค. 2558\n"
              "เรื่อง การจัดกิจกรรม\nเรียน อธิบดี\n")
    assert (m.date, m.received_date) == ("2015-10-02", "2015-10-06")  # aa. is ส.ค. or ต.ค.
    assert m.received_no == "3444"


def test_stamped_letter_date_after_a_speck_and_without_its_kind():
    # The reference label lost to a speck: the kind is unknown, the layout is a stamped letter's.
    m = parse(". ทีมท ๐๖๒๔.๓/๑๐๓๕๙\nถึง กรมชลประทาน\nขอให้แจ้งเตือนประชาชน ภายในวันที่ ๓๐ พฤศจิกายน ๒๕๖๐\n"
              "จึงเรียนมาเพื่อโปรดทราบ\nกรมป้องกันและบรรเทาสาธารณภัย\n. ๒๗ พฤศจิกายน ๒๕๖๐\n"
              "สำนักมาตรการป้องกันสาธารณภัย\n")
    assert m.date == "2017-11-27"  # not the deadline in the body


def test_orders_signed_with_a_damaged_formula():
    order = ("คำสั่งกรมอุตุนิยมวิทยา\nที่ ๘๘/๒๕๖๖\nเรื่อง แต่งตั้งคณะทำงาน\n"
             "ทั้งนี้ ตั้งแต่วันที่ ๑๙ เมษายน ๒๕๖๖ เป็นต้นไป\n{signed}\n(นายชวลิต จันทรรัตน์)\n")
    assert parse(order.format(signed="da ณ วันที่ ซเมษายน ๒๕๖๖")).date == "2023-04-07"
    assert parse(order.format(signed="ประกาศ ณันที.๖ มิถุนายน พ.ศ. ๒๕๖๘")).date == "2025-06-06"
    # Data "as of" a date at a line start is no signature.
    assert parse(order.format(signed="ข้อมูล ณ วันที่ ๑ เมษายน ๒๕๖๖")).date is None


def test_stamped_letter_whose_number_label_ocr_garbled():
    text = """\
NUN ๐๘๑๐/๖๒๐๑
ถึง กรมอุตุนิยมวิทยา
ด้วยกรมส่งเสริมการปกครองท้องถิ่น กำหนดประชุมคณะกรรมการจัดการความรู้

จึงเรียนมาเพื่อโปรดทราบ

กรมส่งเสริมการปกครองท้องถิ่น
๑๐ กรกฎาคม ๒๕๖๘
"""
    m = parse(text)
    assert m.kind == "หนังสือประทับตรา"
    assert m.recipient == "กรมอุตุนิยมวิทยา"
    # A line that only mentions a number above an addressee with a subject is no stamped letter.
    other = parse("ตามหนังสือ ๑๒๓/๒๕๖๗\nเรื่อง ขอเชิญประชุม\nถึง ผู้อำนวยการ\n")
    assert other.kind != "หนังสือประทับตรา"


def test_a_header_line_read_again_keeps_its_value_and_drops_what_stands_beside_it():
    # dula_05's เรียน line cut out to the page's edge runs through a receiving stamp.
    again = "เรียน คณบดีคณะวิทยาศาสตร์และเทคโนโลยี, / รภม 7ก 7 7 ว ว 7"
    assert value_before_debris(again) == "เรียน คณบดีคณะวิทยาศาสตร์และเทคโนโลยี"
    assert value_has_debris(" คณบดีคณะ ee")
    assert not value_has_debris(" คณบดีคณะวิทยาศาสตร์และเทคโนโลยี")
