"""`build.py import --event transferred`: the handover's correspondence table, which gives each
certificate its occupations (xcat/tools/importer/plan.py). Fictional tables imported into a copy
of the fictional catalogue: the occupations written, a file left as it is when the table adds
nothing to it, and the refusals with their rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_fictional, edit
from tests.tools.test_import import SOURCE, run_import, snapshot
from tests.tools.test_importer_plan import NO_DISAGREEMENT, NOTICE, SCHEMAS, certificate, refused, write_list


@pytest.fixture()
def catalogue(tmp_path) -> Path:
    return copy_fictional(tmp_path)


def test_a_correspondence_table_without_a_trade_column_gives_occupations_without_trades(catalogue, tmp_path):
    # 虚构证书癸 on two rows, one per level, and only the second names its occupation.
    table = write_list(
        tmp_path,
        "证书名称,培训评价组织,等级,职业编码,职业名称\n"
        "虚构证书癸,虚构评价组织甲,初级,,\n"
        "虚构证书癸,虚构评价组织甲,中级,4-04-05-05,虚构职业\n",
    )
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "transferred", *SCHEMAS)
    assert (code, err) == (0, "")
    assert certificate(catalogue, "fictional-kappa")["occupations"] == [
        {"code": "4-04-05-05", "name": {"zh": "虚构职业"}, "sources": [SOURCE]}
    ]


GAMMA = "证书名称,培训评价组织,职业编码,职业名称,工种\n"  # gamma has 9-99-99-99 虚构职业 (虚构工种), from the report
GAMMA_OCCUPATION = {
    "code": "9-99-99-99",
    "name": {"zh": "虚构职业", "en": "Fictional occupation"},
    "trade": {"zh": "虚构工种"},
}


@pytest.mark.parametrize(
    ("source", "rows", "expected"),
    [
        (
            NOTICE,
            "虚构证书丙,虚构评价组织甲,9-99-99-99,虚构职业,虚构工种\n",
            [{**GAMMA_OCCUPATION, "sources": [SOURCE, NOTICE]}],
        ),
        (
            SOURCE,
            "虚构证书丙,虚构评价组织甲,9-99-99-99,虚构职业,另一虚构工种\n",
            [
                {**GAMMA_OCCUPATION, "sources": [SOURCE]},
                {
                    "code": "9-99-99-99",
                    "name": {"zh": "虚构职业"},
                    "trade": {"zh": "另一虚构工种"},
                    "sources": [SOURCE],
                },
            ],
        ),
        (
            SOURCE,
            "虚构证书丙,虚构评价组织甲,4-04-05-05,另一虚构职业,\n虚构证书丙,虚构评价组织甲,9-99-99-99,虚构职业,虚构工种\n",
            [
                {**GAMMA_OCCUPATION, "sources": [SOURCE]},
                {"code": "4-04-05-05", "name": {"zh": "另一虚构职业"}, "sources": [SOURCE]},
            ],
        ),
    ],
    ids=["another source confirms it", "another trade is another occupation", "a new one beside one already cited"],
)
def test_a_correspondence_table_adds_new_occupations_and_confirms_known_ones(
    catalogue, tmp_path, source, rows, expected
):
    table = write_list(tmp_path, GAMMA + rows)
    code, out, err = run_import(catalogue, table, "--source", source, "--event", "transferred", *SCHEMAS)
    assert (code, err) == (0, "") and NO_DISAGREEMENT in out
    assert certificate(catalogue, "fictional-gamma")["occupations"] == expected


def test_a_file_the_correspondence_table_adds_nothing_to_is_not_rewritten(catalogue, tmp_path):
    # Written in another (valid) style than the importer's: rewriting it would show.
    edit(
        catalogue,
        "certificates/fictional-gamma.yaml",
        "\nsources: [fictional-report]\n",
        "\nsources:\n- fictional-report\n",
    )
    before = snapshot(catalogue)
    table = write_list(tmp_path, GAMMA + "虚构证书丙,虚构评价组织甲,9-99-99-99,虚构职业,虚构工种\n")
    code, out, _err = run_import(catalogue, table, "--source", SOURCE, "--event", "transferred", *SCHEMAS)
    assert code == 0
    assert "更新的文件 · changed files: 0\n" in out
    assert snapshot(catalogue) == before


OCCUPATION_REFUSALS = [
    (
        "a code without its name",
        "证书名称,培训评价组织,职业编码,职业名称\n虚构证书癸,虚构评价组织甲,4-04-05-05,\n",
        "第 2 行需要职业编码（如 4-04-05-05）和职业名称 · "
        "row 2 needs an occupation code such as 4-04-05-05 (职业编码) and its name (职业名称)",
    ),
    (
        "a name without its code",
        "证书名称,培训评价组织,职业编码,职业名称\n虚构证书癸,虚构评价组织甲,,虚构职业\n",
        "row 2 needs an occupation code such as 4-04-05-05 (职业编码) and its name (职业名称)",
    ),
    (
        "no occupation for a certificate",
        "证书名称,培训评价组织,等级\n虚构证书癸,虚构评价组织甲,初级\n虚构证书癸,虚构评价组织甲,中级\n",
        "第 2 行：--event transferred 需要职业编码和职业名称列 · "
        "row 2: --event transferred needs the occupation code and name (职业编码, 职业名称) of each certificate",
    ),
]


@pytest.mark.parametrize(
    ("text", "message"), [r[1:] for r in OCCUPATION_REFUSALS], ids=[r[0] for r in OCCUPATION_REFUSALS]
)
def test_a_correspondence_table_without_code_and_name_is_refused_with_its_row(catalogue, tmp_path, text, message):
    table = write_list(tmp_path, text)
    before = snapshot(catalogue)
    result = run_import(catalogue, table, "--source", SOURCE, "--event", "transferred", *SCHEMAS)
    assert message in refused(*result)
    assert snapshot(catalogue) == before


def test_a_known_occupation_without_sources_is_refused_by_check_not_crashed(catalogue, tmp_path):
    # The catalogue is being edited: gamma's occupation has lost its sources, which check refuses.
    edit(
        catalogue,
        "certificates/fictional-gamma.yaml",
        "      zh: 虚构工种\n    sources: [fictional-report]\n",
        "      zh: 虚构工种\n",
    )
    table = write_list(tmp_path, GAMMA + "虚构证书丙,虚构评价组织甲,9-99-99-99,另一虚构职业,虚构工种\n")
    before = snapshot(catalogue)
    result = run_import(catalogue, table, "--source", SOURCE, "--event", "transferred", *SCHEMAS)
    assert "the catalogue would not pass check after this import:" in refused(*result)
    assert snapshot(catalogue) == before
