"""load_dataset on a tiny fixture folder: valid data loads, a bad cell names file, row and column."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.dataset import load_dataset
from dashboard.data.errors import DataError


def test_fixture_folder_loads_with_typed_columns(data_dir: Path) -> None:
    dataset = load_dataset(data_dir)
    assert str(dataset.observations["year"].dtype) == "Int64"
    assert dataset.values_for_year("population", 2010)["area_code"].tolist() == ["110000", "530000"]
    assert dataset.matcher.code_for("Nei Mongol") == "150000"


def _append(data_dir: Path, line: str) -> None:
    with (data_dir / "observations.csv").open("a", encoding="utf-8") as out:
        out.write(line + "\n")


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("530000,population,2011,many,total,TEST-SRC,CSY2011,official,", "value", "'many' is not a number"),
        ("999999,population,2011,1,total,TEST-SRC,CSY2011,official,", "area_code", "'999999' is not one of"),
        ("530000,population,2011,1,everyone,TEST-SRC,CSY2011,official,", "subgroup", "'everyone' is not one of"),
        ("530000,population,2011,1,total,NOWHERE,CSY2011,official,", "source_id", "'NOWHERE' is not one of"),
        ("530000,population,,1,total,TEST-SRC,CSY2011,official,", "year", "value is empty"),
    ],
)
def test_bad_observation_names_file_row_and_column(data_dir: Path, line: str, column: str, fragment: str) -> None:
    _append(data_dir, line)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert str(caught.value).startswith(f"observations.csv, row 7, column '{column}'")
    assert fragment in str(caught.value)


def test_duplicate_key_names_the_second_row(data_dir: Path) -> None:
    _append(data_dir, "530000,population,2010,4603,total,TEST-SRC,CSY2011,official,")
    with pytest.raises(DataError, match=r"observations.csv, row 7: duplicate key"):
        load_dataset(data_dir)


def test_missing_table_is_named(data_dir: Path) -> None:
    (data_dir / "sources.csv").unlink()
    with pytest.raises(DataError, match="sources.csv: file is missing"):
        load_dataset(data_dir)


def test_empty_observations_file_is_named(data_dir: Path) -> None:
    (data_dir / "observations.csv").write_bytes(b"")
    with pytest.raises(DataError, match=r"^observations.csv: file is empty"):
        load_dataset(data_dir)


def test_header_only_observations_file_is_refused_at_load(data_dir: Path) -> None:
    header = (data_dir / "observations.csv").read_text(encoding="utf-8").splitlines()[0]
    (data_dir / "observations.csv").write_text(header + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^observations.csv, row 2: has a header but no rows"):
        load_dataset(data_dir)


def test_indicators_without_price_basis_column_load_as_empty(data_dir: Path) -> None:
    # files written before the column existed stay valid
    assert load_dataset(data_dir).indicators["price_basis"].isna().all()


@pytest.mark.parametrize(("basis", "ok"), [("current", True), ("constant_2000", True), ("unknown", True), ("2000 prices", False)])
def test_price_basis_vocabulary(data_dir: Path, basis: str, ok: bool) -> None:
    path = data_dir / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",price_basis"
    lines[3] += f",{basis}"  # gdp
    lines[1:3] = [line + "," for line in lines[1:3]]
    lines[4:] = [line + "," for line in lines[4:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if ok:
        assert load_dataset(data_dir).indicator("gdp")["price_basis"] == basis
    else:
        with pytest.raises(DataError) as err:
            load_dataset(data_dir)
        assert err.value.location.column == "price_basis" and err.value.location.row == 4


def test_price_basis_lookup(data_dir: Path) -> None:
    dataset = load_dataset(data_dir)
    assert dataset.price_basis("gdp") is None and dataset.price_basis("no_such_id") is None


def test_memoised_lookups_equal_the_tables_and_hand_out_copies(bundled_dataset) -> None:
    """province_codes, years and role_codes are computed once per dataset: same answers as the
    tables give, and a caller changing its list changes nobody else's."""
    areas, obs, roles = bundled_dataset.areas, bundled_dataset.observations, bundled_dataset.roles
    provinces = areas[areas["level"] == "province"]
    assert bundled_dataset.province_codes() == provinces.loc[provinces["region"].notna(), "area_code"].tolist()
    assert bundled_dataset.province_codes(mainland_only=False) == provinces["area_code"].tolist()
    codes = bundled_dataset.province_codes()
    codes.append("999999")
    assert "999999" not in bundled_dataset.province_codes()
    for (indicator_id, subgroup), rows in obs.groupby(["indicator_id", "subgroup"]):
        assert bundled_dataset.years(indicator_id, subgroup) == sorted(int(y) for y in rows["year"].dropna().unique())
    assert bundled_dataset.years("no-such-indicator") == []
    for role in ("pilot", "study", "no-such-role"):
        assert bundled_dataset.role_codes(role) == roles.loc[roles["role"] == role, "area_code"].tolist()
