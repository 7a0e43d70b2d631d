"""`.github/CODEOWNERS`: generated from the organizations' maintainers, and checked."""

from __future__ import annotations

import io
import locale
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.helpers import copy_fictional, edit, run_check
from xcat.check.codeowners import HEADER, render
from xcat.check.load import Document, load_catalogue
from xcat.cli import main
from xcat.settings import ROOT


def generate(catalogue: Path) -> int:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return main(["codeowners", "--catalogue", str(catalogue)])


def codeowners(catalogue: Path) -> tuple[int, str, str]:
    """Run `build.py codeowners`: the exit code, what it printed and what it said on stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["codeowners", "--catalogue", str(catalogue)])
    return code, out.getvalue(), err.getvalue()


def owner_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_maintainers_own_their_organization_and_its_current_certificates(tmp_path):
    catalogue = copy_fictional(tmp_path)
    assert generate(catalogue) == 0
    assert owner_lines(tmp_path / ".github" / "CODEOWNERS") == [
        "/catalogue/organizations/fictional-org-a.yaml @fictional-maintainer",
        "/catalogue/certificates/fictional-alpha.yaml @fictional-maintainer",
        "/catalogue/certificates/fictional-beta.yaml @fictional-maintainer",
        "/catalogue/certificates/fictional-gamma.yaml @fictional-maintainer",
        "/catalogue/certificates/fictional-iota.yaml @fictional-maintainer",  # moved here from org-b
        "/catalogue/certificates/fictional-kappa.yaml @fictional-maintainer",
    ]


STALE = (
    ".github/CODEOWNERS:1:1: error: 这个文件与评价组织的 maintainers 不一致：运行 `python build.py codeowners` 并提交 "
    ".github/CODEOWNERS（它是生成的，请勿手动修改） · the file does not match the organizations' maintainers: "
    "run `python build.py codeowners` and commit .github/CODEOWNERS (it is generated; do not edit it by hand)"
)


def test_check_reports_a_missing_or_stale_file_and_what_to_run(tmp_path):
    catalogue = copy_fictional(tmp_path)
    (tmp_path / ".github").mkdir()
    code, lines = run_check(catalogue)
    assert code == 1
    assert lines == [
        ".github/CODEOWNERS:1:1: error: 缺少这个文件：运行 `python build.py codeowners` 并提交 .github/CODEOWNERS · the file is missing: run `python build.py codeowners` and commit .github/CODEOWNERS"
    ]

    generate(catalogue)
    assert run_check(catalogue) == (0, [])

    edit(
        catalogue,
        "organizations/fictional-org-b.yaml",
        "maintainers: []",
        "maintainers: [Fictional-Reviewer, another-reviewer]",
    )
    code, lines = run_check(catalogue)
    assert code == 1
    assert lines == [STALE]

    generate(catalogue)
    assert run_check(catalogue) == (0, [])
    assert "/catalogue/certificates/fictional-theta.yaml @another-reviewer @Fictional-Reviewer" in owner_lines(
        tmp_path / ".github" / "CODEOWNERS"
    )


def test_output_is_deterministic_and_regenerating_changes_nothing(tmp_path):
    catalogue = copy_fictional(tmp_path)
    generate(catalogue)
    first = (tmp_path / ".github" / "CODEOWNERS").read_bytes()
    generate(catalogue)
    assert (tmp_path / ".github" / "CODEOWNERS").read_bytes() == first


def test_contributor_text_cannot_add_owner_lines(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "organizations/fictional-org-a.yaml", "zh: 虚构评价组织甲", 'zh: "虚构评价组织甲\\n* @attacker"')
    edit(
        catalogue,
        "organizations/fictional-org-b.yaml",
        "maintainers: []",
        'maintainers: ["evil * @attacker", ok-reviewer]',
    )
    generate(catalogue)
    text = (tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "@attacker" not in "\n".join(owner_lines(tmp_path / ".github" / "CODEOWNERS"))
    assert "# fictional-org-a: 虚构评价组织甲 * @attacker" in text  # flattened into its comment line
    # The schema still reports the bad handle.
    _code, lines = run_check(catalogue)
    assert any("maintainers[0]" in line for line in lines)


def test_a_catalogue_outside_a_repository_is_not_held_to_a_codeowners_file(tmp_path):
    catalogue = copy_fictional(tmp_path)
    assert run_check(catalogue) == (0, [])


def test_the_projects_own_codeowners_is_up_to_date():
    expected = ROOT / ".github" / "CODEOWNERS"

    assert expected.read_text(encoding="utf-8") == render(load_catalogue(ROOT / "catalogue"), ROOT / "catalogue")


def test_the_command_says_what_it_wrote_then_that_the_file_is_up_to_date(tmp_path):
    catalogue = copy_fictional(tmp_path)
    path = tmp_path.resolve() / ".github" / "CODEOWNERS"  # .github/ is made for it
    assert codeowners(catalogue) == (0, "", f"Wrote {path}.\n")
    assert codeowners(catalogue) == (0, "", f"{path} is up to date.\n")


def test_a_file_that_is_not_utf8_is_rewritten_not_a_crash(tmp_path):
    catalogue = copy_fictional(tmp_path)
    path = tmp_path.resolve() / ".github" / "CODEOWNERS"
    path.parent.mkdir()
    path.write_bytes(b"\xff\xfe stale, saved in another encoding\n")
    assert codeowners(catalogue) == (0, "", f"Wrote {path}.\n")
    assert path.read_text(encoding="utf-8") == render(load_catalogue(catalogue), catalogue)


@pytest.fixture()
def ascii_locale():
    """A machine whose locale is not UTF-8 (the C locale: ASCII), for this test only."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, before)


