"""Tools for contributors and reviewers, each one command: diff (what a change does),
new (a starting file), codeowners (review routing) and serve (a live preview)."""
