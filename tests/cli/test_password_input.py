"""A password that is not valid UTF-8 is called that, never "key file entry damaged"."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ADMIN, cli_env


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8:surrogateescape"])
def test_an_invalid_utf8_password_on_stdin_is_named_as_such(admin_session, encoding):
    path = admin_session.workspace.path
    admin_session.lock()
    admin_session.workspace.close()
    env = cli_env()
    env["PYTHONIOENCODING"] = encoding
    done = subprocess.run(
        [
            *(sys.executable, "-m", "free2link_desktop", "--workspace", str(path)),
            *("--user", ADMIN, "case", "list"),
        ],
        input=b"correct horse \xff\xfe battery\n",
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert "UTF-8" in stderr and "damaged" not in stderr
