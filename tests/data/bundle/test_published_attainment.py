"""The published-attainment reference layer: built from the reference folder into our own file,
each figure with its scheme, release, source page and confidence."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import schema
from dashboard.data.areas import AreaMatcher
from dashboard.data.build import DEFAULT_REFERENCE
from dashboard.data.bundle import published_attainment as pa
from dashboard.data.dataset import _read_table
from dashboard.data.errors import DataError

DATA_DIR = Path(__file__).resolve().parents[3] / "data"
HEADER = "province_zh,year,indicator,value,unit,scheme_or_series,source,via,confidence,note\n"


@pytest.fixture(scope="module")
def matcher() -> AreaMatcher:
    return AreaMatcher(_read_table(DATA_DIR, schema.AREAS))


def _reference(tmp_path: Path, body: str) -> Path:
    path = tmp_path / pa.PUBLISHED_FILE
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def test_rows_keep_scheme_release_and_cite_the_page_not_the_folder(tmp_path, matcher):
    ref = _reference(tmp_path, (
        '河南,2008,overall,71.6,percent,"NBS 2008 scheme (six domains)","河南省统计局 监测报告",'
        'https://zzrb.zynews.cn/x.htm (raw/zzrb_henan.txt),S,\n'
        '全国,2000,economic_development,50.3,percent,"NBS 2008 scheme (x)",NBS 中国全面建设小康社会进程统计监测报告,'
        'http://rmlt.com.cn/a.shtml,S,2011 report\n'
        '浙江,2008,overall_provincial_scheme,91.52,percent,"浙江全面建设小康社会综合评价指标体系 (5 areas)",浙江省统计局,'
        'https://o571.com/a.html (raw/o571.txt),S,provincial scheme\n'
    ))
    table = pa.published_table(ref, matcher).set_index(["area_code", "scheme"])
    henan = table.loc[("410000", "nbs2008")]
    assert (henan["value"], henan["measure"], henan["confidence"]) == (71.6, "overall", "S")
    assert henan["url"] == "https://zzrb.zynews.cn/x.htm" and "raw/" not in henan["via"]
    national = table.loc[("100000", "nbs2008")]
    assert (national["measure"], national["domain_id"]) == ("domain", "economic")
    assert national["release"] == "NBS 2011 monitoring report"
    assert table.loc[("330000", "zhejiang_own"), "value"] == 91.52  # its own scheme, never nbs2008


@pytest.mark.parametrize("row, column", [
    ('河南,2008,overall,71.6,percent,"some new scheme",src,http://a.b,S,\n', "scheme_or_series"),
    ('河南,2008,overall,71.6,percent,"NBS 2008 scheme",src,http://a.b,U,\n', "confidence"),
    ('河南,2008,mood,71.6,percent,"NBS 2008 scheme",src,http://a.b,S,\n', "indicator"),
    ('河南,2008,overall,high,percent,"NBS 2008 scheme",src,http://a.b,S,\n', "value"),
    ('火星,2008,overall,71.6,percent,"NBS 2008 scheme",src,http://a.b,S,\n', "province_zh"),
])
def test_unknown_scheme_confidence_measure_or_area_fails_with_a_location(tmp_path, matcher, row, column):
    with pytest.raises(DataError) as error:
        pa.published_table(_reference(tmp_path, row), matcher)
    assert error.value.location.column == column and error.value.location.row == 2


def test_committed_file_is_the_build_output():
    committed = pd.read_csv(DATA_DIR / pa.OUT_FILE, dtype={"area_code": str})
    assert list(committed.columns) == list(pa.COLUMNS)
    assert len(committed) == 66
    assert set(committed["confidence"]) <= {"S", "D"}
    assert not committed["url"].str.contains("raw/").any()
    # the 2000 national figure in two releases stays two rows, one per release
    national_2000 = committed[(committed["area_code"] == "100000") & (committed["year"] == 2000)
                              & (committed["measure"] == "overall") & (committed["scheme"] == "nbs2008")]
    assert sorted(national_2000["value"]) == [59.3, 59.6]
    assert national_2000["release"].nunique() == 2


@pytest.mark.skipif(not DEFAULT_REFERENCE.is_dir(), reason="reference data not beside the checkout")
def test_build_reproduces_the_committed_file(matcher):
    fresh = pa.published_table(DEFAULT_REFERENCE, matcher).reset_index(drop=True)
    committed = pd.read_csv(DATA_DIR / pa.OUT_FILE, dtype=str, keep_default_na=False)
    fresh = fresh.astype(str).replace({"nan": ""})
    fresh["value"] = fresh["value"].map(lambda v: f"{float(v):g}")
    committed["value"] = committed["value"].map(lambda v: f"{float(v):g}")
    pd.testing.assert_frame_equal(fresh, committed, check_dtype=False)