def test_the_file_is_utf8_whatever_the_locale(tmp_path, ascii_locale):
    catalogue = copy_fictional(tmp_path)
    path = tmp_path.resolve() / ".github" / "CODEOWNERS"
    assert codeowners(catalogue) == (0, "", f"Wrote {path}.\n")
    assert "# fictional-org-a: 虚构评价组织甲" in path.read_bytes().decode("utf-8")
    assert codeowners(catalogue) == (0, "", f"{path} is up to date.\n")  # read back as UTF-8 too


@pytest.mark.parametrize("name", ["catalogue.yaml", "no-such-folder"])
def test_a_catalogue_that_is_not_a_folder_is_a_usage_error(tmp_path, name):
    (tmp_path / "catalogue.yaml").write_text("id: x\n", encoding="utf-8")
    code, out, err = codeowners(tmp_path / name)
    assert (code, out, err) == (2, "", f"build.py codeowners: {tmp_path / name} is not a folder\n")
    assert not (tmp_path / ".github").exists()


def _organization(stem: str, **data) -> Document:
    return Document(f"catalogue/organizations/{stem}.yaml", "organization", {"id": stem, **data})


def _certificate(stem: str, **data) -> Document:
    return Document(f"catalogue/certificates/{stem}.yaml", "certificate", {"id": stem, **data})


@pytest.mark.parametrize(
    "documents, expected",
    [
        (
            [
                _organization("org-a", name={"zh": "甲组织"}, maintainers=["ann"]),
                _certificate("cert-a", organization="org-a"),
            ],
            "\n# org-a: 甲组织\n/catalogue/organizations/org-a.yaml @ann\n/catalogue/certificates/cert-a.yaml @ann\n",
        ),
        (
            [_organization("org-a", name={"en": "Org A"}, maintainers=["ann"])],
            "\n# org-a\n/catalogue/organizations/org-a.yaml @ann\n",
        ),
        (
            [_organization("org-a", name="甲组织", maintainers=["ann"])],
            "\n# org-a\n/catalogue/organizations/org-a.yaml @ann\n",
        ),
        (
            [_organization("org-a", name={"zh": ["甲组织"]}, maintainers=["ann"])],
            "\n# org-a\n/catalogue/organizations/org-a.yaml @ann\n",
        ),
        ([_organization("org-a", name={"zh": "甲组织"}, maintainers="ann")], ""),
        ([_organization("org-a", name={"zh": "甲组织"})], ""),
        (
            [
                _organization("Org_B", maintainers=["bob"]),
                _organization("org-a", maintainers=["ann"]),
                _certificate("Cert_B", organization="org-a"),
                _certificate("cert-a", organization="org-a"),
            ],
            "\n# org-a\n/catalogue/organizations/org-a.yaml @ann\n/catalogue/certificates/cert-a.yaml @ann\n",
        ),
        (
            [
                _organization("org-a", maintainers=["ann"]),
                _certificate("cert-a", organization=["org-a"]),
                Document("catalogue/sources/source-a.yaml", "source", {"id": "source-a", "organization": "org-a"}),
            ],
            "\n# org-a\n/catalogue/organizations/org-a.yaml @ann\n",
        ),
    ],
    ids=[
        "owners-of-an-organization-and-its-certificate",
        "name-without-chinese",
        "name-not-a-mapping",
        "chinese-name-not-text",
        "maintainers-not-a-list",
        "no-maintainers",
        "files-whose-names-are-not-ids-are-skipped-not-the-rest",
        "only-a-certificate-naming-its-organization-is-owned",
    ],
)
def test_malformed_entries_are_left_out_and_the_rest_is_written(tmp_path, documents, expected):
    # The check reports each malformed entry; the file is written from what is well formed.
    assert render(documents, tmp_path / "catalogue") == HEADER + expected


@pytest.mark.parametrize(
    ("saved", "lines"),
    [
        (lambda text: text.replace("\n", "\r\n").encode(), []),
        (lambda text: b"\xff\xfe" + text.encode("utf-16-le"), [STALE]),
        (lambda text: text.encode("gb18030"), [STALE]),
    ],
    ids=["checked out with Windows line ends: up to date", "saved as UTF-16: stale", "saved as GB18030: stale"],
)
def test_check_reads_the_file_as_the_command_writes_it(tmp_path, saved, lines):
    catalogue = copy_fictional(tmp_path)
    generate(catalogue)
    path = tmp_path / ".github" / "CODEOWNERS"
    path.write_bytes(saved(path.read_text(encoding="utf-8")))
    assert run_check(catalogue) == (1 if lines else 0, lines)
    assert codeowners(catalogue)[2].endswith("is up to date.\n" if not lines else f"Wrote {path.resolve()}.\n")
