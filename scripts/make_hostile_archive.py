"""An archive that fights back: good letters beside files made to hang, sink or fool a reindex.

    python scripts/make_hostile_archive.py DEST [--good 50] [--small]

Writes DEST/archive (the archive to index) and DEST/outside (files that links in the archive
point to, which must never reach the index), and prints, for each file of the archive, what
a reindex must do with it: `named` (a failure named once, with its reason), `skipped`
(counted, not named) or `indexed`. `--small` shrinks the large files (the 200 MB letter, the
40 MB line, the PDF that inflates to 300 MB, the 400-page PDF) for the test suite. Needs
the test extras (fpdf2, Pillow).
"""
from __future__ import annotations

import argparse
import io
import os
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SAMPLE = Path(__file__).resolve().parents[1] / "sample_archive"
# What the outside files hold: a search for it must find nothing.
SECRET = "ข้อมูลลับนอกคลังเอกสาร"
NAMED, SKIPPED, INDEXED = "named", "skipped", "indexed"
LETTER = ("ที่ นร ๐๕๐๕/ว {n}\nสำนักเลขาธิการคณะรัฐมนตรี\n๒๒ ตุลาคม ๒๕๖๓\n"
          "เรื่อง  {subject}\nเรียน  ผู้ว่าราชการจังหวัด\n"
          "          ด้วยคณะรัฐมนตรีมีมติให้ทุกส่วนราชการรายงานผลการดำเนินงาน\n")


class Sizes:
    def __init__(self, small: bool):
        mb = 1024 * 1024
        self.big_letter = (6 if small else 200) * mb
        self.long_line = (4 if small else 40) * mb
        self.inflated = 4096 * mb  # past the reader's 3 GB either way
        self.zip_inflated = 1024 * mb  # past settings.MAX_UNPACKED_BYTES either way
        self.pages = 40 if small else 400


def good_letters(archive: Path, count: int) -> dict[str, str]:
    """`count` distinct letters of the sample archive, each with a line of its own."""
    sources = sorted(SAMPLE.rglob("*.txt"))
    out = {}
    for i in range(count):
        rel = f"good/{i // 25}/letter-{i:03d}.txt"
        (archive / rel).parent.mkdir(parents=True, exist_ok=True)
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (archive / rel).write_text(text + f"\nรหัสทดสอบ{i:04d}\n", encoding="utf-8")
        out[rel] = INDEXED
    return out


