from archive.agencies import lookup_similar_name
from archive.spell import fix_confusables


def test_look_alike_consonants_fixed_when_one_swap_makes_words():
    assert fix_confusables("เข้าร่วมสัฆมนาเชิงปฏิบัติการ") == "เข้าร่วมสัมมนาเชิงปฏิบัติการ"
    assert fix_confusables("ขนาดไม่เกิน 2.5 ไมดรอน (PM2.5)") == "ขนาดไม่เกิน 2.5 ไมครอน (PM2.5)"


def test_stray_space_inside_a_word_removed():
    assert fix_confusables("คำของบป ระมาณรายจ่าย") == "คำของบประมาณรายจ่าย"


def test_correct_text_and_foreign_words_untouched():
    for text in ("การรับนักเรียน ปีการศึกษา ๒๕๕๕", "โครงการ TO BE NUMBER ONE", "", None):
        assert fix_confusables(text) == text


def test_an_abbreviation_is_never_swapped_into_a_word():
    # รปส. (a deputy director-general) is no dictionary word; รบ|ส would be a guess.
    assert fix_confusables("รปส.(๒)") == "รปส.(๒)"
    assert fix_confusables("เสนอ รปส. ที่กำกับ") == "เสนอ รปส. ที่กำกับ"
    # The same run without its dot is still repaired, and so is a long word before a dot.
    assert fix_confusables("เข้าร่วมสัฆมนา") == "เข้าร่วมสัมมนา"
    assert fix_confusables("มหาวิทยาลัยราชภัฏเลย์.") == "มหาวิทยาลัยราชภัฏเลย."


def test_damaged_agency_name_matches_the_directory():
    ag = lookup_similar_name("สำนักงานคณะกรรฆการพัฒนาระบบราชการ")
    assert ag is not None and ag.code == "นร 1200"
    assert lookup_similar_name("สำนักเลขาธิการคณะกรรมการการเลือกตั้ง") is None  # too far


def test_a_final_consonant_lost_after_mai_han_akat_comes_back():
    assert fix_confusables("ขอรับโอนข้าราชการพลเรือนสามั") == "ขอรับโอนข้าราชการพลเรือนสามัญ"
    assert fix_confusables("รายงานการใช้น้ำมั") == "รายงานการใช้น้ำมัน"
    # Several consonants make a word just as long: no guess.
    assert fix_confusables("ทั") == "ทั"


def test_the_longest_word_a_run_starts_with():
    # PDF line joins ask what a Thai line breaker would have moved: the longest word.
    from archive.spell import longest_word_prefix

    assert longest_word_prefix("ปีงบประมาณพ") == "ปีงบประมาณ"
    assert longest_word_prefix("ฉฉฉ") == "ฉ"  # no word: one character
