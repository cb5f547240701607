from archive.agencies import lookup_code, lookup_name, resolve_sender


def test_letter_code_names_the_agency():
    assert lookup_code("นร 0505").name == "สำนักเลขาธิการคณะรัฐมนตรี"
    assert lookup_code("นร ๐๕๐๕/ว ๕๐๐").abbr == "สลค."
    assert lookup_code("กค0402.2/1234").name == "กรมบัญชีกลาง"
    assert lookup_code("ขข 9999") is None


def test_every_province_hall_is_known():
    assert lookup_code("ลย 0017").name == "จังหวัดเลย"
    assert lookup_code("บก 0017").name == "จังหวัดบึงกาฬ"


def test_sender_resolved_by_name_abbreviation_or_code():
    assert [a.code for a in resolve_sender("สลค.")] == ["นร 0505"]
    assert [a.code for a in resolve_sender("นร 0505")] == ["นร 0505"]
    assert [a.code for a in resolve_sender("สำนักเลขาธิการคณะรัฐมนตรี")] == ["นร 0505"]
    assert resolve_sender("หน่วยงานที่ไม่มีอยู่จริง") == []


def test_province_matches_both_printed_forms():
    for text in ("จังหวัดเลย", "ศาลากลางจังหวัดเลย"):
        assert [a.name for a in resolve_sender(text)] == ["จังหวัดเลย"]
    assert lookup_name("ศาลากลางจังหวัดเลย").name == "จังหวัดเลย"


def test_spaces_of_a_known_name_restored_after_a_line_wrap():
    from archive.agencies import respace_names
    glued = "ปลัดกระทรวงการอุดมศึกษา วิทยาศาสตร์วิจัยและนวัตกรรม"
    assert respace_names(glued) == "ปลัดกระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม"
    assert respace_names("อธิบดีกรมบัญชีกลาง") == "อธิบดีกรมบัญชีกลาง"


def test_name_openers_say_what_a_name_may_be():
    from archive import agencies
    assert agencies.AGENCY_START.match("สำนักงานปลัดกระทรวง")
    assert not agencies.OFFICE_START.match("สำนักงานปลัดกระทรวง")   # an office is a สำนัก…
    assert agencies.OFFICE_START.match("สำนักบริหารโครงการ")
    assert agencies.PARENT_START.match("กรมชลประทาน")
    assert agencies.UNIT_START.match("สาชาวิชาเคมี")                # ช for ข: OCR
    assert not agencies.AGENCY_START.match("กลุ่มบริหารทั่วไป")
    assert agencies.DIVISION_START.match("สำนักงานเลขานุการกรม")
    assert not agencies.UNIT_START.match("สำนักงานเลขานุการกรม")


def test_an_addressee_agency_one_ocr_edit_off_the_directory_is_written_right():
    from archive.agencies import mend_name_at_end
    # A real scan (dula_01): ล read as ส, and เสย is a Thai word, so no dictionary sees it.
    assert mend_name_at_end("อธิการบดีมหาวิทยาลัยราชภัฏเสย") == "อธิการบดีมหาวิทยาลัยราชภัฏเลย"
    # Spaced as the directory has it: a noisy PDF put a space inside the name.
    assert mend_name_at_end("อธิบดีกรมส่งเสริมการปก ครองท้องถิ่น") == "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น"
    # Right names, names two edits apart in the directory, and numbered bodies stay.
    for text in ("อธิการบดีมหาวิทยาลัยราชภัฏเลย", "ผู้ว่าราชการจังหวัดตาก",
                 "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาเลย เขต ๒",
                 "คณบดีคณะวิทยาศาสตร์และเทคโนโลยี", "", None):
        assert mend_name_at_end(text) == text


def test_the_addressee_of_a_scanned_letter_gets_its_university_right():
    from archive.fields import fill_fields
    from archive.records import Memo

    memo = Memo(path="x.pdf")
    fill_fields(memo, "ที่ อว ๘๑๑๕.๑/๐๑๗๔\nเรื่อง ขอความอนุเคราะห์\nเรียน อธิการบดีมหาวิทยาลัยราชภัฏเสย\n"
                      "ด้วยคณะจะจัดประชุม\n")
    assert memo.recipient == "อธิการบดีมหาวิทยาลัยราชภัฏเลย"


def test_a_province_or_agency_one_letter_off_in_ocr_text_is_written_right():
    from archive.agencies import mend_names

    # The real scan dula_01's subject, as OCR read its last line.
    assert mend_names("จังหวัดเลย จังหวัดหนองบัวลาภู จังหวัดขอบแก่น จังหวัดขัยภูมิ") == (
        "จังหวัดเลย จังหวัดหนองบัวลำภู จังหวัดขอนแก่น จังหวัดชัยภูมิ")
    # Inside a longer run of Thai too: the name starts where an agency's name may.
    assert mend_names("เรียน ผู้ว่าราชการจังหวัดขอบแก่น") == "เรียน ผู้ว่าราชการจังหวัดขอนแก่น"
    assert mend_names("สำนักงานจังหวัดขัยภูมิ") == "สำนักงานจังหวัดชัยภูมิ"
    # Right names, names that run on into the next word, and a letter added are left alone.
    for text in ("จังหวัดตาก จังหวัดตราด กรมชลประทาน", "กรมชลประทานได้ดำเนินการ",
                 "จังหวัดขอนแก่นร", "ประชุมคณะกรรมการ", ""):
        assert mend_names(text) == text
