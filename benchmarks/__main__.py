"""``python -m benchmarks`` (``make bench``): how fast reporter is, printed and written as JSON.

Measures, each in a fresh interpreter so imports and peak memory are honest:

- ``analyze`` throughput (articles/s) on a real-news corpus: the ../shared/eval sets pooled (when
  present), else a generated corpus; at 1x and 4x the size, to show how time grows; in one process
  (the library call, with its CPU time) and as ``reporter analyze`` runs it (local worker processes
  from 400 articles on, interpreter start and JSON writing included);
- peak memory (max RSS) of ``analyze`` on about 10,000 articles;
- seconds per story for HTML and for PDF rendering, on the example story and on a long (~20-page) story;
  the PDF in a process that has warmed up WeasyPrint first, as `reporter report`'s PDF worker does while
  the analysis runs (the warm-up is timed apart);
- the example report's wall time (``reporter report examples/belgorod``, interpreter start included).

A benchmark, not a test: nothing here fails on a slow machine. Targets (issue 6) are printed beside
the figures for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("REPORTER_EVAL_DATA", ROOT.parent / "shared" / "eval"))
CORPUS_SETS = ("gva_semeval2018t5", "gvdb", "polnear", "ecbplus", "basil")


def corpus(size: int | None, seed: int = 7) -> list[dict[str, Any]]:
    """Real articles pooled from the eval sets (gold fields dropped), or generated ones without them.

    ``size`` above what exists is reached by recombining sentences of real articles into new ones
    (new ids, same outlets and dates), so dedupe cannot fold them away and the work stays realistic.
    """
    records = _pooled() or _generated_seed_records()
    rng = random.Random(seed)
    rng.shuffle(records)
    if size is None or size <= len(records):
        return records[: size or len(records)]
    out = list(records)
    while len(out) < size:
        a, b = rng.sample(records, 2)
        half_a, half_b = a["text"].split(". "), b["text"].split(". ")
        text = ". ".join(half_a[: len(half_a) // 2] + half_b[len(half_b) // 2 :])
        out.append({**a, "id": f"mix-{len(out)}", "text": text})
    return out


def _pooled() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for name in CORPUS_SETS:
        path = EVAL / name / "articles.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                records.append(
                    {
                        "id": f"{name}:{record['id']}",
                        "outlet": record.get("outlet") or name,
                        "published": record.get("date"),
                        "title": record.get("title"),
                        "url": record.get("url"),
                        "text": record["text"],
                    }
                )
    return records


def _generated_seed_records() -> list[dict[str, Any]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "belgorod").glob("*.txt"))]
    return [{"id": f"seed-{i}", "outlet": f"outlet-{i}", "text": t} for i, t in enumerate(texts)]


def _write_jsonl(records: list[dict[str, Any]], folder: Path, name: str) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return path


_ANALYZE_CHILD = """
import json, resource, sys, time
from reporter.config import Config
from reporter.ingest import load
from reporter.pipeline import analyze
from pathlib import Path
started = time.perf_counter()
articles, problems = load([Path(sys.argv[1])], Config().ingest)
loaded = time.perf_counter()
analysis = analyze(articles, Config(), problems)
done = time.perf_counter()
print(json.dumps({"articles": len(articles), "load_s": loaded - started, "analyze_s": done - loaded,
                  "cpu_s": time.process_time(),
                  "stories": len(analysis.stories), "facts": len(analysis.facts),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_cli_analyze(path: Path) -> dict[str, Any]:
    """``reporter analyze CORPUS --json OUT`` as a user runs it: wall time, interpreter start included."""
    reporter = Path(sys.executable).parent / "reporter"
    articles = sum(1 for _ in path.open(encoding="utf-8"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [str(reporter), "analyze", str(path), "--json", str(path.with_suffix(".out.json"))],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its worker processes
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"articles": articles, "wall_s": wall, "cpu_s": cpu, "articles_per_s": articles / wall}


def bench_analyze(path: Path) -> dict[str, Any]:
    """One fresh interpreter analysing the corpus at ``path`` in one process (for peak memory)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _ANALYZE_CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    measured["wall_s"] = time.perf_counter() - started
    measured["articles_per_s"] = measured["articles"] / max(measured["load_s"] + measured["analyze_s"], 1e-9)
    return measured


def bench_example(out: Path, runs: int = 5) -> list[float]:
    """Wall seconds of the example report (HTML + PDF + JSON + CSV), interpreter start included, over
    ``runs`` runs: one run moves by a tenth with what the machine's neighbours do."""
    reporter = Path(sys.executable).parent / "reporter"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [str(reporter), "report", str(ROOT / "examples" / "belgorod"), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
    return times


_RENDER_CHILD = """
import json, sys, time
from pathlib import Path
from reporter.config import Config, RenderConfig
from reporter.ingest import load
from reporter.pipeline import analyze
from reporter.render import write_story
import reporter.render.pdf as pdf
articles, problems = load([Path(sys.argv[1])], Config().ingest)
analysis = analyze(articles, Config(), problems)
story = analysis.stories[0].id
part = analysis.for_story(story)
out = Path(sys.argv[2])
timings = {}
weasyprint_render = pdf.render_pdf
def timed(*args, **kwargs):  # WeasyPrint's share of the PDF time (layout, drawing, writing)
    started = time.perf_counter()
    result = weasyprint_render(*args, **kwargs)
    timings["pdf_weasyprint_s"] = time.perf_counter() - started
    return result
started = time.perf_counter()
write_story(part, out / "html", RenderConfig(formats=("html",)))
timings["html_s"] = time.perf_counter() - started
# As `reporter report` runs it: its PDF worker warms up while the analysis runs (timed apart here).
started = time.perf_counter()
pdf.warm_up()
timings["pdf_warm_up_s"] = time.perf_counter() - started
pdf.render_pdf = timed
started = time.perf_counter()
write_story(part, out / "pdf", RenderConfig(formats=("pdf",)))
timings["pdf_s"] = time.perf_counter() - started
try:
    from pypdf import PdfReader
    timings["pdf_pages"] = len(PdfReader(str(out / "pdf" / "report.pdf")).pages)
except Exception:
    pass
print(json.dumps(timings))
"""


def bench_render(story: Path, out: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _RENDER_CHILD, str(story), str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def long_story(folder: Path, articles: int = 8, paragraphs: int = 40) -> Path:
    """A story long enough for a ~20-page PDF: the example articles, each lengthened with its own text.
    Eight articles of 40 paragraphs (a long news article's length) give 20 pages. The page count moves
    with the paragraphs drawn (they decide the events and what the brief shows), not with their number
    alone; 6 x 44 gave 20 pages until the PDF's contents became one line, then 19."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted((ROOT / "examples" / "belgorod").glob("*.txt"))
    rng = random.Random(3)
    for i in range(articles):
        lines = [ln for ln in seeds[i % len(seeds)].read_text(encoding="utf-8").splitlines() if len(ln) > 80]
        body = [rng.choice(lines) for _ in range(paragraphs)]
        (folder / f"long_{i}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--base", type=int, default=1000, help="articles in the 1x corpus")
    parser.add_argument("--memory-size", type=int, default=10_000, help="articles for the peak-memory run")
    parser.add_argument(
        "--only",
        choices=("all", "render"),
        default="all",
        help="render: the example's wall time and rendering only",
    )
    args = parser.parse_args(argv)

    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "corpus": "../shared/eval pooled" if _pooled() else "generated",
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only == "render":
            _bench_render_part(results, folder)
            _print_render(results)
            _write(results, args.out)
            return 0
        one = _write_jsonl(corpus(args.base), folder, "1x.jsonl")
        four = _write_jsonl(corpus(4 * args.base), folder, "4x.jsonl")
        results["analyze_1x"] = bench_analyze(one)
        results["analyze_4x"] = bench_analyze(four)
        results["growth_4x"] = results["analyze_4x"]["analyze_s"] / max(
            results["analyze_1x"]["analyze_s"], 1e-9
        )
        # The machine is shared: CPU time grows with the work alone, wall time with the neighbours too.
        results["growth_4x_cpu"] = results["analyze_4x"]["cpu_s"] / max(results["analyze_1x"]["cpu_s"], 1e-9)
        results["cli_1x"] = bench_cli_analyze(one)
        results["cli_4x"] = bench_cli_analyze(four)
        big = _write_jsonl(corpus(args.memory_size), folder, "memory.jsonl")
        results["analyze_memory"] = bench_analyze(big)
        _bench_render_part(results, folder)

    _print(results)
    _write(results, args.out)
    return 0


def _bench_render_part(results: dict[str, Any], folder: Path) -> None:
    runs = bench_example(folder / "example")
    results["example_report_wall_s"] = statistics.median(runs)
    results["example_report_runs_s"] = runs
    results["render_example"] = bench_render(ROOT / "examples" / "belgorod", folder / "render-example")
    results["render_long"] = bench_render(long_story(folder / "long"), folder / "render-long")


def _write(results: dict[str, Any], out: Path | None) -> None:
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1) + "\n")
        print(f"written: {out}")


def _print(r: dict[str, Any]) -> None:
    a1, a4, mem = r["analyze_1x"], r["analyze_4x"], r["analyze_memory"]
    c1, c4 = r["cli_1x"], r["cli_4x"]
    rows = [
        (
            "analyze articles/s (1x)",
            f"{a1['articles_per_s']:.1f}  ({a1['articles']} articles, 1 process)",
            "",
        ),
        (
            "analyze articles/s (4x)",
            f"{a4['articles_per_s']:.1f}  ({a4['articles']} articles, 1 process)",
            "",
        ),
        (
            "reporter analyze (1x)",
            f"{c1['articles_per_s']:.1f}/s  ({c1['cpu_s']:.0f} s CPU, workers)",
            ">= 60",
        ),
        (
            "reporter analyze (4x)",
            f"{c4['articles_per_s']:.1f}/s  ({c4['cpu_s']:.0f} s CPU, workers)",
            ">= 60",
        ),
        ("time growth 1x -> 4x", f"{r['growth_4x']:.2f}x wall, {r['growth_4x_cpu']:.2f}x CPU", "<= 4.8x"),
        (
            "peak memory (1 process)",
            f"{mem['max_rss_mb']:.0f} MB  ({mem['articles']} articles)",
            "<= 2048 MB",
        ),
    ]
    print(f"corpus: {r['corpus']}")
    for name, value, target in rows + _render_rows(r):
        print(f"{name:<26} {value:<36} {target}")


def _render_rows(r: dict[str, Any]) -> list[tuple[str, str, str]]:
    example, long, runs = r["render_example"], r["render_long"], r["example_report_runs_s"]
    return [
        (
            "example report wall",
            f"{r['example_report_wall_s']:.2f} s  (median of {len(runs)}: {min(runs):.2f}-{max(runs):.2f} s)",
            "<= 5 s",
        ),
        ("example HTML / PDF", f"{example['html_s']:.2f} s / {example['pdf_s']:.2f} s", ""),
        ("PDF worker warm-up", f"{example.get('pdf_warm_up_s', 0):.2f} s  (while the analysis runs)", ""),
        (
            "example PDF: WeasyPrint",
            f"{example.get('pdf_weasyprint_s', 0):.2f} s  ({example.get('pdf_pages', '?')} pages)",
            "",
        ),
        (
            "long story PDF",
            f"{long['pdf_s']:.2f} s  ({long.get('pdf_pages', '?')} pages)",
            "<= 5 s (20 pages)",
        ),
        ("long story: WeasyPrint", f"{long.get('pdf_weasyprint_s', 0):.2f} s", ""),
    ]


def _print_render(r: dict[str, Any]) -> None:
    for name, value, target in _render_rows(r):
        print(f"{name:<26} {value:<36} {target}")


if __name__ == "__main__":
    sys.exit(main())
