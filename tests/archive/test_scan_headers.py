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


def irrigation_letter(ref_line: str, office: str) -> str:
    """An irrigation office's letter as the real scan dula_01 prints it: the running number
    is written by hand at dispatch, so OCR reads junk after the slash."""
    return (f"ด่วนที่สุด\n{ref_line}\n\n{office}\n\nกรมชลประทาน\nถนนสามเสน กทม. ๑๐๓๐๐\n"
            "๗ กันยายน ๒๕๖๕\n"
            "เรื่อง    ขอเรียนเชิญเข้าร่วมประชุมรับฟังความคิดเห็นของประชาชน ครั้งที่ ๑\n"
            "โครงการศึกษาความเหมาะสมการบริหารจัดการน้ำโขง เลย ชี มูล\n\n"
            "โดยแรงโน้มถ่วงระยะที่ ๑ (ระบบส่งน้ำ) จังหวัดเลย\n\n"
            "เรียน อธิการบดีมหาวิทยาลัยราชภัฏเลย\n" + BODY)


def test_a_number_left_to_be_written_by_hand_is_empty_and_its_code_names_the_sender():
    for ref_line in ("ที่ กษ ๐๓๒๗/ BR", "ที่ กษ ๐๓๒๗/", "ที่ กษ ๐๓๒๗/ ..."):
        m = parse(irrigation_letter(ref_line, "สำนักบริหารโครงการ"))
        assert m.ref_no is None, ref_line
        assert (m.sender_code, m.sender) == ("กษ 0327", "สำนักบริหารโครงการ กรมชลประทาน"), ref_line
    # The number typed: as before.
    m = parse(irrigation_letter("ที่ กษ ๐๓๒๗/๑๕๗๘", "สำนักบริหารโครงการ"))
    assert (m.ref_no, m.sender) == ("กษ 0327/1578", "สำนักบริหารโครงการ กรมชลประทาน")


def test_an_office_whose_first_word_ocr_broke_is_still_the_sender():
    # ำ read as เ and a space inside: the office opens with no word an agency's name opens with.
    m = parse(irrigation_letter("ที่ กษ ๐๓๒๗/ BR", "ส เนักบริหารโครงการ"))
    assert m.sender == "สำนักบริหารโครงการ กรมชลประทาน"


def test_a_subject_wrapped_over_blank_lines_runs_to_the_addressee():
    # OCR put blank lines between the subject's lines, and its last line opens with โดย,
    # a word that also opens paragraphs.
    m = parse(irrigation_letter("ที่ กษ ๐๓๒๗/๑๕๗๘", "สำนักบริหารโครงการ"))
    # (Whether a space joins มูล and โดย is the wrapping's guess; the lines are what counts.)
    assert m.subject.replace(" ", "") == (
        "ขอเรียนเชิญเข้าร่วมประชุมรับฟังความคิดเห็นของประชาชนครั้งที่๑"
        "โครงการศึกษาความเหมาะสมการบริหารจัดการน้ำโขงเลยชีมูล"
        "โดยแรงโน้มถ่วงระยะที่๑(ระบบส่งน้ำ)จังหวัดเลย")
    assert m.urgency == "ด่วนที่สุด"


def test_an_order_whose_body_opens_right_under_its_subject_keeps_its_subject_short():
    m = parse("คำสั่งกรมชลประทาน\nที่ ๑๒๓/๒๕๖๕\nเรื่อง แต่งตั้งคณะทำงาน\n\n"
              "โดยที่เป็นการสมควรแต่งตั้งคณะทำงานเพื่อดำเนินการ\nจึงแต่งตั้งคณะทำงาน ดังนี้\n"
              "สั่ง ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๕\n")
    assert m.subject == "แต่งตั้งคณะทำงาน"


def memo_dated(year: str) -> str:
    return ("บันทึกข้อความ\nส่วนราชการ คณะวิทยาศาสตร์และเทคโนโลยี โทร. ๔๕๑๐๑\n"
            f"ที่ อว ๐๖๒๑/๑๒๓\nวันที่ ๓๑ สิงหาคม {year}\nเรื่อง ขออนุมัติดำเนินโครงการ\n"
            "เรียน รองอธิการบดีฝ่ายนโยบายและแผน\n"
            "ตามที่คณะได้จัดทำโครงการ ประจำปี ๒๕๖๕ งบประมาณ พ.ศ. ๒๕๖๕ นั้น\n")


def test_a_damaged_year_the_letter_contradicts_leaves_the_date_empty():
    # The real scan dula_02: ๒๕๖๕ read ๒๕๒.๗, which the letter's own years contradict.
    assert parse(memo_dated("๒๕๒.๗")).date is None
    # A speck inside a year the letter agrees with is only a speck; whole years stand.
    assert parse(memo_dated("๒๕๖.๕")).date == "2022-08-31"
    assert parse(memo_dated("๒๕๖๕")).date == "2022-08-31"
    assert parse(memo_dated("๒๕๖๖")).date == "2023-08-31"


