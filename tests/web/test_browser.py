"""What a records clerk does, in a real browser (Debian's Chromium, driven by Playwright)
against `saraban serve` on the sample archive, at desktop (1366 px) and phone (390 px)
width: a half-remembered subject, a sender chosen from the suggestions with the keyboard,
a month in พ.ศ., a facet click, the CSV export, a letter's page and its thread.

Screenshots go to test-artifacts/screenshots/ (SARABAN_ARTIFACTS to put them elsewhere).
Without Chromium the tests are skipped; CI installs it (.ci/run).
"""
import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser  # Chromium driven through a real server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not CHROMIUM:
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARTIFACTS = Path(os.environ.get("SARABAN_ARTIFACTS") or ROOT / "test-artifacts") / "screenshots"
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# a letter of the sample that cites another (2566/10/460_e973a64ce098778b.pdf)
THREAD_START = "2566/11/เรื่อง การป้องกันและระงับอัคคีภัยในอาคารของส่วนราชการ.txt"
SEED_SUBJECT = "การประชาสัมพันธ์เผยแพร่ผลงานของหน่วยงานและของรัฐบาล"


@pytest.fixture(scope="module")
def server(sample_archive, sample_index, tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for name in ("SARABAN_ARCHIVE", "SARABAN_INDEX", "SARABAN_USERS"):
        env.pop(name, None)
    log = tmp_path_factory.mktemp("browser") / "serve.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(sample_archive),
         "--index", str(sample_index), "--users", str(log.parent / "no-users.db"),
         "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            break
        except OSError:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(params=sorted(WIDTHS))
def page(request, browser):
    context = browser.new_context(viewport=WIDTHS[request.param], locale="th-TH",
                                  accept_downloads=True)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.width_name = request.param
    yield tab
    context.close()
    assert not errors, errors   # no script error on any page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.width_name}.png"), full_page=True)


def api(base: str, path: str, **params) -> dict:
    with urllib.request.urlopen(f"{base}{path}?{urlencode(params)}", timeout=30) as res:
        return json.loads(res.read())


def total_on(page) -> int:
    return int(re.search(r"พบ\s*([\d,]+)\s*ฉบับ", page.inner_text(".total")).group(1)
               .replace(",", ""))


def test_a_half_remembered_subject(page, server):
    page.goto(server + "/")
    box = page.locator("#q")
    assert box.is_visible() and box.bounding_box()["y"] < 400   # first thing on the page
    if page.width_name == "phone":
        assert page.locator("details.advanced").get_attribute("open") is None   # folded
    box.fill("เผยแพร่ผลงาน")
    box.press("Enter")
    page.wait_for_url("**/search?**")
    first = page.locator(".hit-list .hit").first
    assert SEED_SUBJECT in first.inner_text()
    assert first.locator("mark").count() >= 1             # the words found are marked
    shot(page, "1-subject")


def test_a_sender_from_the_suggestions_and_a_month_in_the_buddhist_era(page, server):
    page.goto(server + "/")
    details = page.locator("details.advanced")
    if details.get_attribute("open") is None:
        page.locator("details.advanced summary").click()
    sender = page.locator("#sender")
    sender.click()
    sender.type("สลค", delay=40)
    option = page.locator("#sender-suggestions [role=option]").first
    option.wait_for(state="visible")
    assert "สำนักเลขาธิการคณะรัฐมนตรี" in option.inner_text()
    assert sender.get_attribute("aria-expanded") == "true"
    shot(page, "2-sender-suggestions")
    sender.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    sender.press("Enter")                                   # takes the suggestion
    assert sender.input_value() == "สำนักเลขาธิการคณะรัฐมนตรี"
    page.fill("#date_from", "ต.ค. 2563")
    page.fill("#date_to", "ต.ค. 2563")
    page.locator("#date_to").press("Enter")
    page.wait_for_url("**/search?**")
    want = api(server, "/api/search", sender="สำนักเลขาธิการคณะรัฐมนตรี",
               date_from="ต.ค. 2563", date_to="ต.ค. 2563")
    assert want["total"] >= 1
    assert total_on(page) == want["total"]
    chips = page.locator(".chips").inner_text()
    assert "สำนักเลขาธิการคณะรัฐมนตรี" in chips and "ต.ค. 2563" in chips
    shot(page, "3-sender-and-month")


def test_a_facet_click_gives_what_it_counted(page, server):
    page.goto(server + "/search?" + urlencode({"q": "ประชาสัมพันธ์"}))
    facet = page.locator(".facets .facet").first.locator("li a").first
    if page.width_name == "phone":
        facet.scroll_into_view_if_needed()
    counted = int(facet.locator(".count").inner_text().replace(",", ""))
    label = facet.locator(".facet-label").inner_text()
    facet.click()
    page.wait_for_load_state()
    assert total_on(page) == counted
    assert label in page.locator(".chips").inner_text() or "พ.ศ." in label
    shot(page, "4-facet")


def test_the_results_export_as_csv(page, server):
    page.goto(server + "/search?" + urlencode({"q": "ประชาสัมพันธ์"}))
    shown = total_on(page)
    with page.expect_download() as download:
        page.locator("a.export").click()
    body = Path(download.value.path()).read_bytes()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:6] == ["เลขทะเบียนรับ", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง"]
    assert len(rows) - 1 == shown


def test_a_letter_and_its_thread(page, server):
    found = api(server, "/api/search", q="ป้องกันและระงับอัคคีภัย", per_page=50)["hits"]
    citing = next(h["doc_id"] for h in found if h["path"] == THREAD_START)
    page.goto(server + "/search?" + urlencode({"q": "ป้องกันและระงับอัคคีภัย"}))
    page.locator(f".hit-list .hit a[href*='{citing}']").first.click()
    page.wait_for_url("**/documents/**")
    # the original is one click away without scrolling, also on a phone
    original = page.locator(".doc-actions a").first
    assert original.is_visible() and original.bounding_box()["y"] < WIDTHS[page.width_name]["height"]
    assert page.locator(".crumbs a").inner_text().startswith("‹ กลับไปผลการค้นหา")
    shot(page, "5-letter")
    cites = page.locator(".doc-side section:has(h2:text-is('อ้างถึง')) a")
    assert cites.count() >= 1
    cites.first.click()
    page.wait_for_url("**/documents/**")
    other = page.locator(".doc-side").inner_text()
    assert "หนังสือที่อ้างถึงฉบับนี้" in other
    assert page.locator(".doc-side a[href*='/documents/']").count() >= 1   # and back again
    shot(page, "6-thread")
    page.go_back()
    page.locator(".crumbs a").click()
    page.wait_for_url("**/search?**")
    assert page.locator("#q").input_value() == "ป้องกันและระงับอัคคีภัย"


def test_the_box_read_as_a_sender_and_a_month_and_then_as_words(page, server):
    page.goto(server + "/")
    page.fill("#q", "สลค. ต.ค. 2563")
    page.locator("#q").press("Enter")
    page.wait_for_url("**/search?**")
    notice = page.locator("p.understood")
    assert "“สลค.” เป็นส่วนราชการผู้ส่ง" in notice.inner_text()
    read = total_on(page)
    assert read == api(server, "/api/search", q="สลค. ต.ค. 2563")["total"] >= 1
    shot(page, "7-read-as-sender-and-month")
    notice.locator("a").click()
    page.wait_for_url("**as_words=1**")
    assert "เป็นคำทั้งหมด" in page.locator("p.understood").inner_text()
    assert total_on(page) == api(server, "/api/search", q="สลค. ต.ค. 2563", as_words=1)["total"]


def test_recipient_and_received_dates_and_the_operators_view(page, server):
    page.goto(server + "/")
    state = page.locator("section.index-state")
    assert "สถานะดัชนี" in state.inner_text()   # the local user is the operator
    shot(page, "8-home-with-index-state")
    if page.locator("details.advanced").get_attribute("open") is None:
        page.locator("details.advanced summary").click()
    page.fill("#recipient", "ผู้ว่าราชการจังหวัด")
    page.fill("#received_from", "2563")
    page.fill("#received_to", "ปีงบประมาณ 2564")
    page.locator("#received_to").press("Enter")
    page.wait_for_url("**/search?**")
    want = api(server, "/api/search", recipient="ผู้ว่าราชการจังหวัด", received_from="2563",
               received_to="ปีงบประมาณ 2564")
    assert total_on(page) == want["total"] >= 1
    chips = page.locator(".chips").inner_text()
    assert "เรียน (ผู้รับ): ผู้ว่าราชการจังหวัด" in chips and "รับถึงวันที่" in chips
    shot(page, "9-recipient-and-received")

# What a screen reader and a keyboard user need, and WCAG AA contrast, computed in the page.
AUDIT_JS = r"""
() => {
  const problems = [];
  if (document.documentElement.lang !== "th") problems.push("html lang is not th");
  const visible = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden" || el.type === "submit") continue;
    const named = el.labels.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!named) problems.push("no label: " + (el.id || el.name));
  }
  for (const el of document.querySelectorAll("a, button")) {
    if (!visible(el)) continue;
    if (!(el.innerText.trim() || el.getAttribute("aria-label") || el.title))
      problems.push("no name: " + el.outerHTML.slice(0, 80));
  }
  for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push("img without alt");
  const rgb = c => { const m = c.match(/[\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el) || !visible(el)) continue;
    if (el.closest(".visually-hidden, .skip, [hidden], details:not([open]) > :not(summary)")) continue;
    seen.add(el);
    const s = getComputedStyle(el), fg = rgb(s.color), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) problems.push(`contrast ${ratio.toFixed(2)} < ${need}: "${node.textContent.trim().slice(0, 30)}" (${s.color} on rgb(${bg.slice(0, 3)}))`);
  }
  return problems;
}
"""


def test_every_page_is_usable_by_keyboard_and_screen_reader(page, server):
    seed = api(server, "/api/search", q=SEED_SUBJECT)["hits"][0]["doc_id"]
    pages = {"home": "/", "results": "/search?" + urlencode({"q": "ประชุม", "sender": "จังหวัด"}),
             "no-results": "/search?q=ภูเขาไฟระเบิด", "letter": f"/documents/{seed}?q=ผลงาน",
             "error": "/search?date_from=เมื่อวาน"}
    for name, path in pages.items():
        page.goto(server + path)
        for summary in page.locator("details.advanced summary").all():
            if page.locator("details.advanced").get_attribute("open") is None:
                summary.click()   # the folded fields are checked too
        assert page.evaluate(AUDIT_JS) == [], name
    # the keyboard reaches the box, then the fields, each with a visible focus ring
    page.goto(server + "/")
    # the box has the focus (autofocus lands once the page is ready: on a loaded machine
    # that can be after goto returns)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'",
                           timeout=5000)
    rings = []
    for _ in range(10):
        page.keyboard.press("Tab")
        rings.append(page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.id || e.tagName, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                    || s.boxShadow !== 'none']; }"""))
    reached = {r[0] for r in rings}
    # the search button, then the advanced fields (on a phone, the fold that opens them)
    assert {"BUTTON", "SUMMARY"} <= reached
    assert page.width_name == "phone" or {"subject", "sender", "date_from"} <= reached
    assert all(ring for _name, ring in rings), rings
