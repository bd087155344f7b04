"""Storyboards: save/load round trip, immutable editing, and located errors for bad files."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.data.errors import DataError
from dashboard.export.storyboard import (
    MAX_FILE_BYTES,
    MAX_SLIDES,
    Slide,
    Storyboard,
    from_json,
    to_json,
)

YUNNAN = Slide(query="?ind=gdp_pc&year=2010&area=530000&lang=zh&view=map", title="云南人均GDP", note="西部最低之一。")
GUIZHOU = Slide(query="?ind=u5mr&year=2010&area=520000&lang=en&view=line", title="Guizhou U5MR", note="")
NATIONAL = Slide(query="?ind=attainment&fw=nbs2008&year=2010", title="全国小康实现程度", note="80.1%")


@pytest.fixture
def board() -> Storyboard:
    return Storyboard(title="2010年度评审 / 2010 review", slides=(YUNNAN, GUIZHOU, NATIONAL))


def test_round_trip_keeps_chinese_text(board: Storyboard) -> None:
    text = to_json(board)
    assert "云南人均GDP" in text  # readable in the file, not \u escapes
    assert from_json(text) == board


def test_minimal_slide_defaults_title_and_note() -> None:
    loaded = from_json('{"version": 1, "title": "t", "slides": [{"query": "?ind=gdp_pc"}]}')
    assert loaded.slides == (Slide(query="?ind=gdp_pc"),)


def test_editing_returns_new_storyboards(board: Storyboard) -> None:
    moved = board.move(2, -2)
    assert moved.slides == (NATIONAL, YUNNAN, GUIZHOU)
    assert board.slides == (YUNNAN, GUIZHOU, NATIONAL)  # the original is unchanged
    assert board.move(0, -1) == board  # "up" on the first slide stays put
    assert board.move(0, 10).slides == (GUIZHOU, NATIONAL, YUNNAN)
    assert board.delete(1).slides == (YUNNAN, NATIONAL)
    assert board.add(GUIZHOU).slides[-1] == GUIZHOU
    assert board.add(GUIZHOU, index=0).slides[0] == GUIZHOU
    edited = board.update(0, Slide(query=YUNNAN.query, title=YUNNAN.title, note="新说明"))
    assert edited.slides[0].note == "新说明" and board.slides[0].note == YUNNAN.note


def test_slides_are_a_tuple_even_from_a_list() -> None:
    assert isinstance(Storyboard(title="t", slides=[YUNNAN]).slides, tuple)  # type: ignore[arg-type]


@pytest.mark.parametrize("index", [-1, 3])
def test_bad_index_raises(board: Storyboard, index: int) -> None:
    with pytest.raises(IndexError):
        board.delete(index)
    with pytest.raises(IndexError):
        board.move(index, 1)


def test_slide_rejects_a_query_that_is_not_a_query_string() -> None:
    with pytest.raises(ValueError, match="'query'"):
        Slide(query="ind=gdp_pc")


def test_storyboard_caps_slides() -> None:
    with pytest.raises(ValueError, match=str(MAX_SLIDES)):
        Storyboard(title="t", slides=(YUNNAN,) * (MAX_SLIDES + 1))


def _doc(**changes: object) -> str:
    document: dict[str, object] = {"version": 1, "title": "t", "slides": [{"query": "?a=1"}] * 3}
    document.update(changes)
    return json.dumps(document, ensure_ascii=False)


def _slides(*slides: object) -> str:
    return _doc(slides=[{"query": "?a=1"}, {"query": "?b=2"}, *slides])


MALFORMED = [
    ("", "not valid JSON"),
    ('{"version": 1,\n "title": "t",\n "slides": [}', "row 3"),
    ("[]", "must be a JSON object"),
    ('"text"', "must be a JSON object"),
    (_doc(version=2), "version 2 is not supported"),
    (_doc(version="1"), "'version' must be a whole number"),
    (_doc(version=True), "'version' must be a whole number"),
    ('{"title": "t", "slides": []}', "'version' missing"),
    ('{"version": 1, "slides": []}', "'title' missing"),
    (_doc(title=3), "'title' must be text"),
    ('{"version": 1, "title": "t"}', "'slides' missing"),
    (_doc(slides={"query": "?a=1"}), "'slides' must be a list"),
    (_doc(slides=[{"query": "?a=1"}] * (MAX_SLIDES + 1)), f"at most {MAX_SLIDES}"),
    (_doc(author="x"), "unknown key(s) 'author'"),
    (_slides({"title": "no query"}), "slide 3: 'query' missing"),
    (_slides({"query": 5}), "slide 3: 'query' must be text, not int"),
    (_slides({"query": "ind=gdp_pc"}), "slide 3: 'query' must start with '?'"),
    (_slides({"query": "?ind=gdp pc"}), "slide 3: 'query' must not contain spaces"),
    (_slides({"query": "?ind"}), "slide 3: 'query' is not a valid query string"),
    (_slides({"query": "?a=1", "notes": "typo"}), "slide 3: unknown key(s) 'notes'"),
    (_slides({"query": "?a=1", "note": ["x"]}), "slide 3: 'note' must be text, not list"),
    (_slides({"query": "?a=1", "title": "长" * 301}), "slide 3: 'title' is longer than 300"),
    (_slides("?a=1"), "slide 3: must be an object"),
    ("[" * MAX_FILE_BYTES + "]", "bytes"),
]


@pytest.mark.parametrize(("text", "expected"), MALFORMED, ids=[expected for _, expected in MALFORMED])
def test_malformed_file_raises_located_data_error(text: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        from_json(text, source_name="review.json")
    assert caught.value.location.file == "review.json"
    assert expected in str(caught.value)


def test_size_cap_counts_utf8_bytes() -> None:
    padding = "说" * (MAX_FILE_BYTES // 3 + 1)  # under the cap in characters, over it in bytes
    with pytest.raises(DataError, match="at most"):
        from_json(_doc(title=padding))


def test_deeply_nested_json_within_size_cap_is_a_data_error() -> None:
    nested = '{"version": 1, "title": "t", "slides": ' + "[" * 50_000 + "]" * 50_000 + "}"
    with pytest.raises(DataError):
        from_json(nested)


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_query = st.dictionaries(st.sampled_from(["ind", "year", "area", "lang", "view", "fw"]),
                         st.from_regex(r"[a-z0-9_]{1,8}", fullmatch=True), max_size=5).map(
    lambda pairs: "?" + "&".join(f"{key}={value}" for key, value in pairs.items())
)
_slide = st.builds(Slide, query=_query, title=_text, note=_text)


@given(st.builds(Storyboard, title=_text, slides=st.lists(_slide, max_size=8).map(tuple)))
def test_any_storyboard_survives_a_round_trip(board: Storyboard) -> None:
    assert from_json(to_json(board)) == board
