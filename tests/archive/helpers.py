"""Builders for test documents: letters as text, and real PDFs made with fpdf2."""
from __future__ import annotations

from pathlib import Path

import pytest

FONT_DIRS = (Path("/usr/share/fonts/truetype/tlwg"), Path("/usr/share/fonts/truetype/thai"),
             Path("/usr/share/fonts/opentype/tlwg"))


def thai_font() -> Path:
    for d in FONT_DIRS:
        for name in ("Garuda.ttf", "Loma.ttf", "Norasi.ttf", "Garuda.otf", "Loma.otf"):
            if (d / name).exists():
                return d / name
    pytest.skip("no Thai TrueType font (apt-get install fonts-tlwg-garuda)")


def make_pdf(path: Path, lines: list[str], *, width: float = 0, actual_text: dict[int, str] | None = None,
             encrypt: str | None = None, centred: tuple[str, ...] = ("ขอแสดงความนับถือ", "(")) -> Path:
    """A real text PDF: one cell per line (width 0 = full line; long lines wrap with
    multi_cell; the closing formula and signature centred as in real letters). `actual_text` wraps line i in a marked-content span whose /ActualText
    replaces what is drawn, as LibreOffice does for shared glyphs."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("thai", fname=str(thai_font()))
    pdf.set_font("thai", size=16)
    pdf.add_page()
    for i, line in enumerate(lines):
        if actual_text and i in actual_text:
            hexed = "FEFF" + actual_text[i].encode("utf-16-be").hex().upper()
            pdf._out(f"/Span <</ActualText <{hexed}>>> BDC")  # noqa: SLF001 - raw operator
        align = "C" if line.startswith(centred) else "L"  # closing and signature are centred
        pdf.multi_cell(width, 9, line, align=align, new_x="LMARGIN", new_y="NEXT")
        if actual_text and i in actual_text:
            pdf._out("EMC")  # noqa: SLF001
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    pdf.output(str(path))
    return path


def make_image_pdf(path: Path, pages: int = 1) -> Path:
    """A scan: pages holding only an image, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    pdf = FPDF()
    for _ in range(pages):
        img = Image.new("L", (400, 560), 255)
        ImageDraw.Draw(img).rectangle((40, 40, 360, 80), fill=0)
        pdf.add_page()
        pdf.image(img, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


EXTERNAL_LETTER = """\
ด่วนที่สุด
ที่ นร ๐๕๐๕/ว ๕๐๐
สำนักเลขาธิการคณะรัฐมนตรี
ทำเนียบรัฐบาล กทม. ๑๐๓๐๐
๒๒ ตุลาคม ๒๕๖๓
เรื่อง  การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงาน
เรียน  เลขาธิการคณะกรรมการการเลือกตั้ง
อ้างถึง  หนังสือสำนักเลขาธิการคณะรัฐมนตรี ที่ นร ๐๕๐๕/ว ๔๐๑ ลงวันที่ ๑ กันยายน ๒๕๖๓
สิ่งที่ส่งมาด้วย  ๑. แบบรายงานผลการดำเนินงาน จำนวน ๑ ฉบับ
                ๒. คู่มือการประชาสัมพันธ์ จำนวน ๑ เล่ม
          ด้วยคณะรัฐมนตรีมีมติให้ทุกส่วนราชการนำเสนอผลการปฏิบัติงาน
          จึงเรียนมาเพื่อโปรดทราบ
ขอแสดงความนับถือ
(นายสมชาย ใจดี)
รองเลขาธิการคณะรัฐมนตรี ปฏิบัติราชการแทน
เลขาธิการคณะรัฐมนตรี
กองพัฒนายุทธศาสตร์และติดตามนโยบายพิเศษ
โทร. ๐ ๒๒๘๐ ๙๐๐๐ ต่อ ๑๓๒๔
โทรสาร ๐ ๒๒๘๐ ๑๔๔๖
ไปรษณีย์อิเล็กทรอนิกส์ spt55@soc.go.th
"""
