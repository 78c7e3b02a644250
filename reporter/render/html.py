"""HTML: the report and the index through jinja2 templates (``templates/`` at the project root).

Autoescape is on for every template (article text is hostile) and undefined names fail
(``StrictUndefined``), so a template typo is an error, not a blank. Templates get one view object.
"""

from __future__ import annotations

import contextlib
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
        bytecode_cache=compiled_templates(TEMPLATES / "__pycache__"),
    )
    env.filters.update(FILTERS)
    return env


def compiled_templates(folder: Path) -> jinja2.BytecodeCache | None:
    """The templates' compiled code, kept in ``folder`` as Python keeps its own bytecode beside the
    sources: compiling the report's templates (the brief's partials are compiled when a page first
    includes them) took about 0.2 s of every run, in the path to the PDF. Each entry is checked
    against its template's source and Python version, so an edited template is compiled again. Where
    ``folder`` cannot be made or written, templates are compiled in every run, as without a cache."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only tree: compiled again next time
            super().dump_bytecode(bucket)


def compile_all() -> int:
    """Compile every template into the cache now (``make bytecode``); returns how many."""
    env = environment()
    names = env.list_templates(extensions=["html"])
    for name in names:
        env.get_template(name)
    return len(names)


def stylesheet(name: str) -> str:
    """A stylesheet of ``templates/css/`` as text (inlined in the page, or given to WeasyPrint)."""
    return (TEMPLATES / "css" / name).read_text(encoding="utf-8")


def render_report(view: ReportView) -> str:
    """report.html for ``view``."""
    return environment().get_template("report.html").render(report=view)


def render_index(view: IndexView) -> str:
    """index.html for ``view``."""
    return environment().get_template("index.html").render(index=view)
