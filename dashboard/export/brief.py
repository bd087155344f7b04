"""A province brief: one printable page (HTML with print CSS, and PDF) for a review meeting.

Officials print (open-sdg/open-sdg#1414, #1415). The page holds the province's position on
the map (an image made by kaleido, embedded as a data URI so the file opens offline), its
latest values against the framework targets with years, statuses and sources, the
attainment index for the chosen year, and a numbered source list. Nothing is filled in:
an item without data says so.

PDF: the HTML printed by the headless Chromium already on the machine (kaleido's browser
cannot print pages). Without Chromium, ``BriefPdfUnavailable`` says so and the HTML remains.
"""
from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from dashboard.analysis.attainment import framework_items
from dashboard.analysis.report import MDG_FRAMEWORK, build_report
from dashboard.data.dataset import Dataset
from dashboard.export.images import figure_image
from dashboard.figures.view_render import render_view
from dashboard.figures.labels import value_text
from dashboard.i18n import publisher_text, t, vintage_text
from dashboard.i18n.numbers import format_number, format_year

PDF_TIMEOUT_S: Final = 60
CHROMIUM_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_MAGIC: Final = b"%PDF-"

# Print CSS: A4 portrait, small but legible type, tables that never split a row (the county brief too).
BRIEF_CSS: Final = """
@page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", Arial, sans-serif;
       color: #1f2933; font-size: 9pt; line-height: 1.35; margin: 0; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #1f2933;
         padding-bottom: 4px; margin-bottom: 6px; }
h1 { font-size: 17pt; margin: 0; } h2 { font-size: 11pt; margin: 8px 0 3px; }
.meta { color: #52606d; font-size: 8.5pt; text-align: right; }
.top { display: grid; grid-template-columns: minmax(0, 55fr) minmax(0, 45fr); gap: 8px; align-items: start; }  /* fr, not %: 58% + 42% + the gap overflowed the page and clipped the right column */
.top img { width: 100%; border: 1px solid #e4e7eb; }
.nomap { border: 1px dashed #52606d; padding: 12px; color: #52606d; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.progress { font-size: 7.5pt; }
table.progress col.c-item { width: 31%; } table.progress col.c-latest { width: 17%; }
table.progress col.c-year { width: 7%; } table.progress col.c-target { width: 17%; }
table.progress col.c-status { width: 11%; } table.progress col.c-national { width: 11%; }
table.progress col.c-source { width: 6%; }
td, th { overflow-wrap: anywhere; }
.fw { font-size: 6.5pt; }
.partial { font-style: italic; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
td.num { text-align: right; }
tr { break-inside: avoid; }
.status { font-weight: 600; }
.status-met { color: #047857; } .status-on_track { color: #1d4ed8; } .status-off_track { color: #b45309; }
.status-regressing { color: #b91c1c; } .status-insufficient_data { color: #52606d; }
.muted { color: #52606d; } .unconfirmed { font-style: italic; color: #b45309; }
ol.sources { padding-left: 18px; margin: 2px 0; font-size: 6.5pt; line-height: 1.15; } ol.sources li { margin: 0; }
ol.sources .muted { overflow-wrap: anywhere; }
.cite { font-size: 6pt; line-height: 1.15; margin: 3px 0 0; } .cite h3 { font-size: 7.5pt; margin: 0; display: inline; }
.cite p { margin: 0; overflow-wrap: anywhere; }
.note { font-size: 7.5pt; margin: 3px 0; }  /* small type: the sources and "How to cite" must fit the two pages */
h2 { break-after: avoid; }
sup { font-size: 7pt; }
@media screen { body { max-width: 210mm; margin: 12px auto; padding: 0 12px; } }
"""  # noqa: E501 (CSS, with the reason for a rule beside it)


class BriefPdfUnavailable(RuntimeError):
    """No Chromium to print the brief; the HTML brief is still available."""


@dataclass(frozen=True)
class Citations:
    """Numbered sources in order of first citation, so a table cell can say [2]."""

    dataset: Dataset
    order: list[str]
    vintages: dict[str, str]

    def cite(self, source_id: str | None, vintage: Any = None) -> str:
        if not isinstance(source_id, str) or not source_id:
            return ""
        if source_id not in self.order:
            self.order.append(source_id)
        if isinstance(vintage, str) and vintage:
            self.vintages.setdefault(source_id, vintage)
        return f"[{self.order.index(source_id) + 1}]"


def escape(value: object) -> str:
    """Text for HTML (element or attribute): every brief escapes data and catalogue text alike."""
    return html.escape(str(value), quote=True)


