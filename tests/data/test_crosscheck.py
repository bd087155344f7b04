"""The cross-check's comparison: precision by decimals, explanations, failing on the unexplained."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from dashboard.data import crosscheck
from dashboard.data.errors import DataError


def _obs(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "indicator_id", "year", "value", "subgroup", "source_id", "vintage", "flag", "note"])


def _ref(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["area_code", "indicator_id", "subgroup", "year", "ref_value", "ref_text"])
    frame["ref_value"] = frame["ref_value"].astype(float)
    return frame.assign(reference="NBS national DB, NBSDB crawl 2016-04-03")


NO_EXPLANATIONS = pd.DataFrame(columns=list(crosscheck.EXPLANATION_COLUMNS))


@pytest.mark.parametrize(("text", "places"), [("1577.74", 2), ("30", 0), ("30.0", 0), (21.3, 1), ("0.481", 3), (1e-05, 5),
                                              ("102.292315", 6)])
def test_decimals_as_written(text, places) -> None:
    assert crosscheck.decimals(text) == places


def test_agreement_at_the_coarser_precision() -> None:
    assert crosscheck.agree(21.3, 21.3, 21.33, "21.33")  # report's 21.3 = database 21.33
    assert not crosscheck.agree(21.2, 21.2, 21.33, "21.33")
    assert crosscheck.agree(19109.44, 19109.44, 19109.0, "19109")
    assert not crosscheck.agree(1220.98, 1220.98, 1577.74, "1577.74")
    # display decimals cap the precision of computed values
    assert crosscheck.agree(36.5161, 36.5161, 36.5, "36.5", display_decimals=1)
    assert not crosscheck.agree(36.5261, 36.5261, 36.52, "36.52", display_decimals=2)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_a_value_agrees_with_itself_rounded(value: float, places: int) -> None:
    rounded = round(value, places)
    assert crosscheck.agree(value, value, rounded, f"{rounded:.{places}f}")


def test_injected_disagreement_fails_the_build_and_passes_when_explained() -> None:
    observations = _obs([
        ("100000", "rural_net_income", 1995, 1220.98, "total", "CSY2000-10-16", "v", "official", ""),
        ("100000", "rural_net_income", 1998, 2161.98, "total", "CSY2000-10-16", "v", "official", ""),
    ])
    reference = _ref([
        ("100000", "rural_net_income", "total", 1995, 1577.74, "1577.74"),
        ("100000", "rural_net_income", "total", 1998, 2161.98, "2161.98"),
    ])
    result = crosscheck.run(observations, reference, {"rural_net_income": 0}, NO_EXPLANATIONS)
    assert len(result.compared) == 2 and list(result.disagreements["year"]) == [1995]
    with pytest.raises(DataError, match="1 unexplained disagreement.*rural_net_income 100000 1995"):
        crosscheck.fail_on_unexplained(result)

    explanations = pd.DataFrame(
        [("rural_net_income", "100000", "1994-1995", "CSY2000-10-16", "column mislabelled in the source")],
        columns=list(crosscheck.EXPLANATION_COLUMNS),
    )
    explained = crosscheck.run(observations, reference, {"rural_net_income": 0}, explanations)
    assert explained.unexplained.empty
    assert list(explained.disagreements["reason"]) == ["E1"]
    assert explained.reason_text("E1") == "column mislabelled in the source"
    crosscheck.fail_on_unexplained(explained)  # does not raise
    report = crosscheck.render(explained)
    assert "2 comparisons: 1 agree, 1 disagree (1 explained, 0 unexplained)" in report
    assert "column mislabelled in the source" in report


@pytest.mark.parametrize(
    ("area", "years", "source_id", "covered"),
    [
        ("*", "*", "*", True),
        ("province", "*", "*", False),  # the row is national
        ("100000", "1990-1994", "*", False),
        ("100000", "1990;1995", "CSY2000-10-16", True),
        ("100000", "1995", "OTHER", False),
    ],
)
def test_an_explanation_covers_only_its_indicator_area_years_and_source(area, years, source_id, covered) -> None:
    observations = _obs([("100000", "rural_net_income", 1995, 1220.98, "total", "CSY2000-10-16", "v", "official", "")])
    reference = _ref([("100000", "rural_net_income", "total", 1995, 1577.74, "1577.74")])
    rules = pd.DataFrame([("rural_net_income", area, years, source_id, "why")], columns=list(crosscheck.EXPLANATION_COLUMNS))
    result = crosscheck.run(observations, reference, {"rural_net_income": 0}, rules)
    assert result.unexplained.empty is covered


def test_rows_of_another_module_from_the_same_crawl_agree() -> None:
    """A module bundling the provincial crawl (rounded or not) is compared with its own source."""
    observations = _obs([
        ("310000", "resident_disposable_income", 2013, 42173.6, "total", "NBS-PROV-DB", "v", "official", ""),
        ("310000", "cpi_prev_year", 2012, 102.8, "total", "NBS-PROV-DB", "v", "official", ""),
    ])
    reference = _ref([
        ("310000", "resident_disposable_income", "total", 2013, 42173.6138237, "42173.6138237"),
        ("310000", "cpi_prev_year", "total", 2012, 102.8, "102.8"),
    ])
    result = crosscheck.run(observations, reference, {"resident_disposable_income": 1, "cpi_prev_year": 1}, NO_EXPLANATIONS)
    assert result.compared["agrees"].all()


def test_an_explanation_without_a_reason_is_refused(tmp_path) -> None:
    (tmp_path / crosscheck.EXPLANATIONS_FILE).write_text("indicator_id,area,years,source_id,reason\ngdp,*,*,*,\n", encoding="utf-8")
    with pytest.raises(DataError, match="needs a reason"):
        crosscheck.read_explanations(tmp_path)
