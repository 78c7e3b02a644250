"""The corpus dataset of a batch: facts, quotes, casualty ledger, coverage and articles of every story,
as Parquet and CSV tables built from the stories' report.json documents (the stable contract).

Built from the documents rather than from in-memory analyses so that stories a resumed batch did
not recompute still count.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from reporter.render.output import write_atomic

ARTICLE_COLUMNS = [
    "id",
    "story",
    "event",
    "outlet",
    "outlet_source",
    "title",
    "published",
    "url",
    "duplicate_of",
]


def tables(reports: Iterable[Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table, rows of every report, sorted for stable output."""
    articles, facts, coverage = [], [], []
    for report in reports:
        outlet_of = {a["id"]: a["outlet"] for a in report.get("articles", [])}
        articles += [{k: a.get(k) for k in ARTICLE_COLUMNS} for a in report.get("articles", [])]
        facts += [{**f, "outlet": outlet_of.get(f["article"])} for f in report.get("facts", [])]
        coverage += [
            {
                "story": c["story"],
                "event": c.get("event"),
                "group": c["group"],
                "kind": c["kind"],
                "label": c["label"],
                "outlet": outlet,
                "status": status,
            }
            for c in report.get("coverage", [])
            for outlet, status in c["outlets"].items()
        ]
    facts_df = _frame(facts, ["story", "article", "start", "id"])
    kind = facts_df["kind"] if "kind" in facts_df else pd.Series(dtype=str)
    return {
        "articles": _frame(articles, ["story", "id"], ARTICLE_COLUMNS),
        "facts": facts_df,
        "quotes": facts_df[kind == "quote"].dropna(axis="columns", how="all"),
        "casualties": facts_df[kind == "casualty"].dropna(axis="columns", how="all"),
        "coverage": _frame(coverage, ["story", "group", "outlet"]),
    }


def write(reports: Iterable[Mapping[str, Any]], folder: Path) -> list[Path]:
    """Write every table as ``<name>.parquet`` and ``<name>.csv`` into ``folder``; returns the paths."""
    written = []
    for name, frame in tables(reports).items():
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        written.append(write_atomic(folder / f"{name}.parquet", buffer.getvalue()))
        written.append(write_atomic(folder / f"{name}.csv", frame.to_csv(index=False).encode("utf-8")))
    return written


def _frame(rows: list[dict[str, Any]], order: list[str], columns: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    keys = [k for k in order if k in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True) if keys and len(frame) else frame
