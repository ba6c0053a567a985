"""Read a CSV, XLSX or Parquet table into a DataFrame, with plain-English errors."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lfjb.inputs.errors import InputError, Problem, display_path
from lfjb.inputs.text import clean_text

# A spreadsheet this large is not a board's extract; stop before spending minutes on it.
# XLSX is read with calamine (Rust), about 8x faster than openpyxl on the sample extracts.
MAX_XLSX_BYTES = 100 * 1024 * 1024
# An XLSX is a zip of XML parts: what they unpack to is what reading costs (a 1.5 MB file holding one
# 1.5 GB cell took 14 GB of memory, issue 24.13). Excel's largest sheet (1,048,576 rows of a dozen
# short columns) unpacks to about this.
MAX_XLSX_UNPACKED_BYTES = 500 * 1024 * 1024
# Text tables, read alike with the separator and encoding detected: Excel saves "Unicode Text" (UTF-16,
# tab-separated) as .txt, and other systems write tab-separated .tsv (issue 20.4).
TEXT_TABLE_SUFFIXES = (".csv", ".txt", ".tsv")
# What a spreadsheet-like log (the action log) may be saved as: the text tables and workbooks.
SPREADSHEET_SUFFIXES = (*TEXT_TABLE_SUFFIXES, ".xlsx", ".xlsm")
TABLE_SUFFIXES = (*SPREADSHEET_SUFFIXES, ".parquet")


# A CSV larger than this is read in chunks so a progress bar can show the rows read so far.
LARGE_CSV_BYTES = 32 * 1024 * 1024
CSV_CHUNK_ROWS = 250_000
# Lines of a mostly UTF-8 file that are not UTF-8, named in the warning (the rest are counted).
MAX_LINES_NAMED = 10
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")

# (rows read, bytes read, bytes in the file): how a caller shows reading progress.
ReadProgress = Callable[[int, int, int], None]


@dataclass
class Table:
    """A table as read, and what is worth telling the user about how it was read."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def _decode(data: bytes, shown: str) -> tuple[str, list[str]]:
    """The text of a CSV that is not plain UTF-8: UTF-16 (Excel's "Unicode text"), Windows-1252
    (Excel's classic CSV), or UTF-8 with a few stray Windows-1252 bytes, which are decoded line by line
    and reported, so one bad byte does not turn "Ynys Môn" into "Ynys MÃ´n" across the whole file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    if not _UTF8_MULTIBYTE.search(data):  # no UTF-8 at all: a Windows-1252 file throughout
        return data.decode("cp1252", errors="replace"), []
    lines, bad = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
            bad.append(number)
    named = ", ".join(str(n) for n in bad[:MAX_LINES_NAMED]) + (f" and {len(bad) - MAX_LINES_NAMED:,} more" if len(bad) > MAX_LINES_NAMED else "")
    return "\n".join(lines).removeprefix("\ufeff"), [
        f"{shown} is UTF-8 but line{'s' if len(bad) != 1 else ''} {named} ha{'ve' if len(bad) != 1 else 's'} characters in another "
        "encoding (Windows-1252), read as such; check the names on "
        f"{'those lines' if len(bad) != 1 else 'that line'} and save the file as 'CSV UTF-8'."]


# A cell with a formula but no saved result: <c r="B2"><f>A2+1</f></c> or with an empty <v></v>.
_UNCALCULATED = re.compile(rb"</f>(?:<v\s*/>|<v></v>)?</c>")


def _uncalculated_formula_warnings(path: Path, shown: str) -> list[str]:
    """A warning when the workbook has formula cells with no saved result (files written by programs
    that do not calculate, such as scripts): every reader, lfjb included, sees those cells as empty."""
    try:
        with zipfile.ZipFile(path) as book:
            count = sum(len(_UNCALCULATED.findall(book.read(name))) for name in book.namelist()
                        if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    except (OSError, zipfile.BadZipFile, KeyError):
        return []
    if not count:
        return []
    return [f"{shown} has {count:,} formula cell{'s' if count != 1 else ''} with no saved result (the file was written by a program "
            "that does not calculate formulas), read as empty. Open the file in Excel and save it again so the results are stored."]


def _delimiter(header: str) -> str:
    """The separator the header line uses: comma, or semicolon (Excel in many European locales) or
    tab (Excel's "Unicode text") when the line has more of those than commas."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _read_csv(path: Path, dtype: type | None, header_row: int, progress: ReadProgress | None) -> Table:
    """CSV as UTF-8 (with or without Excel's byte-order mark), UTF-16 or Windows-1252, separated by
    commas, semicolons or tabs. Blank lines are kept so row numbers match the file."""
    data = path.read_bytes()
    warnings: list[str] = []
    try:
        text = None
        data.decode("utf-8")  # the usual case: pandas reads the file itself, fastest
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        text, warnings = _decode(data, display_path(path))
        encoding = None
    first = (text if text is not None else data[:65536].decode("utf-8", errors="replace")).lstrip("\ufeff")
    header_lines = first.split("\n", header_row)
    sep = _delimiter(header_lines[header_row - 1] if len(header_lines) >= header_row else "")
    options = {"dtype": dtype, "keep_default_na": False, "skipinitialspace": True, "skip_blank_lines": False,
               "sep": sep, "skiprows": header_row - 1}
    source = io.StringIO(text) if text is not None else path
    if progress is None or len(data) < LARGE_CSV_BYTES:
        return Table(pd.read_csv(source, encoding=encoding, **options), warnings)
    chunks, rows = [], 0
    with (source if text is not None else path.open("rb")) as handle:
        for chunk in pd.read_csv(handle, encoding=encoding, chunksize=CSV_CHUNK_ROWS, **options):
            chunks.append(chunk)
            rows += len(chunk)
            position = handle.tell() if text is None else handle.tell() * len(data) // max(len(text), 1)
            progress(rows, min(position, len(data)), len(data))
    frame = pd.concat(chunks) if chunks else pd.DataFrame()
    return Table(frame, warnings)


# Above this many distinct values in a column (case ids: one a row), pyarrow's kernels over them all
# cost less than a Python loop over each; below it their set-up outweighs the work.
MANY_DISTINCT = 20_000
# Printable ASCII (tab, newline and carriage return allowed) holds nothing `clean_text` removes, and
# strips and lowercases alike in Python and pyarrow; any other value is worked out in Python.
_NOT_PLAIN_ASCII = "[^\t\n\r\x20-\x7e]"


def plain_text_cells(values: np.ndarray) -> tuple[pa.Array, np.ndarray] | None:
    """(`values` as a pyarrow string array, the positions of those that are not printable ASCII), or
    None when some value is not text (a date or number from a spreadsheet, a lone surrogate)."""
    if pd.api.types.infer_dtype(values, skipna=True) != "string":
        return None
    try:
        cells = pa.array(values, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError):
        return None
    odd = pc.match_substring_regex(cells, _NOT_PLAIN_ASCII).fill_null(False).to_numpy(zero_copy_only=False)
    return cells, np.flatnonzero(odd)


def _filled(column: pd.Series) -> np.ndarray:
    """True where a cell holds something other than blanks (text checked once per distinct value)."""
    if not _is_text(column):
        return column.notna().to_numpy()
    codes, uniques = pd.factorize(column)
    found = plain_text_cells(np.asarray(uniques, dtype=object)) if len(uniques) > MANY_DISTINCT else None
    if found is not None:
        cells, odd = found
        filled = pc.not_equal(pc.ascii_trim_whitespace(cells), "").fill_null(False).to_numpy(zero_copy_only=False)
        filled[odd] = [str(uniques[i]).strip() != "" for i in odd]
    else:
        filled = np.fromiter((str(u).strip() != "" for u in uniques), dtype=bool, count=len(uniques))
    return (codes >= 0) & (filled[np.maximum(codes, 0)] if len(uniques) else False)


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)