def _source_of(dataset: Dataset, indicator_id: str | None, area_code: str, year: int | None) -> tuple[str | None, Any, str | None]:
    """The source, vintage and flag of the one observation shown (area, indicator, year)."""
    if not indicator_id or year is None:
        return None, None, None
    rows = dataset.series(indicator_id, area_code)
    rows = rows[rows["year"] == year]
    if rows.empty:
        return None, None, None
    row = rows.iloc[0]
    return row["source_id"], row["vintage"], row["flag"]


def _item_names(frameworks: Any, framework_ids: list[str], area_code: str, lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for framework_id in framework_ids:
        try:
            specs = framework_items(frameworks, framework_id, area_code)
        except (KeyError, ValueError):
            continue
        for spec in specs:
            names[spec.item_id] = (spec.name_zh if lang == "zh" else spec.name_en) or spec.name_en or spec.item_id
    return names


def _value(dataset: Dataset, indicator_id: str | None, value: float | None, lang: str) -> str:
    if value is None or not indicator_id:
        return t("terms.no_data", lang)
    return value_text(dataset, indicator_id, value, lang)


def _status(status: str | None, lang: str) -> str:
    status = status or "insufficient_data"
    return f'<span class="status status-{escape(status)}">{escape(t(f"terms.status.{status}", lang))}</span>'


def _progress_rows(dataset: Dataset, report: dict, names: dict[str, str], cites: Citations, lang: str) -> tuple[list[str], list[str]]:
    """Table rows for items with a value, and the names of items without one (listed, not hidden)."""
    rows, missing = [], []
    area_code = report["area_code"]
    for row in report["mdg"]:
        name = names.get(row["item_id"], row["item_id"])
        indicator_id = row["indicator_id"]
        if row["latest"] is None:
            missing.append(name)
            continue
        source_id, vintage, flag = _source_of(dataset, indicator_id, area_code, row["latest_year"])
        flag_note = f' <span class="muted">({escape(t(f"terms.flag.{flag}", lang))})</span>' if flag and flag != "official" else ""
        target = (f'{escape(_value(dataset, indicator_id, row["target"], lang))} ({escape(format_year(row["target_year"], lang))})'
                  if row["target"] is not None else f'<span class="muted">{escape(t("present.brief.no_target", lang))}</span>')
        framework = (t(f"present.brief.framework.{row['framework_id']}", lang)
                     if row["framework_id"] in ("mdg", "nbs2008") else row["framework_id"])
        rows.append(
            "<tr>"
            f"<td>{escape(name)} <span class=\"muted fw\">· {escape(framework)}</span></td>"
            f'<td class="num">{escape(_value(dataset, indicator_id, row["latest"], lang))}{flag_note}</td>'
            f'<td class="num">{escape(format_year(row["latest_year"], lang))}</td>'
            f'<td class="num">{target}</td>'
            f"<td>{_status(row['status'], lang)}</td>"
            f"<td>{_status(row['national_status'], lang)}</td>"
            f"<td>{escape(cites.cite(source_id, vintage))}</td>"
            "</tr>"
        )
    return rows, missing


def _attainment_block(report: dict, cites: Citations, lang: str) -> str:
    attainment = report["attainment"]
    year = format_year(report["year"], lang)
    coverage = format_number(100 * (attainment.get("weight_coverage") or 0.0), lang, 0, unit="%")
    if attainment.get("overall") is None:
        headline = t("present.brief.attainment_insufficient", lang, year=year, coverage=coverage)
    else:
        headline = t("present.brief.attainment_overall", lang, year=year,
                     value=format_number(100 * attainment["overall"], lang, 1, unit="%"), coverage=coverage)
    domains = []
    for domain in attainment.get("domains", []):
        name = domain.get(f"name_{lang}") or domain.get("name_en") or domain.get("domain_id")
        measured = format_number(100 * (domain.get("weight_coverage") or 0.0), lang, 0, unit="%")
        if domain.get("score") is not None:
            score = escape(format_number(100 * domain["score"], lang, 1, unit="%"))
        elif domain.get("partial") is not None:  # below the 80% rule: marked partial, never passed off as the index
            partial = format_number(100 * domain["partial"], lang, 1, unit="%")
            score = (f'<span class="partial">{escape(t("present.brief.partial", lang, value=partial, coverage=measured))}</span>')
        else:
            score = escape(t("terms.status.insufficient_data", lang))
        domains.append(f"<tr><td>{escape(name)}</td><td class=\"num\">{escape(measured)}</td><td class=\"num\">{score}</td></tr>")
    framework_source = next((item.get("source_id") for d in attainment.get("domains", []) for item in d.get("items", [])
                             if item.get("source_id")), None)
    unconfirmed = any(item.get("confidence") == "unconfirmed" for d in attainment.get("domains", [])
                      for item in d.get("items", []))
    note = f'<p class="unconfirmed">{escape(t("present.brief.targets_unconfirmed", lang))}</p>' if unconfirmed else ""
    return (f"<p>{escape(headline)} {escape(cites.cite(framework_source))}</p>"
            f"<table><thead><tr><th>{escape(t('present.brief.domain', lang))}</th>"
            f"<th>{escape(t('present.brief.measured', lang))}</th>"
            f"<th>{escape(t('present.brief.score', lang))}</th></tr></thead><tbody>{''.join(domains)}</tbody></table>{note}")


def sources_list(dataset: Dataset, cites: Citations, lang: str) -> str:
    items = []
    known = set(dataset.sources["source_id"])
    for source_id in cites.order:
        if source_id not in known:
            items.append(f"<li>{escape(source_id)}</li>")
            continue
        source = dataset.source(source_id)
        title = source.get(f"title_{lang}")
        title = title if isinstance(title, str) and title else source.get("title_en")
        parts = [str(title)]
        for key in ("publisher", "year", "table"):
            value = source.get(key)
            if isinstance(value, str) and value or isinstance(value, (int, float)) and value == value:
                parts.append(publisher_text(value, lang) if key == "publisher" else str(value))
        if source_id in cites.vintages:
            parts.append(vintage_text(cites.vintages[source_id], lang))  # the release, in the brief's language
        url = source.get("url")
        link = f' <span class="muted">{escape(url)}</span>' if isinstance(url, str) and url else ""
        items.append(f"<li>{escape('. '.join(parts))}{link}</li>")
    return f'<ol class="sources">{"".join(items)}</ol>'


def _cell(value: object) -> str:
    """A sources-table cell as text; an empty or missing cell is ''."""
    if isinstance(value, str):
        return value.strip()
    return "" if value is None or value != value else str(value)


def citation_block(dataset: Dataset, cites: Citations, lang: str, *, brief_title: str, link: str,
                    exported: date) -> str:
    """Copy-ready "How to cite": the original sources of the values shown first, then this dashboard.

    The original publisher is cited before the compilation (the dashboard), as a reader should;
    each source as the sources table names it (publisher, title, year of the edition used), in the
    order the brief cites them, works of one publisher together so the block stays short enough
    for the brief's two pages.
    """
    known = set(dataset.sources["source_id"])
    works: dict[str, list[str]] = {}                  # publisher -> works, in order of first citation
    for source_id in cites.order:
        publisher, work = "", source_id
        if source_id in known:
            source = dataset.source(source_id)
            publisher, edition = publisher_text(_cell(source.get("publisher")), lang), _cell(source.get("year"))
            work = _cell(source.get(f"title_{lang}")) or _cell(source.get("title_en")) or source_id
            if edition:
                work = t("present.brief.cite_work", lang, title=work, year=edition)
        works.setdefault(publisher, []).append(work)
    # punctuation by language, as the missing-items list joins: "publisher: work; work." per publisher
    colon, join, end = ("：", "；", "。") if lang == "zh" else (": ", "; ", ".")
    groups = [(publisher + colon if publisher else "") + join.join(items) + end for publisher, items in works.items()]
    sources = f'<p class="cite-sources">{escape(" ".join(groups))}</p>' if groups else ""
    dashboard = t("present.brief.cite_dashboard", lang, app=t("ui.app.title", lang), title=brief_title,
                  date=exported.isoformat(), url=link).strip()
    return (f'<div class="cite"><h3>{escape(t("present.brief.cite_heading", lang))}</h3>'
            f'{sources}<p class="cite-dashboard">{escape(dashboard)}</p></div>')


def brief_html(dataset: Dataset, frameworks: Any, area_code: str, year: int, lang: str, *,
               map_png: bytes | None, map_unavailable: str = "", framework_id: str = "nbs2008",
               link: str = "", exported: date | None = None) -> str:
    """The brief as one self-contained HTML document (no external file, font or script).

    ``link`` is the dashboard view the brief was made from (its URL, or just its query), cited
    in "How to cite" with ``exported`` (default: today).
    """
    report = build_report(dataset, frameworks, area_code, year, framework_id)
    area = dataset.area(area_code)
    name = dataset.area_name(area_code, lang)
    other = dataset.area_name(area_code, "en" if lang == "zh" else "zh")
    region = area.get("region")
    roles = dataset.roles[dataset.roles["area_code"] == area_code]["role"].tolist()
    facts = [t(f"terms.region.{region}", lang)] if isinstance(region, str) else []
    facts += [t(f"terms.role.{role}", lang) for role in roles]
    cites = Citations(dataset, [], {})
    names = _item_names(frameworks, [MDG_FRAMEWORK, framework_id], area_code, lang)
    rows, missing = _progress_rows(dataset, report, names, cites, lang)
    attainment = _attainment_block(report, cites, lang)
    if map_png:
        picture = (f'<img alt="{escape(t("present.brief.map_alt", lang, name=name))}" '
                   f'src="data:image/png;base64,{base64.b64encode(map_png).decode("ascii")}">')
    else:
        picture = f'<div class="nomap">{escape(t("present.brief.map_unavailable", lang))} {escape(map_unavailable)}</div>'
    missing_text = (f'<p class="muted note">{escape(t("present.brief.items_without_data", lang, n=len(missing)))} '
                    f'{escape("、".join(missing) if lang == "zh" else "; ".join(missing))}</p>' if missing else "")
    head = "".join(f"<th>{escape(t(f'present.brief.col.{key}', lang))}</th>"
                   for key in ("item", "latest", "year", "target", "status", "national", "source"))
    cols = "".join(f'<col class="c-{key}">' for key in ("item", "latest", "year", "target", "status", "national", "source"))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<title>{escape(t("present.brief.title", lang, name=name))}</title><style>{BRIEF_CSS}</style></head>
<body>
<header><div><h1>{escape(t("present.brief.title", lang, name=name))}</h1>
<div class="muted">{escape(other)} · {escape(area_code)}{''.join(' · ' + escape(f) for f in facts)}</div></div>
<div class="meta">{escape(t("ui.app.title", lang))}<br>{escape(t("present.brief.as_of", lang, year=format_year(year, lang)))}</div></header>
<div class="top"><div>{picture}</div>
<div><h2>{escape(t("present.brief.attainment_heading", lang))}</h2>{attainment}</div></div>
<h2>{escape(t("present.brief.progress_heading", lang))}</h2>
<table class="progress"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(rows) or f'<tr><td colspan="7">{escape(t("terms.no_data", lang))}</td></tr>'}</tbody></table>
{missing_text}
<h2>{escape(t("present.brief.sources_heading", lang))}</h2>
{sources_list(dataset, cites, lang)}
{citation_block(dataset, cites, lang, brief_title=t("present.brief.title", lang, name=name), link=link,
                 exported=exported or date.today())}
