"""python -m dashboard report: valid JSON for every province, a readable table, exit 2 on bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.__main__ import main
from dashboard.analysis.progress import STATUSES
from dashboard.analysis.report import MDG_ROW_KEYS
from dashboard.cli import EXIT_BAD_INPUT

REPO = Path(__file__).resolve().parents[2]
REPORT_KEYS = {"area_code", "year", "attainment", "mdg", "disparity"}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard", "report", *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def _check(report: dict, area_code: str) -> None:
    assert set(report) == REPORT_KEYS
    assert report["area_code"] == area_code and report["year"] == 2010
    assert report["mdg"], area_code
    for row in report["mdg"]:
        assert set(row) == set(MDG_ROW_KEYS) | {"method_text"}, row["item_id"]
        assert row["status"] in STATUSES and row["national_status"] in STATUSES
        assert row["method"] in ("target", "trend", "none") and row["method_text"]


def test_every_province_prints_valid_json(bundled_dataset, capsys) -> None:
    # One subprocess proves the entry point; the other 30 go through main() to keep the suite quick.
    done = _run("--area", "530000", "--year", "2010", "--format", "json")
    assert done.returncode == 0, done.stderr
    _check(json.loads(done.stdout, parse_constant=pytest.fail), "530000")
    provinces = bundled_dataset.province_codes()
    assert len(provinces) == 31
    for code in provinces:
        assert main(["report", "--area", code, "--year", "2010"]) == 0
        out = capsys.readouterr().out
        _check(json.loads(out, parse_constant=pytest.fail), code)  # NaN/Infinity are not JSON


def test_names_resolve_and_chinese_stays_readable(capsys) -> None:
    assert main(["report", "--area", "Yunnan", "--year", "2010"]) == 0
    by_name = capsys.readouterr().out
    assert main(["report", "--area", "云南", "--year", "2010"]) == 0
    assert capsys.readouterr().out == by_name
    assert json.loads(by_name)["area_code"] == "530000"
    assert "经济发展" in by_name  # ensure_ascii=False: no \\u escapes


def test_text_format_is_a_table_with_status_words(capsys) -> None:
    assert main(["report", "--area", "530000", "--year", "2010", "--format", "text", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Yunnan")
    assert "Off track" in out and "Insufficient data" in out and "Life expectancy" in out


@pytest.mark.parametrize("args, message", [
    (("--area", "Narnia", "--year", "2010"), "unknown area 'Narnia'"),
    (("--area", "530000", "--year", "1800"), "unknown year '1800'"),
    (("--area", "530000", "--year", "20x0"), "unknown year '20x0'"),
    (("--area", "530000", "--year", "2010", "--framework", "nbs1999"), "unknown framework 'nbs1999'"),
])
def test_bad_input_exits_2_with_one_line(args, message, capsys) -> None:
    assert main(["report", *args]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and len(captured.err.strip().splitlines()) == 1


def test_bad_area_subprocess_exit_code(tmp_path: Path) -> None:
    done = _run("--area", "Atlantis", "--year", "2010")
    assert done.returncode == 2 and done.stdout == ""
    assert "unknown area 'Atlantis'" in done.stderr
    missing = _run("--area", "530000", "--year", "2010", "--data-dir", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "report:" in missing.stderr


def test_json_rows_say_their_method(capsys) -> None:
    assert main(["report", "--area", "530000", "--year", "2015", "--framework", "mdg", "--format", "json", "--lang", "en"]) == 0
    rows = {row["item_id"]: row for row in json.loads(capsys.readouterr().out)["mdg"]}
    assert {row["framework_id"] for row in rows.values()} == {"mdg"}   # each MDG item once
    assert rows["mdg_hiv"]["method"] == "trend" and rows["mdg_hiv"]["method_text"].startswith("trend: halted and reversing")
    assert rows["mdg_u5mr"]["method_text"].startswith("target: reduce by 67%")
    assert main(["report", "--area", "530000", "--year", "2015", "--framework", "nbs2008", "--format", "text", "--lang", "zh"]) == 0
    assert "趋势：自2011年峰值以来已遏制并扭转" in capsys.readouterr().out


def test_text_report_words_the_partial_index_with_its_measured_weight_share():
    from dashboard.cli.report import _attainment_lines
    attainment = {"framework": "nbs2008", "overall": None, "status": "insufficient_data", "partial": 0.716,
                  "weight_coverage": 0.05, "domains": [
                      {"domain_id": "economic", "name_en": "Economic development", "score": 0.8, "partial": 0.8,
                       "weight_coverage": 0.86, "status": "ok"}]}
    lines = _attainment_lines(attainment, "en")
    assert lines[0] == "  Overall index: Partial index 71.6% · measured: 5% of the weight (below the 80% rule: not the index)"
    assert lines[1] == "  Economic development: Attainment 80.0% · weight with data 86%"
