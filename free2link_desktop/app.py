"""The composition root: reads the arguments and starts either a command or the GUI.

No logic lives here; it only wires the pieces together.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from free2link_desktop import cli

    if cli.gui_options(args) is None:
        return cli.main(args)  # a command, help, or a usage error (exit 2)
    return run_gui(args)


def run_gui(args: list[str]) -> int:
    """Start the desktop application: set-up wizard on first run, else the unlock screen."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from free2link_desktop import cli, i18n
    from free2link_desktop.paths import resources_dir
    from free2link_desktop.services.workspace import default_workspace_path
    from free2link_desktop.ui.fonts import register_bundled_fonts
    from free2link_desktop.ui.language import apply_language
    from free2link_desktop.ui.main_window import MainWindow

    options = cli.gui_options(args) or cli.build_parser().parse_args(args)
    # instance() is typed as the QCoreApplication base; in this process it is a QApplication
    existing = cast(QApplication | None, QApplication.instance())
    app = existing or QApplication([sys.argv[0], *args])
    app.setApplicationName("Free2Link")
    app.setApplicationDisplayName("Free2Link")
    app.setDesktopFileName("free2link")  # matches resources/free2link.desktop
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "free2link.png")))
    register_bundled_fonts()
    system_language = QLocale.system().name().split("_")[0]
    language = options.lang or (system_language if system_language in i18n.LANGUAGES else "en")
    apply_language(language)
    path = Path(options.workspace) if options.workspace else default_workspace_path()
    window = MainWindow(path, follow_stored_language=options.lang is None)
    window.start()
    window.show()
    return app.exec()