def without_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with at least one non-empty cell, keeping their original index (so row numbers hold)."""
    if frame.empty:
        return frame
    typed_first = sorted(frame.columns, key=lambda c: _is_text(frame[c]))  # a typed column is checked fastest
    keep = np.zeros(len(frame), dtype=bool)
    for name in typed_first:
        keep |= _filled(frame[name])
        if keep.all():
            return frame
    return frame[keep]


def without_unnamed_empty_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop columns a spreadsheet adds with no header and no values (e.g. trailing commas)."""
    keep = [c for c in frame.columns if not (str(c).startswith("Unnamed:") and frame[c].astype("string").str.strip().fillna("").eq("").all())]
    return frame[keep]


def read_table(path: Path, shown: str, dtype: type | None = str, sheet: str | None = None) -> pd.DataFrame:
    """The table in `path` (text cells unless `dtype` is None); InputError when it cannot be read."""
    return read_table_with_notes(path, shown, dtype, sheet).frame


def read_table_with_notes(path: Path, shown: str, dtype: type | None = str, sheet: str | None = None,
                          header_row: int = 1, progress: ReadProgress | None = None) -> Table:
    """The table in `path` (text cells unless `dtype` is None) with its headers made inert (control
    and bidi characters removed), and warnings about how it was read; InputError when it cannot be.
    `header_row` is the row of the headers in a CSV or spreadsheet (1 = the first)."""
    suffix = path.suffix.lower()
    check_input_file(path, shown)
    if suffix not in TABLE_SUFFIXES:
        raise InputError([Problem(shown, "", "", f"is a '{suffix}' file; expected one of {', '.join(TABLE_SUFFIXES)}.")])
    table = _read_any(path, shown, suffix, dtype, sheet, header_row, progress)
    table.frame.columns = [clean_text(c) if isinstance(c, str) else c for c in table.frame.columns]
    return table


