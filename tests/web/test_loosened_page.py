"""A query whose words together are in no letter shows the letters with most of them, and
the page, the JSON and the command line say so, with the words left out."""
import json
from html import unescape
from urllib.parse import urlencode

from tests.web.helpers import SEED

SUBJECT = "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล"   # the seed letter's
OTHER = "ภูเขาไฟ"                                              # in no sample letter
TYPED = OTHER + SUBJECT   # the last word, รัฐบาล, is typed whole


def api(client, **params):
    return client.get("/api/search?" + urlencode(params)).get_json()


def test_the_seed_letter_is_found_by_its_subject_with_a_word_no_letter_has(client):
    assert api(client, q=OTHER, as_typed=1)["total"] == 0
    body = api(client, q=TYPED, per_page=100)
    loosened = body["loosened"]
    assert loosened["every_word"] == 0 and loosened["required"] < loosened["of"]
    assert OTHER in loosened["words"] and OTHER in loosened["left_out"]
    assert body["hits"][0]["path"] == SEED
    matches = [h for h in body["hits"] if not h["related"]]
    assert body["total"] == len(matches) > 0
    assert all(OTHER in h["missing"] for h in matches)


def test_the_letters_with_every_word_come_first_when_too_few_have_them(client):
    body = api(client, q=SUBJECT, per_page=100)
    every = body["loosened"]["every_word"]
    matches = [h for h in body["hits"] if not h["related"]]
    assert matches[0]["path"] == SEED and 0 < every < body["total"]
    assert [h["missing"] for h in matches[:every]] == [[]] * every
    assert all(h["missing"] for h in matches[every:])
    html = unescape(client.get("/search?" + urlencode({"q": SUBJECT})).get_data(as_text=True))
    assert f"พบหนังสือที่มีครบทุกคำ {every} ฉบับ — ต่อด้วยหนังสือที่ตรงกับคำส่วนใหญ่" in html


def test_the_page_says_the_letters_lack_a_word_and_which(client):
    html = unescape(client.get("/search?" + urlencode({"q": TYPED})).get_data(as_text=True))
    assert "ไม่พบหนังสือที่มีครบทุกคำ — แสดงหนังสือที่ตรงกับคำส่วนใหญ่" in html
    assert f"คำที่บางฉบับไม่มี: <s>{OTHER}</s>" in html
    assert f"ไม่มีคำ: <s>{OTHER}</s>" in html
    plain = unescape(client.get("/search?" + urlencode({"q": "ประชาสัมพันธ์"})).get_data(
        as_text=True))
    assert "ครบทุกคำ" not in plain and "ไม่มีคำ:" not in plain


def test_the_command_line_says_so(sample_index, runner):
    from scripts.cli import main

    def search(*args):
        return runner.invoke(main, ["search", "--index", str(sample_index), *args]).output

    lines = search(TYPED).splitlines()
    assert lines[1].startswith("no letter has every word: letters with at least ")
    assert lines[1].endswith(f"words (some lack: {OTHER})")
    assert f"     lacks: {OTHER}" in lines
    data = json.loads(search("--json", TYPED))
    assert data["loosened"]["left_out"] == [OTHER]
    assert data["hits"][0]["missing"] == [OTHER]
