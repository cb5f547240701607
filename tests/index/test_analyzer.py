from index._analyzer import ThaiAnalyzer
from index._segment import segment, terms
from index._schema import make_schema


def test_thai_is_cut_into_words_with_offsets_into_the_original():
    text = "เรื่อง การประชาสัมพันธ์ผลงาน"
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in ThaiAnalyzer()(text, positions=True, chars=True)]
    words = [t[0] for t in tokens]
    assert "ประชาสัมพันธ์" in words and "ผลงาน" in words
    # whitespace is skipped, positions count tokens, offsets point at the same characters
    assert [t[1] for t in tokens] == list(range(len(tokens)))
    for word, _, start, end in tokens:
        assert text[start:end] == word


def test_thai_digits_fold_to_arabic_and_latin_lowercases():
    assert terms("ที่ นร ๐๕๐๕/ว ๕๐๐ COVID") == ["ที่", "นร", "0505", "ว", "500", "covid"]


def test_fine_engine_finds_words_inside_dictionary_compounds():
    fine = terms("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม มีมติ ค่าครองชีพ", engine="icu")
    for word in ("ดิจิทัล", "สังคม", "มติ", "ครอง", "ชีพ"):
        assert word in fine


def test_marks_and_repetition_signs_are_not_words():
    assert all(w not in ("ๆ", "ฯ") for w, _, _ in segment("ต่าง ๆ กรุงเทพฯ"))


def test_schema_never_uses_the_standard_analyzer_on_thai_fields():
    schema = make_schema()
    for name in ("subject", "body", "sender", "recipient", "subject_fine", "body_fine"):
        assert "ThaiTokenizer" in repr(schema[name].analyzer)
