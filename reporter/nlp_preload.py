"""Importing this module loads spaCy's pipeline (:func:`reporter.nlp.load`), once, in this process.

For the fork server that local worker processes are forked from (``reporter.cli``): the server imports
the modules it is told to preload, so this is how it comes to hold the pipeline, and every worker forked
from it starts with the model in memory instead of importing spaCy and loading the model itself (two
seconds a worker). A failure to load is left for the workers to meet: the server must stay up.
"""

from __future__ import annotations

import contextlib

from reporter import nlp

with contextlib.suppress(Exception):  # the server must not die: a worker that needs spaCy loads it
    nlp.load()
