"""How scans are read: the one settings object of archive.ocr, with the measured defaults."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OcrSettings:
    """How scans are read. The defaults are the measured ones (DEFAULT_SETTINGS); a benchmark
    or a test reads with a changed copy (dataclasses.replace(DEFAULT_SETTINGS, psm=6))."""
    language: str = "tha+eng"
    psm: int = 3
    tesseract_config: tuple[str, ...] = ()
    # Tesseract's line finder sometimes takes a long row of Thai upper vowels and tone marks
    # for a text line of its own: the marks become a junk line ("๑๑2๐๐๕ A ง = ๓ aA") and the
    # line below loses them (สถิติ -> สถต). A larger minimum line size keeps them with their
    # line but drops small print such as the receiving stamp (เลขรับ). So a page whose text
    # has junk lines is read again with it, and the reading with more characters in
    # dictionary words wins (None: never read again).
    # Dev scans, CER after repair: default 4.7 %, always the larger size 4.9 %, this 4.2 %.
    second_pass_config: tuple[str, ...] | None = ("-c", "textord_min_linesize=2.5")
    remove_leaders: bool = True
    # Words holding Thai digits are read again glyph by glyph (archive.ocr._numbers): the
    # Thai model gets a quarter of Thai digits wrong.
    read_numbers_again: bool = True
    # Tone marks Tesseract dropped are put back, and look-alike consonants (บ/ป) told apart,
    # by networks that read the words around them (archive.marks, archive.lookalikes).
    # Dev scans, CER after repair 2.93 % -> 2.45 %; subjects right 54 % -> 83 %.
    read_in_context: bool = True
    # A first page's urgency and secrecy stamps are read again from its upper part
    # (marks_on_top).
    read_marks_on_top: bool = True
    # A header line (เรียน, เรื่อง, ส่วนราชการ) that the page's reading tailed with debris is
    # read again alone (read_header_lines_again).
    read_header_lines_again: bool = True
    # Dev scans are 150 dpi images. CER after repair by rendering resolution: 150 dpi
    # 4.20 %, 200 dpi 4.17 %, 250 dpi 3.96 % (10 % more CPU than 200), 300 dpi 4.69 %.
    # PDF pages are rendered at it; images below it are scaled up to it.
    render_dpi: int = 250
    # PDF pages are rendered by pypdfium2, or by poppler's pdftoppm where it is missing;
    # "pdftoppm" takes pdftoppm even then.
    pdf_renderer: str = "pypdfium2"
    page_timeout: float = 180  # seconds; a page that takes longer is given up (""), the file goes on


DEFAULT_SETTINGS = OcrSettings()
