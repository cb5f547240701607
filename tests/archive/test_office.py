"""Word-processor letters (.docx, .odt, .doc) read back with their Thai text and tables."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive import office

SUBJECT = "ขอความอนุเคราะห์ข้อมูลสถิติเพื่อจัดทำรายงานสถิติจังหวัด"
REF = "ที่ นร ๐๕๐๕/ว ๕๐๐"
DATE = "วันที่ ๒๒ ตุลาคม ๒๕๖๓"
AGENCY = "สำนักเลขาธิการคณะรัฐมนตรี"
BODY = "ด้วยสำนักงานสถิติแห่งชาติจะดำเนินการสำรวจข้อมูล จึงขอความร่วมมือส่งข้อมูลภายในวันที่ ๓๐ ตุลาคม ๒๕๖๓"


def make_docx(path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = AGENCY  # letterhead in the page header
    doc.add_paragraph("บันทึกข้อความ")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = REF
    table.cell(0, 1).text = DATE
    table.cell(1, 0).merge(table.cell(1, 1)).text = "เรื่อง " + SUBJECT
    doc.add_paragraph("เรียน ปลัดกระทรวงทุกกระทรวง")
    doc.add_paragraph(BODY)
    doc.sections[0].footer.paragraphs[0].text = "โทร. ๐ ๒๒๘๐ ๙๐๐๐"
    doc.save(str(path))
    return path


def make_odt(path):
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P, S, Tab

    doc = OpenDocumentText()
    layout = PageLayout(name="pl")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header = Header()
    header.addElement(P(text=AGENCY))
    master.addElement(header)
    footer = Footer()
    footer.addElement(P(text="โทร. ๐ ๒๒๘๐ ๙๐๐๐"))
    master.addElement(footer)
    doc.masterstyles.addElement(master)

    doc.text.addElement(P(text="หนังสือภายนอก"))
    p = P(text="ที่")
    p.addElement(S(c=1))
    p.addText("นร ๐๕๐๕/ว ๕๐๐")
    p.addElement(Tab())
    p.addText(DATE)
    doc.text.addElement(p)
    table = Table(name="t1")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for left, right in (("เรื่อง", SUBJECT), ("เรียน", "ผู้ว่าราชการจังหวัดทุกจังหวัด")):
        row = TableRow()
        for value in (left, right):
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    doc.text.addElement(P(text=BODY))
    doc.save(str(path))
    return path


def test_docx_paragraphs_tables_header_in_order(tmp_path):
    text, needs_ocr = office.read_office(make_docx(tmp_path / "letter.docx"))
    assert needs_ocr is False
    lines = text.splitlines()
    assert lines[0] == AGENCY  # the header's letterhead comes first
    assert f"{REF}\t{DATE}" in lines  # a table row reads like the typed line
    assert "เรื่อง " + SUBJECT in lines
    assert lines.count("เรื่อง " + SUBJECT) == 1  # a merged cell is not repeated
    assert text.index("บันทึกข้อความ") < text.index(REF) < text.index("เรียน") < text.index(BODY)
    assert lines[-1] == "โทร. ๐ ๒๒๘๐ ๙๐๐๐"


def test_docx_text_box_and_line_break(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    doc = docx.Document()
    para = doc.add_paragraph("บรรทัดแรก")
    para.runs[0].add_break()
    para.add_run("บรรทัดสอง")
    # A text box holding the receiving stamp (DrawingML with its VML fallback copy).
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p><w:r><w:t>เลขรับ ๑๓๗๗๖</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>เลขรับ ๑๓๗๗๖</w:t>'
        '</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    para._p.append(box)
    path = tmp_path / "box.docx"
    doc.save(str(path))
    text, _ = office.read_office(path)
    assert text.splitlines() == ["บรรทัดแรก", "บรรทัดสอง", "เลขรับ ๑๓๗๗๖"]


def test_odt_text_tables_header_footer(tmp_path):
    text, needs_ocr = office.read_office(make_odt(tmp_path / "letter.odt"))
    assert needs_ocr is False
    lines = text.splitlines()
    assert lines[0] == AGENCY
    assert f"{REF}\t{DATE}" in lines  # text:s and text:tab kept
    assert "เรื่อง\t" + SUBJECT in lines
    assert "เรียน\tผู้ว่าราชการจังหวัดทุกจังหวัด" in lines
    assert text.index(SUBJECT) < text.index(BODY)
    assert lines[-1] == "โทร. ๐ ๒๒๘๐ ๙๐๐๐"


@pytest.mark.parametrize("name", ["bad.docx", "bad.odt"])
def test_corrupt_office_file_gives_one_line_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(ValueError) as info:
        office.read_office(path)
    message = str(info.value)
    assert "damaged" in message and name in message and "\n" not in message


def test_truncated_docx_is_a_clear_error(tmp_path):
    good = make_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError, match="damaged"):
        office.read_office(path)


DOC_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ocr" / "letter.doc"


@pytest.mark.skipif(not (shutil.which("antiword") or shutil.which("soffice")),
                    reason="neither antiword nor LibreOffice installed")
def test_old_word_doc_letter():
    """letter.doc: the make_docx letter saved by LibreOffice as Word 97 (synthetic text)."""
    text, needs_ocr = office.read_office(DOC_FIXTURE)
    assert needs_ocr is False
    flat = "".join(text.split())
    assert "".join(REF.split()) in flat and "".join(DATE.split()) in flat
    assert "เรื่อง" + SUBJECT in flat and "".join(BODY.split()) in flat
    if shutil.which("antiword"):
        assert f"{REF}\t{DATE}" in text.splitlines()  # table row as tab-separated cells


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_old_word_doc_through_libreoffice(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(office.shutil, "which", lambda name: None if name == "antiword" else real_which(name))
    text, needs_ocr = office.read_office(DOC_FIXTURE)
    assert needs_ocr is False and "เรื่อง " + SUBJECT in text.splitlines()


def test_antiword_table_rows_become_tab_separated():
    assert office._antiword_tables("|ที่ นร 1   |วันที่ 2   |\nเรียน ท่าน") == "ที่ นร 1\tวันที่ 2\nเรียน ท่าน"


def test_doc_without_converter_waits_like_a_scan(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert office.read_office(path) == (None, True)


@pytest.mark.skipif(not shutil.which("antiword"), reason="antiword not installed")
def test_corrupt_doc_with_antiword_is_a_clear_error(tmp_path, monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(office.shutil, "which", lambda name: real_which(name) if name == "antiword" else None)
    path = tmp_path / "broken.doc"
    path.write_bytes(b"not an OLE2 compound file at all")
    with pytest.raises(ValueError, match="broken.doc"):
        office.read_office(path)
