"""``python -m evaluation``: every evaluation set, one table (metric, score, target, anchor), one JSON file.

Exits cleanly with a message when ../shared/eval is absent. ``--only`` runs some sets; ``--limit``
caps the items per set for a quick look (scores on a subset are not the acceptance numbers).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

from evaluation.common import Score, data_root

# Evaluation module -> data folder under the eval root.
SETS: dict[str, str] = {
    "article_extraction": "article_extraction",
    "gvdb": "gvdb",
    "gva_ledger": "gva_semeval2018t5",
    "gva_events": "gva_semeval2018t5",
    "ecbplus": "ecbplus",
    "polnear": "polnear",
    "msrp": "msrp",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--only", nargs="*", choices=sorted(SETS), help="run only these sets")
    parser.add_argument("--limit", type=int, default=None, help="at most this many items per set")
    parser.add_argument("--out", type=Path, default=None, help="write the scores as JSON here")
    args = parser.parse_args(argv)

    root = data_root()
    if not root.is_dir():
        print(f"evaluation data not found at {root} (set REPORTER_EVAL_DATA); nothing to score")
        return 0
    scores: list[tuple[str, Score, float]] = []
    for name in args.only or SETS:
        started = time.perf_counter()
        module = importlib.import_module(f"evaluation.{name}")
        for score in module.evaluate(root / SETS[name], limit=args.limit):
            scores.append((name, score, time.perf_counter() - started))
        print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(_table([s for _, s, _ in scores]))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        rows = [
            {
                "set": name,
                "metric": s.metric,
                "score": round(s.score, 4),
                "target": s.target,
                "anchor": s.anchor,
                "n": s.n,
                "met": None if s.target is None else s.score >= s.target,
            }
            for name, s, _ in scores
        ]
        args.out.write_text(json.dumps({"limit": args.limit, "scores": rows}, indent=1) + "\n")
        print(f"written: {args.out}")
    return 0


def _table(scores: list[Score]) -> str:
    header = f"{'metric':<38} {'score':>6} {'target':>7} {'n':>6}  anchor"
    lines = [header, "-" * len(header)]
    for s in scores:
        target = "" if s.target is None else f"{s.target:.2f}"
        mark = "" if s.target is None else (" ok" if s.score >= s.target else " SHORT")
        lines.append(f"{s.metric:<38} {s.score:>6.3f} {target:>7} {s.n:>6}  {s.anchor}{mark}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
