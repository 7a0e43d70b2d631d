"""mkdocs.yml, read through MkDocs' own loader: what the pages and the open data take from it."""

from __future__ import annotations

import pytest

from xcat.settings import SettingsError, SiteSettings, load_site_config, site_settings


def test_site_address_and_edit_links_come_from_mkdocs_yml():
    settings = site_settings()
    assert settings.site_url == "https://x-catalogue.github.io/"
    assert settings.edit_base == "https://github.com/x-catalogue/x-catalogue/edit/main/"


def test_a_site_url_without_its_slash_gets_one(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.invalid/sub\n", encoding="utf-8")
    config = load_site_config(tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml")
    assert SiteSettings.of(config) == SiteSettings("https://example.invalid/sub/", None)


def test_a_config_without_site_url_is_a_clear_error_not_a_silent_default(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    config = load_site_config(tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml")
    with pytest.raises(SettingsError, match="site_url must be the site's address"):
        SiteSettings.of(config)


def test_a_broken_config_is_a_settings_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"mkdocs\.yml"):
        load_site_config(tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml")
