"""mkdocs.yml, read through MkDocs' own loader: what the pages and the open data take from it."""

from __future__ import annotations

import logging
import os

import pytest

from xcat.settings import SettingsError, SiteSettings, job_count, load_site_config, site_settings


def test_mkdocs_yml_is_read_strict_so_a_warning_fails_the_build(tmp_path):
    """Even when mkdocs.yml does not say so."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.invalid/\n", encoding="utf-8")
    assert load_site_config(tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml").strict is True


def test_site_address_and_edit_links_come_from_mkdocs_yml():
    settings = site_settings()
    assert settings.site_url == "https://x-catalogue.github.io/"
    assert settings.edit_base == "https://github.com/x-catalogue/x-catalogue/edit/main/"


def settings_of(tmp_path, yaml: str) -> SiteSettings:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + yaml, encoding="utf-8")
    return SiteSettings.of(load_site_config(tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize(
    "yaml, expected",
    [
        ("site_url: https://example.invalid/sub\n", SiteSettings("https://example.invalid/sub/", None)),  # its slash
        ("site_url: http://localhost:8000/\n", SiteSettings("http://localhost:8000/", None)),
        (  # edit links: the repository and the edit path joined by one slash
            "site_url: https://example.invalid/\nrepo_url: https://git.example.invalid/o/r/\nedit_uri: /edit/main/\n",
            SiteSettings("https://example.invalid/", "https://git.example.invalid/o/r/edit/main/"),
        ),
        (
            "site_url: https://example.invalid/\nrepo_url: https://git.example.invalid/o/r\nedit_uri: edit/main\n",
            SiteSettings("https://example.invalid/", "https://git.example.invalid/o/r/edit/main/"),
        ),
        (  # no edit path, or a repository that is not an https address: no edit links
            "site_url: https://example.invalid/\nrepo_url: https://git.example.invalid/o/r\nedit_uri: ''\n",
            SiteSettings("https://example.invalid/", None),
        ),
        (
            "site_url: https://example.invalid/\nrepo_url: ftp://git.example.invalid/o/r\nedit_uri: edit/main\n",
            SiteSettings("https://example.invalid/", None),
        ),
    ],
)
def test_the_site_address_and_the_edit_links_follow_mkdocs_yml(tmp_path, yaml, expected):
    assert settings_of(tmp_path, yaml) == expected


def test_a_value_mkdocs_refuses_is_a_settings_error_that_says_which_and_why(tmp_path):
    with pytest.raises(SettingsError) as raised:
        settings_of(tmp_path, "site_url: example.invalid/x\n")
    assert str(raised.value).startswith("mkdocs.yml: Config value 'site_url': ")
    assert "should include the http:// (scheme)" in str(raised.value)  # MkDocs' own words


def test_every_value_mkdocs_refuses_is_named_and_nothing_is_left_listening(tmp_path):
    handlers = list(logging.getLogger("mkdocs.config").handlers)
    with pytest.raises(SettingsError) as raised:
        settings_of(tmp_path, "not_an_option: 1\nsite_url: example.invalid/x\n")
    assert str(raised.value) == (
        "mkdocs.yml: Config value 'not_an_option': Unrecognised configuration name: not_an_option; "
        "Config value 'site_url': The URL isn't valid, it should include the http:// (scheme)"
    )
    assert logging.getLogger("mkdocs.config").handlers == handlers  # MkDocs' later messages are not collected


@pytest.mark.parametrize("yaml", ["", "site_url: ftp://example.invalid/\n"])
def test_a_config_without_a_site_address_is_a_clear_error_not_a_silent_default(tmp_path, yaml):
    with pytest.raises(SettingsError) as raised:
        settings_of(tmp_path, yaml)
    assert str(raised.value) == (
        f"{tmp_path / 'mkdocs.yml'}: site_url must be the site's address (https://...): "
        "the open data and the feeds link to it"
    )


def test_a_broken_config_is_a_settings_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"mkdocs\.yml"):
        load_site_config(tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml")


@pytest.mark.parametrize(("wanted", "expected"), [("1", 1), (" 3 ", 3), ("0", 2), ("-2", 2), ("two", 2), ("", 2)])
def test_xcat_jobs_sets_the_processes_and_anything_but_a_positive_number_means_every_core(
    monkeypatch, wanted, expected
):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setenv("XCAT_JOBS", wanted)
    assert job_count() == expected
    monkeypatch.delenv("XCAT_JOBS")
    assert job_count() == 2


@pytest.mark.parametrize(("cores", "expected"), [(3, 3), (None, 1)])
def test_where_the_usable_cores_are_unknown_the_cores_count_and_else_one(monkeypatch, cores, expected):
    monkeypatch.delenv("XCAT_JOBS", raising=False)
    monkeypatch.delattr(os, "sched_getaffinity")  # not on Linux
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert job_count() == expected
