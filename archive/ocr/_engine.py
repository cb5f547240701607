"""Tesseract: whether it can run here, one run of it over a page image (its text, and hOCR
with character boxes), and the text lines of that hOCR."""
from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import settings

from ._settings import OcrSettings

TESSERACT_PACKAGES = "tesseract-ocr tesseract-ocr-tha"


def ocr_missing() -> str | None:
    """Why scans cannot be read here, saying what to install; None when OCR works."""
    if settings.ocr_switched_off():
        return "OCR is switched off (SARABAN_OCR)"
    if not shutil.which("tesseract"):
        return f"Tesseract is not installed: apt-get install {TESSERACT_PACKAGES}"
    if not tesseract_has_thai():
        return "Tesseract has no Thai model: apt-get install tesseract-ocr-tha"
    return None


def ocr_available() -> bool:
    """Tesseract with Thai data is installed and OCR is not switched off (`SARABAN_OCR=off`)."""
    return ocr_missing() is None


@functools.lru_cache(maxsize=1)
def tesseract_has_thai() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    langs = (out.stdout + out.stderr).decode("utf-8", "replace").split()
    return "tha" in langs


def tesseract(png: bytes, config: tuple[str, ...], cfg: OcrSettings, hocr: bool = False,
              psm: int | None = None) -> tuple[str, str]:
    """(text, hOCR with character boxes, or "") of a PNG page, with the extra Tesseract
    `config`, in page segmentation mode `psm` (default cfg.psm)."""
    # No --dpi: Tesseract's own estimate from the text height measured far better (a wrong
    # value loses tone marks and whole words).
    with tempfile.TemporaryDirectory(prefix="saraban-ocr-") as tmp:
        out = Path(tmp) / "page"
        cmd = ["tesseract", "stdin", str(out), "-l", cfg.language,
               "--psm", str(cfg.psm if psm is None else psm), *config]
        cmd += ["-c", "hocr_char_boxes=1", "txt", "hocr"] if hocr else ["txt"]
        # One thread per Tesseract: the indexer already runs one file per core.
        env = settings.child_env(OMP_THREAD_LIMIT="1")
        done = subprocess.run(cmd, input=png, capture_output=True, timeout=cfg.page_timeout, env=env)
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"tesseract failed: {err[-1] if err else done.returncode}")
        text = out.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        page_hocr = out.with_suffix(".hocr").read_text(encoding="utf-8", errors="replace") if hocr else ""
    return text, page_hocr


Box = tuple[int, int, int, int]


@dataclass
class OcrLine:
    bbox: Box
    chars: list[tuple[str, Box]]


_HOCR_ITEM = re.compile(
    r"<span class='(?:ocr_line|ocr_header|ocr_textfloat|ocr_caption)'[^>]*?title=\"bbox (\d+) (\d+) (\d+) (\d+)"
    r"|<span class='ocrx_cinfo' title='x_bboxes (-?\d+) (-?\d+) (-?\d+) (-?\d+)[^']*'>([^<]*)</span>")


def parse_hocr(hocr: str) -> list[OcrLine]:
    """Text lines of Tesseract's hOCR (made with `hocr_char_boxes=1`), each with its
    characters and their boxes, in reading order."""
    lines: list[OcrLine] = []
    for m in _HOCR_ITEM.finditer(hocr):
        if m.group(1) is not None:
            lines.append(OcrLine(tuple(int(v) for v in m.group(1, 2, 3, 4)), []))
        elif lines:
            box = tuple(int(v) for v in m.group(5, 6, 7, 8))
            for ch in html.unescape(m.group(9)):
                lines[-1].chars.append((ch, box))
    return [line for line in lines if line.chars]


def align_lines(raw_lines: list[str], ocr_lines: list[OcrLine]) -> list[tuple[int, OcrLine]]:
    """Pairs (index in raw_lines, hOCR line) of the same text: both come from one reading,
    so the text of a line without spaces is the line's characters."""
    pairs, j = [], 0
    for i, line in enumerate(raw_lines):
        squashed = re.sub(r"\s+", "", line)
        if not squashed:
            continue
        for k in range(j, min(j + 3, len(ocr_lines))):
            if "".join(ch for ch, _ in ocr_lines[k].chars) == squashed:
                pairs.append((i, ocr_lines[k]))
                j = k + 1
                break
    return pairs
