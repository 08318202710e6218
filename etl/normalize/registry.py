"""Each source's normaliser: raw records → frames named after the published tables (plus
`person_records` for the identity engine)."""

from etl.normalize import cec, nazk_declarations, nazk_totals, rada

NORMALIZERS = {
    "rada": rada.normalize,
    "cec": cec.normalize,
    "nazk_declarations": nazk_declarations.normalize,
}

# What a source computes once its records carry person ids (after the identity engine).
FINISHERS = {"nazk_declarations": nazk_totals.finish}
