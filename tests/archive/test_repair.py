from archive.repair import repair_text


def test_pua_glyph_variants_become_normal_thai():
    # Old Thai fonts encode lowered tone marks and descender-less consonants in the PUA.
    assert repair_text("ที\uf70a") == "ที่"
    assert repair_text("\uf700าน") == "ฐาน"


def test_sara_am_written_as_nikhahit_plus_sara_aa():
    assert repair_text("จํานวน") == "จำนวน"
    assert repair_text("นํ้า") == "น้ำ"


def test_pdf_sara_am_doubling_and_cid_leftovers():
    assert repair_text("สำานักงาน") == "สำนักงาน"
    assert "(cid:" not in repair_text("ก(cid:16)ร")


def test_duplicated_marks_and_stray_vowels():
    assert repair_text("สถานทีี่") == "สถานที่"
    assert repair_text("สาระัตถะ") == "สารัตถะ"  # the real seed letter's OCR damage
    assert repair_text("ส่วนราชการทาี่มีฐานะ") == "ส่วนราชการที่มีฐานะ"


def test_word_broken_after_leading_vowel_is_joined():
    assert repair_text("ความเ\nรียบร้อย") == "ความเรียบร้อย"
    assert repair_text("การเลือ\nกตั้ง\nบรรทัดใหม่") == "การเลือ\nกตั้ง\nบรรทัดใหม่"  # not provably broken
    assert repair_text("ประชุมครั้งที\n่ ๑") == "ประชุมครั้งที่ ๑"  # pdfminer's layout split


def test_layout_spacing_and_lines_are_kept():
    text = "ที่  คค ๐๖๐๑.๗/๕๘๐๑          วันที่  ๑๘ กรกฎาคม ๒๕๕๖\n\nเรื่อง  ทดสอบ"
    assert repair_text(text) == text


def test_zero_width_characters_removed():
    assert repair_text("กรม\u200bบัญชี\ufeffกลาง") == "กรมบัญชีกลาง"


def test_no_space_after_mai_han_akat_in_any_text():
    # A noisy PDF's text layer (generated unseen layouts): ั always has a final consonant.
    assert repair_text("เรียน ปลั ดกระทรวงมหาดไทย") == "เรียน ปลัดกระทรวงมหาดไทย"
    assert repair_text("การรับฟั ง ความคิดเห็น") == "การรับฟัง ความคิดเห็น"
    # A space after a final consonant stays.
    assert repair_text("ตั้ง คณะทำงาน") == "ตั้ง คณะทำงาน"
