"""Where pages live (xcat/urls.py): a page's address from its source, as MkDocs' directory URLs give it."""

from __future__ import annotations

import pytest

from xcat import urls


@pytest.mark.parametrize(
    "source, expected",
    [
        pytest.param("handover.md", "handover/", id="a page at the root"),
        pytest.param("certificates/index.md", "certificates/", id="a folder's index"),
        pytest.param("index.md", "", id="the home page: the site root"),
        pytest.param("certificates/x.md", "certificates/x/", id="a page in a folder"),
        pytest.param("reference/fields.md", "reference/fields/", id="another folder"),
        pytest.param("X-certificates.md", "X-certificates/", id="a root page whose name starts with a capital"),
        pytest.param(
            urls.page_source("major", "860302K"), urls.page("major", "860302K"), id="a page's source and page"
        ),
    ],
)
def test_address_is_the_page_mkdocs_makes_of_a_source(source, expected):
    assert urls.address(source) == expected
