"""Formula-safe cells for every CSV and Excel file the product writes.

A spreadsheet opens a cell that starts with =, +, -, @, a tab or a carriage return as a formula
(CSV/formula injection): a staff name "=HYPERLINK(…)" would become a live link in the city's
staff list. Every text cell that starts with one of those characters gets a leading apostrophe,
which spreadsheets show as text. Numbers stay numbers: an int or a float is written as it is, so
a negative figure is still a number in Excel, and a text that is exactly a number ("-3", "+1.5")
is left alone as well (no formula can hide in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def safe_cell(value):
    """The value to write in a cell: text that could start a formula gets a leading apostrophe."""
    if not isinstance(value, str) or not value or not value.startswith(DANGEROUS_START):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(row: Iterable) -> list:
    return [safe_cell(v) for v in row]


def safe_table(rows: Iterable[Iterable]) -> list[list]:
    return [safe_row(r) for r in rows]
