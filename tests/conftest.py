"""Fixtures every test package may use.

- `sample_archive`: a private copy of the bundled sample archive (session-wide: do not
  change it; copy it again with `copy_sample` for a test that edits files).
- `sample_index`: a real index built from that copy by `index.reindex.run` (OCR off, so
  the result does not depend on Tesseract being installed; the scan is "needs OCR").
- `build_index(archive, index=None)`: build (or update) an index for any archive folder.
- `small_archive`: a few letters of the sample archive in a fresh folder (the seed letter,
  txt and pdf), to change at will.
- `outside`: a letter outside the archive, as a link would find it, holding OUTSIDE_WORD
  and OUTSIDE_WORD_TH: words that must never reach the index.
- `app`, `client`: the Flask app over the sample index, and its test client.
- `runner`: a click CliRunner for `scripts.cli.main` (`runner.invoke(main, [...])`).
- `classified`: (archive, index) of tests.classified, open and secret letters (session-wide).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ARCHIVE = ROOT / "sample_archive"
TRUTH = ROOT.parent / "shared" / "corpus" / "dev" / "truth.jsonl"


def copy_sample(dest: Path) -> Path:
    """A fresh copy of the bundled sample archive at `dest` (file times kept)."""
    shutil.copytree(SAMPLE_ARCHIVE, dest)
    return dest


def wait_for(predicate, seconds: float = 120) -> bool:
    """Whether `predicate()` came true within `seconds` (asked every 0.2 s)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def run_reindex(archive: Path, index: Path, **kwargs) -> tuple[int, object]:
    """`index.reindex.run` as the CLI calls it (OCR off unless asked)."""
    from index import reindex

    kwargs.setdefault("jobs", 1)
    kwargs.setdefault("ocr", "off")
    kwargs.setdefault("quiet", True)
    return reindex.run(Path(archive), Path(index), **kwargs)


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample") / "archive")


@pytest.fixture(scope="session")
def sample_index(sample_archive) -> Path:
    index = sample_archive.parent / "index"
    code, summary = run_reindex(sample_archive, index)
    assert code == 0, f"reindex of the sample archive failed: {summary}"
    return index


@pytest.fixture(scope="session")
def classified(tmp_path_factory) -> tuple[Path, Path]:
    from tests.classified import write_archive

    root = tmp_path_factory.mktemp("classified")
    archive = write_archive(root / "archive")
    code, summary = run_reindex(archive, root / "index")
    assert code == 0, f"reindex of the classified archive failed: {summary}"
    return archive, root / "index"


@pytest.fixture
def build_index(tmp_path):
    """`build_index(archive, index=None, **reindex_kwargs) -> index path`."""
    def build(archive: Path, index: Path | None = None, **kwargs) -> Path:
        index = Path(index) if index else tmp_path / "index"
        code, summary = run_reindex(archive, index, **kwargs)
        assert code in (0, 1), f"reindex failed: {summary}"
        return index
    return build


@pytest.fixture
def small_archive(tmp_path) -> Path:
    arch = tmp_path / "archive"
    picks = ["2563/10/seed-memo-2563-10-22.txt"]
    picks += sorted(str(p.relative_to(SAMPLE_ARCHIVE)) for p in SAMPLE_ARCHIVE.rglob("*.pdf"))[:2]
    picks += sorted(str(p.relative_to(SAMPLE_ARCHIVE)) for p in SAMPLE_ARCHIVE.rglob("*.txt")
                    if "seed" not in p.name)[:3]
    for rel in picks:
        (arch / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLE_ARCHIVE / rel, arch / rel)
    return arch


OUTSIDE_WORD = "zqxoutsideword"  # a word of a file outside the archive: never in the index
OUTSIDE_WORD_TH = "ความลับนอกคลังเอกสาร"


@pytest.fixture
def outside(tmp_path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"ที่ นร ๐๕๐๕/ว ๙๙๙\nเรื่อง  {OUTSIDE_WORD_TH}\nเรียน  ผู้ว่าราชการจังหวัด\n"
                    f"          {OUTSIDE_WORD} ด้วยมีข้อมูลที่ต้องปกปิด\n", encoding="utf-8")
    return path


@pytest.fixture
def app(sample_archive, sample_index):
    from web import create_app

    return create_app({"TESTING": True, "ARCHIVE": str(sample_archive),
                       "INDEX": str(sample_index)})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
