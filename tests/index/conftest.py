import pytest

from index import FileState, IndexUpdater


def letter(path, **fields):
    record = {"path": path, "kind": "หนังสือภายนอก", "stamps": [], "cites": [],
              "enclosures": [], "needs_ocr": False, "format": "txt"}
    record.update(fields)
    return record


LETTERS = [
    letter("2563/10/seed.txt", ref_no="นร 0505/ว 500", ref_no_raw="นร ๐๕๐๕/ว ๕๐๐",
           date="2020-10-22", sender="สำนักเลขาธิการคณะรัฐมนตรี", sender_code="นร 0505",
           sender_abbr="สลค.", subject="การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล",
           received_no="13776", stamps=[{"no": "๑๓๗๗๖", "date": "2020-10-26", "time": "09:06", "by": None}],
           text="ที่ นร ๐๕๐๕/ว ๕๐๐\nเรื่อง การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล\n"
                "คณะรัฐมนตรีมีมติ ให้ลดภาระค่าครองชีพของประชาชน ร่วมกับกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    letter("2564/01/reply.txt", ref_no="ลต 0001/ว 12", date="2021-01-15",
           sender="สำนักงานคณะกรรมการการเลือกตั้ง", sender_code="ลต 0001",
           subject="การเลือกตั้งสมาชิกสภาท้องถิ่น", cites=["นร 0505/ว 500"],
           text="อ้างถึง หนังสือสำนักเลขาธิการคณะรัฐมนตรี ที่ นร ๐๕๐๕/ว ๕๐๐\nการเลือกตั้งสมาชิกสภาท้องถิ่น <script>alert(1)</script>"),
    letter("2562/05/loei.txt", ref_no="ลย 0017.2/ว 88", date="2019-05-20",
           sender="จังหวัดเลย", sender_code="ลย 0017", subject="ขอเชิญประชุมคณะกรรมการ",
           text="ศาลากลางจังหวัดเลย\nเรื่อง ขอเชิญประชุมคณะกรรมการ\nการประชุมจะจัดขึ้นที่ห้องประชุม"),
    letter("2562/06/loei2.txt", ref_no="ลย 0017.2/ว 99", date="2019-06-20",
           sender="จังหวัดเลย", sender_code="ลย 0017", subject="รายงานผลการประชุม",
           kind="บันทึกข้อความ", urgency="ด่วนที่สุด",
           text="รายงานผลการประชุมคณะกรรมการ ครั้งที่ ๒"),
    letter("2561/01/order.txt", kind="คำสั่ง", ref_no="123/2561", date="2018-01-05",
           sender="กรมบัญชีกลาง", sender_code="กค 0402", subject="แต่งตั้งคณะทำงาน",
           text="คำสั่งกรมบัญชีกลาง ที่ ๑๒๓/๒๕๖๑ เรื่อง แต่งตั้งคณะทำงาน"),
    letter("scans/scan_0001.pdf", kind=None, format="scan", needs_ocr=True, text=None),
]


def build(index_dir, letters=LETTERS):
    with IndexUpdater(index_dir) as up:
        for i, record in enumerate(letters):
            status = "needs_ocr" if record.get("needs_ocr") else "ok"
            up.put(record, f"doc{i}", FileState(100 + i, i, f"sha{i}", status, "1"))
    return index_dir


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ix") / "index")
