"""How fast the pipeline is at scale, measured against the floor (plain MkDocs).

    make bench                                   # = python bench/benchmark.py (N = 500 and 5,000)
    python bench/benchmark.py --sizes 500        # one size
    python bench/benchmark.py --quick            # N = 60, one repetition: a smoke run (~1 min)

For each size N, on one synthetic catalogue from bench/generate.py (in a temporary folder):

- check:  `build.py check`, and check-jsonschema on the same files with the same schemas
          (one run per schema, $refs resolved offline through --base-uri file://schema/);
- build:  `build.py build` wall time and peak memory (the child's max RSS, from wait4);
          at N <= 1,000 build and floor alternate --repeat times and the fastest of each counts;
- floor:  plain MkDocs building the very Markdown that build produced (captured with the
          hidden `build.py build --keep-docs DIR`), with the same mkdocs.yml, as `mkdocs build`
          does it; build / floor is the pipeline's own overhead;
- sizes:  the search index (site/pagefind/, all files) and the certificate pages' HTML;
- search: in Chromium (bench/search.py), for a certificate's exact name and for a word every
          name has: the search files a visitor downloads (gzip) and the time from the page's
          load to the first result.

It prints a table and writes bench-results/latest.json (gitignored) for comparisons. Times
are wall-clock on a shared machine: compare ratios measured in one run, not across runs.
This is not a test; tests/test_bench_smoke.py only checks that it runs.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from generate import generate  # noqa: E402
from preview import measure as measure_preview  # noqa: E402
from search import measure as measure_search  # noqa: E402

from xcat.vocabulary import FILE_KINDS  # noqa: E402

PYTHON = sys.executable
CHECK_JSONSCHEMA = Path(PYTHON).with_name("check-jsonschema")
# schema -> the files it checks, relative to the catalogue
KINDS = {kind.kind: f"{kind.folder}/*.yaml" if kind.folder else str(kind.file) for kind in FILE_KINDS}
# What `mkdocs build` does (mkdocs/__main__.py build_command), with docs_dir pointing at the
# generated Markdown: the CLI has no --docs-dir option, and a copied mkdocs.yml would move
# custom_dir and other paths that are relative to the config file.
FLOOR = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=True)
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
"""
TARGETS = {  # name: (description, limit)
    "build_500_s": ("full build at N=500 (s)", 15.0),
    "overhead_500": ("build / floor at N=500", 1.20),
    "linear_build": ("build time 5,000 / 500", 12.0),
    "peak_rss_5000_mb": ("peak memory of the build at N=5,000 (MB)", 1536.0),
    "check_500_s": ("build.py check at N=500 (s)", 1.0),
    "check_vs_check_jsonschema_500": ("check / check-jsonschema at N=500", 1.0),
    "search_kb_5000": ("search files downloaded before the first result at N=5,000 (KB gzip)", 500.0),
    "search_ms_5000": ("from load to the first search result at N=5,000 (ms)", 1000.0),
    "certificate_page_kb": ("largest certificate page (KB of HTML)", 60.0),
    # build.py serve (bench/preview.py): median seconds from a save until the served page shows it
    "preview_500_s": ("build.py serve: save -> served page at N=500 (s)", 2.0),
    "preview_5000_s": ("build.py serve: save -> served page at N=5,000 (s)", 5.0),
    "preview_search_s": ("build.py serve: save -> search index, largest N (s)", 10.0),
}


