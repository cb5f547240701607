"""Text of word-processor letters: .docx (python-docx), .odt (ODF XML, standard library) and
old binary .doc (antiword, else LibreOffice; without either it waits like a scan).

Text comes in document order: letterhead from the page header first, then paragraphs and
table rows (cells joined by a tab, so "ที่ ...<tab>วันที่ ..." rows read like a typed letter),
text boxes after the paragraph that anchors them, the page footer last.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import settings

from .errors import TooLarge

CONVERT_TIMEOUT = 120  # seconds for antiword / LibreOffice on one file

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_office(path: Path | str) -> tuple[str | None, bool]:
    """(text, needs_ocr). needs_ocr=True with text None means "needs a converter" (a .doc
    without antiword or LibreOffice). Damaged files raise ValueError with a one-line reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        _check_unpacked_size(path, "Word file")
        return _tidy(read_docx(path)), False
    if suffix == ".odt":
        _check_unpacked_size(path, "ODF file")
        return _tidy(read_odt(path)), False
    if suffix == ".doc":
        text = read_doc(path)
        return (None, True) if text is None else (_tidy(text), False)
    raise ValueError(f"not an office document: {path.name}")


def _check_unpacked_size(path: Path, what: str) -> None:
    """TooLarge (a ValueError) for a zip whose parts declare more than
    settings.MAX_UNPACKED_BYTES (zipfile never unpacks more than a part declares). A damaged
    zip is left to the reader, which says what is wrong."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    if total > settings.MAX_UNPACKED_BYTES:
        raise TooLarge(what, f" ({total / 1024**2:,.0f} MB unpacked): {path.name}")


def _tidy(text: str) -> str:
    """Trailing spaces off, runs of blank lines folded to one."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# --- .docx ------------------------------------------------------------------------------

def read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:
        raise RuntimeError("reading .docx needs python-docx (pip install 'saraban-search[office]')") from exc
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValueError(f"Word file is damaged or not a .docx ({exc.__class__.__name__}): {path.name}") from exc
    except Exception as exc:  # noqa: BLE001 - lxml syntax errors and the like
        raise ValueError(f"Word file is damaged ({exc.__class__.__name__}): {path.name}") from exc

    def parts(reltype: str) -> list[str]:
        texts = []
        for rel in document.part.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                text = "\n".join(_docx_blocks(rel.target_part.element))
                if text.strip() and text not in texts:  # sections often repeat one header
                    texts.append(text)
        return texts

    body = "\n".join(_docx_blocks(document.element.body))
    return "\n".join([*parts(RT.HEADER), body, *parts(RT.FOOTER)])


def _docx_blocks(container) -> list[str]:  # noqa: ANN001 - lxml element
    """Lines of a body/header/cell in order: paragraphs, table rows, content controls."""
    lines: list[str] = []
    for el in container:
        tag = el.tag
        if tag == _W + "p":
            text, boxes = _docx_paragraph(el)
            lines.append(text)
            lines.extend(boxes)
        elif tag == _W + "tbl":
            for row in el.iter(_W + "tr"):
                if _nearest_table(row) is el:
                    cells = [_docx_cell(tc) for tc in row if tc.tag == _W + "tc"]
                    lines.append("\t".join(cells).rstrip())
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            lines.extend(_docx_blocks(el))
    return lines


def _nearest_table(el):  # noqa: ANN001, ANN202
    parent = el.getparent()
    while parent is not None and parent.tag != _W + "tbl":
        parent = parent.getparent()
    return parent


def _docx_cell(tc) -> str:  # noqa: ANN001
    return " ".join(line.strip() for line in _docx_blocks(tc) if line.strip())


def _docx_paragraph(p) -> tuple[str, list[str]]:  # noqa: ANN001
    """Paragraph text, plus the lines of text boxes anchored in it (kept apart: a text box
    is a separate block on the page, typically the letterhead or a stamp)."""
    parts: list[str] = []
    boxes: list[str] = []

    def walk(el) -> None:  # noqa: ANN001
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag == _MC_FALLBACK:
                continue  # comments; the Fallback repeats the Choice (old VML copy)
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "txbxContent":
                boxes.extend(_docx_blocks(child))
            elif tag not in (_W + "pPr", _W + "rPr", _W + "del", _W + "instrText"):
                walk(child)

    walk(p)
    return "".join(parts), boxes


