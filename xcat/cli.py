"""The command line: python build.py [check|diff|new|serve|codeowners]."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        args = parser.parse_args(["build"] + (argv if argv is not None else sys.argv[1:]))
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Check the 1+X certificate catalogue and build its website.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="check the catalogue, then build the site into site/ (the default)")
    _catalogue_options(build)
    build.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
    build.set_defaults(run=_run_build)

    check = commands.add_parser("check", help="check every catalogue file and report all problems")
    _catalogue_options(check)
    check.add_argument("--format", choices=["text", "github", "markdown"], default="text",
                       help="text: file:line:col lines; github: GitHub Actions annotations; markdown: a table for a job summary")
    check.set_defaults(run=_run_check)
    return parser


def _catalogue_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--catalogue", type=Path, default=ROOT / "catalogue", help="the catalogue folder (default: catalogue/)")
    command.add_argument("--schemas", type=Path, default=ROOT / "schema", help=argparse.SUPPRESS)
    command.add_argument("--today", default=None, help=argparse.SUPPRESS)  # fixed date for tests


def display_base(catalogue: Path) -> Path:
    """Show paths as catalogue/... whether the catalogue is ours or a test's."""
    catalogue = catalogue.resolve()
    return ROOT if catalogue.is_relative_to(ROOT) else catalogue.parent


def checked(args):
    from .schemas import SchemaSet
    from .validate import check_catalogue

    return check_catalogue(args.catalogue, SchemaSet(args.schemas), today=args.today, base=display_base(args.catalogue))


def _run_check(args) -> int:
    from .report import report

    result = checked(args)
    report(result, args.format)
    return EXIT_OK if result.ok else EXIT_INVALID


def _run_build(args) -> int:
    from .report import report

    result = checked(args)
    if not result.ok:
        report(result, "text")
        print("build.py: the site was not built; the previous site is unchanged.", file=sys.stderr)
        return EXIT_INVALID
    from .site import build_site

    return build_site(result.documents, args)
