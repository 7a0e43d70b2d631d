"""Fixtures shared by every test: the fictional catalogue checked and modelled once, the
fictional and real sites built once per session, and Debian's Chromium.

Builds are session-scoped, so the whole suite builds each site at most once per worker.
Treat the built sites and the shared model as read-only: copy before changing anything.
Helpers (paths, run_check, build_site, serve) are in tests/helpers.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, FICTIONAL, MODULE, SESSION, TODAY, build_site, serve
from tests.skips import pytest_runtest_makereport  # noqa: F401 - the hook: with CI=true a skip fails
from xcat.check.catalogue import Checked, check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.model import Catalogue, build_catalogue
from xcat.settings import ROOT, SCHEMAS

# Every check in the tests reads every file, in this process and in the commands it starts: an
# answer from the check's cache would hide a bug (or a mutant) in the reader.
# tests/check/test_cache.py turns the cache on where it is the subject.
os.environ["XCAT_CHECK_CACHE"] = "off"


@pytest.fixture(scope=SESSION)
def fictional_checked() -> Checked:
    """The fictional catalogue, checked: it passes, and its index feeds the model."""
    checked = check_catalogue(FICTIONAL, SchemaSet(SCHEMAS), today=TODAY, base=ROOT)
    assert checked.ok, checked.problems
    return checked


@pytest.fixture(scope=SESSION)
def fictional_model(fictional_checked) -> Catalogue:
    return build_catalogue(fictional_checked.index)


def _built(tmp_path_factory, name: str, catalogue: Path | None) -> Path:
    site = tmp_path_factory.mktemp(name) / "site"
    result = build_site(site, catalogue)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope=SESSION)
def fictional_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "fictional-site", FICTIONAL)


@pytest.fixture(scope=SESSION)
def real_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "real-site", None)


@pytest.fixture(scope=MODULE)
def real_url(real_site):
    """The real site, served on 127.0.0.1 for the module's browser tests."""
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope=MODULE)
def fictional_url(fictional_site):
    with serve(fictional_site) as url:
        yield url


@pytest.fixture(scope=SESSION)
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_SLOW_FIXTURES = {"fictional_site", "real_site", "browser"}


def pytest_collection_modifyitems(config, items) -> None:
    """A test that builds a whole site or drives the browser is slow, whatever its file says:
    `pytest -m "not slow"` then runs the fast tests in seconds."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & _SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant.startswith("xcat."):
        # A table guard runs its case's check again (the case's own test asserts what it reports),
        # then tests the table with a rule taken out: it tells no mutant apart, at twice the cost.
        guards = [item for item in items if item.get_closest_marker("table_guard")]
        config.hook.pytest_deselected(items=guards)
        items[:] = [item for item in items if item not in guards]
    items.sort(key=_nearness_to(mutant))


def _nearness_to(mutant: str):
    """Under mutmut, a mutant's own module's tests run first, then its stage's, then the rest.
    mutmut stops at the first failing test and hands them over in no useful order; the tests
    that know a function best are the likeliest to fail first. Elsewhere, the order is kept."""
    if not mutant.startswith("xcat."):
        return lambda item: 0
    parts = mutant.split(".")[1:-1]  # xcat.check.rules.x_name__mutmut_3 -> check, rules
    stage, module = f"tests/{parts[0]}/", parts[-1]
    return lambda item: (module not in Path(item.nodeid.split("::")[0]).stem, not item.nodeid.startswith(stage))


@pytest.fixture()
def page(browser):
    """A desktop-sized page that records every dialog it opens (page.dialogs, dismissed) and
    every request it makes; the test fails if a request leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page
    context.close()
    elsewhere = [url for url in requested if urlparse(url).hostname != "127.0.0.1"]
    assert requested and elsewhere == []
