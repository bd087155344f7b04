"""Every problem of an upload at once, each located and keyed for the user's language; doubtful
values shown as checks, never changed; and the command line printing them all."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.__main__ import main
from dashboard.data.dataset import Dataset
from dashboard.data.errors import MAX_PROBLEMS, DataError, Location, Problem
from dashboard.data.importers.upload import import_file
from dashboard.i18n import has_key, t

TEMPLATE_WITH_FOUR_PROBLEMS = (
    "地区,指标,年份,数值\r\n"
    "云南,population,2010,4602\r\n"
    "Yunan,population,2011,4631\r\n"  # unknown area (row 3)
    "云南,population,2012,abc\r\n"  # not a number (row 4)
    "北京,urbanisation_rate,2010,250\r\n"  # implausible percentage (row 5)
    "北京,population,20x0,1962\r\n"  # not a year (row 6)
)


def _refusal(raw: bytes, filename: str, dataset: Dataset, **kwargs) -> DataError:
    with pytest.raises(DataError) as caught:
        import_file(raw, filename=filename, dataset=dataset, **kwargs)
    return caught.value


def test_a_template_reports_every_problem_in_row_order(dataset: Dataset) -> None:
    error = _refusal(TEMPLATE_WITH_FOUR_PROBLEMS.encode(), "four.csv", dataset)
    assert [(p.location.row, p.key) for p in error.problems] == [
        (3, "datasrc.problem.unknown_area"),
        (4, "datasrc.problem.not_number"),
        (5, "datasrc.problem.implausible"),
        (6, "datasrc.problem.year"),
    ]
    assert str(error).startswith("four.csv, row 3, column 'A 地区': 'Yunan' is not a known area")
    assert "(and 3 more problem(s))" in error.message
    assert error.lines()[1] == "four.csv, row 4, column 'D 数值': 'abc' is not a number " \
        "(use digits, '.' for decimals, or '--' for no data)"


def test_every_problem_key_has_a_text_in_both_languages_with_its_parameters(dataset: Dataset) -> None:
    error = _refusal(TEMPLATE_WITH_FOUR_PROBLEMS.encode(), "four.csv", dataset)
    for problem in error.problems:
        for lang in ("zh", "en"):
            assert has_key(problem.key, lang)
            text = t(problem.key, lang, **problem.params)
            assert "{" not in text
    zh = t(error.problems[0].key, "zh", **error.problems[0].params)
    assert "Yunan" in zh and "云南省" in zh


def test_an_nbs_export_reports_every_bad_region_and_cell(dataset: Dataset) -> None:
    text = (
        "数据库：分省年度数据\r\n指标：年末常住人口(万人)\r\n时间：最近2年\r\n地区,2012年,2011年\r\n"
        "北京市,2069,x\r\n火星省,1,2\r\n云南省,4659,4631\r\n云南省,4659,4631\r\n数据来源：国家统计局\r\n"
    )
    error = _refusal(text.encode("gbk"), "nbs.csv", dataset)
    assert [(p.location.row, p.key) for p in error.problems] == [
        (5, "datasrc.problem.not_number"),
        (6, "datasrc.problem.unknown_area"),
        (8, "datasrc.problem.duplicate_area"),
    ]


def test_problems_beyond_the_limit_are_counted_not_listed() -> None:
    problems = [Problem(Location("f.csv", row), f"bad {row}") for row in range(1, MAX_PROBLEMS + 8)]
    error = DataError.of(problems)
    assert len(error.problems) == MAX_PROBLEMS and error.more == 7
    assert error.lines()[-1] == "... and 7 more problem(s)"


def test_one_problem_keeps_the_old_message_exactly() -> None:
    error = DataError.of([DataError(Location("f.csv", 2, "A"), "area is empty")])
    assert str(error) == "f.csv, row 2, column 'A': area is empty" and error.more == 0


def test_a_share_written_as_a_fraction_is_a_check_not_a_change(dataset: Dataset) -> None:
    raw = "地区,指标,2010,2011,2012\r\n北京,urbanisation_rate,0.86,0.862,0.865\r\n".encode()
    table = import_file(raw, filename="fractions.csv", dataset=dataset)
    assert [c.key for c in table.checks] == ["datasrc.problem.fraction_as_percent"]
    assert table.checks[0].location.row == 2
    assert sorted(table.observations["value"]) == [0.86, 0.862, 0.865]  # read as written


def test_a_value_far_from_its_neighbouring_years_is_a_check(dataset: Dataset) -> None:
    raw = "地区,指标,2008,2009,2010,2011,2012\r\n云南,population,4543,4571,460200,4631,4659\r\n".encode()
    table = import_file(raw, filename="slip.csv", dataset=dataset)
    assert [(c.key, c.params["year"]) for c in table.checks] == [("datasrc.problem.outlier", 2010)]
    assert "E 2010" in table.checks[0].location.column
    assert 460200.0 in set(table.observations["value"])


def test_steady_growth_is_not_a_check(dataset: Dataset) -> None:
    raw = "地区,指标,2001,2002,2003,2004,2005\r\n云南,gdp,139.2,162.0,186.0,217.9,243.1\r\n".encode()
    assert import_file(raw, filename="growth.csv", dataset=dataset).checks == ()


@pytest.mark.parametrize(("name", "fmt"), [("template.csv", "csv"), ("template.xlsx", "xlsx"), ("模板.CSV", "csv")])
def test_template_format_follows_the_file_name(tmp_path: Path, name: str, fmt: str) -> None:
    out = tmp_path / name
    assert main(["template", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"PK\x03\x04") == (fmt == "xlsx")
    if fmt == "csv":
        assert raw.decode("utf-8-sig").splitlines()[-1].startswith("地区,指标,年份,数值")


def test_cli_prints_every_problem(tmp_path: Path, data_dir: Path, capsys) -> None:
    upload = tmp_path / "four.csv"
    upload.write_bytes(TEMPLATE_WITH_FOUR_PROBLEMS.encode())
    assert main(["import", str(upload), "--data-dir", str(data_dir)]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: ")]
    assert [line.split(",")[1].strip() for line in errors] == ["row 3", "row 4", "row 5", "row 6"]


def test_every_refusal_and_notice_of_the_importers_has_a_text_in_both_languages() -> None:
    """A DataError or Notice the importers make without a catalogue key would reach the Chinese
    page in English: each names one, and both catalogues hold it."""
    import ast

    from dashboard.data.importers import upload

    root = Path(upload.__file__).parent
    sources = [*root.glob("*.py"), root.parents[1] / "callbacks" / "data_view.py"]
    unkeyed, missing = [], []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("DataError", "Notice")):
                continue
            key = next((k.value for k in node.keywords if k.arg == "key"), None)
            if key is None and node.func.id == "Notice" and len(node.args) > 1:
                key = node.args[1]
            if key is None:
                unkeyed.append(f"{path.name}:{node.lineno}")
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                missing += [f"{key.value} ({lang})" for lang in ("zh", "en") if not has_key(key.value, lang)]
    assert unkeyed == [] and missing == []
    for reader in ("nbs", "template", "mapped"):  # the one key made from a name: upload._read_as
        assert has_key(f"datasrc.notice.read_as_{reader}", "zh") and has_key(f"datasrc.notice.read_as_{reader}", "en")


@pytest.mark.parametrize("raw, name, words", [
    (b"", "empty.csv", "文件是空的"),
    (b"%PDF-1.4 ...", "report.xls", "PDF 文件"),
    (b"<html><table><tr><td>1</td></tr></table></html>", "export.xls", "网页"),
    ("地区,2010年\n云南,1\n".encode() + b"\x00" * 4, "odd.csv", ""),
])
def test_refusals_of_unreadable_files_are_in_chinese(raw: bytes, name: str, words: str, dataset: Dataset) -> None:
    from dashboard.components.data_view import problem_text

    error = _refusal(raw, name, dataset)
    text = " ".join(problem_text(p, "zh") for p in error.problems)
    assert words in text and not any(w in text for w in ("file is", "is a ", "cannot", "expected")), text
