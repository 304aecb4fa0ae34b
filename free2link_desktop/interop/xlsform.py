"""XLSForm <-> interview guide (issue 16), through pyxform: plain data in, bytes and data out.

- `import_xlsform(data, file_stem)` -> `ImportedGuide` (the guide document, its indicator
  library and a note for everything kept, changed or skipped); `FormBroken` (exit 2) names the
  sheet and row of what makes the form unusable.
- `export_xlsform(guide)` -> the .xlsx bytes of a guide (`Questionnaire`), with our own data
  in extra columns and sheets, so that importing it again gives the same guide.
"""

from __future__ import annotations

from free2link_desktop.interop.xlsform_export import export_xlsform
from free2link_desktop.interop.xlsform_import import ImportedGuide, import_xlsform
from free2link_desktop.interop.xlsform_notes import CHANGED, KEPT, SKIPPED, ImportNote
from free2link_desktop.interop.xlsform_sheets import FormBroken

__all__ = [
    "CHANGED",
    "KEPT",
    "SKIPPED",
    "FormBroken",
    "ImportNote",
    "ImportedGuide",
    "export_xlsform",
    "import_xlsform",
]
