"""The shared table reader (lfjb/inputs/tables.py): files as secretariats save them (issue 20.4)."""

from __future__ import annotations

from datetime import datetime

import pytest

from lfjb.inputs.board import PreProceedingsLog
from lfjb.inputs.extract import load_extract
from lfjb.inputs.pre_proceedings import load_pre_proceedings
from lfjb.inputs.tables import read_table

EXTRACT = ("case_id,local_authority,issue_date,disposal_date,children\n"
           "A1,Ynys Môn,01/04/2024,02/10/2024,2\n"
           "A2,Wolverhampton,15/05/2024,,1\n")


def _save(path, text: str, how: str) -> None:
    """`text` (comma-separated) as Excel's "Unicode Text" (UTF-16 with tabs), a UTF-8 tab file or
    Windows-1252 with semicolons."""
    if how == "unicode text":
        path.write_bytes(text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"))
    elif how == "tabs":
        path.write_text(text.replace(",", "\t"), encoding="utf-8")
    else:
        path.write_bytes(text.replace(",", ";").encode("cp1252"))


@pytest.mark.parametrize(("name", "how"), [("extract.txt", "unicode text"), ("extract.tsv", "tabs"), ("extract.txt", "semicolons")])
def test_txt_and_tsv_extracts_read_as_csv(tmp_path, name, how):
    path = tmp_path / name
    _save(path, EXTRACT, how)
    extract = load_extract(path)
    cases = extract.cases.set_index("case_id")
    # Known answer: two cases; A1 issued 1 April 2024, its authority's circumflex intact.
    assert list(cases.index) == ["A1", "A2"]
    assert cases.loc["A1", "issue_date"] == datetime(2024, 4, 1) and cases.loc["A1", "children"] == 2
    assert cases.loc["A1", "local_authority"] in ("Isle of Anglesey", "Ynys Môn")
    assert extract.data_quality.rows_rejected == 0


def test_the_shared_reader_reads_a_unicode_text_action_log(tmp_path):
    # The action log's reader (lfjb/inputs/actions.py) reads tables through read_table.
    path = tmp_path / "actions.txt"
    _save(path, "id,title,sub_group,owner,raised,due,status\nA1,Agree a tracker,plo,Sam,01/04/2024,01/06/2024,In progress\n",
          "unicode text")
    frame = read_table(path, "actions.txt")
    assert list(frame.columns) == ["id", "title", "sub_group", "owner", "raised", "due", "status"]
    assert frame.iloc[0].tolist() == ["A1", "Agree a tracker", "plo", "Sam", "01/04/2024", "01/06/2024", "In progress"]


def test_a_unicode_text_pre_proceedings_log(tmp_path):
    path = tmp_path / "plo.txt"
    _save(path, "family_id,local_authority,plo_letter_date,end_date,end_reason\nF1,Dudley,02/01/2024,05/03/2024,diverted\n",
          "unicode text")
    log = load_pre_proceedings(path, PreProceedingsLog(file="plo.txt"))
    assert log.families["end_reason"].tolist() == ["diverted"]
    assert log.families["plo_letter_date"].tolist() == [datetime(2024, 1, 2)]


def test_another_suffix_is_still_refused_naming_those_read(tmp_path):
    path = tmp_path / "extract.doc"
    path.write_text(EXTRACT)
    with pytest.raises(Exception) as caught:
        load_extract(path)
    assert ".txt" in str(caught.value) and ".tsv" in str(caught.value)


def test_blank_rows_found_alike_in_a_column_of_many_distinct_values():
    import pandas as pd

    from lfjb.inputs.tables import MANY_DISTINCT, without_blank_rows

    ids = [f"C{n}" for n in range(MANY_DISTINCT + 1)] + ["  ", "\u00a0", "\x1c", "\t\r\n", "", "x\u00a0", None]
    frame = pd.DataFrame({"case_id": pd.Series(ids, dtype="str"), "note": pd.Series([""] * len(ids), dtype=object)})
    kept = without_blank_rows(frame)
    # Blank: spaces, a no-break space, a file separator (Python strips it), tab and line ends, nothing, a missing cell.
    assert kept["case_id"].tolist()[-2:] == [f"C{MANY_DISTINCT}", "x\u00a0"]
    assert len(kept) == MANY_DISTINCT + 2
