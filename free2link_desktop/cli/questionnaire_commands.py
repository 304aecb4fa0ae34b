"""`free2link questionnaire validate|list|install` and `free2link screening score` (SPEC 7).

Only `install` (and `list --user`) open a workspace; the others read files and call the
questionnaire engine in core/. `screening import` lives in cli/screening_import.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from free2link_desktop.cli.context import CliContext
from free2link_desktop.cli.form_commands import register_forms
from free2link_desktop.cli.screening_import import register_import
from free2link_desktop.cli.screening_reopen import register_reopen
from free2link_desktop.core.questionnaire import (
    Questionnaire,
    ScreeningResult,
    bundled_problems,
    bundled_questionnaires,
    check_document_fits,
    find_questionnaire,
    read_answers_document,
    score,
    validate_file,
)
from free2link_desktop.core.text import shown, shown_multiline
from free2link_desktop.i18n import _, current_language, ngettext


def register(subparsers: Any) -> None:
    from free2link_desktop.cli import add_common_options

    group = subparsers.add_parser("questionnaire", help=_("check and list interview guides"))
    commands = group.add_subparsers(dest="questionnaire_command", metavar="COMMAND", required=True)
    validate = commands.add_parser(
        "validate", help=_("check questionnaire, indicator library or directory files")
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    add_common_options(validate)
    validate.set_defaults(handler=run_validate)
    listing = commands.add_parser("list", help=_("list the bundled interview guides"))
    add_common_options(listing)
    listing.set_defaults(handler=run_list)
    install = commands.add_parser(
        "install", help=_("keep an interview guide in the workspace for new screenings")
    )
    install.add_argument("file", metavar="FILE")
    add_common_options(install)
    install.set_defaults(handler=run_install)
    register_forms(commands)

    screening = subparsers.add_parser("screening", help=_("score or import screenings"))
    screening_commands = screening.add_subparsers(
        dest="screening_command", metavar="COMMAND", required=True
    )
    score_parser = screening_commands.add_parser(
        "score", help=_("score an ANSWERS.json file (no workspace needed)")
    )
    score_parser.add_argument(
        "questionnaire",
        metavar="QUESTIONNAIRE",
        help=_("a bundled questionnaire id or a YAML file"),
    )
    score_parser.add_argument("answers", metavar="ANSWERS.json")
    add_common_options(score_parser)
    score_parser.set_defaults(handler=run_score)
    register_import(screening_commands)
    register_reopen(screening_commands)


def run_validate(args: argparse.Namespace, ctx: CliContext) -> int:
    failed = False
    report: list[dict[str, Any]] = []
    for name in args.files:
        problems = validate_file(name)
        errors = [p for p in problems if p.is_error]
        failed = failed or bool(errors)
        if ctx.json_output:
            report.append(
                {
                    "file": name,
                    "ok": not errors,
                    "problems": [
                        {
                            "line": p.line,
                            "column": p.col,
                            "severity": p.severity,
                            "message": p.message(),
                        }
                        for p in problems
                    ],
                }
            )
            continue
        for problem in problems:
            ctx.out(str(problem))
        if not errors:
            warnings = len(problems)
            if warnings:
                ctx.out(
                    ngettext(
                        "{file}: ok ({count} warning)", "{file}: ok ({count} warnings)", warnings
                    ).format(file=name, count=warnings)
                )
            else:
                ctx.out(_("{file}: ok").format(file=name))
    if ctx.json_output:
        ctx.out_json(report)
    return 1 if failed else 0


def _languages(guide: Questionnaire) -> str:
    return ", ".join(f"{lang} ({status})" for lang, status in guide.languages.items())


def run_install(args: argparse.Namespace, ctx: CliContext) -> int:
    """Check the guide file and keep it (with its indicator library) in the workspace."""
    from free2link_desktop.cli.session_opener import unlock

    session = unlock(ctx, args)
    guide = session.screenings.install(Path(args.file))
    if ctx.json_output:
        ctx.out_json({"id": guide.id, "version": guide.version, "sha256": guide.sha256})
    else:
        ctx.out(_("installed {id} {version}").format(id=guide.id, version=guide.version))
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """The bundled guides; with --user, also the versions kept in the workspace."""
    listed = [(g, "bundled") for g in bundled_questionnaires()]
    for problem in bundled_problems():
        ctx.error(str(problem))
    if getattr(args, "user", None):
        from free2link_desktop.cli.session_opener import unlock

        bundled = {g.sha256 for g, _source in listed}
        session = unlock(ctx, args)
        listed += [
            (g, "workspace") for g in session.screenings.installed() if g.sha256 not in bundled
        ]
    lang = current_language()
    if ctx.json_output:
        ctx.out_json(
            [
                {
                    "id": g.id,
                    "version": g.version,
                    "title": g.title.get(lang),
                    "languages": dict(g.languages),
                    "questions": len(g.questions),
                    "path": str(g.path) if g.path else None,
                    "sha256": g.sha256,
                    "source": source,
                }
                for g, source in listed
            ]
        )
        return 0
    if not listed:
        ctx.out(_("No interview guides are installed."))
    for guide, source in listed:
        kept = "" if source == "bundled" else "  " + _("(kept in the workspace)")
        ctx.out(f"{guide.id}  {guide.version}  {shown(guide.title.get(lang))}{kept}")
        ctx.out("    " + _("languages: {languages}").format(languages=_languages(guide)))
    return 0


def run_score(args: argparse.Namespace, ctx: CliContext) -> int:
    guide = find_questionnaire(args.questionnaire)
    document = read_answers_document(args.answers)
    check_document_fits(document, guide)
    result = score(guide, document.answers, document.interview_date)
    lang = current_language()
    if ctx.json_output:
        ctx.out_json(result.to_json(lang))
        return 0
    _print_result(ctx, guide, result, lang)
    return 0


def _print_result(
    ctx: CliContext, guide: Questionnaire, result: ScreeningResult, lang: str
) -> None:
    # texts come from a guide file: escaped, so a control character in one cannot reach the
    # terminal as a command
    ctx.out(
        _("{title} {version}").format(title=shown(guide.title.get(lang)), version=guide.version)
    )
    ctx.out(
        _("Assessment: {level} — {label}").format(
            level=result.level or "-", label=shown(result.label.get(lang))
        )
    )
    if result.advice:
        ctx.out(_("Advice: {advice}").format(advice=shown_multiline(result.advice.get(lang))))
    if result.urgent:
        ctx.out(_("URGENT: {questions}").format(questions=", ".join(result.urgent_questions)))
    ctx.out(_("Indicators raised: {count}").format(count=len(result.indicators)))
    for raised in result.indicators:
        ind = raised.indicator
        ctx.out(
            f"  - {ind.id} ({ind.dimension}, {ind.strength}): {shown(ind.title.get(lang))}"
            f"  [{', '.join(raised.questions)}]"
        )
    if result.unanswered_required:
        ctx.out(
            _("Required questions not answered: {questions}").format(
                questions=", ".join(result.unanswered_required)
            )
        )
