"""How catalogue files are written: the one style for every file the pipeline writes as
YAML (new files, imported changes, the field reference's examples), so they read like the
hand-written ones."""

from __future__ import annotations

import io

from ruamel.yaml import YAML
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


def catalogue_yaml() -> YAML:
    """A round-trip YAML (it keeps a file's comments, and the flow style catalogue_style asks for)
    that writes as a contributor does: Chinese as written, lists of mappings indented under their
    key, long lines never folded."""
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096  # pragma: no mutate - any width past the longest line of a file
    yaml.indent(mapping=2, sequence=4, offset=2)  # pragma: no mutate - mapping=2 is ruamel's own
    return yaml


def dump(value) -> str:
    """Block YAML in that style, ending with one newline."""
    stream = io.StringIO()
    catalogue_yaml().dump(catalogue_style(value), stream)
    return stream.getvalue()
