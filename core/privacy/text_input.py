"""One validator for every text a person types or uploads: length and characters.

Refused everywhere: NUL and the other control characters (line breaks and tabs only where a field
allows several lines), DEL and the C1 controls, the escape character, the bidirectional overrides
and isolates that make text display in another order than it is stored (U+202A–U+202E,
U+2066–U+2069, U+200E, U+200F, U+061C), lone surrogates and private-use characters, and texts
longer than the field's limit. Pure: `check_text` returns the stripped text or raises TextRefused
with a Japanese sentence naming the field.

Limits (characters): names and labels 100 (NAME_MAX), short texts such as a subject 200
(SHORT_MAX), free texts such as an incident description 2,000 (LONG_MAX), any one cell of an
uploaded table 500 (CELL_MAX).
"""

from __future__ import annotations

import unicodedata

NAME_MAX = 100
SHORT_MAX = 200
LONG_MAX = 2000
CELL_MAX = 500

_BIDI = {
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
}


class TextRefused(ValueError):
    """A text with a forbidden character or too long; the message names the field (Japanese)."""


def _describe(ch: str) -> str:
    if ch == "\x00":
        return "NUL 文字"
    if ch == "\x1b":
        return "エスケープ文字"
    if ch in _BIDI:
        return f"文字の向きを変える制御文字（U+{ord(ch):04X}）"
    return f"制御文字（U+{ord(ch):04X}）"


def forbidden_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character a stored text must not hold, or None."""
    allowed = {"\n", "\t", "\r"} if multiline else set()
    for ch in text:
        if ch in allowed:
            continue
        if ch in _BIDI:
            return ch
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co"):
            return ch
    return None


def check_text(
    text: str | None, field_label: str, *, max_length: int = SHORT_MAX, multiline: bool = False, required: bool = False
) -> str:
    """The text stripped of surrounding spaces, or TextRefused naming the field and the problem."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise TextRefused(f"{field_label}は文字列で入力してください。")
    if len(text) > max_length:
        raise TextRefused(f"{field_label}が長すぎます（{len(text):,}文字。{max_length:,}文字まで）。")
    bad = forbidden_character(text, multiline=multiline)
    if bad is not None:
        where = "改行・" if not multiline and bad in "\r\n" else ""
        raise TextRefused(f"{field_label}に使えない文字があります（{where}{_describe(bad)}）。")
    stripped = text.strip()
    if required and not stripped:
        raise TextRefused(f"{field_label}が空欄です。")
    return stripped


def is_row_id(value) -> bool:
    """A usable row id: an int a database column can hold (a huge one would overflow SQLite's
    64-bit integers with an OverflowError instead of "not found")."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63
