"""Links from source data are published only when they are web links: every `url` and `*_url`
column of every table (schema.py's naming rule) keeps http and https addresses and loses any
other (`javascript:`, `data:`, a quoted attribute), each loss a data issue naming the record."""

import pandas as pd

from etl.publish.schema import TABLES_BY_NAME
from pamyat.core.issues import DataIssues
from pamyat.core.text.values import is_web_url


def link_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c == "url" or c.endswith("_url")]


def keep_web_links(tables: dict[str, pd.DataFrame], issues: DataIssues) -> None:
    for name, frame in tables.items():
        for column in link_columns(frame):
            values = frame[column]
            unsafe = values.notna() & ~values.map(is_web_url)
            key = _record_key(name, frame)
            for row in frame[unsafe].itertuples():
                issues.add(
                    getattr(row, "source", None) or "portal",
                    getattr(row, "run_id", None),
                    getattr(row, key, None),
                    column,
                    f"{name}.{column}: not a plain http(s) link; left out",
                    stage="publish",
                )
            if unsafe.any():
                tables[name] = frame = frame.assign(**{column: values.where(~unsafe, None)})


def _record_key(name: str, frame: pd.DataFrame) -> str:
    """The column that names a row in a data issue: its source record, else its primary key."""
    if "source_record_id" in frame:
        return "source_record_id"
    return next(iter(TABLES_BY_NAME[name].primary_key.columns)).name
