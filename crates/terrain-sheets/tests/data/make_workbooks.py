"""Builds the workbook fixtures of cases 12, 13 and 17.

openpyxl writes the workbooks; LibreOffice (headless) recalculates them and saves the
formula results, as Excel does, and writes the legacy .xls copies. Run from this folder:
    python3 make_workbooks.py
"""
import datetime
import os
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = datetime.date(2024, 3, 5)


def deals_sheet(wb, formula):
    ws = wb.active
    ws.title = "Deals"
    ws.append(["deal", "stage", "close_date"])
    ws.append(["D1", "Won", DAY])
    ws["C2"].number_format = "dd/mm/yyyy"
    if formula:
        ws.append(["D2", "Won", "=C2+1"])
        ws["C3"].number_format = "dd/mm/yyyy"
    else:
        ws.append(["D2", "Won", 45356])
        ws["C3"].number_format = "General"
    return ws


def save_recalculated(wb, name, formats):
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "source.xlsx")
        wb.save(source)
        out = os.path.join(tmp, "out")
        for fmt in formats:
            filter_name = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97"}[fmt]
            subprocess.run(
                ["soffice", "--headless", "--convert-to", filter_name, "--outdir", out, source],
                check=True,
                capture_output=True,
            )
            os.replace(os.path.join(out, f"source.{fmt}"), os.path.join(HERE, f"{name}.{fmt}"))


# Case 12: a formatted date and a General-format serial in one column.
wb = Workbook()
deals_sheet(wb, formula=False)
wb.save(os.path.join(HERE, "case12_dates_and_serials.xlsx"))

# Case 13: a literal date and a formula date (=C2+1), as .xlsx and .xls, values cached.
wb = Workbook()
deals_sheet(wb, formula=True)
save_recalculated(wb, "case13_formula_dates", ["xlsx", "xls"])

# Case 13: the same literal date in a 1904-epoch (Mac) workbook.
wb = Workbook()
wb.epoch = CALENDAR_MAC_1904
deals_sheet(wb, formula=False)
wb.active.delete_rows(3)
wb.save(os.path.join(HERE, "case13_epoch_1904.xlsx"))

# Case 17: two accounts, a whole column formatted as currency, and a filled but empty cell at
# the sheet's last row, so the sheet's extent claims a million rows.
wb = Workbook()
ws = wb.active
ws.title = "Accounts"
ws.append(["Account Name", "Industry", "Annual Revenue", "Owner", "Country", "Notes"])
ws.append(["Fernhill Tools", "Manufacturing", 4200000, "Ana Ortiz", "Germany", None])
ws.append(["Quarry Lane Media", "Media", 880000, "Tom Reyes", "France", None])
ws.column_dimensions["C"].number_format = '"$"#,##0.00'
ws["F5000"].fill = PatternFill("solid", fgColor="FFFF00")
ws["F1048576"].fill = PatternFill("solid", fgColor="FFFF00")
wb.save(os.path.join(HERE, "case17_formatted_empty_rows.xlsx"))
