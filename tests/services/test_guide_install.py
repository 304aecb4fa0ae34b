"""A coordinator installs an interview guide: checked, kept in the workspace, offered next."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from free2link_desktop.core.errors import InputRefused, PermissionDenied
from free2link_desktop.core.questionnaire import QuestionnaireError, bundled_questionnaires
from tests.conftest import PASSWORD, first_screening_copy, run_free2link


def _offered(session) -> dict[str, str]:
    return {g.id: g.version for g in session.screenings.offered(bundled_questionnaires())}


def test_an_installed_newer_version_is_offered_and_used(admin_session, tmp_path: Path):
    assert _offered(admin_session)["first-screening"] == "1.1.0"
    path = first_screening_copy(tmp_path / "new", "1.5.0")
    guide = admin_session.screenings.install(path)
    assert (guide.id, guide.version) == ("first-screening", "1.5.0")
    assert _offered(admin_session)["first-screening"] == "1.5.0"
    assert "full-screening" in _offered(admin_session)  # the other bundled guide stays

    shutil.rmtree(path.parent)  # the file may go: the workspace keeps a copy
    code = admin_session.cases.create("Heron").code
    offered = {g.id: g for g in admin_session.screenings.offered(bundled_questionnaires())}
    record = admin_session.screenings.start(code, offered["first-screening"].sha256, "en")
    assert (record.questionnaire_id, record.version) == ("first-screening", "1.5.0")
    admin_session.screenings.save_answer(record.id, "consent", "yes")
    assert admin_session.screenings.result(record.id).version == "1.5.0"
    actions = [entry.action for entry in admin_session.audit.entries()]
    assert "questionnaire.install" in actions


def test_a_broken_guide_is_refused_with_its_file_and_line(admin_session, tmp_path: Path):
    path = first_screening_copy(tmp_path / "broken", "2.0.0")
    path.write_text(
        path.read_text(encoding="utf-8").replace("type: yes_no", "type: yes_or_no", 1),
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireError) as refused:
        admin_session.screenings.install(path)
    assert f"{path}:" in refused.value.message()
    assert "unknown type 'yes_or_no'" in refused.value.message()
    assert _offered(admin_session)["first-screening"] == "1.1.0"


def test_a_different_file_under_a_known_version_or_an_older_one_is_refused(
    admin_session, tmp_path: Path
):
    same_version = first_screening_copy(tmp_path / "same", "1.1.0", comment="edited")
    with pytest.raises(InputRefused, match="another version number"):
        admin_session.screenings.install(same_version)
    admin_session.screenings.install(first_screening_copy(tmp_path / "newer", "1.6.0"))
    with pytest.raises(InputRefused, match=r"older than version 1\.6\.0"):
        admin_session.screenings.install(first_screening_copy(tmp_path / "older", "1.5.0"))
    # the very same file again is no conflict
    admin_session.screenings.install(first_screening_copy(tmp_path / "again", "1.6.0"))


def test_versions_compare_as_numbers(admin_session, tmp_path: Path):
    admin_session.screenings.install(first_screening_copy(tmp_path / "nine", "1.9.0"))
    admin_session.screenings.install(first_screening_copy(tmp_path / "ten", "1.10.0"))
    assert _offered(admin_session)["first-screening"] == "1.10.0"


def test_only_coordinators_and_admins_install(admin_session, tmp_path: Path):
    admin_session.users.add("iv", "interviewer", "interviewer pw 1")
    admin_session.lock()
    session = admin_session.workspace.unlock("iv", "interviewer pw 1")
    with pytest.raises(PermissionDenied):
        session.screenings.install(first_screening_copy(tmp_path / "new", "1.5.0"))
    assert _offered(session)["first-screening"] == "1.1.0"  # interviewers see what is offered
    session.lock()


def test_install_command(tmp_path: Path):
    workspace = tmp_path / "ws"
    created = run_free2link(workspace, "init", "--user", "ana", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert created.returncode == 0, created.stderr
    path = first_screening_copy(tmp_path / "new", "1.5.0")
    done = run_free2link(
        workspace, "questionnaire", "install", str(path), "--user", "ana", stdin=f"{PASSWORD}\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "installed first-screening 1.5.0"
    again = run_free2link(
        workspace,
        "questionnaire",
        "install",
        str(first_screening_copy(tmp_path / "old", "0.9.0")),
        "--user",
        "ana",
        stdin=f"{PASSWORD}\n",
    )
    assert again.returncode == 1
    assert "older than version 1.5.0" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_kept_guide_that_cannot_be_read_does_not_stop_new_screenings(admin_session):
    from free2link_desktop.storage.repositories.screenings import ScreeningRepository

    with admin_session.db.transaction():  # as if an older app had kept a file this one refuses
        ScreeningRepository(admin_session.db).store_files(
            "f" * 64, "odd-guide", "9.0", "odd.yaml", b"format: [broken", "lib.yaml", b""
        )
    assert _offered(admin_session) == {"first-screening": "1.1.0", "full-screening": "1.1.0"}