def run(command: list[str], **kwargs) -> dict:
    """Run a child; its wall time, peak RSS and exit code. Output goes to a log, not the terminal."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": child.returncode,
        "tail": output[-2000:] if child.returncode else "",
    }


def best_of(repeat: int, command: list[str]) -> dict:
    runs = [run(command) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "all_seconds": [r["seconds"] for r in runs]}


def check_jsonschema(catalogue: Path) -> dict:
    """check-jsonschema on the same files, one run per schema, summed."""
    total, rss, runs = 0.0, 0.0, []
    for kind, pattern in KINDS.items():
        schema = ROOT / "schema" / f"{kind}.schema.json"
        files = sorted(str(p) for p in catalogue.glob(pattern))
        if not files:
            continue
        # --base-uri makes "common.schema.json#/$defs/slug" resolve to the file beside it, offline.
        result = run([str(CHECK_JSONSCHEMA), "--base-uri", schema.as_uri(), "--schemafile", str(schema), *files])
        if result["exit"] != 0:
            raise SystemExit(f"check-jsonschema failed on {kind} files:\n{result['tail']}")
        total += result["seconds"]
        rss = max(rss, result["peak_rss_mb"])
        runs.append({"schema": kind, "files": len(files), "seconds": result["seconds"]})
    return {"seconds": round(total, 3), "peak_rss_mb": rss, "runs": runs}


def sizes(site: Path) -> dict:
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    pages = sorted((p.stat().st_size, p.parent.name) for p in (site / "certificates").glob("*/index.html"))
    largest = pages[-1] if pages else (0, None)
    return {
        "search_bundle_bytes": sum(p.stat().st_size for p in bundle),
        "search_bundle_files": len(bundle),
        "certificate_pages": len(pages),
        "certificate_page_median_bytes": int(statistics.median(size for size, _ in pages)) if pages else 0,
        "certificate_page_max_bytes": largest[0],
        "certificate_page_max": largest[1],
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


def measure(n: int, work: Path, repeat: int, builds_repeat: int, seed: int, with_check_jsonschema: bool) -> dict:
    print(f"\n== N = {n:,}", file=sys.stderr)
    catalogue = work / f"catalogue-{n}"
    generate(n, catalogue, seed)
    files = sum(1 for _ in catalogue.rglob("*.yaml"))
    result: dict = {"n": n, "files": files, "load_before": os.getloadavg()[0]}

    step(f"build.py check ({files:,} files) x{repeat}")
    result["check"] = best_of(repeat, [PYTHON, "build.py", "check", "--catalogue", str(catalogue)])
    if result["check"]["exit"] != 0:
        raise SystemExit(f"the generated catalogue does not pass the check:\n{result['check']['tail']}")
    if with_check_jsonschema:
        step(f"check-jsonschema on the same files x{repeat}")
        result["check_jsonschema"] = min(
            (check_jsonschema(catalogue) for _ in range(repeat)), key=lambda r: r["seconds"]
        )

    # Build and floor alternate, so a burst of load elsewhere hits both; the fastest of each counts.
    builds, floors = [], []
    for attempt in range(builds_repeat):
        kept, site, floor_site = work / f"docs-{n}", work / f"site-{n}", work / f"floor-{n}"
        step(f"build.py build, keeping its generated Markdown ({attempt + 1}/{builds_repeat})")
        builds.append(
            run(
                [
                    PYTHON,
                    "build.py",
                    "build",
                    "--catalogue",
                    str(catalogue),
                    "--site-dir",
                    str(site),
                    "--keep-docs",
                    str(kept),
                ]
            )
        )
        if builds[-1]["exit"] != 0:
            raise SystemExit(f"build.py build failed:\n{builds[-1]['tail']}")
        if attempt == 0:
            result["sizes"] = sizes(site)
            step("search in Chromium: a certificate's exact name, and a word every name has")
            result["search"] = measure_search(site, [middle_name(catalogue, n), "虚构证书"])
        step(f"floor: plain MkDocs on that Markdown ({attempt + 1}/{builds_repeat})")
        floors.append(run([PYTHON, "-c", FLOOR, str(ROOT / "mkdocs.yml"), str(kept), str(floor_site)]))
        if floors[-1]["exit"] != 0:
            raise SystemExit(f"plain MkDocs failed on the generated Markdown:\n{floors[-1]['tail']}")
        for folder in (site, kept, floor_site):  # --keep-docs hard-links the Markdown: it costs the build nothing
            shutil.rmtree(folder)
    result["build"] = {**min(builds, key=lambda r: r["seconds"]), "all_seconds": [r["seconds"] for r in builds]}
    result["floor"] = {**min(floors, key=lambda r: r["seconds"]), "all_seconds": [r["seconds"] for r in floors]}
    result["overhead"] = round(result["build"]["seconds"] / result["floor"]["seconds"], 3)
    result["overhead_paired"] = [round(b["seconds"] / f["seconds"], 3) for b, f in zip(builds, floors)]
    step(f"build.py serve: save -> served page and search index, over HTTP (bench/preview.py) x{repeat}")
    result["preview"] = {k: v for k, v in measure_preview(catalogue, edits=repeat).items() if k != "log_tail"}
    result["load_after"] = os.getloadavg()[0]
    shutil.rmtree(catalogue)
    return result


def middle_name(catalogue: Path, n: int) -> str:
    """The Chinese name of the certificate in the middle of the generated catalogue."""
    text = (catalogue / "certificates" / f"synthetic-certificate-{max(n // 2, 1):04d}.yaml").read_text(encoding="utf-8")
    return json.loads(text.split("zh: ", 1)[1].split("\n", 1)[0])  # written as a JSON-style quoted string


def step(text: str) -> None:
    print(f"   {text} ...", file=sys.stderr, flush=True)


def targets(results: dict[int, dict]) -> dict:
    """Each target that the sizes measured: value, limit and whether it is met."""
    values = {}
    at500, at5000 = results.get(500), results.get(5000)
    if at500:
        values["build_500_s"] = at500["build"]["seconds"]
        values["overhead_500"] = at500["overhead"]
        values["check_500_s"] = at500["check"]["seconds"]
        if "check_jsonschema" in at500:
            values["check_vs_check_jsonschema_500"] = round(
                at500["check"]["seconds"] / at500["check_jsonschema"]["seconds"], 3
            )
    if at500 and at5000:
        values["linear_build"] = round(at5000["build"]["seconds"] / at500["build"]["seconds"], 2)
    if at5000:
        values["peak_rss_5000_mb"] = at5000["build"]["peak_rss_mb"]
        values["search_kb_5000"] = round(max(q["search_bytes_gzip"] for q in at5000["search"]) / 1024, 1)
        values["search_ms_5000"] = max(q["ms_to_first_result"] for q in at5000["search"])
    for n in (500, 5000):
        if n in results:
            values[f"preview_{n}_s"] = results[n]["preview"]["page_median_s"]
    if results:
        values["preview_search_s"] = results[max(results)]["preview"]["search_median_s"]
        values["certificate_page_kb"] = round(
            max(r["sizes"]["certificate_page_max_bytes"] for r in results.values()) / 1024, 1
        )
    return {
        name: {"what": TARGETS[name][0], "value": value, "limit": TARGETS[name][1], "met": value <= TARGETS[name][1]}
        for name, value in values.items()
    }


def table(results: dict[int, dict], met: dict) -> str:
    rows = [("", *[f"N={n:,}" for n in results])]

    def row(label, get):
        rows.append((label, *[get(r) for r in results.values()]))

    row("files", lambda r: f"{r['files']:,}")
    row("build.py check (s)", lambda r: f"{r['check']['seconds']:.2f}")
    row("check-jsonschema (s)", lambda r: f"{r['check_jsonschema']['seconds']:.2f}" if "check_jsonschema" in r else "-")
    row("build (s)", lambda r: f"{r['build']['seconds']:.1f}")
    row("floor: plain MkDocs (s)", lambda r: f"{r['floor']['seconds']:.1f}")
    row("build / floor", lambda r: f"{r['overhead']:.2f}")
    row("  each run's build / floor", lambda r: " ".join(f"{x:.2f}" for x in r["overhead_paired"]))
    row("build peak RSS (MB)", lambda r: f"{r['build']['peak_rss_mb']:.0f}")
    row("floor peak RSS (MB)", lambda r: f"{r['floor']['peak_rss_mb']:.0f}")
    row("search index, all files (KB)", lambda r: f"{r['sizes']['search_bundle_bytes'] / 1024:,.0f}")
    for i, label in enumerate(("exact name", "word in every name")):
        row(f"search, {label}: KB gzip", lambda r, i=i: f"{r['search'][i]['search_bytes_gzip'] / 1024:,.0f}")
        row(f"search, {label}: ms to 1st", lambda r, i=i: f"{r['search'][i]['ms_to_first_result']:,}")
    row("certificate page median (KB)", lambda r: f"{r['sizes']['certificate_page_median_bytes'] / 1024:.1f}")
    row("certificate page max (KB)", lambda r: f"{r['sizes']['certificate_page_max_bytes'] / 1024:.1f}")
    row("serve: save -> page, median (s)", lambda r: f"{r['preview']['page_median_s']:.1f}")
    row("serve: save -> search, median (s)", lambda r: f"{r['preview']['search_median_s']:.1f}")
    row("load average (before/after)", lambda r: f"{r['load_before']:.1f}/{r['load_after']:.1f}")
    widths = [max(len(str(cells[i])) for cells in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        for cells in rows
    ]
    lines.append("")
    for target in met.values():
        lines.append(
            f"{'met   ' if target['met'] else 'MISSED'}  {target['what']}: {target['value']} (limit {target['limit']})"
        )
    return "\n".join(lines)


def machine() -> dict:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "system": platform.platform(),
        "commit": commit,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,5000", help="certificate counts, comma-separated (default: 500,5000)")
    parser.add_argument("--quick", action="store_true", help="N=60 and one repetition: a smoke run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check, the fastest counts (default: 3)")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "latest.json", help="the JSON result file")
    args = parser.parse_args(argv)
    sizes_wanted = [60] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 1 if args.quick else args.repeat

    about = machine()  # the commit measured is the one checked out when the run starts
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="xcat-bench-") as work:
        for n in sizes_wanted:
            # check-jsonschema starts one process per schema and is slow at scale: compare at N <= 1,000.
            small = n <= 1000  # repeat only where a run takes seconds, not minutes
            results[n] = measure(
                n, Path(work), repeat if small else 1, repeat if small else 1, args.seed, with_check_jsonschema=small
            )
    met = targets(results)
    report = {
        "machine": about,
        "command": " ".join(["python", "bench/benchmark.py", *(argv if argv is not None else sys.argv[1:])]),
        "results": {str(n): r for n, r in results.items()},
        "targets": met,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(table(results, met))
    print(f"\nWritten to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
