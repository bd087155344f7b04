"""python -m dashboard.data: exit codes and what it prints, through main(argv) and one subprocess."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.data.__main__ import EXIT_DATA_ERROR, main
from dashboard.data.export import TIDY_COLUMNS

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "bad_inputs"


def test_import_good_template_writes_tidy_rows(tmp_path: Path, data_dir: Path, capsys) -> None:
    source = tmp_path / "云南 2011.csv"
    source.write_text("地区,指标,年份,数值,来源\n云南,population,2011,4631,CSY2012\n", encoding="gbk")
    out = tmp_path / "rows.csv"
    assert main(["import", str(source), "--data-dir", str(data_dir), "-o", str(out)]) == 0
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert rows.to_dict("records") == [{
        "area_code": "530000", "indicator_id": "population", "year": "2011", "value": "4631.0", "subgroup": "total",
        "source_id": "USER-UPLOAD:云南_2011.csv", "vintage": "user-upload", "flag": "official", "note": "source: CSY2012", "confidence": "",
    }]
    assert "1 rows read" in capsys.readouterr().err


def test_import_nbs_export_needs_and_takes_an_indicator(data_dir: Path, capsys) -> None:
    file = CORPUS / "nbs_english_needs_indicator.csv"
    assert main(["import", str(file), "--data-dir", str(data_dir)]) == EXIT_DATA_ERROR
    assert "say which indicator" in capsys.readouterr().err
    assert main(["import", str(file), "--data-dir", str(data_dir), "--indicator", "population"]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].startswith("area_code,indicator_id,year,value")
    assert "110000,population,2012,2069.0" in printed


def test_import_bad_file_prints_a_located_error_and_exits_2(data_dir: Path, capsys) -> None:
    code = main(["import", str(CORPUS / "percentage_250.csv"), "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == EXIT_DATA_ERROR
    assert err.startswith("error: percentage_250.csv, row 2, column 'D value'") and "above 100" in err
    assert "Traceback" not in err


def test_import_missing_file_exits_2(tmp_path: Path, data_dir: Path, capsys) -> None:
    assert main(["import", str(tmp_path / "absent.csv"), "--data-dir", str(data_dir)]) == EXIT_DATA_ERROR
    assert "cannot read" in capsys.readouterr().err


def test_export_writes_one_tidy_csv_with_bom(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "all.csv"
    assert main(["export", "--data-dir", str(data_dir), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype={"area_code": str})
    assert list(frame.columns) == list(TIDY_COLUMNS)
    assert len(frame) == 5 and set(frame["unit"]) == {"10k persons", "%"}


def test_coverage_prints_indicator_by_year(data_dir: Path, capsys) -> None:
    assert main(["coverage", "--data-dir", str(data_dir)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert "2010" in table[0] and "2011" in table[0]
    population = next(line for line in table if line.startswith("population"))
    assert population.split()[1:] == ["2", "0"]
    assert main(["coverage", "--data-dir", str(data_dir), "--indicator", "urbanisation_rate"]) == 0
    assert "530000" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_command_writes_a_blank(tmp_path: Path, data_dir: Path, fmt: str) -> None:
    out = tmp_path / f"blank.{fmt}"
    assert main(["template", "--lang", "en", "--format", fmt, "-o", str(out), "--data-dir", str(data_dir)]) == 0
    if fmt == "csv":
        assert "area,indicator_id,year,value" in out.read_text(encoding="utf-8-sig")
    else:
        assert openpyxl.load_workbook(io.BytesIO(out.read_bytes())).sheetnames == ["data", "guide", "indicators"]


def test_bad_data_folder_is_a_located_error(data_dir: Path, capsys) -> None:
    (data_dir / "indicators.csv").write_text("indicator_id\nx\n", encoding="utf-8")
    assert main(["export", "--data-dir", str(data_dir)]) == EXIT_DATA_ERROR
    assert "indicators.csv, row 1: header lacks column(s)" in capsys.readouterr().err


def test_module_runs_as_a_program(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.data", "import", str(CORPUS / "year_3020.csv"), "--data-dir", str(data_dir)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == EXIT_DATA_ERROR
    assert "year_3020.csv, row 2, column 'C year': year 3020 is outside 1949" in done.stderr


def test_import_maps_a_panel_to_a_new_indicator_by_options(tmp_path: Path, data_dir: Path, capsys) -> None:
    source = tmp_path / "panel.csv"
    source.write_text("Province,Region,Year,Birthrate\nBeijing,North China,2019,8.12\nYunnan,Southwest,2019,12.63\n")
    options = ["import", str(source), "--data-dir", str(data_dir), "--area-column", "Province", "--year-column", "Year",
               "--value-column", "Birthrate", "--new-indicator", "出生率", "--new-indicator-en", "Birth rate", "--unit", "‰"]
    assert main(options) == EXIT_DATA_ERROR  # no direction given: said, not guessed
    assert "--direction higher|lower" in capsys.readouterr().err
    assert main([*options, "--direction", "higher"]) == 0
    captured = capsys.readouterr()
    rows = pd.read_csv(io.StringIO(captured.out), dtype=str)
    assert rows["indicator_id"].str.startswith("user_birth_rate_").all()
    assert sorted(zip(rows["area_code"], rows["value"])) == [("110000", "8.12"), ("530000", "12.63")]
    assert "new indicator user_birth_rate_" in captured.err


def test_template_to_a_csv_name_writes_csv_text(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "template.csv"
    assert main(["template", "-o", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert not out.read_bytes().startswith(b"PK")
    assert next(line for line in text.splitlines() if not line.startswith("#")).startswith("地区,指标,年份,数值")