# --- .odt -------------------------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def read_odt(path: Path) -> str:
    """ODF text straight from the XML (odfpy's extractText loses table structure)."""
    try:
        with zipfile.ZipFile(path) as zf:
            content = ElementTree.fromstring(zf.read("content.xml"))
            names = set(zf.namelist())
            styles = ElementTree.fromstring(zf.read("styles.xml")) if "styles.xml" in names else None
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, EOFError) as exc:
        raise ValueError(f"ODF file is damaged or not an .odt ({exc.__class__.__name__}): {path.name}") from exc
    text_el = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if text_el is None:
        raise ValueError(f"ODF file has no text body (not a text document?): {path.name}")
    headers: list[str] = []
    footers: list[str] = []
    if styles is not None:
        for page in styles.iter(f"{_STYLE}master-page"):
            for el in page:
                name = el.tag.removeprefix(_STYLE)
                target = headers if name.startswith("header") else footers if name.startswith("footer") else None
                if target is not None:
                    text = "\n".join(_odt_blocks(el))
                    if text.strip() and text not in target:
                        target.append(text)
    return "\n".join([*headers, "\n".join(_odt_blocks(text_el)), *footers])


def _odt_blocks(container) -> list[str]:  # noqa: ANN001
    lines: list[str] = []
    for el in container:
        tag = el.tag
        if tag in (_TEXT + "p", _TEXT + "h"):
            text, boxes = _odt_inline(el)
            lines.append(text)
            lines.extend(boxes)
        elif tag == _TABLE + "table":
            for row in _odt_rows(el):
                cells = [" ".join(x.strip() for x in _odt_blocks(c) if x.strip())
                         for c in row if c.tag == _TABLE + "table-cell"]
                lines.append("\t".join(cells).rstrip())
        elif tag in (_TEXT + "list", _TEXT + "list-item", _TEXT + "list-header", _TEXT + "section",
                     _TEXT + "index-body"):
            lines.extend(_odt_blocks(el))
    return lines


def _odt_rows(table):  # noqa: ANN001, ANN202
    """Rows of this table, also inside row groups, but not those of nested tables."""
    for el in table:
        if el.tag == _TABLE + "table-row":
            yield el
        elif el.tag in (_TABLE + "table-header-rows", _TABLE + "table-rows", _TABLE + "table-row-group"):
            yield from _odt_rows(el)


def _odt_inline(p) -> tuple[str, list[str]]:  # noqa: ANN001
    parts = [p.text or ""]
    boxes: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _TEXT + "s":
            parts.append(" " * int(child.get(_TEXT + "c", "1")))
        elif tag == _TEXT + "tab":
            parts.append("\t")
        elif tag == _TEXT + "line-break":
            parts.append("\n")
        elif tag in (_DRAW + "frame", _DRAW + "text-box"):
            for box in child.iter(_DRAW + "text-box"):
                boxes.extend(_odt_blocks(box))
        elif tag not in (_OFFICE + "annotation", _TEXT + "note"):
            text, inner = _odt_inline(child)
            parts.append(text)
            boxes.extend(inner)
        parts.append(child.tail or "")
    return "".join(parts), boxes


# --- .doc -------------------------------------------------------------------------------

def read_doc(path: Path) -> str | None:
    """Old Word file through antiword, else LibreOffice; None when neither is installed."""
    if shutil.which("antiword"):
        done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
                              capture_output=True, timeout=CONVERT_TIMEOUT)
        if done.returncode == 0 and done.stdout.strip():
            return _antiword_tables(done.stdout.decode("utf-8", "replace"))
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if not _soffice():
            raise ValueError(f"Word file is damaged or not a .doc ({reason[0] if reason else 'antiword failed'}): "
                             f"{path.name}")
    exe = _soffice()
    if not exe:
        return None
    with tempfile.TemporaryDirectory(prefix="saraban-doc-") as tmp:
        # A private profile: a second LibreOffice (or a user's) must not block this one.
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
               "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(path)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ValueError(f"LibreOffice took too long to convert: {path.name}") from exc
        out = Path(tmp) / (path.stem + ".txt")
        if not out.exists():
            raise ValueError(f"Word file is damaged or not a .doc (LibreOffice could not convert it): {path.name}")
        return out.read_text(encoding="utf-8-sig", errors="replace")


def _antiword_tables(text: str) -> str:
    """antiword draws table rows as |cell   |cell   |; make them tab-separated like .docx rows."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|")).rstrip()
        lines.append(line)
    return "\n".join(lines)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")

