"""The app as deployed: secure defaults, offline assets, a clear message on a bad data folder."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app import GEOJSON_ROUTE, MAIN_GEOJSON_ROUTE, main
from dashboard.config import Settings, parse_settings


def test_defaults_bind_loopback_with_debug_off():
    settings = parse_settings([])
    assert settings.host == "127.0.0.1" and settings.port == 8050 and settings.debug is False
    assert parse_settings(["--port", "9000", "--debug"]).debug is True


def test_the_wsgi_app_serves_page_boundaries_and_assets(dash_app):
    client = dash_app.server.test_client()
    page = client.get("/")
    assert page.status_code == 200 and page.headers["X-Content-Type-Options"] == "nosniff"
    geo = client.get(GEOJSON_ROUTE)
    assert geo.status_code == 200 and geo.json["type"] == "FeatureCollection" and len(geo.json["features"]) == 34
    main_map = client.get(MAIN_GEOJSON_ROUTE)  # the same units without the far-south islands
    assert main_map.status_code == 200 and [f["id"] for f in main_map.json["features"]] == [f["id"] for f in geo.json["features"]]
    assert len(main_map.data) < len(geo.data)
    assert client.get("/assets/topojson/world_110m.json").status_code == 200
    assert client.get("/assets/plotly-locale-zh-cn.js").status_code == 200


def test_no_page_resource_points_off_this_machine(dash_app):
    html = dash_app.server.test_client().get("/").get_data(as_text=True)
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


def test_layout_follows_the_browser_language(dash_app):
    client = dash_app.server.test_client()
    # Decode: the layout JSON may escape non-ASCII characters.
    zh = json.dumps(client.get("/_dash-layout", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).json,
                    ensure_ascii=False)
    en = json.dumps(client.get("/_dash-layout", headers={"Accept-Language": "en-GB,en;q=0.9"}).json)
    assert "人均地区生产总值" in zh and "GDP per capita" in en and "人均地区生产总值" not in en


@pytest.mark.parametrize("query", [
    "?year=%C2%B2", "?year=%E2%91%A0", "?view=present&slide=%C2%B2", "?pilots=%3Cjunk%3E", "?fw=%C2%B2",
    "?view=gaps&year=%E2%91%A0&fw=%C2%B2", "?view=disparity&year=%C2%B2", "?view=attainment&year=%C2%B2",
    "?view=data&pilots=%3Cjunk%3E",
])
def test_hostile_links_still_get_a_layout(dash_app, query):
    """The layout is rendered from the page's query (Referer); a bad value was a blank page."""
    client = dash_app.server.test_client()
    response = client.get("/_dash-layout", headers={"Referer": f"http://localhost/{query}"})
    assert response.status_code == 200 and response.json["type"] == "Div"


def test_uploads_beyond_the_cap_are_refused_by_the_server(dash_app):
    assert dash_app.server.config["MAX_CONTENT_LENGTH"] < 10 * 1024 * 1024
    client = dash_app.server.test_client()
    response = client.post("/_dash-update-component", data=b"x" * (dash_app.server.config["MAX_CONTENT_LENGTH"] + 1),
                           content_type="application/json")
    assert response.status_code == 413


def test_bad_data_folder_is_one_clear_line(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Cannot start" in err and "areas.csv" in err and "Traceback" not in err


@pytest.mark.parametrize("content", ["", "area_code,indicator_id,year,value,subgroup,source_id,vintage,flag,note\n"])
def test_empty_or_header_only_observations_is_named_at_start_up(data_dir, capsys, content):
    (data_dir / "observations.csv").write_text(content, encoding="utf-8")
    assert main(["--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "Cannot start: observations.csv" in err and "Traceback" not in err


@pytest.mark.parametrize(("name", "content", "said"), [
    ("geo/provinces.geojson", "", "is not valid UTF-8 JSON"),
    ("geo/provinces.geojson", "[]", "is not a GeoJSON FeatureCollection"),
    ("frameworks/published_attainment.csv", "", "file is empty"),
    ("frameworks/published_attainment.csv", "{}", "row 1: header lacks column(s)"),
    ("frameworks/published_attainment.csv",
     "area_code,year,scheme,measure,value,source,confidence\n530000,2010,nbs,overall,n/a,x,S\n",
     "row 2, column 'value': 'n/a' is not a number"),
])
def test_a_broken_file_a_view_reads_later_is_named_at_start_up(tmp_path, capsys, monkeypatch, name, content, said):
    """The app used to start: the map came up empty, the attainment view answered 500."""
    import shutil
    from pathlib import Path

    import dash

    monkeypatch.setattr(dash.Dash, "run", lambda *args, **kwargs: None)  # never serve from a test

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", folder)
    (folder / name).write_text(content, encoding="utf-8")
    assert main(["--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"Cannot start: {name}" in err and said in err and "Traceback" not in err


def test_python_app_help_runs():
    result = subprocess.run([sys.executable, "app.py", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--data-dir" in result.stdout and "127.0.0.1" in result.stdout


def test_settings_are_immutable():
    settings = Settings()
    try:
        settings.port = 1  # type: ignore[misc]
    except AttributeError:
        return
    raise AssertionError("Settings must be frozen")


def test_readme_production_command_loads_the_app():
    """The README's gunicorn command, checked by gunicorn itself (it imports wsgi:application)."""
    import re
    import runpy
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    command = re.search(r"^\s+(gunicorn -c \S+ \S+)$", (root / "README.md").read_text(encoding="utf-8"), re.M)
    assert command and command.group(1) == "gunicorn -c gunicorn.conf.py wsgi:application"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    args = [str(gunicorn), "--check-config", *command.group(1).split()[1:]]
    result = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    config = runpy.run_path(str(root / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8050" and config["workers"] >= 2
    assert config["limit_request_line"] <= 4094 and config["limit_request_fields"] <= 100 and config["timeout"] > 0
