"""Write the bad-input corpus and its manifest (run once; the files are committed).

    python tests/data/bad_inputs/make_corpus.py

Each file is a small, realistic mistake an official might upload. manifest.csv says what must
happen: `error` files must raise a DataError whose text names the file, contains `location`
(row / column / sheet) and `fragment`; `ok` files must import. The 50 MB file and a full-size
zip bomb are made at test time instead (too big to commit).
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl

from xls_writer import compound_file, workbook_stream  # beside this script

HERE = Path(__file__).resolve().parent
ZH = "地区,指标,年份,数值,分组,来源,版本,标记,备注"
EN = "area,indicator_id,year,value,subgroup,source_id,vintage,flag,note"
NBS_HEAD = "数据库：分省年度数据\r\n指标：年末常住人口(万人)\r\n时间：最近3年\r\n地区,2012年,2011年,2010年\r\n"
NBS_FOOT = "注：常住人口包括居住在本乡镇街道半年以上的人。\r\n数据来源：国家统计局\r\n"

# file, outcome, fragment, location, indicator
MANIFEST: list[tuple[str, str, str, str, str]] = []


def text(name: str, body: str, outcome: str, fragment: str, location: str = "", *,
         encoding: str = "utf-8", indicator: str = "") -> None:
    (HERE / name).write_bytes(body.encode(encoding))
    MANIFEST.append((name, outcome, fragment, location, indicator))


def raw(name: str, body: bytes, outcome: str, fragment: str, location: str = "", indicator: str = "") -> None:
    (HERE / name).write_bytes(body)
    MANIFEST.append((name, outcome, fragment, location, indicator))


def workbook(sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None,
             formats: dict[str, dict[str, str]] | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(title, []):
            sheet.merge_cells(cell_range)
        for cell, number_format in (formats or {}).get(title, {}).items():
            sheet[cell].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def far_cell_sheets(count: int, far_cell: str = "J19999") -> bytes:
    """`count` sheets, each a heading and one far cell: every sheet within the per-sheet limit,
    together beyond the workbook's (openpyxl pads each sheet to its extent)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number in range(count):
        sheet = book.create_sheet(f"表{number + 1}")
        sheet.append(ZH.split(","))
        sheet[far_cell] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(xlsx: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, body in (add or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def make() -> None:
    for old in HERE.iterdir():
        if old.name not in ("make_corpus.py", "xls_writer.py", "__init__.py") and old.is_file():
            old.unlink()

    # --- encodings ---------------------------------------------------------------------------
    text("gbk_template_ok.csv", f"{ZH}\r\n云南省,population,2010,4602,,,,,\r\n", "ok", "", encoding="gbk")
    text("gbk_text_in_number.csv", f"{ZH}\r\n云南,population,2010,4602,,,,,\r\n北京,population,2010,一九六二,,,,,\r\n",
         "error", "is not a number", "row 3, column 'D 数值'", encoding="gbk")
    text("utf16_tab_ok.txt", EN.replace(",", "\t") + "\r\nYunnan\tpopulation\t2010\t4602\t\t\t\t\t\r\n", "ok", "",
         encoding="utf-16")
    text("utf16_no_bom.csv", f"{EN}\r\nYunnan,population,2010,4602,,,,,\r\n", "error",
         "UTF-16 text without a byte-order mark", encoding="utf-16-le")
    text("latin1_mojibake.csv", f"{ZH}\r\n" + "北京".encode().decode("latin-1") + ",population,2010,1962,,,,,\r\n",
         "error", "garbled Chinese", "row 2, column 'A 地区'")
    text("gbk_read_as_utf8_mojibake.csv", f"{EN}\r\n" + "北京".encode().decode("gb18030") + ",population,2010,1962,,,,,\r\n",
         "error", "garbled Chinese", "row 2, column 'A area'")
    raw("mixed_encoding.csv", f"{EN}\r\n".encode() + "北京,population,2010,1962,,,,,\r\n".encode("gbk")
        + "云南,population,2010,4602,,,,,\r\n".encode(), "error", "garbled Chinese", "row 3, column 'A area'")
    text("replacement_chars.csv", f"{EN}\r\n\ufffd\ufffd,population,2010,1962,,,,,\r\n", "error", "encoding was lost",
         "row 2, column 'A area'")

    # --- NBS exports -------------------------------------------------------------------------
    text("nbs_gbk_ok.csv", NBS_HEAD + "北京市,2069,2019,1962\r\n云南省,4659,4631,4602\r\n" + NBS_FOOT, "ok", "",
         encoding="gbk")
    text("nbs_no_indicator_named.csv", NBS_HEAD.replace("年末常住人口(万人)", "某项指标(个)") + "北京市,1,2,3\r\n" + NBS_FOOT,
         "error", "say which indicator it is", encoding="gbk")
    text("nbs_footers_only.csv", NBS_HEAD + NBS_FOOT, "error", "no region rows", "row 5", encoding="gbk", indicator="population")
    text("nbs_unknown_region.csv", NBS_HEAD + "北京市,2069,2019,1962\r\n内蒙古自冶区,2490,2482,2472\r\n" + NBS_FOOT,
         "error", "did you mean 内蒙古自治区", "row 6", encoding="gbk", indicator="population")
    text("nbs_text_in_cell.csv", NBS_HEAD + "北京市,2069,约2019,1962\r\n" + NBS_FOOT, "error", "is not a number",
         "row 5, column '2011年'", encoding="gbk", indicator="population")
    text("nbs_all_missing.csv", NBS_HEAD + "北京市,--,..,\r\n云南省,--,--,--\r\n" + NBS_FOOT, "error", "has no values",
         encoding="gbk", indicator="population")
    text("nbs_negative_population.csv", NBS_HEAD + "北京市,2069,2019,1962\r\n云南省,4659,-4631,4602\r\n" + NBS_FOOT,
         "error", "below 0", "row 6, column '2011年'", encoding="gbk", indicator="population")
    text("nbs_duplicate_region.csv", NBS_HEAD + "北京市,2069,2019,1962\r\n北京,2069,2019,1962\r\n" + NBS_FOOT,
         "error", "already appears in row 5", "row 6", encoding="gbk", indicator="population")
    text("nbs_english_needs_indicator.csv",
         "Database：Annual by Province\r\nIndicators：Some Series(units)\r\nYear：LATEST3\r\n"
         "Region,2012,2011,2010\r\nBeijing,2069,2019,1962\r\nData Sources：National Bureau of Statistics\r\n",
         "error", "say which indicator it is")
    raw("nbs_in_xlsx_ok.xlsx", workbook({"Sheet1": [
        ["数据库：分省年度数据"], ["指标：年末常住人口(万人)"], ["时间：最近3年"],
        ["地区", "2012年", "2011年", "2010年"], ["北京市", 2069, 2019, 1962], ["注：常住人口"],
    ]}), "ok", "")

    # --- empty and structure -----------------------------------------------------------------
    raw("empty.csv", b"", "error", "file is empty")
    raw("whitespace_only.csv", b"  \r\n\r\n\t\r\n", "error", "file is empty")
    text("header_only.csv", f"{ZH}\r\n", "error", "no values below it")
    text("blank_template_unfilled.csv",
         "\ufeff# 填写说明：每行填写一个地区、一个指标、一年的数值\r\n" + f"{ZH}\r\n", "error", "no values below it")
    text("comments_only.csv", "# 只有说明\r\n# no table here\r\n", "error", "has no rows")
    text("no_area_column.csv", "指标,年份,数值\r\npopulation,2010,4602\r\n", "error", "no area column", "row 1")
    text("unknown_heading.csv", "地区,指标,年份,数字\r\n云南,population,2010,4602\r\n", "error", "is not a template column",
         "row 1, column 'D 数字'")
    text("duplicate_heading.csv", "地区,指标,年份,数值,value\r\n云南,population,2010,4602,4602\r\n", "error",
         "repeats the value column D", "row 1, column 'E value'")
    text("mixed_long_wide.csv", "地区,指标,年份,数值,2011\r\n云南,population,2010,4602,4631\r\n", "error", "mixes the long layout",
         "row 1")
    text("no_indicator_column.csv", "地区,年份,数值\r\n云南,2010,4602\r\n", "error", "no indicator column", "row 1")
    text("stray_cell.csv", "地区,指标,年份,数值,\r\n云南,population,2010,4602,oops\r\n", "error", "column without a heading",
         "row 2, column 'E'")

    # --- names -------------------------------------------------------------------------------
    text("unknown_area.csv", f"{ZH}\r\n云南,population,2010,4602,,,,,\r\n黑龍江省,population,2011,3833,,,,,\r\n",
         "error", "did you mean 黑龙江省 / Heilongjiang", "row 3, column 'A 地区'")
    text("unknown_area_english.csv", f"{EN}\r\nYunan,population,2010,4602,,,,,\r\n", "error", "did you mean",
         "row 2, column 'A area'")
    text("alias_areas_ok.csv",
         f"{EN}\r\nNei Mongol,population,2010,2472,,,,,\r\n内蒙古,population,2011,2482,,,,,\r\n"
         "Sinkiang,population,2010,2185,,,,,\r\n530000,population,2011,4631,,,,,\r\n"
         "云南省,population,2012,4659,,,,,\r\nTibet Autonomous Region,population,2010,300,,,,,\r\n", "ok", "")
    text("empty_area.csv", f"{ZH}\r\n,population,2010,4602,,,,,\r\n", "error", "area is empty", "row 2, column 'A 地区'")
    text("unknown_indicator.csv", f"{ZH}\r\n云南,populaton,2010,4602,,,,,\r\n", "error", "did you mean population",
         "row 2, column 'B 指标'")
    text("bad_subgroup.csv", f"{ZH}\r\n云南,population,2010,4602,城乡,,,,\r\n", "error", "is not a subgroup",
         "row 2, column 'E 分组'")
    text("bad_flag.csv", f"{ZH}\r\n云南,population,2010,4602,,,,猜的,\r\n", "error", "is not a flag", "row 2, column 'H 标记'")

    # --- cells -------------------------------------------------------------------------------
    text("duplicate_rows.csv", f"{ZH}\r\n云南,population,2010,4602,,,,,\r\n北京,population,2010,1962,,,,,\r\n"
         "云南省,population,2010,4600,,,,,\r\n", "error", "repeats row 2", "row 4")
    text("text_in_number.csv", f"{EN}\r\nYunnan,population,2010,12a,,,,,\r\n", "error", "'12a' is not a number",
         "row 2, column 'D value'")
    text("excel_error_value.csv", f"{EN}\r\nYunnan,urbanisation_rate,2010,#DIV/0!,,,,,\r\n", "error", "Excel error",
         "row 2, column 'D value'")
    text("semicolon_decimal_comma.csv", EN.replace(",", ";") + "\r\nYunnan;urbanisation_rate;2010;34,7;;;;;\r\n",
         "error", "'34,7' is not a number", "row 2, column 'D value'")
    text("semicolon_ok.csv", EN.replace(",", ";") + "\r\nYunnan;urbanisation_rate;2010;34.7;;;;;\r\n", "ok", "")
    text("missing_markers_only.csv", f"{ZH}\r\n云南,population,2010,--,,,,,\r\n北京,population,2010,..,,,,,\r\n"
         "天津,population,2010,,,,,,\r\n", "error", "no values below it")
    text("missing_markers_wide_ok.csv", "地区,指标,2010,2011,2012\r\n云南,population,4602,--,4659\r\n"
         "北京,population,..,2019,\r\n", "ok", "")
    text("thousands_separator_ok.csv", f'{EN}\r\nYunnan,gdp,2010,"7,224.18",,,,,\r\n', "ok", "")
    text("year_text.csv", f"{EN}\r\nYunnan,population,twenty ten,4602,,,,,\r\n", "error", "is not a year",
         "row 2, column 'C year'")

    # --- absurd values -------------------------------------------------------------------------
    text("negative_population.csv", f"{ZH}\r\n云南,population,2010,-4602,,,,,\r\n", "error", "below 0",
         "row 2, column 'D 数值'")
    text("percentage_250.csv", f"{EN}\r\nYunnan,urbanisation_rate,2010,250,,,,,\r\n", "error", "above 100",
         "row 2, column 'D value'")
    text("year_3020.csv", f"{EN}\r\nYunnan,population,3020,4602,,,,,\r\n", "error", "outside 1949",
         "row 2, column 'C year'")
    text("year_1900.csv", f"{EN}\r\nYunnan,population,1900,4602,,,,,\r\n", "error", "outside 1949",
         "row 2, column 'C year'")
    text("wide_year_3020.csv", "地区,指标,2010,3020\r\n云南,population,4602,4631\r\n", "error", "outside 1949",
         "row 1, column 'D 3020'")
    text("life_expectancy_200.csv", f"{EN}\r\nYunnan,life_expectancy,2010,200,,,,,\r\n", "error", "above 150",
         "row 2, column 'D value'")
    text("category_out_of_range.csv", f"{EN}\r\nYunnan,poverty_band,2016,7,,,,,\r\n", "error", "above 3",
         "row 2, column 'D value'")
    text("percentage_as_fraction_sign.csv", f"{EN}\r\nYunnan,urbanisation_rate,2010,-34.7%,,,,,\r\n", "error", "below 0",
         "row 2, column 'D value'")

    # --- not tables ----------------------------------------------------------------------------
    text("html_saved_as.xls", "<html><head><meta charset='utf-8'></head><body><table><tr><td>地区</td></tr></table>"
         "</body></html>", "error", "web page")
    text("spreadsheetml_2003.xls", '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
         "</Workbook>", "error", "web page (HTML/XML)")
    raw("binary.csv", bytes(range(256)) * 4, "error", "binary file")
    raw("ole2_old_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "error", "damaged Excel 97-2003")
    raw("pdf_named.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "error", "is a PDF")

    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 4000
    raw("elf_named.xlsx", elf, "error", "is a program (ELF executable)")
    # Headings saved as UTF-8, read once as cp1252 and saved again: 地区 -> åœ°åŒº.
    mojibake = ",".join(h.encode("utf-8").decode("cp1252", errors="replace") for h in ("地区", "指标"))
    text("mojibake_heading.csv", f"{mojibake},年份,数值\r\n云南,population,2010,4602\r\n", "error",
         "looks like garbled Chinese ('地区'", "row 1, column 'A")

    # --- Excel 97-2003 (.xls, BIFF8), written by xls_writer: no real download is copied -------
    template = [ZH.split(",")[:4], ["云南", "population", 2010, 4602], ["贵州", "population", 2010, 3479]]
    raw("xls_template_ok.xls", compound_file(workbook_stream(template)), "ok", "")
    nbs = [["数据库：分省年度数据"], ["指标：年末常住人口(万人)"], ["时间：最近2年"], ["地区", "2011年", "2010年"],
           ["云南省", 4631, 4602], ["贵州省", 3469, 3479], ["注：常住人口包括居住在本乡镇街道半年以上的人。"]]
    raw("xls_nbs_export_ok.xls", compound_file(workbook_stream(nbs, sheet="分省年度数据")), "ok", "")
    raw("xls_macros_ok.xls", compound_file(workbook_stream(template), extra=(("_VBA_PROJECT_CUR", 1),)), "ok", "")
    raw("xls_broken.xls", compound_file(workbook_stream(template))[:2000], "error", "damaged Excel 97-2003 (.xls)")
    raw("xls_password.xls", compound_file(workbook_stream(template, password=True)), "error", "password-protected")
    raw("xls_encrypted_xlsx.xls", compound_file(workbook_stream(template), extra=(("EncryptionInfo", 2),
                                                                                  ("EncryptedPackage", 2))),
        "error", "password-protected")
    raw("xls_huge_sheet.xls", compound_file(workbook_stream(template, far_cell=(65535, 255))), "error",
        "too large to import", "sheet '数据'")
    raw("xls_no_workbook.xls", compound_file(b"", extra=()).replace("Workbook".encode("utf-16-le"),
                                                                   "WordDocu".encode("utf-16-le")),
        "error", "not an Excel workbook")

    # --- workbooks -----------------------------------------------------------------------------
    good = workbook({"数据": [ZH.split(","), ["云南", "population", 2010, 4602]]})
    raw("zip_not_workbook.xlsx", rezip(good, drop=("xl/workbook.xml",)), "error", "not an Excel workbook")
    raw("truncated.xlsx", good[:300], "error", "damaged")
    raw("zip_bomb_small.xlsx", rezip(good, add={"xl/media/image1.bin": b"\x00" * (5 * 1024 * 1024)}), "error", "zip bomb")
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        workbook_xml = source.read("xl/workbook.xml")
    entity = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>' + workbook_xml.split(b"?>", 1)[-1]
    raw("xml_entities.xlsx", rezip(good, replace={"xl/workbook.xml": entity}), "error", "declares XML entities")
    # A 5 KB sheet whose one merge spans the whole grid (openpyxl used to build 17 G cells).
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        sheet_xml = source.read("xl/worksheets/sheet1.xml")
    bomb = sheet_xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                              b"</mergeCells>")
    raw("merged_cells_bomb.xlsx", rezip(good, replace={"xl/worksheets/sheet1.xml": bomb}), "error",
        "merged range A1:XFD1048576 covers", "sheet '数据'")
    # The same entity, in a UTF-16 part: no b"<!ENTITY" among its bytes.
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
             + workbook_xml.decode("utf-8").split("?>", 1)[-1]).encode("utf-16")
    raw("xml_entities_utf16.xlsx", rezip(good, replace={"xl/workbook.xml": utf16}), "error", "declares XML entities")
    link = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink '
            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    raw("external_links_ok.xlsx", rezip(good, add={"xl/externalLinks/externalLink1.xml": link}), "ok", "")
    raw("merged_cells_ok.xlsx", workbook(
        {"数据": [ZH.split(","), ["云南", "population", 2010, 4602], [None, None, 2011, 4631], [None, None, 2012, 4659]]},
        merges={"数据": ["A2:A4", "B2:B4"]}), "ok", "")
    raw("merged_cells_bad_value.xlsx", workbook(
        {"数据": [ZH.split(","), ["云南", "population", 2010, 4602], [None, None, 2011, "n.a."]]},
        merges={"数据": ["A2:A3", "B2:B3"]}), "error", "is not a number", "sheet '数据', row 3, column 'D 数值'")
    raw("multi_sheet_ok.xlsx", workbook({
        "封面": [["云南省统计局 2011 年报送"], ["联系人：张三"]],
        "数据": [ZH.split(","), ["云南", "population", 2010, 4602]],
    }), "ok", "")
    raw("wrong_sheets.xlsx", workbook({"Chart notes": [["See chart"]], "Summary": [["Total", 12]]}), "error",
        "no sheet looks like data")
    raw("single_wrong_sheet.xlsx", workbook({"Sheet1": [["Province", "GDP"], ["Yunnan", 7224]]}), "error",
        "is not a template column", "sheet 'Sheet1', row 1, column 'B GDP'")
    raw("xlsx_text_in_number.xlsx", workbook({"data": [EN.split(","), ["Yunnan", "population", 2010, "4,60.2"]]}),
        "error", "is not a number", "sheet 'data', row 2, column 'D value'")
    raw("xlsx_percent_250.xlsx", workbook({"data": [EN.split(","), ["Yunnan", "urbanisation_rate", 2010, 2.5]]},
                                          formats={"data": {"D2": "0.0%"}}),
        "error", "above 100", "sheet 'data', row 2, column 'D value'")
    import datetime as dt
    raw("xlsx_date_year.xlsx", workbook({"data": [EN.split(","), ["Yunnan", "population", dt.datetime(2010, 1, 1), 4602]]}),
        "error", "is a date", "sheet 'data', row 2, column 'C year'")
    raw("far_cells_many_sheets.xlsx", far_cell_sheets(3), "error", "sheets use more than 500,000 cells together")

    with (HERE / "manifest.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "outcome", "fragment", "location", "indicator"])
        writer.writerows(MANIFEST)


if __name__ == "__main__":
    make()
