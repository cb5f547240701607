"""Layouts of official letters that the corpus generator does not have, for checking that
the extraction rules hold for the letter format and not for the generator's templates:

    python ../shared/corpus/make_corpus.py --out /tmp/unseen --count 400 --seed 7 \\
        --formats txt,pdf --extra scripts/corpus_layouts.py
    python scripts/eval_extraction.py --corpus /tmp/unseen

They are the common variations of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ forms met in
real archives: an order or announcement whose number stands on its title line, a date
written with its words (`วันที่ ๓ เดือน มีนาคม พ.ศ. ๒๕๖๕`, `ลงวันที่ …`), the reference and the
agency (or the date) on one line, labels with a colon (`เรื่อง : …`), a memo whose header
fields share lines, a regulation titled `ระเบียบ… ว่าด้วย … พ.ศ. …`. Only these layouts are generated (the built-in ones get no weight).
"""
from __future__ import annotations

API = None   # the generator module, given to setup()


def setup(api) -> None:
    global API
    API = api
    for layout in api.BUILTIN_LAYOUTS:
        layout["weight"] = 0.0


def _worded(doc, label: str) -> tuple[str, str]:
    """`วันที่ ๓ เดือน มีนาคม พ.ศ. ๒๕๖๕` (the whole line) and the date as printed without
    its label, for the truth's date_raw."""
    d = doc["date"]
    raw = API.digits(f"{d.day} เดือน {API.MONTHS[d.month - 1]} พ.ศ. {API.be(d.year)}",
                     doc["digits"])
    return f"{label} {raw}", raw


def _head_marks(doc, b: list) -> None:
    if doc["secrecy"]:
        b.append(("secrecy", doc["secrecy"]))
    if doc["urgency"]:
        b.append(("urgency", doc["urgency"]))


def _fields_and_body(doc, b: list, colon: bool) -> None:
    sep = " : " if colon else "  "
    b.append(("field", "เรื่อง" + sep + doc["subject"]))
    b.append(("field", "เรียน" + sep + doc["recipient"]))
    for j, c in enumerate(doc["cite_lines"]):
        b.append(("field" if j == 0 else "field2", ("อ้างถึง" + sep if j == 0 else "") + c))
    for j, e in enumerate(doc["enclosure_lines"]):
        b.append(("field" if j == 0 else "field2", ("สิ่งที่ส่งมาด้วย" + sep if j == 0 else "") + e))
    for para in doc["body"]:
        b.append(("body", para))


def _signature(doc, b: list) -> None:
    b.append(("signspace", ""))
    if doc["signatory"]:
        b.append(("sign", f"({doc['signatory']})"))
        for pl in doc["position_lines"]:
            b.append(("sign", pl))


def _sign(doc, b: list, closing: str | None = "ขอแสดงความนับถือ") -> None:
    if closing:
        b.append(("sign", closing))
    _signature(doc, b)
    for c in doc.get("contact_lines") or []:
        b.append(("contact", c))
    for n in doc["notes"]:
        b.append(("note", n))


def render_ref_and_agency(doc, ctx):
    """External letter: `ที่ …⇥ agency` on one line, the date with its words, colons."""
    ag, rng = doc["sender"], doc["plan"]["rng"]
    b = []
    _head_marks(doc, b)
    b.append(("ref", "ที่ " + doc["ref_no_raw"] + "\t" + (ag.get("header") or ag["name"])))
    b.append(("agency", API.digits(ag["address"], doc["digits"])))
    for s in (doc["stamp"] or {}).get("lines", []):
        b.append(("stamp", s))
    label = rng.choice(["วันที่", "ลงวันที่"])
    line, raw = _worded(doc, label)
    b.append(("date", line))
    _fields_and_body(doc, b, colon=rng.random() < 0.7)
    _sign(doc, b)
    return b, {"date_raw": raw}


def render_date_on_ref_line(doc, ctx):
    """External letter: `ที่ …⇥ วันที่ …` on one line, the agency block below it."""
    ag, rng = doc["sender"], doc["plan"]["rng"]
    b = []
    _head_marks(doc, b)
    b.append(("ref", "ที่ " + doc["ref_no_raw"] + "\t" + "วันที่ " + doc["date_raw"]))
    b.append(("agency", ag.get("header") or ag["name"]))
    b.append(("agency", API.digits(ag["address"], doc["digits"])))
    for s in (doc["stamp"] or {}).get("lines", []):
        b.append(("stamp", s))
    _fields_and_body(doc, b, colon=rng.random() < 0.5)
    _sign(doc, b)
    return b, {}


