"""CSV: the report's tables (from :mod:`reporter.tables`) as UTF-8 CSV files.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) get a leading apostrophe: article text is hostile, and "=HYPERLINK(...)" in a
quote must stay text when an editor opens the file. report.json keeps the exact text.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from reporter import tables
from reporter.model import Analysis

# file name -> the table it holds
TABLES: dict[str, Callable[[Analysis], pd.DataFrame]] = {
    "coverage_matrix.csv": tables.coverage,
    "casualty_ledger.csv": tables.casualty_ledger,
    "speakers.csv": tables.speakers,
    "labels.csv": tables.labels,
    "facts.csv": tables.facts,
    "articles.csv": tables.articles,
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    """One table as CSV bytes (UTF-8, ``\\n`` line ends, no index), formulas neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return str(safe.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def render_tables(analysis: Analysis) -> dict[str, bytes]:
    """Every table of :data:`TABLES` as CSV bytes, by file name."""
    return {name: to_csv(make(analysis)) for name, make in TABLES.items()}
