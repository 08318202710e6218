"""Each source's normaliser: raw records → frames named after the published tables (plus
`person_records` for the identity engine, and intermediate frames a combiner consumes)."""

from etl.normalize import (
    cec,
    chesno_party_reports,
    media,
    mentions,
    nazk_declarations,
    nazk_party_reports,
    nazk_totals,
    party_donors,
    party_limits,
    rada,
)

NORMALIZERS = {
    "rada": rada.normalize,
    "cec": cec.normalize,
    "nazk_declarations": nazk_declarations.normalize,
    "nazk_party_reports": nazk_party_reports.normalize,
    "chesno_party_reports": chesno_party_reports.normalize,
    "media": media.normalize,
}

# What works across sources on the frames of all of them, before the identity engine.
COMBINERS = (party_donors.combine,)

# What is computed once records carry person ids (after the identity engine), by the table it
# needs.
FINISHERS = {
    "declarations": nazk_totals.finish,
    "donations": party_limits.finish,
    "media_items": mentions.finish,
}