def _check_unpacked_size(path: Path, shown: str) -> None:
    """InputError when the workbook's parts unpack to more than MAX_XLSX_UNPACKED_BYTES, before any is read."""
    try:
        with zipfile.ZipFile(path) as book:
            unpacked = sum(info.file_size for info in book.infolist())
    except zipfile.BadZipFile:
        raise InputError([Problem(shown, "", "", "cannot be read as XLSX: it is not a workbook (not a zip file); "
                                  "open it in Excel and save it as 'Excel Workbook (.xlsx)' or as CSV.")]) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise InputError([Problem(shown, "", "", f"unpacks to {unpacked / 2**20:,.0f} MB, more than the {MAX_XLSX_UNPACKED_BYTES // 2**20} MB "
                                  "a board's extract could need, so it was not read (an XLSX file is compressed; this one holds far more "
                                  "than it shows). Save the data as CSV or Parquet instead.")])


# Calamine lays a sheet out as one block from its first to its last filled cell, 32 bytes a cell, before
# reading any: one cell at XFD1048576 asked for 512 GB and aborted the program (issue 24, round 2). This
# is about twice Excel's largest sheet of a dozen columns (see MAX_XLSX_UNPACKED_BYTES), some 800 MB.
MAX_XLSX_CELLS = 25_000_000
# A filled cell's reference: r="XFD1048576" on a <c> tag that is neither self-closing nor closed at once.
_FILLED = rb'r="%s"[^>]*(?<!/)>(?!</(?:\w+:)?c>)'
_CELL_NO_REF = re.compile(rb'<(?:\w+:)?c(?=[\s/>])(?![^>]*\sr=")[^>]*(?<!/)>(?!</(?:\w+:)?c>)')
_ROW_TAG = re.compile(rb'<(?:\w+:)?row(?=[\s>])')
_ROW_REF = rb'<(?:\w+:)?row\s[^>]*?r="(\d{%d})"'


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def xlsx_extent_problem(sheet: bytes) -> tuple[int, int] | None:
    """(rows, columns) the reader would lay out for this worksheet's XML when that is more than
    MAX_XLSX_CELLS cells, else None. Only filled cells count (the reader skips empty ones); the widest
    column and deepest row are found by their references' length first, so a usual sheet is scanned
    only for its few longest references."""
    columns = rows = 0
    for digits in range(7, 0, -1):
        if not re.search(rb'r="[A-Z]{1,3}\d{%d}"' % digits, sheet):  # a plain scan first: most widths are absent
            continue
        found = re.findall(_FILLED % (b"[A-Z]{1,3}(\\d{%d})" % digits), sheet)
        if found:
            rows = int(max(found))
            break
    for width in (3, 2, 1):
        if width == 1 and rows * 26 <= MAX_XLSX_CELLS:
            columns = 26 if rows else 0  # at most Z: within the cap whichever column it is, so not scanned
            break
        if not re.search(rb'r="[A-Z]{%d}\d' % width, sheet):
            continue
        found = re.findall(_FILLED % (b"([A-Z]{%d})\\d+" % width), sheet)
        if found:
            columns = _column_number(max(found))
            break
    # Excel and most writers put r first on every cell: then counting tags says there is none without one.
    every_cell_has_r = b"<c>" not in sheet and sheet.count(b"<c ") == sheet.count(b'<c r="') and b":c " not in sheet
    if not every_cell_has_r and _CELL_NO_REF.search(sheet):  # cells placed by order, not a reference: count them by row
        for digits in range(7, 0, -1):
            found = re.findall(_ROW_REF % digits, sheet)
            if found:
                rows = max(rows, int(max(found)))
                break
        parts = _ROW_TAG.split(sheet)
        rows = max(rows, len(parts) - 1)
        columns = max([columns, *(len(_CELL_NO_REF.findall(part)) for part in parts)])
    return (rows, columns) if rows * columns > MAX_XLSX_CELLS else None


