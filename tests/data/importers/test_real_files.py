"""The files officials actually bring (../shared/real-files, taken unchanged from public
repositories): each imports with the right values, or is refused with one located message that
names what fixes it. The table is the expected outcome of every file; a file added there without
a row here fails, so a new kind of file is never silently untested."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.data.importers.mapping import ColumnMapping, NewIndicator
from dashboard.data.importers.upload import import_file, merge_import

REAL = Path(__file__).resolve().parents[4] / "shared" / "real-files"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-files is not beside the checkout")


@dataclass(frozen=True)
class Outcome:
    prefix: str  # the file's number
    indicator: str | None = None  # what the user chose (UI indicator choice / --indicator)
    value_column: str | None = None  # the column the user named as the values (--value-column)
    rows: int | None = None  # imported: this many observations ...
    values: tuple[tuple[str, int, float], ...] = ()  # ... including these (area, year, value)
    kind: str | None = None  # ... read as this
    refused: str | None = None  # refused: the message holds this ...
    where: str | None = None  # ... at this location
    fix: str | None = None  # ... and names this fix
    warning: str | None = None  # imported, with a warning holding this
    mapping: ColumnMapping | None = None  # the mapping step's choices (--area-column ... / the browser)


OUTCOMES = (
    Outcome("01", rows=31 * 19, kind="NBS export (CSV)",
            values=(("110000", 2019, 35445.1), ("540000", 2001, 139.2), ("650000", 2010, 5360.2))),
    Outcome("02", rows=31 * 5, kind="NBS export (Excel 97-2003)",
            values=(("110000", 2019, 35371.28), ("120000", 2017, 18549.19), ("650000", 2015, 9324.8))),
    Outcome("03", rows=31 * 20, kind="NBS export (Excel 97-2003)",
            values=(("110000", 2023, 43760.7), ("650000", 2004, 2170.4), ("640000", 2019, 3748.5))),
    Outcome("04", refused="10 indicator(s) of one region (Beijing) as rows", fix="Export one indicator for all provinces"),
    Outcome("05", refused="national NBS export (年度数据) with 11 indicator(s) as rows", fix="export 分省年度数据"),
    Outcome("06", refused="no indicator column", where="row 1", fix="--indicator"),
    Outcome("06", indicator="gdp", rows=124, kind="template (CSV)",
            values=(("110000", 2022, 41540.9), ("130000", 2019, 34978.6))),
    Outcome("07", refused="no indicator column", where="row 1", fix="indicator choice"),
    Outcome("07", indicator="gdp", rows=31 * 9, kind="template (CSV)",
            values=(("110000", 2019, 35445.1), ("150000", 2011, 9458.1), ("450000", 2011, 10299.9), ("540000", 2019, 1697.8))),
    Outcome("08", refused="years as rows and provinces as columns but no indicator", where="row 1", fix="--indicator"),
    Outcome("08", indicator="gdp", rows=31 * 20, kind="template (CSV)",
            values=(("110000", 2003, 5267.0), ("650000", 2022, 17741.0), ("110000", 2022, 41611.0))),
    Outcome("09", indicator="population", rows=31 * 10, kind="template (CSV)", values=(("110000", 2019, 2154.0),)),
    Outcome("10", indicator="population", rows=651, kind="template (CSV)", values=(("110000", 2020, 2189.0),)),
    Outcome("11", refused="no indicator column", where="row 1", fix="--indicator"),
    Outcome("12", refused="repeats the area column A", where="row 1, column 'B Region'"),
    # The dashboard has no birth-rate indicator: naming the value column still asks which indicator.
    Outcome("12", value_column="Birthrate", refused="no indicator column", fix="--indicator"),
    # The mapping step: columns chosen, and a new indicator the user defines.
    Outcome("12", rows=589, kind="mapped panel (CSV)", warning="left out column(s) 'B Region'",
            values=(("110000", 2019, 8.12), ("650000", 2001, 16.82)),
            mapping=ColumnMapping(area="Province", year="Year", value="Birthrate",
                                  new_indicator=NewIndicator("出生率", "Birth rate", "‰", "higher"))),
    Outcome("13", refused="no sheet looks like data", fix="--area-column"),
    Outcome("13", rows=31 * 24, kind="mapped panel (Excel)", values=(("110000", 2000, 77.54), ("110000", 2001, 78.06)),
            warning="left out column(s) 'A id'",
            mapping=ColumnMapping(area="省份", year="年份", value="城镇化率%", indicator_id="urbanisation")),
    Outcome("13", indicator="urbanisation", value_column="城镇化率%", rows=31 * 24, kind="template (Excel)",
            values=(("110000", 2000, 77.54), ("110000", 2001, 78.06)),
            warning="computes cells by formula in sheet(s) '原始版本' (117)"),
)


def _file(prefix: str) -> Path:
    found = sorted(REAL.glob(f"{prefix}_*"))
    assert len(found) == 1, f"expected one real file numbered {prefix}"
    return found[0]


def test_every_real_file_has_an_expected_outcome() -> None:
    numbered = {p.name.split("_", 1)[0] for p in REAL.iterdir() if p.name[:2].isdigit()}
    assert numbered == {o.prefix for o in OUTCOMES}


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[f"{o.prefix}-{o.indicator or 'auto'}-{o.value_column or ''}"
                                                    f"{'-mapped' if o.mapping else ''}"
                                   for o in OUTCOMES])
def test_real_file(outcome: Outcome, bundled_dataset: Dataset) -> None:
    path = _file(outcome.prefix)
    raw = path.read_bytes()
    if outcome.refused:
        with pytest.raises(DataError) as caught:
            import_file(raw, filename=path.name, dataset=bundled_dataset, indicator_id=outcome.indicator,
                        value_column=outcome.value_column, mapping=outcome.mapping)
        message = str(caught.value)
        assert message.startswith(path.name), message
        assert outcome.refused in message, message
        if outcome.where:
            assert f"{path.name}, {outcome.where}" in message or outcome.where in message, message
        if outcome.fix:
            assert outcome.fix in message, message
        return
    table = import_file(raw, filename=path.name, dataset=bundled_dataset, indicator_id=outcome.indicator,
                        value_column=outcome.value_column, mapping=outcome.mapping)
    rows = table.observations
    assert len(rows) == outcome.rows
    assert table.warnings[0] == f"read as {outcome.kind}"
    assert len(set(table.warnings)) == len(table.warnings), table.warnings  # each notice once
    if outcome.warning:
        assert any(outcome.warning in w for w in table.warnings), table.warnings
    assert rows["value"].notna().all()
    assert not rows.duplicated(["area_code", "indicator_id", "year", "subgroup"]).any()
    by_cell = rows.set_index(["area_code", "year"])["value"]
    for area, year, value in outcome.values:
        assert by_cell[(area, year)] == pytest.approx(value), (area, year)


def test_a_mapped_panel_leaves_out_unknown_columns_and_keeps_the_note_below(bundled_dataset: Dataset) -> None:
    path = _file("13")
    table = import_file(path.read_bytes(), filename=path.name, dataset=bundled_dataset,
                        indicator_id="urbanisation", value_column="城镇化率%")
    assert any("left out column(s) 'id'" in w for w in table.warnings)
    assert table.notes == ("更多数据：关注 【淘宝店：行行文库】",)


def test_a_transposed_table_locates_a_bad_cell_where_the_user_sees_it(bundled_dataset: Dataset) -> None:
    raw = "年份,北京市,云南省\r\n2010年,14964,7224.2\r\n2011年,abc,8893.1\r\n".encode()
    with pytest.raises(DataError) as caught:
        import_file(raw, filename="t.csv", dataset=bundled_dataset, indicator_id="gdp")
    assert str(caught.value).startswith("t.csv, row 3, column 'B 北京市': 'abc' is not a number")


def test_a_download_after_a_census_revision_is_its_own_release(bundled_dataset: Dataset) -> None:
    """02's footnote says its 2018 values were revised after the 4th economic census; the bundled
    gdp series is the December 2018 export from before it: 2018-2019 may not extend it."""
    path = _file("02")
    table = import_file(path.read_bytes(), filename=path.name, dataset=bundled_dataset)
    assert set(table.observations["vintage"]) == {
        "user upload: revised after economic census 四 (footnote: 2.2018年数据为根据第四次全国经济普查资料修订后数据。)"
    }
    assert any("第四次全国经济普查" in note for note in table.notes)  # footnotes kept with the import
    for replace in (False, True):
        with pytest.raises(DataError) as caught:
            merge_import(bundled_dataset, table, replace=replace)
        assert caught.value.key == "datasrc.problem.mixed_release"
        assert "releases are never mixed in one series" in str(caught.value)
        assert "before the 4th economic census revision" in str(caught.value)


def test_a_revised_export_that_changes_bundled_values_is_refused_whole(bundled_dataset: Dataset) -> None:
    path = _file("01")
    table = import_file(path.read_bytes(), filename=path.name, dataset=bundled_dataset)
    for replace in (False, True):  # replacing the conflicting values would still mix releases
        with pytest.raises(DataError, match="releases are never mixed"):
            merge_import(bundled_dataset, table, replace=replace)


@pytest.mark.parametrize("prefix, indicator, bundled", [
    ("03", None, "before the 4th economic census revision"),
    ("07", "gdp", "before the 4th economic census revision"),
    ("08", "gdp", "before the 4th economic census revision"),
    ("10", "population", "before the 7th-census revision"),
])
def test_values_that_differ_from_a_bundled_series_make_the_file_another_release(prefix, indicator, bundled,
                                                                                bundled_dataset: Dataset) -> None:
    """No footnote says so, but the values shared with the bundle differ beyond rounding: the file is
    another release; the preview says so, and its new years may not extend the bundled series."""
    path = _file(prefix)
    table = import_file(path.read_bytes(), filename=path.name, dataset=bundled_dataset, indicator_id=indicator)
    (vintage,) = set(table.observations["vintage"])
    assert vintage.startswith("user upload: another release than") and bundled in vintage
    assert any(c.key == "datasrc.problem.revised_values" and "differ beyond rounding" in c.message for c in table.checks)
    for replace in (False, True):
        with pytest.raises(DataError) as caught:
            merge_import(bundled_dataset, table, replace=replace)
        assert caught.value.key == "datasrc.problem.mixed_release"


def test_a_birth_rate_read_as_population_is_flagged_by_its_scale(bundled_dataset: Dataset) -> None:
    """11 holds birth rates (‰); chosen as population its values are ~1/300 of the bundled ones:
    a check the preview shows, not another release."""
    path = _file("11")
    table = import_file(path.read_bytes(), filename=path.name, dataset=bundled_dataset, indicator_id="population")
    assert [c.key for c in table.checks] == ["datasrc.problem.scale_vs_dataset"]
    assert "times the dataset's population" in table.checks[0].message
    assert set(table.observations["vintage"]) == {"user-upload"}
