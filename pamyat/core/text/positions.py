"""Public offices as identity evidence: the same office in two records (an MP in the Rada's
register and a declarant who declares as an MP) speaks for the same person.

Codes, strongest first (a person with several records keeps the strongest): `mp` for a member
of parliament, `top_official` for the President, the Prime Minister and ministers (the NAZK
category of responsible positions that names them).
"""

MP, TOP_OFFICIAL = "mp", "top_official"
RANK = [MP, TOP_OFFICIAL]
_MARKERS = [
    (MP, ("народний депутат",)),
    (TOP_OFFICIAL, ("президент україни, прем",)),
]


def position_code(*texts: str | None) -> str | None:
    """The strongest office that any of the texts names, or None."""
    found = [
        code
        for code, markers in _MARKERS
        for text in texts
        if text and any(marker in text.casefold() for marker in markers)
    ]
    return strongest(found)


def strongest(codes) -> str | None:
    known = [c for c in codes if c in RANK]
    return min(known, key=RANK.index) if known else None
