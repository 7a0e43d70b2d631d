"""`build.py codeowners`: write .github/CODEOWNERS from the organizations' maintainers
(the text itself is the checker's, xcat/check/codeowners.py, which also reports a stale file)."""

from __future__ import annotations

import sys

from ..check.codeowners import codeowners_path, render, up_to_date
from ..check.load import load_catalogue
from ..settings import Exit
from ..textfile import write_text


def run(args) -> int:
    if not args.catalogue.is_dir():
        print(f"build.py codeowners: {args.catalogue} is not a folder", file=sys.stderr)
        return Exit.USAGE
    path = codeowners_path(args.catalogue)
    text = render(load_catalogue(args.catalogue), args.catalogue)
    if up_to_date(path, text):
        print(f"{path} is up to date.", file=sys.stderr)
        return Exit.OK
    path.parent.mkdir(exist_ok=True)  # .github/ beside the catalogue, whose folder exists
    write_text(path, text)
    print(f"Wrote {path}.", file=sys.stderr)
    return Exit.OK
