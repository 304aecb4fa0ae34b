"""Loading and validating questionnaire files, and finding the bundled ones.

`load_questionnaire(path)` returns a checked `Questionnaire` (with its indicator library) or
raises `QuestionnaireError` listing every problem as `file:LINE:COL: message`.
`validate_file(path)` returns those problems (warnings included) instead of raising.
"""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from free2link_desktop import paths
from free2link_desktop.core.errors import NotFound
from free2link_desktop.core.questionnaire.directory_loader import DIRECTORY_FORMAT, read_directory
from free2link_desktop.core.questionnaire.guide_loader import GUIDE_FORMAT, read_guide
from free2link_desktop.core.questionnaire.library_loader import LIBRARY_FORMAT, read_library
from free2link_desktop.core.questionnaire.model import Directory, IndicatorLibrary, Questionnaire
from free2link_desktop.core.questionnaire.problems import Problem, QuestionnaireError
from free2link_desktop.core.questionnaire.reader import Reader
from free2link_desktop.core.questionnaire.yaml_loader import (
    MAX_YAML_CHARS,
    AnyMark,
    LocatedMap,
    file_too_large,
    load_yaml,
    no_gc_pauses,
)
from free2link_desktop.i18n import N_

FORMATS = (LIBRARY_FORMAT, GUIDE_FORMAT, DIRECTORY_FORMAT)
T = TypeVar("T")


@dataclass(frozen=True)
class _Source:
    """A file's name (for messages), its bytes and where relative paths start."""

    name: str
    data: bytes
    folder: Path | None


#: The most bytes read from a questionnaire, library or directory file (UTF-8 takes at least
#: one byte a character, so this also bounds the text `load_yaml` is given).
MAX_FILE_BYTES = MAX_YAML_CHARS


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; one larger than MAX_FILE_BYTES is refused before it is parsed.

    Reads at most one byte more than the limit instead of trusting the size the file system
    reports (a device or a pipe reports none).
    """
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise QuestionnaireError.single(
            Problem(
                str(path),
                1,
                0,
                N_("The file cannot be read: {reason}"),
                {"reason": error.strerror or str(error)},
            )
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise file_too_large(str(path))
    return data


def _document(source: _Source, expected: str | None) -> tuple[LocatedMap, Reader, str]:
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuestionnaireError.single(
            Problem(
                source.name,
                1,
                0,
                N_("The file is not UTF-8 text (byte {position})."),
                {"position": error.start},
            )
        ) from None
    doc = load_yaml(text, source.name)
    reader = Reader(source.name)
    if not isinstance(doc, LocatedMap):
        raise QuestionnaireError.single(
            Problem(
                source.name, 1, 1, N_("The file must be a mapping that starts with 'format:'."), {}
            )
        )
    fmt = doc.get("format")
    if fmt not in FORMATS or (expected is not None and fmt != expected):
        mark = doc.marks.get("format", doc.mark)
        wanted = expected or " | ".join(FORMATS)
        raise QuestionnaireError.single(
            Problem(
                source.name,
                mark.line,
                mark.col,
                N_("'format' must be {expected}, not '{found}'."),
                {"expected": wanted, "found": fmt if fmt is not None else ""},
            )
        )
    return doc, reader, str(fmt)


def _finish(reader: Reader, value: T) -> T:
    if not reader.ok:
        raise QuestionnaireError(reader.problems)
    return value


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _library(source: _Source, path: Path | None) -> tuple[IndicatorLibrary, Reader]:
    doc, reader, _fmt = _document(source, LIBRARY_FORMAT)
    library = read_library(doc, reader, path, _sha(source.data))
    return replace(library, source=source.data), reader


def load_indicator_library(path: str | Path) -> IndicatorLibrary:
    path = Path(path)
    library, reader = _library(_Source(str(path), _read_bytes(path), path.parent), path)
    return _finish(reader, library)


def _guide(
    source: _Source,
    path: Path | None,
    library_data: bytes | None = None,
    parsed: tuple[LocatedMap, Reader] | None = None,
) -> tuple[Questionnaire, list[Problem]]:
    doc, reader = parsed or _document(source, GUIDE_FORMAT)[:2]
    library: IndicatorLibrary | None = None
    problems: list[Problem] = []
    ref = doc.get("indicators")
    mark: AnyMark = doc.marks.get("indicators", doc.mark)
    if ref is not None and not isinstance(ref, str):
        reader.error(mark, N_("'indicators' must be the path of the indicator library file."))
    elif isinstance(ref, str):
        try:
            lib_source, lib_path = _library_source(source, ref, mark, library_data)
            library, lib_reader = _library(lib_source, lib_path)
            problems.extend(lib_reader.problems)
            if not lib_reader.ok:
                library = None
        except QuestionnaireError as error:
            problems.extend(error.problems)
    guide = replace(read_guide(doc, reader, path, _sha(source.data), library), source=source.data)
    return guide, problems + reader.problems


def _library_source(
    guide: _Source, ref: str, mark: AnyMark, library_data: bytes | None
) -> tuple[_Source, Path | None]:
    """The library named by a guide: stored bytes, or the file relative to the guide."""
    if library_data is not None:
        return _Source(ref, library_data, None), None
    lib_path = (guide.folder or Path(".")) / ref
    try:
        found = lib_path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, or a NUL in it
        found = False
    if not found:
        raise QuestionnaireError.single(
            Problem(
                guide.name,
                mark.line,
                mark.col,
                N_("The indicator library '{file}' does not exist."),
                {"file": ref},
            )
        )
    return _Source(str(lib_path), _read_bytes(lib_path), lib_path.parent), lib_path


#: Loaded guides by (path, guide bytes hash, library file stamp): models are immutable, and
#: the GUI and services ask for the same guide many times.
_CACHE: dict[tuple[str, str, tuple[int, int]], Questionnaire] = {}
_CACHE_SIZE = 16


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


def load_questionnaire(path: str | Path) -> Questionnaire:
    """The interview guide at `path` with the indicator library it names."""
    path = Path(path)
    source = _Source(str(path), _read_bytes(path), path.parent)
    library_ref = _library_ref(source.data)
    key = (
        str(path.resolve()),
        _sha(source.data),
        _stamp(path.parent / library_ref) if library_ref else (0, 0),
    )
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    with no_gc_pauses():
        guide, problems = _guide(source, path)
    if any(p.is_error for p in problems):
        raise QuestionnaireError(problems)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = guide
    return guide


def _library_ref(data: bytes) -> str | None:
    """The `indicators:` file name, read cheaply from the top-level line (for the cache key)."""
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.startswith("indicators:"):
            value = line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
            return value or None
    return None


def load_questionnaire_bytes(
    guide: bytes, library: bytes, *, name: str = "questionnaire.yaml"
) -> Questionnaire:
    """A guide and its library from stored bytes (a copy kept in the workspace)."""
    loaded, problems = _guide(_Source(name, guide, None), None, library)
    if any(p.is_error for p in problems):
        raise QuestionnaireError(problems)
    return loaded


def load_directory(path: str | Path) -> Directory:
    path = Path(path)
    source = _Source(str(path), _read_bytes(path), path.parent)
    doc, reader, _fmt = _document(source, DIRECTORY_FORMAT)
    return _finish(reader, read_directory(doc, reader, path, _sha(source.data)))


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem of the file (errors and warnings, in file order); empty when all is well."""
    with no_gc_pauses():
        return _validate_file(Path(path))


