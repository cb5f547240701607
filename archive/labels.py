"""Labels of a letter's fields that more than one reader recognises, in one place: the
extractor reads them on the page (archive.fields), the search box takes them as typed
(index._parse)."""
from __future__ import annotations

# A receiving number's label, on a receiving stamp (เลขรับ ๑๓๗๗๖, เลขที่รับ 0871) or typed
# in the search box (เลขรับ 13776, เลขทะเบียนรับ 13776, รับที่ 13776). A regex alternation.
RECEIVED_NO = r"(?:เลขทะเบียนรับ|เลขที่รับ|เลขรับ|รับที่)"

# Header lines whose value runs on after its label on the same line, where OCR most often
# tails the value with debris from a stamp or a signature crossing it (archive.ocr reads such
# a line again alone).
HEADER_VALUE_LABELS = ("ส่วนราชการ", "เรื่อง", "เรียน")
