"""The brief routes: `/brief/county/<code>.pdf?lang=zh|en`, a county's one-page brief as PDF.

The code is looked up in the set of county-level units the county maps draw, made at start-up,
and the language in LANGS, before anything is built: an unknown code answers 404, a bad `lang`
400, each with a catalogued message (text, no traceback). Neither reaches the file system: the
boundaries are read by the province code of a known unit, and the PDF is printed from a
temporary folder with fixed names. No Chromium: 503 with the reason.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, request

from dashboard.data.dataset import Dataset
from dashboard.data.errors import DataError
from dashboard.drill import open_counties
from dashboard.export.brief import BriefPdfUnavailable, brief_pdf
from dashboard.export.county_brief import county_brief_html, county_codes
from dashboard.geo import load_counties
from dashboard.i18n import DEFAULT_LANG, LANGS, t
from dashboard.state import ViewState, to_query

COUNTY_BRIEF_ROUTE = "/brief/county/"


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def install_brief_routes(server: Flask, dataset: Dataset, data_dir: Path, app_root: str = "/") -> None:
    """``app_root``: the app's page as served (the brief's "How to cite" links the county's view)."""
    codes = county_codes(dataset)

    @server.route(f"{COUNTY_BRIEF_ROUTE}<code>.pdf")
    def county_brief(code: str) -> Response:
        lang = request.args.get("lang", DEFAULT_LANG)
        if lang not in LANGS:  # both languages: the asker's language is what is unknown
            return _text(" / ".join(t("present.county_brief.bad_lang", each) for each in LANGS), 400)
        if code not in codes:
            return _text(t("present.county_brief.unknown_county", lang), 404)
        province = f"{code[:2]}0000"
        try:
            counties: dict | None = load_counties(data_dir, province)
        except DataError:
            counties = None  # the brief says the picture could not be made
        state = open_counties(ViewState(lang=lang), province).with_(area_code=code)
        link = f"{request.host_url.rstrip('/')}{app_root}{to_query(state)}"
        try:
            pdf = brief_pdf(county_brief_html(dataset, counties, code, lang, link=link))
        except BriefPdfUnavailable as error:
            return _text(t("present.county_brief.pdf_unavailable", lang, error=error), 503)
        response = Response(pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="county-brief-{code}-{lang}.pdf"'
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response
