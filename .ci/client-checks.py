#!/usr/bin/env python3
"""Opens lakip's output in the real clients a planner uses and checks what they see.

- LibreOffice Calc (headless) imports the excel-id CSV with Indonesian locale settings: target,
  realisasi and capaian columns must arrive as numbers equal to the computed values.
- LibreOffice Calc opens the XLSX (converted to CSV per sheet and read back).
- openpyxl reads the XLSX: sheet names, headers, numeric cell types and values match the CSV tables.
- Headless Chromium renders laporan.html to PNG and to PDF (A4 landscape); the rendered DOM holds
  the tables and the SVG charts.

Usage: client-checks.py LAKIP_EXECUTABLE DATA_DIR [ARTEFACT_DIR]
Prints one line per check and closes with "N passed, N failed"; exits 1 when any check failed.
"""
import csv
import glob
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl

TABLES = ["pengukuran_kinerja", "capaian_triwulan", "capaian_semester", "capaian", "rekap_opd"]
INDONESIAN = 1057  # LibreOffice language id (LCID) of Indonesian
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + detail), flush=True)
    return condition


def number(text):
    """The exact number a standard-dialect CSV field holds, or None for text and empty fields."""
    if text is None or not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def read_csv(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def same_number(cell, expected):
    return isinstance(cell, (int, float)) and not isinstance(cell, bool) and abs(Decimal(repr(cell)) - expected) <= Decimal("1e-9")


def compare_sheet(label, rows, table, decimal_comma=False):
    """rows: cell values read back (header first); table: the standard CSV rows."""
    problems = []
    header = [str(v) if v is not None else "" for v in rows[0]] if rows else []
    # Columns are matched by name: every column read back must be a CSV column, in CSV order.
    positions = [table[0].index(h) if h in table[0] else None for h in header]
    if None in positions or positions != sorted(positions) or not header:
        problems.append(f"header {header} is not the CSV's {table[0]}")
    elif header != table[0]:
        print(f"note {label}: columns not in this sheet: {[h for h in table[0] if h not in header]}")
    if len(rows) != len(table):
        problems.append(f"{len(rows) - 1} data rows, CSV has {len(table) - 1}")
    numeric = 0
    for r, (got_row, csv_row) in enumerate(zip(rows[1:], table[1:]), start=2):
        for c, source in enumerate(positions):
            if source is None:
                continue
            want = csv_row[source] if source < len(csv_row) else ""
            got = got_row[c] if c < len(got_row) else None
            expected = number(want)
            if expected is not None and header[c] not in ("kode_opd", "kode_indikator", "kode_sasaran"):
                numeric += 1
                if not same_number(got, expected):
                    problems.append(f"row {r} {header[c]}: {got!r} is not the number {want}")
            elif want == "":
                if got not in (None, ""):
                    problems.append(f"row {r} {header[c]}: {got!r} where the CSV is empty")
            elif str(got) != want and not (decimal_comma and re.fullmatch(r"[\d.]+-[\d.]+", want)
                                           and str(got) == want.replace(".", ",")):
                problems.append(f"row {r} {header[c]}: {got!r} != {want!r}")
    return check(f"{label}: {numeric} numeric cells match", not problems and (numeric > 0 or not any(number(v) is not None for row in table[1:] for v in row)), "; ".join(problems[:5]))


def soffice(args, cwd):
    profile = "file://" + os.path.join(cwd, "lo-profile")
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"] + args
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


CODES = ["007", "0102", "1.250", "3/4", "1E5"]


def codes_stay_text(lakip, work):
    """Codes a spreadsheet would read as numbers or dates (007, 1.250, 3/4, 1E5) arrive through
    LibreOffice's Indonesian CSV import as the same text; capaian still arrives as a number."""
    data, out = os.path.join(work, "kode-data"), os.path.join(work, "kode-out")
    os.makedirs(data)
    header = "tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan"
    with open(os.path.join(data, "target.csv"), "w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        for n, code in enumerate(CODES):
            handle.write(f'2025,{code},OPD {n},{code},Sasaran {n},{code},Indikator {n},orang,positif,jumlah,80\n')
    with open(os.path.join(data, "realisasi.csv"), "w", encoding="utf-8") as handle:
        handle.write("tahun,kode_opd,kode_indikator,triwulan,realisasi\n")
        for code in CODES:
            handle.write(f"2025,{code},{code},4,68\n")
    run = subprocess.run([lakip, "run", "--data", data, "--out", out, "--dialect", "excel-id", "--quiet"],
                         capture_output=True, text=True)
    if not check("lakip run --dialect excel-id on number-like codes", run.returncode == 0, run.stderr):
        return
    source = os.path.join(out, "2025", "pengukuran_kinerja.csv")
    converted_dir = os.path.join(work, "lo-kode")
    os.makedirs(converted_dir)
    result = soffice([f"--infilter=CSV:59,34,76,1,,{INDONESIAN}", "--convert-to", "xlsx", "--outdir", converted_dir, source], work)
    converted = os.path.join(converted_dir, "pengukuran_kinerja.xlsx")
    if not check("LibreOffice (id-ID, CSV:59,34,76,1,,1057) imports the codes table", os.path.exists(converted),
                 result.stderr + result.stdout):
        return
    rows = [list(r) for r in openpyxl.load_workbook(converted, data_only=True).active.iter_rows(values_only=True)]
    header = rows[0]
    got = {(row[header.index("kode_opd")], row[header.index("kode_sasaran")], row[header.index("kode_indikator")])
           for row in rows[1:]}
    check("codes 007, 0102, 1.250, 3/4, 1E5 arrive as the same text in kode_opd, kode_sasaran, kode_indikator",
          got == {(code, code, code) for code in CODES}, repr(got))
    capaian = [row[header.index("capaian")] for row in rows[1:]]
    check("capaian still arrives as a number (85.00)", all(same_number(c, Decimal("85")) for c in capaian), repr(capaian))


def main():
    lakip, data = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="lakip-clients-")
    artefacts = sys.argv[3] if len(sys.argv) > 3 else work
    os.makedirs(artefacts, exist_ok=True)
    standard, excel = os.path.join(work, "standar"), os.path.join(work, "excel-id")
    run = subprocess.run([lakip, "run", "--data", data, "--out", standard, "--format", "csv,xlsx,html,md", "--quiet"],
                         capture_output=True, text=True)
    check("lakip run --format csv,xlsx,html,md", run.returncode == 0, run.stderr)
    run = subprocess.run([lakip, "run", "--data", data, "--out", excel, "--dialect", "excel-id", "--quiet"],
                         capture_output=True, text=True)
    check("lakip run --dialect excel-id", run.returncode == 0, run.stderr)
    years = sorted(os.path.basename(p) for p in glob.glob(os.path.join(standard, "[0-9]*")))
    check("years written", bool(years), "no year folder")

    for year in years:
        # Every CSV table the run wrote is a sheet of the workbook, whichever tables the writer has.
        # The folder's copy of validasi.csv is the run's problem list, not a table of the workbook.
        names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(standard, year, "*.csv"))
                       if os.path.basename(p) != "validasi.csv")
        check(f"{year}: the SPEC tables are written", set(TABLES) <= set(names), str(names))
        tables = {name: read_csv(os.path.join(standard, year, name + ".csv")) for name in names}
        xlsx = os.path.join(standard, year, f"lakip_{year}.xlsx")

        # openpyxl: sheet names, headers, types and values; the ringkasan sheet first and the
        # run's validasi list last.
        workbook = openpyxl.load_workbook(xlsx)
        check(f"openpyxl {year}: sheet names", sorted(workbook.sheetnames) == sorted(names + ["ringkasan", "validasi"])
              and workbook.sheetnames[: len(TABLES) + 1] == ["ringkasan"] + TABLES
              and workbook.sheetnames[-1] == "validasi", str(workbook.sheetnames))
        validation = read_csv(os.path.join(standard, year, "validasi.csv"))
        compare_sheet(f"openpyxl {year}/validasi", [list(r) for r in workbook["validasi"].iter_rows(values_only=True)],
                      validation)
        with zipfile.ZipFile(xlsx) as archive:
            charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
            check(f"{year}: two native charts in the workbook", len(charts) == 2, str(charts))
            drawing = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode() if "xl/worksheets/_rels/sheet1.xml.rels" in archive.namelist() else ""
            check(f"{year}: the charts are on the ringkasan sheet", "drawing" in drawing, drawing[:200])
        for name in names:
            if name not in workbook.sheetnames:
                continue
            sheet = workbook[name]
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            compare_sheet(f"openpyxl {year}/{name}", rows, tables[name])
            check(f"openpyxl {year}/{name}: bold frozen header", sheet.freeze_panes == "A2" and sheet["A1"].font.b,
                  f"freeze {sheet.freeze_panes}, bold {sheet['A1'].font.b}")
            last = openpyxl.utils.get_column_letter(len(tables[name][0])) + str(len(tables[name]))
            check(f"openpyxl {year}/{name}: autofilter A1:{last}", sheet.auto_filter.ref == f"A1:{last}",
                  str(sheet.auto_filter.ref))
            check(f"openpyxl {year}/{name}: A4 landscape, one page wide, header row on every page",
                  sheet.page_setup.paperSize in (9, "9") and sheet.page_setup.orientation == "landscape"
                  and sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1, "1")
                  and sheet.page_setup.fitToHeight in (0, "0") and sheet.print_title_rows in ("1:1", "$1:$1"),
                  f"{sheet.page_setup.paperSize} {sheet.page_setup.orientation} {sheet.page_setup.fitToHeight} "
                  f"{sheet.print_title_rows}")
            header = tables[name][0]
            for column, title in enumerate(header, start=1):
                cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
                formats = {c.number_format for c in cells if isinstance(c.value, (int, float))}
                if title.startswith(("capaian", "progres", "rata_rata", "serapan", "efisiensi", "persen", "kelengkapan_data")):
                    check(f"openpyxl {year}/{name}.{title}: number format 0.00", formats <= {"0.00"}, str(formats))
                if title in ("pagu_anggaran", "realisasi_anggaran", "jumlah_indikator", "indikator_terukur") \
                        and len(tables[name]) > 1:
                    check(f"openpyxl {year}/{name}.{title}: grouped number format #,##0",
                          formats and all(f.startswith("#,##0") for f in formats), str(formats))

        # LibreOffice opens the XLSX: every sheet to CSV (raw values), read back.
        out = os.path.join(work, f"lo-xlsx-{year}")
        os.makedirs(out)
        result = soffice(["--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                          "--outdir", out, xlsx], work)
        for name in names:
            path = os.path.join(out, f"lakip_{year}-{name}.csv")
            if check(f"LibreOffice opens lakip_{year}.xlsx, sheet {name}", os.path.exists(path), result.stderr + result.stdout):
                rows = read_csv(path)
                converted = [[(float(v) if number(v) is not None and h not in ("kode_opd", "kode_indikator", "kode_sasaran")
                               else (v if v != "" else None)) for h, v in zip(rows[0], row)] for row in rows]
                compare_sheet(f"LibreOffice xlsx {year}/{name}", converted, tables[name])

        # LibreOffice prints the workbook: every page of the measurement sheet (its footer names
        # the sheet) holds the first and the last column, so the sheet is one page wide.
        pdf_dir = os.path.join(work, f"lo-pdf-{year}")
        result = soffice(["--convert-to", "pdf", "--outdir", pdf_dir, xlsx], work)
        pdf = os.path.join(pdf_dir, f"lakip_{year}.pdf")
        if check(f"LibreOffice prints lakip_{year}.xlsx to PDF", os.path.exists(pdf), result.stderr + result.stdout):
            shutil.copy(pdf, os.path.join(artefacts, f"lakip_{year}.pdf"))
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
            pages = [page for page in text.split("\f") if re.search(r"pengukuran_kinerja\s+Halaman", page)]
            first, last = tables["pengukuran_kinerja"][0][1], tables["pengukuran_kinerja"][0][-1]
            check(f"PDF {year}: pengukuran_kinerja one page wide ({len(pages)} pages, each with {first} and {last})",
                  pages and all(first in page and last in page for page in pages),
                  f"{len(pages)} pages; {[p[:120] for p in pages[:2]]}")

        # LibreOffice imports the excel-id CSV with Indonesian locale: numbers, not text.
        for name in names:
            source = os.path.join(excel, year, name + ".csv")
            raw = open(source, "rb").read()
            check(f"excel-id {year}/{name}: BOM, ';', CRLF", raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
                  and raw.split(b"\r\n")[0].count(b";") == len(tables[name][0]) - 1, repr(raw[:60]))
            out = os.path.join(work, f"lo-csv-{year}-{name}")
            os.makedirs(out)
            result = soffice([f"--infilter=Text - txt - csv (StarCalc):59,34,76,1,,{INDONESIAN},false,true",
                              "--convert-to", "xlsx", "--outdir", out, source], work)
            converted = os.path.join(out, name + ".xlsx")
            if check(f"LibreOffice (id-ID) imports excel-id {year}/{name}.csv", os.path.exists(converted),
                     result.stderr + result.stdout):
                # Codes come as ="…" formulas: read the values LibreOffice computed.
                sheet = openpyxl.load_workbook(converted, data_only=True).active
                compare_sheet(f"LibreOffice id-ID excel-id {year}/{name}",
                              [list(r) for r in sheet.iter_rows(values_only=True)], tables[name], decimal_comma=True)

        # Chromium: PNG and PDF of laporan.html, and the rendered DOM.
        html = os.path.join(standard, year, "laporan.html")
        text = open(html, encoding="utf-8").read()
        check(f"laporan.html {year}: self-contained, no script",
              "<script" not in text and not re.search(r"(src|href)=\"https?:", text) and "@import" not in text)
        png, pdf = os.path.join(artefacts, f"laporan_{year}.png"), os.path.join(artefacts, f"laporan_{year}.pdf")
        base = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                f"--user-data-dir={os.path.join(work, 'chromium')}"]
        url = "file://" + os.path.abspath(html)
        shot = subprocess.run(base + ["--window-size=1400,2000", f"--screenshot={png}", url],
                              capture_output=True, text=True, timeout=180)
        check(f"Chromium screenshot {year}", os.path.exists(png) and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
              and os.path.getsize(png) > 20_000, shot.stderr[-500:])
        printed = subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
                                 capture_output=True, text=True, timeout=180)
        ok = os.path.exists(pdf) and open(pdf, "rb").read(5) == b"%PDF-"
        check(f"Chromium PDF {year}", ok, printed.stderr[-500:])
        if ok and shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
            pages = re.search(r"Pages:\s+(\d+)", info)
            check(f"PDF {year}: A4 landscape, one page per OPD at least",
                  size and abs(float(size.group(1)) - 842) < 2 and abs(float(size.group(2)) - 595) < 2
                  and pages and int(pages.group(1)) >= sum(1 for row in tables["rekap_opd"][1:] if row[0] != ""), info)
        # One OPD's own document (opd/<kode_opd>.html) printed: A4 landscape, a few pages, and every
        # indicator of the OPD on paper (each chart tile carries the indicator's code).
        code = tables["rekap_opd"][1][1]
        document = os.path.join(standard, year, "opd", code + ".html")
        opd_pdf = os.path.join(artefacts, f"opd_{code}_{year}.pdf")
        printed = subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={opd_pdf}", "file://" + os.path.abspath(document)],
                                 capture_output=True, text=True, timeout=180)
        if check(f"Chromium PDF of opd/{code}.html {year}", os.path.exists(opd_pdf), printed.stderr[-500:]):
            info = subprocess.run(["pdfinfo", opd_pdf], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
            text = subprocess.run(["pdftotext", opd_pdf, "-"], capture_output=True, text=True).stdout
            header = tables["pengukuran_kinerja"][0]
            codes = [row[header.index("kode_indikator")] for row in tables["pengukuran_kinerja"][1:] if row[1] == code]
            check(f"PDF opd/{code}.html {year}: A4 landscape, {pages} pages (1–10), all {len(codes)} indicators",
                  size and abs(float(size.group(1)) - 842) < 2 and 1 <= pages <= 10 and codes
                  and all(c in text for c in codes), f"{info} missing {[c for c in codes if c not in text]}")

        dom = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True, timeout=180).stdout
        agencies = sum(1 for row in tables["rekap_opd"][1:] if row[0] != "")
        indicators = len(tables["pengukuran_kinerja"]) - 1
        check(f"Chromium DOM {year}: {agencies + 1} tables, {indicators + 2} SVG charts",
              dom.count("<table") == agencies + 1 and dom.count("<svg") == indicators + 2
              and all(row[2] in dom.replace("&amp;", "&") for row in tables["rekap_opd"][1:] if row[0] != ""),
              f"{dom.count('<table')} tables, {dom.count('<svg')} svg")

    codes_stay_text(lakip, work)

    passed, failed = results.count(True), results.count(False)
    print(f"{passed} passed, {failed} failed")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
