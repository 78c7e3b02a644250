"""Render: one analysis, several renderings (JSON, CSV; HTML and PDF being built), written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reporter.config import RenderConfig
from reporter.model import Analysis, Story
from reporter.render.output import write_atomic


def write_story(analysis: Analysis, folder: Path, cfg: RenderConfig) -> list[Path]:
    """Write the formats ``cfg`` asks for into ``folder``; returns the paths written."""
    from reporter.render.json import dumps

    written = []
    if "json" in cfg.formats:
        written.append(write_atomic(folder / "report.json", dumps(analysis).encode("utf-8")))
    if "csv" in cfg.formats:
        import pandas as pd

        from reporter.render.json import to_json

        facts = pd.DataFrame(to_json(analysis)["facts"])
        written.append(write_atomic(folder / "facts.csv", facts.to_csv(index=False).encode("utf-8")))
    return written


def write_index(entries: Sequence[tuple[Story, Path]], out_dir: Path, cfg: RenderConfig) -> Path:
    """An index of several story reports (being built: plain list)."""
    lines = [f"{story.id}\t{folder}" for story, folder in entries]
    return write_atomic(out_dir / "index.txt", ("\n".join(lines) + "\n").encode("utf-8"))
