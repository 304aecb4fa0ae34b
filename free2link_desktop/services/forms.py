"""Guides in and out as XLSForm and ODK XForm files (issue 16): the use cases the command line
and the library screen share.

Import reads a form, maps it (interop/xlsform.py), and checks the result with the same loader
that reads every guide, so an imported guide that is reported as a success always validates,
installs and runs. Export needs no workspace for a bundled guide or a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from free2link_desktop.core.errors import InputRefused
from free2link_desktop.core.questionnaire import (
    Questionnaire,
    QuestionnaireError,
    load_questionnaire_bytes,
)
from free2link_desktop.i18n import N_
from free2link_desktop.interop.xform import export_xform
from free2link_desktop.interop.xlsform import (
    FormBroken,
    ImportedGuide,
    export_xlsform,
    import_xlsform,
)
from free2link_desktop.services import outputs

FORMATS = ("xlsform", "xform")
_HEADER = (
    "# Imported from the XLSForm {form} by Free2Link Desktop.\n"
    "# Languages other than the source are drafts: have them checked by a translator.\n"
)


@dataclass(frozen=True)
class XlsformImport:
    """A form read and mapped, with the guide checked as it will be saved."""

    form: Path
    imported: ImportedGuide
    questionnaire: Questionnaire

    def guide_yaml(self, out: Path) -> bytes:
        return _guide_yaml(self.form, self.imported, library_name(out))


def library_name(out: Path) -> str:
    """The indicator library written beside GUIDE.yaml: GUIDE.indicators.yaml."""
    return f"{out.stem}.indicators.yaml"


def _guide_yaml(form: Path, imported: ImportedGuide, library: str) -> bytes:
    document = {**imported.guide, "indicators": library}
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    return (_HEADER.format(form=form.name) + text).encode("utf-8")


def read_xlsform(form: Path, out: Path | None = None) -> XlsformImport:
    """Read and map the XLSForm at `form`: `FormBroken` (exit 2) when it cannot be imported."""
    try:
        data = form.read_bytes()
    except OSError as error:
        raise FormBroken(
            N_("The file {path} cannot be read: {reason}"),
            path=str(form),
            reason=error.strerror or str(error),
        ) from None
    imported = import_xlsform(data, form.stem)
    out = out or form.with_suffix(".yaml")
    guide_bytes = _guide_yaml(form, imported, library_name(out))
    try:
        checked = load_questionnaire_bytes(guide_bytes, imported.library, name=out.name)
    except QuestionnaireError as error:  # a mapping the guide format refuses: never saved
        raise InputRefused(
            N_("The imported guide does not validate:\n{problems}"), problems=error.message()
        ) from None
    return XlsformImport(form, imported, checked)


def save_import(result: XlsformImport, out: Path, *, force: bool = False) -> list[Path]:
    """Write GUIDE.yaml and its indicator library beside it; never over a file unless `force`."""
    library_path = out.with_name(library_name(out))
    outputs = [(library_path, result.imported.library), (out, result.guide_yaml(out))]
    for path, _data in outputs:
        _refuse_existing(path, force)
    for path, data in outputs:
        write_output(path, data, force=True)
    return [out, library_path]


def import_xlsform_file(form: Path, out: Path, *, force: bool = False) -> XlsformImport:
    result = read_xlsform(form, out)
    save_import(result, out, force=force)
    return result


def export_guide(
    guide: Questionnaire,
    fmt: str,
    out: Path,
    *,
    public_key_pem: bytes | None = None,
    force: bool = False,
) -> Path:
    """Write `guide` as an XLSForm (.xlsx) or an ODK XForm (.xml) at `out`."""
    if fmt not in FORMATS:
        raise InputRefused(
            N_("Unknown format '{format}' (known: {known})."), format=fmt, known=", ".join(FORMATS)
        )
    if fmt == "xlsform" and public_key_pem is not None:
        data = export_xlsform(guide, public_key=_key(public_key_pem))
    elif fmt == "xlsform":
        data = export_xlsform(guide)
    else:
        data = export_xform(guide, public_key_pem=public_key_pem)
    write_output(out, data, force=force)
    return out


def _key(pem: bytes) -> str:
    from free2link_desktop.interop.xform import public_key_base64

    return public_key_base64(pem)


# -- the one place a file leaves the app here: the shared output door (services/outputs.py) -----
def _refuse_existing(path: Path, force: bool) -> None:
    outputs.check_path(path, None, overwrite=force)


def write_output(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through the output door: never into a workspace folder, through a
    temporary file renamed when complete; an existing file is replaced only when `force`."""
    outputs.write_file(path, data, None, overwrite=force)
