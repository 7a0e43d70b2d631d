"""The 1+X certificate catalogue pipeline.

Stages, each a module with one job, data flowing one way:
load (YAML with positions) -> validate (schema, then cross-file rules) -> model
(typed, with derived status and successor chains) -> pages / exports (rendered from
the model through templates) -> site (MkDocs build into a temporary folder, then swap).
"""
