"""reporter: who reported what, across outlets covering one story.

The library API is :func:`reporter.analyze` (articles in, :class:`~reporter.model.Analysis` out) and
:func:`reporter.load` (paths in, articles and problems out). Heavy modules load lazily, where used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from reporter.ingest import load
    from reporter.pipeline import analyze

__all__ = ["__version__", "analyze", "load"]


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `import reporter` (and so `reporter --help`) cheap.
    if name == "analyze":
        from reporter.pipeline import analyze

        return analyze
    if name == "load":
        from reporter.ingest import load

        return load
    raise AttributeError(name)