def test_a_stamp_read_damaged_is_the_mark_its_readings_are_nearest():
    from archive.fields import nearest_mark

    # Readings of the real photocopy dula_01's ด่วนที่สุด, at several scales.
    for reading in ("ด่วนนี้สต", "ดวนแฮด", "ดวนแลด", "ด่วนถ์เสุด", "ดวนแตด", "ดวนโสุด"):
        assert nearest_mark(reading) == "ด่วนที่สุด", reading
    assert nearest_mark("ด่วนมาท") == nearest_mark("ด่วนมก") == "ด่วนมาก"
    assert nearest_mark("ลับทีสุด") == "ลับที่สุด"
    # Whole marks are themselves; a head alone, a word of the language and readings as
    # near one mark as the other are none.
    assert nearest_mark("ด่วน") == "ด่วน"
    for reading in ("ด่วนที", "ดวน", "ลบล้าง", "ดวนแลดต", "ประชุม", ""):
        assert nearest_mark(reading) is None, reading


def test_an_order_whose_agency_ocr_split_and_wrapped_inside_a_word_is_that_agency():
    # A dev scan: สำนักงาน read with spaces inside, ราชการ wrapped after ราช.
    m = parse("คำสั่งสำ   นักงานคณะกรรมการพัฒนาระบบราช\n\nการ\n. 703. 2 ๆที่138/2560\n"
              "เรื่อง แต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)\n\n"
              "เพื่อให้การดำเนินงานด้านการพัฒนารัฐบาลดิจิทัลเป็นไปด้วยความเรียบร้อย\n"
              "สั่ง ณ วันที่ ๔ พฤษภาคม พ.ศ. ๒๕๖๐\n")
    assert m.sender == "สำนักงานคณะกรรมการพัฒนาระบบราชการ"


def stamped_letter(addressee: str) -> str:
    """A stamped letter as a dev scan prints it: ถึง, then the body right under it."""
    return ("ด่วนที่สุด\nที่ อบ ๐๐๑๗.๔/ว ๑๖๗\n\n" + addressee + "\n\n"
            "ตามที่รัฐบาลมีนโยบายให้ส่วนราชการเร่งรัดการเบิกจ่ายงบประมาณ นั้น\n"
            "จึงเรียนมาเพื่อโปรดทราบ\n\nศาลากลางจังหวัดอุบลราชธานี\n๑๖ เมษายน ๒๕๖๒\n")


def test_addressees_listed_over_two_lines_are_all_the_recipient():
    m = parse(stamped_letter("ถึง นายกองค์การบริหารส่วนจังหวัดอุบลราชธานี\n"
                             "นายกเทศมนตรีนครอุบลราชธานี และนายอำเภอ ทุกอำเภอ"))
    assert m.recipient == ("นายกองค์การบริหารส่วนจังหวัดอุบลราชธานี "
                           "นายกเทศมนตรีนครอุบลราชธานี และนายอำเภอ ทุกอำเภอ")
    # A name wrapped inside goes on without a space; the body is never the addressee.
    m = parse(stamped_letter("ถึง ผู้อำนวยการสำนักงาน\nปลัดกระทรวงมหาดไทย"))
    assert m.recipient == "ผู้อำนวยการสำนักงานปลัดกระทรวงมหาดไทย"
    m = parse(stamped_letter("ถึง ผู้ว่าราชการจังหวัด ทุกจังหวัด"))
    assert m.recipient == "ผู้ว่าราชการจังหวัด ทุกจังหวัด"


def test_specks_read_as_dots_inside_a_subject_go_and_abbreviations_keep_theirs():
    m = parse(irrigation_letter("ที่ กษ ๐๓๒๗/๑๕๗๘", "สำนักบริหารโครงการ").replace(
        "ความคิดเห็นของประชาชน ครั้งที่ ๑", "ความคิดเห็นของประชาชน. ครั้งที่ ๑ ."))
    assert m.subject.startswith("ขอเรียนเชิญเข้าร่วมประชุมรับฟังความคิดเห็นของประชาชน ครั้งที่ ๑ โครงการ")
    m = parse("ที่ นร ๐๕๐๕/ว ๕๐๐\nสำนักเลขาธิการคณะรัฐมนตรี\n๒๒ ตุลาคม ๒๕๖๓\n"
              "เรื่อง การประชุม ก.พ.ร. ร่วมกับ สลค. และ บริษัท ปตท. จำกัด ประจำปี พ.ศ. ๒๕๖๓\n"
              "เรียน เลขาธิการคณะกรรมการการเลือกตั้ง\n" + BODY)
    assert m.subject == "การประชุม ก.พ.ร. ร่วมกับ สลค. และ บริษัท ปตท. จำกัด ประจำปี พ.ศ. ๒๕๖๓"
