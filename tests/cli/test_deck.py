"""`python -m dashboard deck`: a storyboard file in, a PPTX out (run as a subprocess)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

REPO = Path(__file__).resolve().parents[2]
BOARD = {
    "version": 1, "title": "云南评审",
    "slides": [
        {"query": "?view=map&ind=gdp_pc&year=2010", "title": "", "note": "各省人均GDP"},
        {"query": "?view=map&ind=gdp_pc&year=2010&area=530000", "title": "云南人均GDP", "note": "云南在西部居中\n细节"},
        {"query": "?view=gaps&ind=urbanisation&year=2010&area=520000", "title": "", "note": ""},
    ],
}


def deck(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard", "deck", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_slide_per_view_with_title_picture_and_notes(tmp_path: Path, lang: str) -> None:
    board = tmp_path / "board.json"
    board.write_text(json.dumps(BOARD, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "deck.pptx"
    result = deck(str(board), "-o", str(output), "--lang", lang)
    assert result.returncode == 0, result.stderr
    presentation = Presentation(str(output))
    slides = list(presentation.slides)
    assert len(slides) == len(BOARD["slides"]) + 2  # a title slide, one per view, a sources slide
    titles = [slide.shapes.title.text for slide in slides]
    assert titles[0] == "云南评审" and titles[2] == "云南人均GDP"
    # Slides without their own title get the view's title in the deck's language.
    assert "2010" in titles[1] and titles[3] == ("目标进展" if lang == "zh" else "Progress towards targets")  # the view renders itself
    # a picture (maps, bars) or a native PowerPoint chart (trends) on every view slide
    has_picture = [any(s.shape_type == MSO_SHAPE_TYPE.PICTURE or getattr(s, "has_chart", False) for s in slide.shapes)
                   for slide in slides[1:-1]]
    if "unavailable" in result.stderr:
        assert not any(has_picture)  # no Chromium: the slides say so instead
    else:
        assert all(has_picture)
    assert slides[2].notes_slide.notes_text_frame.text.startswith("云南在西部居中\n细节")  # then the key sentence
    texts = " ".join(shape.text_frame.text for shape in slides[1].shapes if shape.has_text_frame)
    assert ("数据来源" if lang == "zh" else "Source") in texts


def test_a_bad_storyboard_is_one_located_line_and_exit_2(tmp_path: Path) -> None:
    board = tmp_path / "bad.json"
    board.write_text('{"version": 1, "title": "x", "slides": [{"query": "gdp"}]}', encoding="utf-8")
    result = deck(str(board), "-o", str(tmp_path / "out.pptx"))
    assert result.returncode == 2
    assert "bad.json" in result.stderr and "slide 1" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.pptx").exists()
    missing = deck(str(tmp_path / "none.json"), "-o", str(tmp_path / "out.pptx"))
    assert missing.returncode == 2 and "none.json" in missing.stderr
