"""How a progress row was judged, in words, in both languages."""
from __future__ import annotations

from dashboard.figures.method_text import method_text

TREND = {"method": "trend", "rule": "halt_reverse", "status": "met", "trend_direction": "improving",
         "trend_pace": 0.05, "worst_year": 2009, "trend_window_start": 2010, "latest_year": 2015, "target_year": 2015}


def test_halt_and_reverse_names_the_peak_and_pace():
    assert method_text(TREND, {"direction": "reverse"}, "en") == \
        "trend: halted and reversing since the 2009 peak (falling 5.0% a year since 2010)"
    assert method_text(TREND, {"direction": "reverse"}, "zh").startswith("趋势：自2009年峰值以来已遏制并扭转")
    # a good-is-high series (forest coverage) turns from its low
    assert "2009 low" in method_text({**TREND, "trend_pace": 0.02}, {"direction": "positive"}, "en")
    flat = {**TREND, "status": "on_track", "trend_direction": "flat", "trend_pace": 0.001}
    assert method_text(flat, {"direction": "reverse"}, "en") == "trend: halted (flat since 2010), not yet reversing"


def test_direction_rule_and_unassessed_trend():
    row = {**TREND, "rule": "direction", "status": "regressing", "trend_direction": "worsening", "trend_pace": -0.03}
    assert method_text(row, {"direction": "positive"}, "en") == \
        "trend: worsening, falling 3.0% a year since 2010 (no numeric target)"
    few = {"method": "trend", "rule": "direction", "status": "insufficient_data", "trend_direction": None}
    assert method_text(few, {}, "en") == "trend (direction only, no numeric target): not enough recent data"


def test_target_rows_say_absolute_relative_prorated_and_band():
    absolute = {"method": "target", "rule": "absolute", "target": 60, "target_year": 2020}
    assert method_text(absolute, {}, "en", decimals=0, unit="%") == "target: 60% by 2020"
    relative = {"method": "target", "rule": "relative", "target": 20.3, "target_year": 2015, "baseline_year": 2004,
                "prorated": True, "framework_baseline_year": 1990}
    text = method_text(relative, {"relative_change": -2 / 3}, "en")
    assert text.startswith("target: reduce by 67% from the baseline, i.e. 20.3 by 2015; baseline 2004 (first observation)")
    assert text.endswith("target pro-rated (the framework's baseline year is 1990)")
    assert "按剩余年份折算" in method_text(relative, {"relative_change": -2 / 3}, "zh")
    unobserved = {"method": "target", "rule": "relative", "target": None, "target_year": 2015, "baseline_year": None,
                  "framework_baseline_year": 1990}
    assert method_text(unobserved, {"relative_change": -0.5}, "en") == \
        "target: reduce by 50% by 2015, from the first observation at or after 1990"
    band = {"method": "target", "rule": "band_high", "target": 6, "band_low": 3, "band_high": 6, "target_year": 2020}
    assert "upper end 6.0" in method_text(band, {}, "en")
    assert method_text({"method": "none"}, {}, "zh") == "未评估"