<p class="muted note">{escape(t("present.brief.honesty", lang))}</p>
</body></html>
"""  # noqa: E501 (the page template)


def find_chromium() -> str | None:
    """The headless browser that prints the PDF: BROWSER_PATH if set, else one on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


def brief_pdf(document: str) -> bytes:
    """Print ``document`` to PDF with headless Chromium; nothing is fetched (the HTML is self-contained)."""
    browser = find_chromium()
    if browser is None:
        raise BriefPdfUnavailable(
            "PDF needs Chromium on the server (Debian: apt-get install chromium fonts-wqy-microhei; "
            "or set BROWSER_PATH). Download the HTML brief and print it from the browser instead."
        )
    with tempfile.TemporaryDirectory(prefix="brief-") as folder:
        source, target = Path(folder) / "brief.html", Path(folder) / "brief.pdf"
        source.write_text(document, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--disable-background-networking", "--disable-component-update", "--no-first-run",
                   f"--user-data-dir={Path(folder) / 'profile'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as error:
            raise BriefPdfUnavailable(f"Chromium did not finish printing within {PDF_TIMEOUT_S} s") from error
        if not target.is_file() or not target.read_bytes().startswith(PDF_MAGIC):
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise BriefPdfUnavailable(f"Chromium could not print the brief (exit {completed.returncode}: {detail[0]})")
        return target.read_bytes()


def brief_map_png(dataset: Dataset, geojson: dict, south_china_sea: Any, area_code: str, indicator_id: str,
                  year: int | None, lang: str) -> bytes:
    """The province's position: the view's map with the province outlined, small (kaleido)."""
    query = f"?ind={indicator_id}&area={area_code}" + (f"&year={year}" if year else "")
    figure = render_view(dataset, query, lang, geojson=geojson, south_china_sea=south_china_sea).map_figure
    return figure_image(figure, "png", width=760, height=520, scale=2)
