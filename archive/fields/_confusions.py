"""Look-alike consonants put right in the descriptive fields, and an addressee's agency
written as the directory has it, as the last step."""
from __future__ import annotations

from .. import agencies, spell
from ..records import Memo


def _fix_ocr_confusions(memo: Memo) -> None:
    """Look-alike consonants in descriptive fields (never in names of people)."""
    for name in ("subject", "recipient", "position", "owner_division"):
        setattr(memo, name, agencies.respace_names(spell.fix_confusables(getattr(memo, name))))
    memo.enclosures = [spell.fix_confusables(e) for e in memo.enclosures]
    memo.recipient = agencies.mend_name_at_end(memo.recipient)
