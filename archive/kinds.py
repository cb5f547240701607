"""The kinds of letter the extractor writes, in one place: archive.fields tells them apart,
the kind filter matches them, the web's kind list offers them (a kind no letter can have
would be a choice that finds nothing). StrEnum members are their Thai names as strings, so
they compare, serialise and index as the names themselves."""
from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    EXTERNAL = "หนังสือภายนอก"
    MEMO = "บันทึกข้อความ"        # หนังสือภายใน
    STAMPED = "หนังสือประทับตรา"
    ORDER = "คำสั่ง"
    ANNOUNCEMENT = "ประกาศ"
    REGULATION = "ระเบียบ"
    STATEMENT = "แถลงการณ์"
    NEWS = "ข่าว"
    OTHER = "อื่น ๆ"             # no form of the สารบรรณ rules could be told
