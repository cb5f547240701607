"""A small archive of open and secret letters (ลับ, ลับมาก, ลับที่สุด), for the tests of
clearance: what a user may see must be exactly what an archive without the letters above
their clearance would give.

Each secret letter has words, a sender and an urgency no open letter has, and the thread
runs through them: an open letter cites the ลับ one, and the ลับมาก one cites an open one.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from index import CLEARANCES

SAMPLE_SCAN = Path(__file__).resolve().parents[1] / "sample_archive" / "2560/08/SCAN0126.pdf"
SCAN = "2567/03/scan-unread.pdf"   # a scan waiting for OCR: its secrecy could not be read


@dataclass(frozen=True)
class Letter:
    path: str
    secrecy: str | None
    ref: str
    date: str
    sender: str
    subject: str
    body: str
    urgency: str | None = None
    cites: tuple[str, str] | None = None   # (ref, date) of the letter it cites

    def text(self) -> str:
        marks = "\n".join(m for m in (self.secrecy, self.urgency) if m)
        cites = (f"\nอ้างถึง หนังสือ ที่ {self.cites[0]} ลงวันที่ {self.cites[1]}\n"
                 if self.cites else "")
        return f"""{marks}

ที่ {self.ref}
{self.sender}
ถนนราชดำเนินนอก กรุงเทพฯ ๑๐๒๐๐

{self.date}

เรื่อง {self.subject}

เรียน ผู้ว่าราชการจังหวัดเชียงใหม่
{cites}
{self.body}

จึงเรียนมาเพื่อโปรดทราบ

ขอแสดงความนับถือ

(นายสมชาย ใจดี)
ผู้อำนวยการกอง
{"".join(chr(10) + m for m in (self.secrecy,) if m)}
"""


LETTERS = (
    Letter("2567/01/open-budget.txt", None, "มท 0309/101", "๕ มกราคม ๒๕๖๗", "กรมการปกครอง",
           "การจัดซื้อครุภัณฑ์สำนักงานประจำปีงบประมาณ",
           "ด้วยกรมการปกครองได้รับจัดสรรงบประมาณเพื่อจัดซื้อครุภัณฑ์สำนักงาน "
           "จึงขอให้จังหวัดรายงานความต้องการครุภัณฑ์ภายในกำหนด ตามที่ได้แจ้งไว้ในหนังสือที่อ้างถึง",
           cites=("นร 0401/200", "๓ มกราคม ๒๕๖๗")),
    Letter("2567/01/open-training.txt", None, "มท 0309/102", "๘ มกราคม ๒๕๖๗", "กรมการปกครอง",
           "การฝึกอบรมเจ้าหน้าที่งานสารบรรณ",
           "ด้วยกรมการปกครองจะจัดการฝึกอบรมเจ้าหน้าที่งานสารบรรณ เรื่องการจัดเก็บหนังสือราชการ "
           "จึงขอให้จังหวัดส่งรายชื่อผู้เข้ารับการฝึกอบรม"),
    Letter("2567/02/open-meeting.txt", None, "กค 0402/103", "๒ กุมภาพันธ์ ๒๕๖๗", "กรมบัญชีกลาง",
           "การประชุมชี้แจงระเบียบการเบิกจ่ายเงิน",
           "ด้วยกรมบัญชีกลางจะจัดประชุมชี้แจงระเบียบการเบิกจ่ายเงินงบประมาณ "
           "จึงขอเชิญเจ้าหน้าที่การเงินเข้าร่วมประชุม"),
    Letter("2567/01/secret-border.txt", "ลับ", "นร 0401/200", "๓ มกราคม ๒๕๖๗",
           "สำนักข่าวกรองแห่งชาติ", "มาตรการเฝ้าระวังชายแดนด้านตะวันตก",
           "ด้วยสำนักข่าวกรองแห่งชาติขอให้จังหวัดเพิ่มมาตรการเฝ้าระวังชายแดนด้านตะวันตก "
           "และรายงานความเคลื่อนไหวของกลุ่มลักลอบขนสินค้าหนีภาษี", urgency="ด่วนที่สุด"),
    Letter("2567/02/secret-troops.txt", "ลับมาก", "กห 0301/300", "๙ กุมภาพันธ์ ๒๕๖๗",
           "กองบัญชาการกองทัพไทย", "การเคลื่อนย้ายกำลังพลและยุทโธปกรณ์",
           "ด้วยกองบัญชาการกองทัพไทยจะเคลื่อนย้ายกำลังพลและยุทโธปกรณ์ผ่านพื้นที่จังหวัด "
           "ตามหนังสือที่อ้างถึงเรื่องครุภัณฑ์ จึงขอความร่วมมืออำนวยความสะดวก",
           cites=("มท 0309/101", "๕ มกราคม ๒๕๖๗")),
    Letter("2567/03/secret-operation.txt", "ลับที่สุด", "กห 0301/400", "๑ มีนาคม ๒๕๖๗",
           "กองบัญชาการกองทัพไทย", "แผนยุทธการพิทักษ์น่านฟ้า",
           "ด้วยกองบัญชาการกองทัพไทยได้อนุมัติแผนยุทธการพิทักษ์น่านฟ้า "
           "ซึ่งเป็นความลับทางราชการ ห้ามเปิดเผยต่อบุคคลที่ไม่เกี่ยวข้อง"),
)

# Words (and typings of them) that only the secret letters have.
SECRET_WORDS = {"ลับ": ("ชายแดน", "เฝ้าระวังชายแดน", "ลักลอบ"),
                "ลับมาก": ("กำลังพล", "ยุทโธปกรณ์"),
                "ลับที่สุด": ("ยุทธการ", "น่านฟ้า")}


def rank(secrecy: str | None) -> int:
    return CLEARANCES.index(secrecy or "none")


def write_archive(dest: Path, clearance: str | None = None) -> Path:
    """The archive at `dest` (the letters and a scan waiting for OCR), or only the letters
    a user of `clearance` may see (and the scan: visible unless the settings say not)."""
    for letter in LETTERS:
        if clearance is not None and rank(letter.secrecy) > rank(clearance):
            continue
        path = dest / letter.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(letter.text(), encoding="utf-8")
    (dest / SCAN).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLE_SCAN, dest / SCAN)
    return dest


def above(path: str, clearance: str | None) -> bool:
    """Whether the letter at `path` is above `clearance` (None: sees everything)."""
    letter = next((x for x in LETTERS if x.path == path), None)
    return clearance is not None and letter is not None and rank(letter.secrecy) > rank(clearance)
