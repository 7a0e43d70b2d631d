#!/bin/sh
# Mutation-test only the xcat/ files this branch changes: committed since it left main
# (git diff main...HEAD) plus anything not yet committed. The command line (xcat/cli.py) is
# left out, as in [tool.mutmut] of pyproject.toml. `make mutate` runs this;
# `make mutate-all` runs every mutant. BASE=origin/main overrides the branch compared with.
set -eu
base=${BASE:-main}
mutmut=${MUTMUT:-.venv/bin/mutmut}
python=.venv/bin/python

files=$(
    { git diff --name-only "$base"...HEAD -- 'xcat/*.py'
      git diff --name-only HEAD -- 'xcat/*.py'
      git ls-files --others --exclude-standard -- 'xcat/*.py'
    } | sort -u | grep -v '^xcat/cli\.py$' || true
)

patterns=""
for file in $files; do
    [ -f "$file" ] || continue  # deleted on this branch
    module=$(printf '%s\n' "${file%.py}" | tr / .)
    case $module in
        *.__init__) patterns="$patterns ${module%.__init__}.x*" ;;  # mutants of a package's __init__ are named after the package
        *) patterns="$patterns $module.*" ;;
    esac
done

if [ -z "$patterns" ]; then
    echo "No xcat/ file changed against $base: nothing to mutate (make mutate-all runs every mutant)."
    exit 0
fi

echo "Mutating:$patterns"
# shellcheck disable=SC2086  # one glob per word, expanded by mutmut, not the shell
set -f
# mutmut tests again every mutant it is given by name, verdict or not: the changed files' mutants
# are all tested. The ledger is restored first so that the one saved as it runs keeps the other files'.
MUTMUT=$mutmut $python scripts/mutation-ledger.py run $patterns
$mutmut results