_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\s[^>]*>')
_RELATIONSHIP_TAG = re.compile(rb'<(?:\w+:)?Relationship\s[^>]*>')
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')


def _attributes(tag: bytes) -> dict[str, str]:
    """A tag's attributes by local name (r:id as id), XML's five escapes undone."""
    return {name.decode().split(":")[-1]: html.unescape(value.decode("utf-8", "replace")) for name, value in _ATTRIBUTE.findall(tag)}


def sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> its worksheet part ('xl/worksheets/sheet1.xml'), in the workbook's order (the
    order the reader numbers them by). Empty when the workbook does not say (then every part counts)."""
    try:
        workbook = book.read("xl/workbook.xml")
        rels = book.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATIONSHIP_TAG.findall(rels):
        attrs = _attributes(tag)
        target = attrs.get("Target", "")
        targets[attrs.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts = {}
    for tag in _SHEET_TAG.findall(workbook):
        attrs = _attributes(tag)
        if attrs.get("id") in targets:
            parts[attrs.get("name", "")] = targets[attrs["id"]]
    return parts


def xlsx_sheet_extent(book: zipfile.ZipFile, sheet: str | int = 0) -> tuple[int, int] | None:
    """(rows, columns) when the sheet lfjb reads (by name, or by position, 0 = the first) spans more than
    MAX_XLSX_CELLS cells, else None: a stray far cell on a sheet nobody reads does not matter. A workbook
    that does not say which part is which sheet has every worksheet checked."""
    parts = sheet_parts(book)
    names = list(parts)
    wanted = parts.get(sheet) if isinstance(sheet, str) else parts[names[sheet]] if sheet < len(names) else None
    if wanted is not None and wanted in book.namelist():
        return xlsx_extent_problem(book.read(wanted))
    if parts and wanted is None:
        return None  # no such sheet: the reader says so, naming it
    for name in book.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and (extent := xlsx_extent_problem(book.read(name))):
            return extent
    return None


def _check_extent(path: Path, shown: str, sheet: str | int = 0) -> None:
    """InputError when the worksheet lfjb reads spans more than MAX_XLSX_CELLS cells from A1 to its
    last filled cell, before the reader lays it out."""
    with zipfile.ZipFile(path) as book:
        extent = xlsx_sheet_extent(book, sheet)
    if extent:
        rows, columns = extent
        raise InputError([Problem(shown, "", "", (
            f"has a sheet whose filled cells reach {rows:,} rows by {columns:,} columns, more than the "
            f"{MAX_XLSX_CELLS:,} cells lfjb reads from a spreadsheet, so it was not read. A stray value far "
            "below or to the right of the data does this: delete the rows and columns after the data "
            "in Excel and save again, or save the data as CSV."))])


def readable_sheets(path: Path) -> list[str]:
    """The workbook's sheets that are within MAX_XLSX_CELLS (safe to lay out), in order; [] when unreadable."""
    try:
        with zipfile.ZipFile(path) as book:
            return [name for name in sheet_parts(book) if xlsx_sheet_extent(book, name) is None]
    except (OSError, zipfile.BadZipFile):
        return []


