"""How catalogue files are written: the one style for every file the pipeline writes as
YAML (new files, the field reference's examples), so they read like the hand-written ones."""

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


def dump(value) -> str:
    """Block YAML in that style, as a contributor writes a file: Chinese as written, lists of
    mappings indented under their key, long lines never folded. Ends with one newline."""
    yaml = YAML()  # round trip: keeps the flow style catalogue_style asks for
    yaml.allow_unicode = True
    yaml.width = 4096  # pragma: no mutate - any width past the longest line of a file
    yaml.indent(mapping=2, sequence=4, offset=2)  # pragma: no mutate - mapping=2 is ruamel's own
    stream = io.StringIO()
    yaml.dump(catalogue_style(value), stream)
    return stream.getvalue()