def _validate_file(path: Path) -> list[Problem]:
    try:
        source = _Source(str(path), _read_bytes(path), path.parent)
        doc, reader, fmt = _document(source, None)
        if fmt == GUIDE_FORMAT:
            return _guide(source, path, parsed=(doc, reader))[1]
        if fmt == LIBRARY_FORMAT:
            read_library(doc, reader, path, "")
        else:
            read_directory(doc, reader, path, "")
        return reader.problems
    except QuestionnaireError as error:
        return error.problems


# -- bundled questionnaires ---------------------------------------------------------------------


def bundled_questionnaire_paths(folder: Path | None = None) -> list[Path]:
    """The interview guides (format free2link-questionnaire/1) in the bundled folder."""
    folder = folder or paths.questionnaires_dir()
    found = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            with path.open("rb") as handle:
                head = handle.read(4000).decode("utf-8", errors="replace")
        except OSError:
            continue
        if GUIDE_FORMAT in head:
            found.append(path)
    return found


def bundled_questionnaires(folder: Path | None = None) -> list[Questionnaire]:
    """The bundled guides that load; a broken file is skipped (see `bundled_problems`)."""
    loaded = []
    for path in bundled_questionnaire_paths(folder):
        try:
            loaded.append(load_questionnaire(path))
        except QuestionnaireError:
            continue
    return loaded


def bundled_problems(folder: Path | None = None) -> list[Problem]:
    """Problems of the bundled guides (so the app can report a broken file and start anyway)."""
    problems: list[Problem] = []
    for path in bundled_questionnaire_paths(folder):
        try:
            load_questionnaire(path)  # cached: `bundled_questionnaires` will not parse it again
        except QuestionnaireError as error:
            problems.extend(p for p in error.problems if p.is_error)
    return problems


def find_questionnaire(ref: str | Path, folder: Path | None = None) -> Questionnaire:
    """A bundled guide by id (`first-screening`), or the guide at a file path."""
    candidate = Path(ref)
    if candidate.suffix in {".yaml", ".yml"} or candidate.is_file():
        if not candidate.is_file():
            raise NotFound(N_("The questionnaire file {path} does not exist."), path=str(ref))
        return load_questionnaire(candidate)
    for guide in bundled_questionnaires(folder):
        if guide.id == str(ref):
            return guide
    raise NotFound(N_("There is no questionnaire '{ref}'."), ref=str(ref))