def _read_any(path: Path, shown: str, suffix: str, dtype: type | None, sheet: str | None, header_row: int,
              progress: ReadProgress | None) -> Table:
    try:
        if suffix in TEXT_TABLE_SUFFIXES:
            return _read_csv(path, dtype, header_row, progress)
        if suffix == ".parquet":
            return Table(pd.read_parquet(path))
        if path.stat().st_size > MAX_XLSX_BYTES:
            raise InputError([Problem(shown, "", "", f"is larger than {MAX_XLSX_BYTES // 2**20} MB; save it as CSV or Parquet instead.")])
        _check_unpacked_size(path, shown)
        _check_extent(path, shown, sheet or 0)
        frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=object, engine="calamine", header=header_row - 1)
        return Table(frame, _uncalculated_formula_warnings(path, shown))
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError([Problem(shown, "", "", "is empty; expected a header row and one row per record.")]) from None
    except ValueError as exc:
        if sheet and "Worksheet" in str(exc):
            raise InputError([Problem(shown, "", "sheet", f"has no sheet called '{sheet}'.")]) from None
        raise InputError([Problem(shown, "", "", f"cannot be read as {suffix[1:].upper()}: {exc}")]) from None
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, pd.errors.ParserError) as exc:
        kind = "a table of text (CSV)" if suffix in TEXT_TABLE_SUFFIXES else suffix[1:].upper()
        raise InputError([Problem(shown, "", "", f"cannot be read as {kind}: {exc}")]) from None
    except Exception as exc:  # pyarrow and openpyxl raise their own types for corrupt files
        reason = str(exc).strip() or f"the file is damaged ({type(exc).__name__})"
        raise InputError([Problem(shown, "", "", f"cannot be read as {suffix[1:].upper()}: {reason}")]) from None


def check_input_file(path: Path, shown: str, max_bytes: int | None = None, key: str = "") -> None:
    """InputError unless `path` is a regular file: not missing, not a folder, a pipe (which would wait
    for ever) or a device such as /dev/zero (which never ends), and, with `max_bytes`, not larger.
    `key` names the option the path came from (e.g. "--fcsq"). Every reader of an input calls this first."""
    try:
        exists, is_file = path.exists(), path.is_file()
        size = path.stat().st_size if is_file else 0
    except (ValueError, OSError):  # os.stat refuses a NUL in the path
        exists = is_file = False
        size = 0
    if not exists:
        raise InputError([Problem(shown, "", key, "file not found.")])
    if not is_file:  # a folder, or a pipe that would wait for ever
        raise InputError([Problem(shown, "", key, "is not a file.")])
    if max_bytes is not None and size > max_bytes:
        raise InputError([Problem(shown, "", key, f"is {size / 2**20:,.1f} MB; lfjb reads files of this kind up to "
                                  f"{max_bytes / 2**20:,.0f} MB.", "Check it is the right file.")])


def decode_csv_bytes(data: bytes, shown: str) -> tuple[str, list[str]]:
    """The text of a CSV's bytes, however Excel saved it: UTF-8 (with or without a byte-order mark), UTF-16
    or Windows-1252 (see `_decode`), with warnings about how it was read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, shown)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return _decode(data, shown)


def csv_delimiter(header: str) -> str:
    """The separator a CSV's header line uses: comma, semicolon or tab."""
    return _delimiter(header)
