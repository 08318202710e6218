"""One key per party, whatever the case, quotes or grammatical case a source writes it in.

The Rada writes 'ПОЛІТИЧНА ПАРТІЯ "СЛУГА НАРОДУ"', 'член ПОЛІТИЧНОЇ ПАРТІЇ "СЛУГА НАРОДУ"' and
the CEC «Слуга народу» or 'Партія "Слуга народу"'; all get the key "слуга народу" and the id
"sluha-narodu".
"""

import re

from pamyat.core.text.names import clean_text, latin

_PREFIX = re.compile(r"^(член\s+)?(політичн(а|ої)\s+парті(я|ї)\s+)?", re.IGNORECASE)
# "Партія" before a quoted name is its legal form (the CEC's 'Партія "Громадська сила"' is the
# register's ПОЛІТИЧНА ПАРТІЯ «ГРОМАДСЬКА СИЛА»); unquoted, it is part of the name.
_FORM_BEFORE_QUOTES = re.compile(r"^\s*парті(я|ї)\s+(?=[\"«“„])", re.IGNORECASE)
_QUOTES = re.compile('["«»“”„]')
NOT_A_PARTY = {"безпартійний", "безпартійна", "безпартійні", ""}


def party_key(name: str | None) -> str:
    key = _QUOTES.sub(" ", _FORM_BEFORE_QUOTES.sub("", clean_text(name))).strip()
    key = _PREFIX.sub("", key)
    return " ".join(key.casefold().split())


def party_id(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", latin(key).lower()).strip("-")