def render_memo_colons(doc, ctx):
    """บันทึกข้อความ with `ส่วนราชการ :`, `ที่ : … วันที่ : …` and `เรื่อง :`, the date worded."""
    ag, rng = doc["sender"], doc["plan"]["rng"]
    b = []
    _head_marks(doc, b)
    b.append(("title", "บันทึกข้อความ"))
    unit = (doc["owner_division"] + " " if doc["owner_division"] else "") + ag["name"]
    tel = (" โทร. " + API.digits(doc["phone"], doc["digits"])) if doc["phone"] else ""
    b.append(("memohead", "ส่วนราชการ : " + unit + tel))
    worded = rng.random() < 0.5
    line, raw = _worded(doc, "วันที่ :") if worded else ("วันที่ : " + doc["date_raw"], doc["date_raw"])
    b.append(("memohead", "ที่ : " + doc["ref_no_raw"] + "\t" + line))
    b.append(("memohead", "เรื่อง : " + doc["subject"]))
    for s in (doc["stamp"] or {}).get("lines", []):
        b.append(("stamp", s))
    b.append(("field", "เรียน : " + doc["recipient"]))
    for para in doc["body"]:
        b.append(("body", para))
    _sign(doc, b, closing=None)
    return b, {"date_raw": raw}


def _numbered_title(doc, word: str, when: str):
    """An order or announcement whose number stands on its title line:
    `คำสั่งกระทรวงมหาดไทย ที่ ๑๕๔/๒๕๕๕`, the date signed `สั่ง ณ วันที่ …` (often worded)."""
    ag, rng = doc["sender"], doc["plan"]["rng"]
    number = doc["ref_no_raw"]
    updates = {}
    if not number:   # an announcement: numbered here
        n, year = rng.randint(1, 250), API.be(doc["date"].year)
        number = API.digits(f"{n}/{year}", doc["digits"])
        updates |= {"ref_no_raw": number, "ref_no": f"{n}/{year}"}
    b = [("title", f"{word}{ag['name']} ที่ {number}")]
    b.append(("center", "เรื่อง  " + doc["subject"]))
    b.append(("rule", "-" * rng.randint(16, 30)))
    for para in doc["body"]:
        b.append(("body", para))
    if rng.random() < 0.5:
        line, raw = _worded(doc, f"{when} ณ วันที่")
        updates["date_raw"] = raw
    else:
        line = f"{when} ณ วันที่ " + doc["date_raw"]
    b.append(("sign", line))
    _signature(doc, b)
    return b, updates


def render_numbered_order(doc, ctx):
    return _numbered_title(doc, "คำสั่ง", "สั่ง")


def render_numbered_announce(doc, ctx):
    return _numbered_title(doc, "ประกาศ", "ประกาศ")


def render_regulation(doc, ctx):
    """ระเบียบ: what it is about on its title lines (ว่าด้วย …, พ.ศ. …), no number, no เรื่อง."""
    ag = doc["sender"]
    year = API.digits(f"พ.ศ. {API.be(doc['date'].year)}", doc["digits"])
    about = f"ว่าด้วย{doc['subject']}"
    b = [("title", f"ระเบียบ{ag['name']}"), ("center", about), ("center", year),
         ("rule", "-" * 20)]
    for para in doc["body"]:
        b.append(("body", para))
    line, raw = _worded(doc, "ประกาศ ณ วันที่")
    b.append(("sign", line))
    _signature(doc, b)
    return b, {"kind": "ระเบียบ", "subject": f"{about} {year}", "ref_no": None,
               "ref_no_raw": None, "date_raw": raw}


LAYOUTS = [
    dict(name="ref_and_agency", kind="external", base="external", weight=0.30,
         render=render_ref_and_agency),
    dict(name="date_on_ref_line", kind="external", base="external", weight=0.20,
         render=render_date_on_ref_line),
    dict(name="memo_colons", kind="memo", base="memo", weight=0.20, render=render_memo_colons),
    dict(name="numbered_order", kind="order", base="order", weight=0.15,
         render=render_numbered_order),
    dict(name="numbered_announce", kind="announce", base="announce", weight=0.10,
         render=render_numbered_announce),
    dict(name="regulation", kind="announce", base="announce", weight=0.05,
         render=render_regulation),
]
