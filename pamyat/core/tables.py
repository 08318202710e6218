"""What every table declaration shares: the declarative base, described columns and the
provenance columns of a source row (see schema.py for the conventions)."""

from sqlalchemy import Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# A name tokenizer that treats every apostrophe as a separator, so "Ар'єв", "Ар’єв" and "Арʼєв"
# find the same person; FTS5's unicode61 folds case in Cyrillic and Latin alike.
FTS_TOKENIZER = "unicode61 remove_diacritics 0 separators 'ʼ`'"


class Base(DeclarativeBase):
    pass


def table_info(
    sources: list[str],
    label: str | None,
    facets: list[str],
    fts: list[str] | None = None,
    natural_key: list[str] | None = None,
) -> dict:
    """A table's `info`: the sources its rows come from, its label column, its facets, its
    full-text columns (read by the metadata generator and the FTS build) and, for a table of
    facts, its natural key: the columns that name a row across builds (read by changes.py)."""
    info: dict = {"sources": sources, "facets": facets}
    if natural_key:
        info["natural_key"] = natural_key
    if fts:
        info["fts"] = fts
    return {**info, "label_column": label} if label else info


# A column of free text from a source: private numbers and street addresses in it are masked
# before publishing (etl/publish/privacy.py).
FREE_TEXT = {"free_text": True}


class SourceRow:
    """Where each row of a source table came from (docs/design.md: every fact keeps its source)."""

    source: Mapped[str] = mapped_column(Text, nullable=False)
    source_record_id: Mapped[str] = mapped_column(Text, nullable=False)
    source_url: Mapped[str] = mapped_column(Text)
    run_id: Mapped[str] = mapped_column(Text)
