"""GET /api/senders: what the sender field suggests as a clerk types, over the sample."""
from tests.web.helpers import url


def test_a_suggestion_counts_what_choosing_it_gives(client):
    for typed in ("สลค", "นร 0505", "นร0505", "จังหวัด", "กรม"):
        found = client.get(url("/api/senders", q=typed)).get_json()["senders"]
        assert found, typed
        for s in found:
            total = client.get(url("/api/search", sender=s["name"])).get_json()["total"]
            assert s["count"] == total, (typed, s)
        assert [s["count"] for s in found] == sorted((s["count"] for s in found), reverse=True)
        assert len({s["name"] for s in found}) == len(found)


def test_a_name_an_abbreviation_or_a_code_finds_the_agency(client):
    for typed in ("สำนักเลขาธิการคณะรัฐมนตรี", "สลค.", "นร 0505"):
        names = [s["name"] for s in client.get(url("/api/senders", q=typed)).get_json()["senders"]]
        assert names[:1] == ["สำนักเลขาธิการคณะรัฐมนตรี"], typed
    s = client.get(url("/api/senders", q="สลค")).get_json()["senders"][0]
    assert s["abbr"] == "สลค." and s["code"] == "นร 0505"


def test_nothing_typed_or_nothing_matching_suggests_nothing(client):
    for typed in ("", "   ", "ไม่มีหน่วยงานนี้แน่นอน", "<script>"):
        assert client.get(url("/api/senders", q=typed)).get_json()["senders"] == []
