"""OCR of scanned letters: pure text fixes always; real Tesseract runs (marked `ocr`) only
where Tesseract with Thai data is installed. The page images are a synthetic letter made by
tests/fixtures/ocr/make_fixtures.py (no real scans: those carry people's names)."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from archive import ocr
from archive.ocr import _engine, _image, _render, _reread

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ocr"
PAGE1 = FIXTURES / "letter_p1.png"
PAGE2 = FIXTURES / "letter_p2.png"

needs_tesseract = pytest.mark.skipif(
    not _engine.tesseract_has_thai(), reason="Tesseract with Thai data (tesseract-ocr-tha) not installed")


def squash(text: str) -> str:
    return "".join(text.split())


# --- pure fixes -------------------------------------------------------------------------

def test_sara_am_is_one_code_point():
    assert ocr.postprocess("สํานักงาน ทํา น้ํา นํ้า") == "สำนักงาน ทำ น้ำ น้ำ"
    # NIKHAHIT read as MAI HAN-AKAT: ั before า spells nothing.
    assert ocr.postprocess("นั้าท่วม ประจัาปี") == "น้ำท่วม ประจำปี"


def test_no_space_inside_a_syllable_with_mai_han_akat():
    assert ocr.postprocess("รับฟั ง ความคิดเห็น สั้ น") == "รับฟัง ความคิดเห็น สั้น"


def test_form_labels_misread_by_tesseract():
    text = "ด่วนทีสุด\nท นร ๐๒๐๖.๐๒/๑๓๓๐   วันที ๒๒ ธันวาคม ๒๕๖๔\nGos   ขอความเห็นชอบ\nเรือง ประกาศรายชื่อ"
    assert ocr.postprocess(text).splitlines() == [
        "ด่วนที่สุด", "ที่ นร ๐๒๐๖.๐๒/๑๓๓๐   วันที่ ๒๒ ธันวาคม ๒๕๖๔", "เรื่อง   ขอความเห็นชอบ",
        "เรื่อง ประกาศรายชื่อ"]
    # Inside a line the words stay: a name or a word that only looks like a label.
    assert ocr.postprocess("นายรุ่ง เรือง ศรีสุข") == "นายรุ่ง เรือง ศรีสุข"


def test_a_mark_on_no_consonant_is_a_speck():
    # A dev scan's reference number: a speck over the slash read as NIKHAHIT.
    assert ocr.postprocess("ที่ นร ๐๕๐๕.๓/ํว ๒๗๘") == "ที่ นร ๐๕๐๕.๓/ว ๒๗๘"
    assert ocr.postprocess("โทร. ๐๒๑๒ึ๓ www.้go.th") == "โทร. ๐๒๑๒๓ www.go.th"
    # Marks on their consonants stay.
    assert ocr.postprocess("ที่ดิน น้ำ ปฐมนิเทศ เกี่ยวข้อง") == "ที่ดิน น้ำ ปฐมนิเทศ เกี่ยวข้อง"


def test_a_province_one_letter_off_is_written_as_the_directory_has_it():
    # A search for ขอนแก่น finds the scan whose OCR read ขอบแก่น.
    assert ocr.postprocess("เรื่อง ประชุม จังหวัดขอบแก่น\nเรียน ผู้ว่าราชการจังหวัดขัยภูมิ") == (
        "เรื่อง ประชุม จังหวัดขอนแก่น\nเรียน ผู้ว่าราชการจังหวัดชัยภูมิ")


def test_specks_and_blank_runs_go():
    assert ocr.postprocess("เรื่อง ทดสอบ\n|\n\n\n'  ‘\nเรียน ท่าน\x0c") == "เรื่อง ทดสอบ\n\nเรียน ท่าน"


def test_junk_lines_are_counted():
    assert ocr.junk_lines("๑๑2๐๐๕ A  ง =  ๓ aA\nเรื่อง ขอความอนุเคราะห์ข้อมูล\nที่ นร 0505/ว 500") == 1


def test_dictionary_chars_prefer_the_reading_with_marks():
    assert ocr.dictionary_chars("สถิติจังหวัด") > ocr.dictionary_chars("สถตจงหวด")


def test_dot_leaders_are_removed_but_text_stays():
    from PIL import Image, ImageDraw

    img = Image.new("L", (800, 120), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 20, 46, 70), fill=0)  # a vertical stroke of a letter
    draw.rectangle((60, 60, 300, 64), fill=0)  # a horizontal stroke
    for x in range(100, 700, 8):  # the dotted leader
        draw.rectangle((x, 90, x + 2, 92), fill=0)
    cleaned, dots = ocr.remove_dot_leaders(img, 200)
    assert dots >= len(range(100, 700, 8))  # counted once per pixel row of the dots
    assert cleaned.crop((95, 85, 705, 97)).getextrema() == (255, 255)
    assert cleaned.getpixel((43, 40)) == 0 and cleaned.getpixel((200, 62)) == 0


def test_a_leader_dot_just_under_a_stroke_goes_and_the_stroke_stays():
    # A digit's foot a pixel above the dotted line: the dot under it was read as part of
    # the digit (๑ as ๓) or as a hyphen. (The image for the re-reading of numbers.)
    from PIL import Image, ImageDraw

    img = Image.new("L", (800, 120), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((203, 40, 206, 88), fill=0)  # a stroke ending a pixel above the leader
    for x in range(100, 700, 8):
        draw.rectangle((x, 90, x + 2, 92), fill=0)
    cleaned, _ = ocr.remove_dot_leaders(img, 200, under_strokes=True)
    assert cleaned.crop((95, 89, 705, 97)).getextrema() == (255, 255)
    assert cleaned.crop((203, 40, 207, 89)).getextrema() == (0, 0)


def test_ocr_off_by_environment(monkeypatch):
    monkeypatch.setenv("SARABAN_OCR", "off")
    assert ocr.ocr_available() is False


def test_image_without_ocr_waits(monkeypatch):
    monkeypatch.setenv("SARABAN_OCR", "off")
    assert ocr.read_image(PAGE1) == (None, 1, True)


def test_corrupt_image_gives_clear_error(tmp_path):
    bad = tmp_path / "scan_0001.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(ValueError) as info:
        ocr.read_image(bad)
    assert "damaged" in str(info.value) and "scan_0001.jpg" in str(info.value)


def test_truncated_png_gives_clear_error(tmp_path):
    bad = tmp_path / "cut.png"
    bad.write_bytes(PAGE1.read_bytes()[:2000])
    with pytest.raises(ValueError, match="cut.png"):
        ocr.read_image(bad)


def test_grayscale_of_transparent_image_is_white():
    from PIL import Image

    img = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    assert _image.as_gray(img).getpixel((0, 0)) == 255


def test_low_resolution_is_scaled_up_only():
    from PIL import Image

    small = Image.new("L", (827, 1170), 255)  # A4 at 100 dpi, no dpi in the file
    scaled, dpi = _image.scale_for_ocr(small, _image.image_dpi(small))
    render_dpi = ocr.DEFAULT_SETTINGS.render_dpi
    assert dpi == render_dpi and scaled.width == round(827 * render_dpi / 100)
    big = Image.new("L", (2480, 3508), 255)  # 300 dpi stays as it is
    assert _image.scale_for_ocr(big, _image.image_dpi(big))[0] is big


# --- real Tesseract ---------------------------------------------------------------------

def assert_page1(text: str) -> None:
    flat = squash(text)
    assert "นร0505/ว500" in flat
    assert "สำนักงานสถิติแห่งชาติ" in flat  # SARA AM repaired
    assert "ขอความอนุเคราะห์ข้อมูลสถิติ" in flat
    assert "ตุลาคม2563" in flat


@pytest.mark.ocr
@needs_tesseract
def test_png_letter(monkeypatch):
    monkeypatch.delenv("SARABAN_OCR", raising=False)
    text, pages, needs_ocr = ocr.read_image(PAGE1)
    assert (pages, needs_ocr) == (1, False)
    assert_page1(text)
    assert "ํา" not in text


@pytest.mark.ocr
@needs_tesseract
def test_multipage_tiff(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    tiff = tmp_path / "scan.tif"
    first, second = Image.open(PAGE1), Image.open(PAGE2)
    first.save(tiff, save_all=True, append_images=[second], compression="group4", dpi=(200, 200))
    text, pages, needs_ocr = ocr.read_image(tiff)
    assert (pages, needs_ocr) == (2, False)
    assert_page1(text)
    assert "แบบสอบถามข้อมูลสถิติ" in squash(text)
    assert squash(text).index("นร0505") < squash(text).index("แบบสอบถาม")  # page order


@pytest.mark.ocr
@needs_tesseract
def test_grey_jpeg_at_150_dpi(tmp_path, monkeypatch):
    """A low-resolution grey JPEG like the office scanner's is scaled up before OCR."""
    from PIL import Image

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    img = Image.open(PAGE1).convert("L")
    img = img.resize((img.width * 3 // 4, img.height * 3 // 4), Image.LANCZOS)
    jpg = tmp_path / "IMG_20201026_091502.jpg"
    img.save(jpg, quality=70, dpi=(150, 150))
    text, _, _ = ocr.read_image(jpg)
    assert_page1(text)


@pytest.mark.ocr
@needs_tesseract
def test_image_only_pdf_pages(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    pdf = tmp_path / "scan_000123.pdf"
    first, second = Image.open(PAGE1).convert("L"), Image.open(PAGE2).convert("L")
    first.save(pdf, save_all=True, append_images=[second], resolution=200)
    pages = ocr.ocr_pdf_pages(pdf, [1, 2, 7])
    assert sorted(pages) == [1, 2, 7]
    assert_page1(pages[1])
    assert "แบบสอบถามข้อมูลสถิติ" in squash(pages[2])
    assert pages[7] == ""  # a page that does not exist is empty, not a failure


@pytest.mark.ocr
@needs_tesseract
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_pdftoppm_renderer_when_pypdfium2_is_missing(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    pdf = tmp_path / "scan.pdf"
    Image.open(PAGE2).convert("L").save(pdf, resolution=200)
    pages = ocr.ocr_pdf_pages(pdf, [1, 0], dataclasses.replace(ocr.DEFAULT_SETTINGS, pdf_renderer="pdftoppm"))
    assert "แบบสอบถามข้อมูลสถิติ" in squash(pages[1]) and pages[0] == ""


def test_page_zero_is_not_the_last_page(tmp_path):
    from PIL import Image

    pdf = tmp_path / "one.pdf"
    Image.open(PAGE2).convert("L").save(pdf, resolution=200)
    assert [(n, img) for n, img in _render.render_pdfium(pdf, [0], 200)] == [(0, None)]


def test_pdf_that_cannot_be_opened_raises(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    with pytest.raises(ValueError, match="bad.pdf"):
        ocr.ocr_pdf_pages(bad, [1])


@pytest.mark.ocr
@needs_tesseract
def test_failing_page_does_not_fail_the_file(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    pdf = tmp_path / "two.pdf"
    Image.open(PAGE2).convert("L").save(pdf, save_all=True, append_images=[Image.open(PAGE2).convert("L")])
    calls = []
    real = ocr.ocr_image

    def flaky(*args):  # noqa: ANN002
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("tesseract failed: simulated")
        return real(*args)

    monkeypatch.setattr(ocr, "ocr_image", flaky)
    pages = ocr.ocr_pdf_pages(pdf, [1, 2])
    assert pages[1] == "" and "แบบสอบถาม" in squash(pages[2])


def test_spaces_ocr_put_inside_words_go():
    from archive.thaitext import join_split_words

    assert join_split_words("เรื่อง การประ ชาสัมพันธ์ผลงาน") == "เรื่อง การประชาสัมพันธ์ผลงาน"
    assert join_split_words("สำนักงานปลัดกระ ทรวงสาธารณสุข") == "สำนักงานปลัดกระทรวงสาธารณสุข"
    # A character written twice around the space goes with it.
    assert join_split_words("กำหนดระย ยะเวลา ผู้ประ ะสงค์ลงทะ ะเบียน") == "กำหนดระยะเวลา ผู้ประสงค์ลงทะเบียน"
    # Spaces between words, before an abbreviation or ๆ, and in names are the letter's own.
    kept = "ของหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ เรื่องต่าง ๆ (นายวีชัย ศรีกัณย์ชัย) รองผู้ว่าการ ปฏิบัติราชการแทน"
    assert join_split_words(kept) == kept


# The upper third of page 1 of a real memo (public, no person's name on it): its large
# ด่วนที่สุด beside the Garuda is junk in the page's own reading.
URGENT_TOP = FIXTURES / "urgent_memo_top.png"


# The upper part of page 1 of a real photocopied letter (dula_01, public; 16 grey levels):
# its bold ด่วนที่สุด reads as ดวนแตด, ดวนโสุด, ด่วนนี้สต by scale, never whole.
PHOTOCOPIED_TOP = FIXTURES / "photocopied_stamp_top.png"


def _urgent_page(top_png: Path = URGENT_TOP):  # noqa: ANN202
    from PIL import Image

    top = Image.open(top_png).convert("L")
    page = Image.new("L", (top.width, round(top.height / _reread.MARKS_TOP_FRACTION)), 255)
    page.paste(top, (0, 0))
    return page


@pytest.mark.ocr
@needs_tesseract
def test_a_large_urgency_stamp_is_read_from_the_top_of_the_page(tmp_path, monkeypatch):
    from archive import read_document

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    page = _urgent_page()
    assert ocr.marks_on_top(page, 150) == ["ด่วนที่สุด"]
    pdf = tmp_path / "scan_000901.pdf"
    page.save(pdf, resolution=150)
    memo = read_document(pdf, display_path=pdf.name)
    assert (memo.kind, memo.urgency, memo.secrecy) == ("บันทึกข้อความ", "ด่วนที่สุด", None)
    assert memo.text.count("ด่วนที่สุด") == 1   # added once, where the reading lost it


@pytest.mark.ocr
@needs_tesseract
def test_a_photocopied_stamp_read_damaged_is_still_its_mark(monkeypatch):
    monkeypatch.delenv("SARABAN_OCR", raising=False)
    assert ocr.marks_on_top(_urgent_page(PHOTOCOPIED_TOP), 150) == ["ด่วนที่สุด"]


@pytest.mark.ocr
@needs_tesseract
def test_no_mark_is_read_into_a_letter_that_has_none(monkeypatch):
    from PIL import Image

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    assert ocr.marks_on_top(Image.open(PAGE1), 200) == []


def test_marks_are_added_only_when_the_reading_lost_them():
    assert _reread.with_marks("ด่วนที่สุด\nที่ นร ๐๕๐๕", ["ด่วนที่สุด"]) == "ด่วนที่สุด\nที่ นร ๐๕๐๕"
    assert _reread.with_marks("vg yy\nบันทึกข้อความ", ["ด่วนที่สุด", "ลับ"]) == (
        "ด่วนที่สุด ลับ\nvg yy\nบันทึกข้อความ")


FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")


def stamped_in_red(page: Path, color=(200, 40, 45), angle: float = -8):  # noqa: ANN001, ANN201
    """The page as a colour scan with a red ด่วนที่สุด stamp, boxed and turned, over its
    ส่วนราชการ line."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    bold = FONT_DIR / "Garuda-Bold.ttf"
    if not bold.exists():
        pytest.skip("fonts-thai-tlwg not installed")
    img = Image.open(page).convert("RGB")
    stamp = Image.new("RGBA", (640, 190), (0, 0, 0, 0))
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((4, 4, 630, 180), outline=color + (255,), width=6)
    draw.text((40, 30), "ด่วนที่สุด", font=ImageFont.truetype(str(bold), 88), fill=color + (255,))
    stamp = stamp.rotate(angle, expand=True, resample=Image.BICUBIC)
    img.paste(stamp, (560, 200), stamp)
    return img.filter(ImageFilter.GaussianBlur(0.6))


@pytest.mark.ocr
@needs_tesseract
def test_a_red_urgency_stamp_over_the_text_of_a_colour_scan(tmp_path, monkeypatch):
    """The สารบรรณ rules stamp urgency in red; in grey the stamp is as dark as the line it
    covers and both read as junk. Read from its red ink alone, it is the letter's urgency."""
    from archive.reader import read_document

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    jpg = tmp_path / "scan_0042.jpg"
    stamped_in_red(PAGE1).save(jpg, quality=85, dpi=(200, 200))
    memo = read_document(jpg)
    assert memo.urgency == "ด่วนที่สุด"
    assert memo.recipient == "ผู้ว่าราชการจังหวัดทุกจังหวัด"  # the header below still reads


def test_red_ink_is_looked_for_only_on_colour_pages():
    from PIL import Image

    assert _reread.red_ink(Image.open(PAGE1).convert("L")) is None
    assert _reread.red_ink(Image.open(PAGE1).convert("RGB")) is None  # colour, but no red


def test_a_red_picture_is_not_taken_for_stamps():
    from PIL import Image

    assert _reread.red_ink(Image.new("RGB", (500, 300), (220, 30, 30))) is None


@pytest.mark.ocr
@needs_tesseract
def test_a_red_urgency_stamp_on_a_colour_pdf_scan(tmp_path, monkeypatch):
    """PDF pages are read in grey; the first one is rendered again in colour for its stamps."""
    from archive.reader import read_document

    monkeypatch.delenv("SARABAN_OCR", raising=False)
    pdf = tmp_path / "scan_0043.pdf"
    stamped_in_red(PAGE1).save(pdf, resolution=200)
    assert read_document(pdf).urgency == "ด่วนที่สุด"
