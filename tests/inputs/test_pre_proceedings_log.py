"""The pre-proceedings log (lfjb/inputs/pre_proceedings.py) and `inputs.pre_proceedings`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lfjb.inputs import InputError, load_board
from lfjb.inputs.board import PreProceedingsLog
from lfjb.inputs.pre_proceedings import load_pre_proceedings

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_canonical_headers_uk_dates_and_words(tmp_path):
    path = _write(tmp_path, "family_id,local_authority,plo_letter_date,end_date,end_reason\n"
                            "F1,Wolverhampton,03/04/2024,01/08/2024,Stepped down\n"
                            "F2,336,2024-05-01,,\n"
                            "F3,Walsall,01-Jun-2024,01/09/2024,Proceedings issued\n")
    log = load_pre_proceedings(path, PreProceedingsLog(file="log.csv"))
    f = log.families
    assert list(f["end_reason"]) == ["diverted", "", "issued"]
    assert f["plo_letter_date"][0] == pd.Timestamp("2024-04-03")  # day first
    assert f["local_authority"][1] == "Wolverhampton"  # DfE code 336
    assert pd.isna(f["end_date"][1]) and log.rows_rejected == 0


def test_own_headers_and_words_are_mapped(tmp_path):
    path = _write(tmp_path, "Ref,LA,Letter,Ended,Result\nF1,Dudley,01/04/2024,01/07/2024,Closed - step down\n")
    settings = PreProceedingsLog.model_validate({
        "file": "log.csv",
        "columns": {"family_id": "Ref", "local_authority": "LA", "plo_letter_date": "Letter", "end_date": "Ended", "end_reason": "Result"},
        "values": {"end_reason": {"Closed - step down": "diverted"}},
    })
    assert list(load_pre_proceedings(path, settings).families["end_reason"]) == ["diverted"]


def test_a_path_alone_is_enough():
    assert PreProceedingsLog.model_validate("plo.csv").file == "plo.csv"


def test_missing_column_and_unknown_word_are_located_errors(tmp_path):
    path = _write(tmp_path, "family_id,local_authority,plo_letter_date,end_date\nF1,Dudley,01/04/2024,\n")
    with pytest.raises(InputError) as missing:
        load_pre_proceedings(path, PreProceedingsLog(file="log.csv"))
    assert "end_reason" in str(missing.value) and "required column" in str(missing.value)
    path = _write(tmp_path, "family_id,local_authority,plo_letter_date,end_date,end_reason\n"
                            "F1,Dudley,01/04/2024,01/06/2024,Divertd\nF2,Dudley,01/04/2024,01/06/2024,Divertd\n")
    with pytest.raises(InputError) as unknown:
        load_pre_proceedings(path, PreProceedingsLog(file="log.csv"))
    text = str(unknown.value)
    assert "rows 2, 3" in text and "'Divertd'" in text and "Did you mean 'diverted'?" in text and "diverted, issued, other" in text


def test_bad_rows_are_set_aside_and_listed(tmp_path):
    path = _write(tmp_path, "family_id,local_authority,plo_letter_date,end_date,end_reason\n"
                            "F1,Dudley,31/02/2024,,\n"             # row 2: not a date
                            "F2,Dudley,01/04/2024,01/03/2024,diverted\n"  # row 3: ends before the letter
                            "F3,Dudley,01/04/2024,01/06/2024,\n"    # row 4: ended without a reason
                            "F4,Dudley,01/04/2024,,issued\n"        # row 5: reason without an end
                            "F5,Dudley,01/04/2024,,\n"              # row 6: fine
                            "F5,Dudley,01/04/2024,,\n")             # row 7: repeats row 6
    log = load_pre_proceedings(path, PreProceedingsLog(file="log.csv"))
    assert [p["row"] for p in log.problems] == [2, 3, 4, 5, 7]
    assert list(log.families["family_id"]) == ["F5"] and log.rows_read == 6 and log.rows_rejected == 5
    with pytest.raises(InputError):
        load_pre_proceedings(path, PreProceedingsLog(file="log.csv"), strict=True)


def test_board_loads_its_log_and_collects_its_problems_with_the_others(tmp_path):
    tiny = ROOT / "tests/fixtures/tiny"
    for name in ("actions.yaml", "extract.csv"):
        (tmp_path / name).write_text((tiny / name).read_text())
    _write(tmp_path, "family_id,local_authority,plo_letter_date,end_date\n", "plo.csv")
    yaml = (tiny / "tiny.yaml").read_text().replace("  extract: extract.csv", "  extract: extract.csv\n  pre_proceedings: plo.csv")
    (tmp_path / "tiny.yaml").write_text(yaml)
    with pytest.raises(InputError) as exc:
        load_board(tmp_path / "tiny.yaml")
    assert any(p.file.endswith("plo.csv") and p.key == "end_reason" for p in exc.value.problems)


def test_shipped_sample_logs_load_cleanly():
    for slug in ("wolverhampton", "essex-suffolk"):
        board = load_board(ROOT / "board_config" / f"{slug}.yaml")
        assert board.pre_proceedings is not None and board.pre_proceedings.rows_rejected == 0
        assert set(board.pre_proceedings.families["end_reason"]) == {"", "diverted", "issued", "other"}
