"""HTML: the report and the index through jinja2 templates (``templates/`` at the project root).

Autoescape is on for every template (article text is hostile) and undefined names fail
(``StrictUndefined``), so a template typo is an error, not a blank. Templates get one view object.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from reporter.render.filters import FILTERS
from reporter.render.records import IndexView, ReportView

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    """The one jinja2 environment: autoescape on, strict undefined, the filters of ``filters.py``."""
    if not (TEMPLATES / "report.html").is_file():
        raise FileNotFoundError(
            f"report templates not found in {TEMPLATES}; run reporter from its source tree "
            "(pip install -e .) so templates/ sits beside the package"
        )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def stylesheet(name: str) -> str:
    """A stylesheet of ``templates/css/`` as text (inlined in the page, or given to WeasyPrint)."""
    return (TEMPLATES / "css" / name).read_text(encoding="utf-8")


def render_report(view: ReportView) -> str:
    """report.html for ``view``."""
    return environment().get_template("report.html").render(report=view)


def render_index(view: IndexView) -> str:
    """index.html for ``view``."""
    return environment().get_template("index.html").render(index=view)
