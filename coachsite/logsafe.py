"""Values from requests go into log lines through `clean`, so nobody can forge a log line
(newlines, terminal escapes) and no secret is ever formatted into one."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(value: object, limit: int = 200) -> str:
    text = str(value)[:limit]
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
