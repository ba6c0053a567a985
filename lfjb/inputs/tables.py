"""Read a CSV, XLSX or Parquet table into a DataFrame, with plain-English errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from lfjb.inputs.errors import InputError, Problem

# A spreadsheet this large is not a board's extract; stop before spending minutes on it.
# XLSX is read with calamine (Rust), about 8x faster than openpyxl on the sample extracts.
MAX_XLSX_BYTES = 100 * 1024 * 1024
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")


def _read_csv(path: Path, dtype: type | None) -> pd.DataFrame:
    """CSV as UTF-8 (with or without Excel's byte-order mark), else as Windows-1252, which Excel's
    classic "CSV (Comma delimited)" writes. Blank lines are kept so row numbers match the file."""
    options = {"dtype": dtype, "keep_default_na": False, "skipinitialspace": True, "skip_blank_lines": False}
    try:
        return pd.read_csv(path, encoding="utf-8-sig", **options)
    except UnicodeDecodeError:
        return pd.read_csv(path, encoding="cp1252", **options)


def _filled(column: pd.Series) -> np.ndarray:
    """True where a cell holds something other than blanks (text checked once per distinct value)."""
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return column.notna().to_numpy()
    codes, uniques = pd.factorize(column)
    filled = np.fromiter((str(u).strip() != "" for u in uniques), dtype=bool, count=len(uniques))
    return (codes >= 0) & (filled[np.maximum(codes, 0)] if len(uniques) else False)


def without_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with at least one non-empty cell, keeping their original index (so row numbers hold)."""
    if frame.empty:
        return frame
    typed_first = sorted(frame.columns, key=lambda c: pd.api.types.is_object_dtype(frame[c]))
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
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError([Problem(shown, "", "", "file not found.")])
    if suffix not in TABLE_SUFFIXES:
        raise InputError([Problem(shown, "", "", f"is a '{suffix}' file; expected one of {', '.join(TABLE_SUFFIXES)}.")])
    try:
        if suffix == ".csv":
            return _read_csv(path, dtype)
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if path.stat().st_size > MAX_XLSX_BYTES:
            raise InputError([Problem(shown, "", "", f"is larger than {MAX_XLSX_BYTES // 2**20} MB; save it as CSV or Parquet instead.")])
        return pd.read_excel(path, sheet_name=sheet or 0, dtype=object, engine="calamine")
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError([Problem(shown, "", "", "is empty; expected a header row and one row per record.")]) from None
    except ValueError as exc:
        if sheet and "Worksheet" in str(exc):
            raise InputError([Problem(shown, "", "sheet", f"has no sheet called '{sheet}'.")]) from None
        raise InputError([Problem(shown, "", "", f"cannot be read as {suffix[1:].upper()}: {exc}")]) from None
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, pd.errors.ParserError) as exc:
        raise InputError([Problem(shown, "", "", f"cannot be read as {suffix[1:].upper()}: {exc}")]) from None
    except Exception as exc:  # pyarrow and openpyxl raise their own types for corrupt files
        raise InputError([Problem(shown, "", "", f"cannot be read as {suffix[1:].upper()}: {exc}")]) from None
