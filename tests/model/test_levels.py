"""A level's fee as the model gives it to every page and file: a whole amount written 290.0 is 290
(no page shows "290.0"), -0 is 0, and a fee with cents keeps them."""

from __future__ import annotations

import pytest

from tests.helpers import copy_fictional, edit, model_of


@pytest.mark.parametrize(
    ("written", "fee"),
    [("100", 100), ("290.0", 290), ("-0.0", 0), ("99.5", 99.5)],
    ids=["whole", "whole written with a decimal point", "negative zero", "with cents"],
)
def test_a_levels_fee_is_a_whole_number_when_it_is_one(tmp_path, written, fee):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-alpha.yaml", "fee: 100", f"fee: {written}")
    level = model_of(catalogue).certificates["fictional-alpha"].levels[0]
    assert (level.fee, type(level.fee), str(level.fee)) == (fee, type(fee), str(fee))
