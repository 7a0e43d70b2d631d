"""How catalogue files are written: the one style for every file the pipeline writes as
YAML (new files, the field reference's examples), so they read like the hand-written ones."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def catalogue_style(value):
    """Lists of plain values in flow style ([a, b]), everything else in block style, as the catalogue does."""
    if isinstance(value, dict):
        return CommentedMap({k: catalogue_style(v) for k, v in value.items()})
    if isinstance(value, list):
        sequence = CommentedSeq(catalogue_style(v) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            sequence.fa.set_flow_style()
        return sequence
    return value
