"""What only a new interpreter shows: which modules an import pulls in, what a process's first use of
a library pays for. Tests hand :func:`run` a script of asserts."""

from __future__ import annotations

import subprocess
import sys


def run(script: str) -> str:
    """``script`` run by a new Python interpreter; fails the calling test with the script's error
    output unless it exits 0. Returns what it printed."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout
