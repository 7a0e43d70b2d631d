"""The command line: python build.py [build|check|diff|new|from-issue|import|serve|codeowners]. The only module
that knows about argv and exit codes; nothing imports it.

Each command imports its stages when it runs: `check` loads check/ alone (no MkDocs, Jinja or
jsonschema), which took longer than checking 500 files (docs/performance.md)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .settings import CATALOGUE, PREVIEW, SCHEMAS, SITE, Exit, Options, user_cache
from .vocabulary import IMPORTABLE_EVENTS

CHECK_CACHE = user_cache("check")  # xcat/check/cache.py; None: no home to keep it in


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        args = parser.parse_args(["build"] + (argv if argv is not None else sys.argv[1:]))
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="检查 1+X 职业技能等级证书目录并构建网站 · Check the 1+X certificate catalogue and build its website.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="检查目录，然后把网站构建到 site/（默认命令） · check the catalogue, then build the site into site/ (the default)",
    )
    _catalogue_options(build)
    _cache_option(build)
    build.add_argument(
        "--site-dir", type=Path, default=SITE, help="网站写到哪里（默认 site/） · where the site goes (default: site/)"
    )
    build.add_argument(
        "--keep-docs", type=Path, help=argparse.SUPPRESS
    )  # copy the generated Markdown there (for bench/)
    build.set_defaults(run=_run_build)

    check = commands.add_parser(
        "check", help="检查目录的每个文件，报告全部问题 · check every catalogue file and report all problems"
    )
    _catalogue_options(check)
    _cache_option(check)
    check.add_argument(
        "--format",
        choices=["text", "github", "markdown"],
        default="text",
        help="text：每行一个“文件:行:列”；github：GitHub Actions 注释；markdown：作业摘要用的表格 · text: file:line:col lines; github: GitHub Actions annotations; markdown: a table for a job summary",
    )
    check.set_defaults(run=_run_check)

    _contributor_commands(commands)
    return parser


def _contributor_commands(commands) -> None:
    """diff, codeowners, new and serve: the commands that help contributors and reviewers."""
    diff = commands.add_parser(
        "diff",
        help="用平实的语言说明两个 git 提交之间目录改了什么 · explain in plain language what changed in the catalogue between two git commits",
    )
    _catalogue_options(diff)
    diff.add_argument("base", help="比较的起点提交，例如 origin/main · the commit to compare from, e.g. origin/main")
    diff.add_argument(
        "head",
        nargs="?",
        default="HEAD",
        help="比较的终点提交（默认 HEAD，即最后一次提交；未提交的修改不参与比较） · the commit to compare to (default: HEAD, the last commit; uncommitted changes are not compared)",
    )
    diff.add_argument(
        "--format",
        choices=["text", "markdown"],
        default="text",
        help="markdown：用于拉取请求的作业摘要 · markdown: for a pull request's job summary",
    )
    diff.set_defaults(run=_tool("diff"))

    codeowners = commands.add_parser(
        "codeowners",
        help="根据各组织的维护者生成 .github/CODEOWNERS · write .github/CODEOWNERS from the organizations' maintainers",
    )
    _catalogue_options(codeowners)
    codeowners.set_defaults(run=_tool("codeowners"))

    new = commands.add_parser(
        "new", help="新建一个目录文件，每个字段都附说明 · start a new catalogue file with a comment on every field"
    )
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    certificate = kinds.add_parser(
        "certificate", help="新证书：catalogue/certificates/ID.yaml · a new certificate: catalogue/certificates/ID.yaml"
    )
    certificate.add_argument(
        "id",
        help="新文件的 id：小写字母、数字和连字符，例如 smart-logistics · the new id: lowercase letters, digits and hyphens, e.g. smart-logistics",
    )
    certificate.add_argument(
        "--organization",
        required=True,
        help="颁证的培训评价组织的 id（catalogue/organizations/ 中的文件） · the id of the issuing organization (a file in catalogue/organizations/)",
    )
    certificate.add_argument("--name-zh", required=True, help="官方中文名称 · the official Chinese name")
    certificate.add_argument("--name-en", help="英文名称 · the English name")
    certificate.add_argument(
        "--batch",
        help="公布它的试点批次的 id，例如 batch-2 · the id of the pilot batch that introduced it, e.g. batch-2",
    )
    certificate.add_argument(
        "--source",
        action="append",
        default=[],
        help="来源的 id（catalogue/sources/ 中的文件）；可重复填写多个 · the id of a source (a file in catalogue/sources/); repeat for more",
    )
    organization = kinds.add_parser(
        "organization",
        help="新的培训评价组织：catalogue/organizations/ID.yaml · a new evaluation organization: catalogue/organizations/ID.yaml",
    )
    organization.add_argument(
        "id", help="新文件的 id：小写字母、数字和连字符 · the new id: lowercase letters, digits and hyphens"
    )
    organization.add_argument("--name-zh", required=True, help="登记的中文名称 · the registered Chinese name")
    organization.add_argument(
        "--name-en", help="英文名称（组织自己公布过时才填） · the English name, if the organization publishes one"
    )
    organization.add_argument(
        "--maintainer",
        action="append",
        default=[],
        help="审核该组织文件的 GitHub 用户名；可重复填写多个 · a GitHub user name who reviews the organization's files; repeat for more",
    )
    organization.add_argument(
        "--source",
        action="append",
        default=[],
        help="来源的 id（catalogue/sources/ 中的文件）；可重复填写多个 · the id of a source (a file in catalogue/sources/); repeat for more",
    )
    source = kinds.add_parser(
        "source",
        help="catalogue/sources/ID.yaml：事实所引用的文件 · catalogue/sources/ID.yaml: a document that facts are cited from",
    )
    source.add_argument(
        "id",
        help="新文件的 id：小写字母、数字和连字符，例如 moe-2019-notice · the new id: lowercase letters, digits and hyphens, e.g. moe-2019-notice",
    )
    source.add_argument(
        "--title", required=True, help="文件标题，或对它的简要描述 · the document's title, or a plain description of it"
    )
    source.add_argument(
        "--kind",
        dest="source_kind",
        required=True,
        choices=["official", "secondary", "paper"],
        help="official：政府部门或该组织；secondary：转载或新闻报道；paper：研究论文 · "
        "official: a government body or the organization; secondary: a repost or news report; paper: research",
    )
    source.add_argument("--url", help="可以阅读它的地址（https://…） · where it can be read (https://...)")
    source.add_argument(
        "--document-number", help="正式文号（如有） · its official document number (文号), if it has one"
    )
    source.add_argument("--publisher", help="发布者 · who published it")
    source.add_argument("--published", help="发布日期：YYYY、YYYY-MM 或 YYYY-MM-DD · when: YYYY, YYYY-MM or YYYY-MM-DD")
    for kind in (certificate, organization, source):
        _catalogue_options(kind)
    new.set_defaults(run=_tool("new"))

    form = commands.add_parser(
        "from-issue",
        help="把提交的“新增证书”议题表单转成目录文件并检查 · turn a submitted 'propose a certificate' issue form into catalogue files, checked",
    )
    form.add_argument(
        "file",
        type=Path,
        help="保存议题正文的文件（Markdown，即 GitHub 呈现表单的样子） · a file holding the issue's body (Markdown, as GitHub renders the form)",
    )
    _catalogue_options(form)
    form.set_defaults(run=_tool("from_issue"))

    _import_command(commands)

    serve = commands.add_parser(
        "serve",
        help="在 http://127.0.0.1:8000/ 预览网站：每次保存后自动更新，并显示检查发现的问题 · "
        "preview the site at http://127.0.0.1:8000/: it follows every save, and shows the check's problems",
    )
    _catalogue_options(serve)
    _cache_option(serve)
    serve.add_argument(
        "--preview-dir",
        type=Path,
        default=PREVIEW,
        help="预览的工作目录，多次运行之间保留（默认 .preview/） · the preview's workspace, kept between runs (default: .preview/)",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="监听的地址（默认 127.0.0.1，仅本机可访问） · the address to listen on (default: 127.0.0.1, this computer only)",
    )
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000） · the port (default: 8000)")
    serve.set_defaults(run=_run_serve)


def _import_command(commands) -> None:
    command = commands.add_parser(
        "import",
        help="把官方证书名单（CSV 或 XLSX）导入目录，并注明来源 · bring an official list of certificates (CSV or XLSX) into the catalogue, citing its source",
    )
    command.add_argument(
        "file",
        type=Path,
        help="名单：.csv（UTF-8 或 GB18030）或 .xlsx 文件 · the list: a .csv (UTF-8 or GB18030) or .xlsx file",
    )
    command.add_argument(
        "--source",
        required=True,
        help="名单来源的 id（catalogue/sources/ 中的文件） · the id of the list's source (a file in catalogue/sources/)",
    )
    command.add_argument(
        "--batch",
        help="名单公布的试点批次，例如 batch-3（不清楚时不填） · the pilot batch the list announces, e.g. batch-3 (leave out when unknown)",
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help="只列出将要做的修改，不写任何文件 · print what would change; write nothing",
    )
    command.add_argument(
        "--event",
        choices=IMPORTABLE_EVENTS,
        help="名单是一份通知：其中每个证书都增加这一历史事件；transferred：移交对照表，其职业列成为各证书的职业 · "
        "the list is a notice: each certificate it names gains this history event; transferred: the "
        "handover's correspondence table, whose occupation columns become each certificate's occupations",
    )
    command.add_argument(
        "--date",
        help="--event 所依据通知的日期（transferred 不用）：YYYY、YYYY-MM 或 YYYY-MM-DD · the notice's date for --event (not for transferred): YYYY, YYYY-MM or YYYY-MM-DD",
    )
    _catalogue_options(command)
    command.set_defaults(run=_tool("importer"))


def _options(args: argparse.Namespace) -> Options:
    """The typed options of one run: nothing below the command line sees argparse."""
    return Options(
        catalogue=args.catalogue,
        schemas=args.schemas,
        today=args.today,
        site_dir=getattr(args, "site_dir", None) or SITE,
        keep_docs=getattr(args, "keep_docs", None),
        # XCAT_CHECK_CACHE=off: the tests' setting (a mutated reader must not be answered from the cache)
        check_cache=None
        if getattr(args, "no_cache", False) or os.environ.get("XCAT_CHECK_CACHE") == "off"
        else CHECK_CACHE,
    )


def _tool(module: str) -> Callable[[argparse.Namespace], int]:
    """A command whose whole work is run(args) of xcat/tools/<module> (a file or a package), imported only when it runs."""

    def run(args: argparse.Namespace) -> int:
        return importlib.import_module(f"{__package__}.tools.{module}").run(args)

    return run


def _run_serve(args) -> int:
    from .tools import serve  # noqa: PLC0415

    return serve.run(_options(args), args.preview_dir, args.host, args.port)


def _cache_option(command: argparse.ArgumentParser) -> None:
    """For the commands that check the catalogue in place: build, check, serve."""
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="每个文件都重新读取，不用上次检查留在用户缓存（~/.cache/xcat-catalogue/check/）的结果 · read every file again, without what the last check kept in the user's cache (~/.cache/xcat-catalogue/check/)",
    )


def _catalogue_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--catalogue",
        type=Path,
        default=CATALOGUE,
        help="目录文件夹（默认 catalogue/） · the catalogue folder (default: catalogue/)",
    )
    command.add_argument("--schemas", type=Path, default=SCHEMAS, help=argparse.SUPPRESS)
    command.add_argument("--today", default=None, help=argparse.SUPPRESS)  # fixed date for tests


def _run_check(args) -> int:
    from .check.catalogue import check  # noqa: PLC0415
    from .check.report import report  # noqa: PLC0415

    result = check(_options(args))
    report(result, args.format)
    return Exit.OK if result.ok else Exit.INVALID


def _run_build(args) -> int:
    from .publish.site import check_and_build  # noqa: PLC0415

    return check_and_build(_options(args), "build.py: the site was not built; the previous site is unchanged.")
