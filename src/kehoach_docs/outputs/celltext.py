"""Text stays text in every workbook the program writes. A citizen's name, a dossier code or
a plan task beginning with "=", "+", "-", "@", a tab or a carriage return would otherwise
become a live formula (=HYPERLINK(...), =cmd|' /C calc'!A0) when an officer opens the file;
written as a string, it is shown exactly as typed."""

from __future__ import annotations

from typing import Any


def set_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """One cell of an openpyxl sheet, a string kept as a string; the cell, to style."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
