"""The command line speaks the language given with --lang: our messages and argparse's own."""

from __future__ import annotations

from pathlib import Path

from free2link_desktop.i18n.argparse_text import language_option
from tests.conftest import run_free2link


def test_help_in_italian(tmp_path: Path) -> None:
    result = run_free2link(tmp_path, "--lang", "it", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("uso: free2link")
    assert "Senza un comando si avvia l'applicazione desktop." in result.stdout
    assert "argomenti posizionali:" in result.stdout
    assert "show this help" not in result.stdout


def test_usage_error_in_polish(tmp_path: Path) -> None:
    result = run_free2link(tmp_path, "--lang=pl", "note")
    assert result.returncode == 2
    assert "błąd: wymagane są następujące argumenty" in result.stderr


def test_english_stays_english(tmp_path: Path) -> None:
    result = run_free2link(tmp_path, "--help")
    assert result.stdout.startswith("usage: free2link")


def test_lang_option_is_read_before_parsing() -> None:
    assert language_option(["case", "list", "--lang", "el"]) == "el"
    assert language_option(["--lang=ar", "verify"]) == "ar"
    assert language_option(["--lang", "xx"]) is None
    assert language_option(["note", "add", "--", "--lang", "it"]) is None
