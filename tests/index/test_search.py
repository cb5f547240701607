import pytest

from index import BadFilter, IndexMissing, get_document, search, stats


def paths(result):
    return [h["path"] for h in result.hits]


@pytest.mark.parametrize("typed", ["นร 0505/ว 500", "ที่ นร ๐๕๐๕/ว ๕๐๐", "นร0505/ว500",
                                   "นร 0505/ว.500"])
def test_reference_number_in_any_form_finds_the_letter_first(small_index, typed):
    result = search(small_index, typed)
    assert paths(result)[0] == "2563/10/seed.txt"
    # the letter that cites it follows
    assert "2564/01/reply.txt" in paths(result)[:3]


def test_reference_number_mixed_with_words_still_comes_first(small_index):
    result = search(small_index, "การเลือกตั้ง นร 0505/ว 500")
    assert paths(result)[0] == "2563/10/seed.txt"


def test_unsegmented_thai_subject_words(small_index):
    assert paths(search(small_index, "ประชาสัมพันธ์ผลงาน"))[0] == "2563/10/seed.txt"


@pytest.mark.parametrize("word", ["มติ", "ครองชีพ", "ดิจิทัล", "สังคม"])
def test_words_inside_longer_dictionary_words_are_found(small_index, word):
    assert "2563/10/seed.txt" in paths(search(small_index, word))


def test_a_word_that_is_nowhere_matches_nothing(small_index):
    assert search(small_index, "ภูเขาไฟ").total == 0


def test_receiving_number_with_thai_or_arabic_digits(small_index):
    for typed in ("เลขรับ ๑๓๗๗๖", "เลขรับ 13776", "13776"):
        assert paths(search(small_index, typed))[0] == "2563/10/seed.txt"
    assert paths(search(small_index, "", {"received_no": "๑๓๗๗๖"})) == ["2563/10/seed.txt"]


def test_phrase_exclusion_and_or(small_index):
    assert paths(search(small_index, '"ผลการประชุม"')) == ["2562/06/loei2.txt"]
    both = set(paths(search(small_index, "ประชุม")))
    assert {"2562/05/loei.txt", "2562/06/loei2.txt"} <= both
    assert "2562/06/loei2.txt" not in paths(search(small_index, "ประชุม -รายงาน"))
    either = set(paths(search(small_index, "ครองชีพ OR แต่งตั้ง")))
    assert either == {"2563/10/seed.txt", "2561/01/order.txt"}


@pytest.mark.parametrize("garbage", ['"', "((", "title:", "*?~^", "AND OR NOT", "-", "[1 TO"])
def test_syntax_characters_never_raise(small_index, garbage):
    search(small_index, garbage)


def test_sender_by_name_abbreviation_code_and_province_forms(small_index):
    for sender in ("สำนักเลขาธิการคณะรัฐมนตรี", "สลค.", "นร 0505"):
        assert paths(search(small_index, "", {"sender": sender})) == ["2563/10/seed.txt"]
    loei = {"2562/05/loei.txt", "2562/06/loei2.txt"}
    assert set(paths(search(small_index, "", {"sender": "จังหวัดเลย"}))) == loei
    assert set(paths(search(small_index, "", {"sender": "ศาลากลางจังหวัดเลย"}))) == loei


def test_sender_and_buddhist_era_date_range_is_exact(small_index):
    result = search(small_index, "", {"sender": "จังหวัดเลย", "date_from": "1 มิ.ย. 2562",
                                      "date_to": "2562"})
    assert paths(result) == ["2562/06/loei2.txt"]
    result = search(small_index, "", {"date_from": "พ.ค. 2562", "date_to": "พ.ค. 2562"})
    assert paths(result) == ["2562/05/loei.txt"]


def test_subject_filter_matches_inside_longer_words(small_index):
    assert paths(search(small_index, "", {"subject": "ประชาสัมพันธ์"})) == ["2563/10/seed.txt"]
    assert paths(search(small_index, "", {"subject": "เลือกตั้ง"})) == ["2564/01/reply.txt"]


def test_kind_urgency_and_ref_no_filters(small_index):
    assert paths(search(small_index, "", {"kind": "คำสั่ง"})) == ["2561/01/order.txt"]
    assert paths(search(small_index, "", {"urgency": "ด่วนที่สุด"})) == ["2562/06/loei2.txt"]
    assert paths(search(small_index, "", {"ref_no": "ที่ ๑๒๓/๒๕๖๑"})) == ["2561/01/order.txt"]


def test_unreadable_date_is_a_clear_error(small_index):
    with pytest.raises(BadFilter, match="date-from"):
        search(small_index, "", {"date_from": "เมื่อวาน"})


def test_no_query_lists_newest_first_and_date_asc_reverses(small_index):
    newest = paths(search(small_index, ""))
    assert newest[0] == "2564/01/reply.txt"
    oldest = paths(search(small_index, "", sort="date_asc"))
    assert oldest[0] == "2561/01/order.txt"


def test_snippets_escape_document_text_and_mark_matches(small_index):
    hit = search(small_index, "การเลือกตั้ง").hits[0]
    assert "<script>" not in hit["snippet"]
    assert "&lt;script&gt;" in hit["snippet"]
    assert "<mark>" in hit["snippet"]


def test_scans_waiting_for_ocr_are_listed_and_counted(small_index):
    listed = search(small_index, "")
    scan = [h for h in listed.hits if h["path"] == "scans/scan_0001.pdf"]
    assert scan and scan[0]["needs_ocr"]
    assert stats(small_index)["needs_ocr"] == 1


def test_document_lookup_links_citations_both_ways(small_index):
    seed = get_document(small_index, "doc0")
    assert [d["path"] for d in seed["cited_by"]] == ["2564/01/reply.txt"]
    reply = get_document(small_index, "doc1")
    assert [d["path"] for d in reply["cites_documents"]] == ["2563/10/seed.txt"]
    assert get_document(small_index, "nope") is None


def test_missing_index_says_what_to_do(tmp_path):
    with pytest.raises(IndexMissing, match="saraban reindex"):
        search(tmp_path / "none", "x")


def test_facets_count_the_whole_result_set(small_index):
    facets = search(small_index, "").facets
    kinds = {f["value"]: f["count"] for f in facets["kind"]}
    assert kinds["หนังสือภายนอก"] == 3 and kinds["คำสั่ง"] == 1


def test_ocr_text_that_lost_its_tone_marks_is_found_by_words_typed_with_them(tmp_path):
    from tests.index.conftest import build, letter

    scanned = letter("2561/04/scan_000155.pdf", format="scan", date="2018-04-06",
                     subject="ขอความรวมมือลดการใช้พลังงานในสวนราชการ",
                     text="เรื่อง ขอความรวมมือลดการใช้พลังงานในสวนราชการ ร้อยละ ๒๐\n"
                          "ผู้มีสวนได้สวนเสียภายใน")
    typed = letter("2561/05/garden.txt", date="2018-05-01", subject="สวนสาธารณะ",
                   text="การดูแลสวนราชการของเทศบาล สวนได้สวนเสีย")
    index_dir = build(tmp_path / "index", [scanned, typed])
    for q in ('"ขอความร่วมมือลดการใช้พลังงาน"', "ส่วนราชการ", '"ผู้มีส่วนได้ส่วนเสีย"'):
        paths = [h["path"] for h in search(index_dir, q).hits]
        # The scan is found without its marks; a typed letter never is (its text is as
        # written, so สวน there means a garden).
        assert paths == ["2561/04/scan_000155.pdf"], q
