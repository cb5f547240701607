import shutil

import pytest

from tests.scripts.helpers import SAMPLE


@pytest.fixture
def small_archive(tmp_path):
    """A few letters of the sample archive: the real seed letter, txt and pdf."""
    arch = tmp_path / "archive"
    picks = ["2563/10/seed-memo-2563-10-22.txt"]
    picks += sorted(str(p.relative_to(SAMPLE)) for p in SAMPLE.rglob("*.pdf"))[:2]
    picks += sorted(str(p.relative_to(SAMPLE)) for p in SAMPLE.rglob("*.txt")
                    if "seed" not in p.name)[:3]
    for rel in picks:
        (arch / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLE / rel, arch / rel)
    return arch