def pdf_with_stream(content: bytes, pages: int = 1, deflated: bytes | None = None) -> bytes:
    """A minimal PDF by hand: `pages` pages sharing one content stream (`deflated`: the
    stream as stored, FlateDecode)."""
    body = deflated if deflated is not None else content
    filt = b"/Filter /FlateDecode " if deflated is not None else b""
    kids = b" ".join(b"%d 0 R" % (5 + p) for p in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< %s/Length %d >>\nstream\n%s\nendstream" % (filt, len(body), body)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, obj))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def deflate_repeated(unit: bytes, total: int) -> bytes:
    """A zlib stream of `unit` repeated to about `total` bytes, made in seconds: one chunk
    deflated on its own (a full flush: nothing refers back past it), its blocks repeated,
    a final empty block and the checksum of the whole."""
    chunk = unit * ((16 << 20) // len(unit))
    z = zlib.compressobj(9)
    first = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    header, blocks = first[:2], first[2:]
    count = max(1, total // len(chunk))
    check = 1
    for _ in range(count):
        check = zlib.adler32(chunk, check)
    return header + blocks * count + b"\x03\x00" + struct.pack(">I", check)


def png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def docx_bomb(path: Path, inflated: int) -> None:
    """A .docx whose document.xml inflates to `inflated` bytes of one paragraph."""
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
          'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
          '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    head = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", rels)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            block = "ก".encode() * (1 << 20)
            for _ in range(inflated // len(block)):
                fh.write(block)
            fh.write(tail)


def long_pdf(path: Path, pages: int) -> None:
    """A real text PDF of `pages` pages (Latin text: no font to find)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for p in range(pages):
        pdf.add_page()
        for line in range(40):
            pdf.cell(0, 6, f"Annual report page {p + 1} line {line + 1}: budget committee minutes",
                     new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def encrypted_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="secret")
    pdf.set_encryption(owner_password="o", user_password="u")
    pdf.output(str(path))


def hostile_files(archive: Path, outside: Path, sizes: Sizes, rng: random.Random) -> dict[str, str]:
    """Write the hostile files; their expected outcome by path relative to `archive`."""
    out: dict[str, str] = {}
    bad = archive / "bad"
    bad.mkdir(parents=True, exist_ok=True)

    def put(rel: str, data: bytes, outcome: str) -> None:
        (archive / rel).parent.mkdir(parents=True, exist_ok=True)
        (archive / rel).write_bytes(data)
        out[rel] = outcome

    pdfs = sorted(SAMPLE.rglob("*.pdf"))
    for i in range(10):
        put(f"bad/random-{i}.pdf", rng.randbytes(rng.randint(100, 50_000)), NAMED)
    for i, src in enumerate(pdfs[:10]):
        data = src.read_bytes()
        put(f"bad/truncated-{i}.pdf", data[: len(data) // 3], NAMED)
    put("bad/empty.pdf", b"", NAMED)
    put("bad/empty.docx", b"", NAMED)
    encrypted_pdf(bad / "encrypted.pdf")
    out["bad/encrypted.pdf"] = NAMED
    # A content stream of 4 GB of spaces, stored in 4 MB.
    put("bad/inflates.pdf", pdf_with_stream(b"", deflated=deflate_repeated(b" ", sizes.inflated)),
        NAMED)
    docx_bomb(bad / "zip-bomb.docx", sizes.zip_inflated)
    out["bad/zip-bomb.docx"] = NAMED
    put("bad/huge-image.png", png_declaring(60_000, 60_000), NAMED)
    for i in range(5):
        put(f"bad/noise-{i}.txt", bytes(rng.randrange(128, 256) for _ in range(4000)), NAMED)
    put("bad/program.txt", b"MZ\x90\x00\x03\x00" + "ที่ นร".encode() * 50, NAMED)
    put("bad/nul.txt", "เรื่อง ทดสอบ".encode() + b"\x00" * 100, NAMED)
    put("bad/controls.txt", bytes(range(1, 9)) * 100 + "เรื่อง".encode(), NAMED)
    for i in range(3):
        put(f"bad/random-{i}.docx", rng.randbytes(3000), NAMED)
    for i in range(2):
        put(f"bad/random-{i}.odt", rng.randbytes(3000), NAMED)
    for ext in ("jpg", "png", "tif"):
        for i in range(3):
            put(f"bad/random-{i}.{ext}", rng.randbytes(3000), NAMED)

    # Links: outside the archive (refused), broken and looping (named once), inside (read).
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text(LETTER.format(n="๙๙๙", subject=SECRET), encoding="utf-8")
    links = bad / "links"
    links.mkdir()
    for name, target in (("passwd.txt", "/etc/passwd"), ("secret.txt", str(secret)),
                         ("relative-secret.txt", os.path.relpath(secret, links)),
                         ("loop.txt", "loop.txt"), ("ping.txt", "pong.txt"),
                         ("pong.txt", "ping.txt"), ("dangling.txt", "no-such-letter.txt"),
                         ("dangling.pdf", "/no/such/place.pdf")):
        os.symlink(target, links / name)
        out[f"bad/links/{name}"] = NAMED
    os.symlink(os.path.relpath(archive / "good/0/letter-000.txt", links), links / "inside.txt")
    out["bad/links/inside.txt"] = INDEXED
    os.symlink("..", links / "up")            # a folder loop: never followed
    os.symlink(str(outside), links / "away")  # a folder outside: never followed
    for i in range(2):
        os.mkfifo(bad / f"pipe-{i}.txt")
        out[f"bad/pipe-{i}.txt"] = SKIPPED
    for name in ("Thumbs.db", "budget.xlsx", "~$letter.docx"):
        put(f"bad/{name}", rng.randbytes(500), SKIPPED)
    for i, raw in enumerate((b"bad-\xff\xfe.txt", b"\xe0\xb8-cut.txt")):
        with open(os.fsencode(bad) + b"/" + raw, "wb") as fh:
            fh.write(LETTER.format(n=f"{i}", subject="ชื่อไฟล์เสีย").encode())
        out["bad/" + raw.decode("utf-8", "backslashreplace")] = NAMED
    return out


def awkward_letters(archive: Path, sizes: Sizes) -> dict[str, str]:
    """Letters that are good but awkward to read: they must be indexed."""
    out = {}
    odd = archive / "odd"
    odd.mkdir(parents=True, exist_ok=True)
    (odd / "utf16.txt").write_bytes(
        LETTER.format(n="๑๖", subject="หนังสือยูทีเอฟสิบหก").encode("utf-16"))
    (odd / "cp874.txt").write_bytes(LETTER.format(n="๘๗๔", subject="หนังสือรหัสเก่า").encode("cp874"))
    head = LETTER.format(n="๒๐๐", subject="รายงานฉบับใหญ่มากพิเศษ").encode()
    paragraph = "ย่อหน้าการประชุมคณะกรรมการพิจารณางบประมาณประจำปี\n".encode()
    with open(odd / "big.txt", "wb") as fh:
        fh.write(head)
        fh.write(paragraph * (sizes.big_letter // len(paragraph)))
    with open(odd / "one-line.txt", "wb") as fh:
        fh.write("เรื่อง  หนังสือบรรทัดเดียวยาวมาก ".encode())
        unit = "การประชุมคณะกรรมการพิจารณางบประมาณประจำปี".encode()
        fh.write(unit * (sizes.long_line // len(unit)))
    long_pdf(odd / "long.pdf", sizes.pages)
    for name in ("utf16.txt", "cp874.txt", "big.txt", "one-line.txt", "long.pdf"):
        out[f"odd/{name}"] = INDEXED
    return out


def build(dest: Path, good: int = 50, small: bool = False, seed: int = 18) -> dict[str, str]:
    """Write dest/archive and dest/outside; the expected outcome of each archive file."""
    dest = dest.resolve()  # links are made to absolute paths of it
    archive, outside = dest / "archive", dest / "outside"
    archive.mkdir(parents=True)
    sizes = Sizes(small)
    expected = good_letters(archive, good)
    expected |= awkward_letters(archive, sizes)
    expected |= hostile_files(archive, outside, sizes, random.Random(seed))
    return expected


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--good", type=int, default=50)
    ap.add_argument("--small", action="store_true", help="smaller large files (for tests)")
    args = ap.parse_args()
    expected = build(args.dest, args.good, args.small)
    for rel, outcome in sorted(expected.items()):
        print(f"{outcome}\t{rel}")
    counts = {k: sum(1 for v in expected.values() if v == k) for k in (NAMED, SKIPPED, INDEXED)}
    print(" ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
