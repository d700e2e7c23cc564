"""Recognising personal data in free text, so that it is refused before it is stored.

Free texts (incident descriptions, causes and fixes, improvement-notice subjects, counter names,
notes) reach the city's reports or sit in the database for years: no visitor's phone number,
address, postcode, My Number, e-mail address or name belongs in them (個人情報保護法, 番号法; every
contract binds the contractor to both, e.g. Kawanishi §1.5(2)). This module is pure: one function
finds what looks personal, one raises PersonalDataFound with a sentence saying what must not be
written. Every use case that stores a free text calls `refuse_personal_data`.

What is recognised (after folding full-width digits, letters and punctuation to ASCII, and every
kind of dash to "-"):
- phone numbers: 10 or 11 digits starting with 0, in groups separated by hyphens, dots, spaces or
  parentheses ("03-1234-5678", "(03) 1234 5678", "090.1234.5678", "０９０－１２３４－５６７８"), and
  international "+81 90-1234-5678" / "+81 (0)3 1234 5678";
- postcodes: "〒123-4567", "123-4567", a bare "1234567";
- 12-digit numbers (My Number), grouped or not ("1234 5678 9012", "123456789012");
- e-mail addresses;
- addresses written with 丁目, 番地 or 番…号, "…町/村/通 1-2(-3)", or a place name and "1-2-3";
- names followed by 様, さん, 殿 or 氏 (generic words such as お客様 or 来庁者様 excepted).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KIND_LABELS = {
    "phone": "電話番号",
    "postcode": "郵便番号",
    "my_number": "12桁の番号（マイナンバー等）",
    "email": "メールアドレス",
    "address": "住所",
    "name": "氏名",
}
WHAT_NOT_TO_WRITE = "電話番号・郵便番号・マイナンバー（12桁の番号）・メールアドレス・住所・氏名"

_DASHES = "‐‑‒–—―−ーｰ－﹣⁃"
_FOLD = str.maketrans({ch: "-" for ch in _DASHES})
# A number written in groups: digits joined by one or two separators (hyphen, dot, space, parentheses).
_NUMBER = re.compile(r"(?:〒\s*)?(?:\+\s*)?\(?\d+(?:[\-.\s()]{1,3}\d+)*\)?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_ADDRESS = re.compile(
    r"\d+\s*丁目|\d+\s*番地|\d+\s*番\s*\d+\s*号"  # 2丁目, 15番地, 3番4号
    r"|[\u4e00-\u9fff]{0,10}[町村通](?:\d+丁目)?\d{1,4}-\d{1,4}(?:-\d{1,4})?"  # 中央町1-2-3
    r"|[\u4e00-\u9fff]\d{1,3}-\d{1,3}-\d{1,4}(?!\d)"  # 栄1-2-3 (a date's year has 4 digits)
)
_NAME = re.compile(r"([\u4e00-\u9fff々\u30a0-\u30ff]{1,6})\s?(様|さん|殿|氏)")
_GENERIC = {
    "客",
    "お客",
    "来庁者",
    "来場者",
    "申請者",
    "利用者",
    "市民",
    "相談者",
    "本人",
    "ご本人",
    "代理人",
    "職員",
    "担当者",
    "家族",
    "ご家族",
    "高齢者",
    "方",
    "皆",
    "住民",
    "保護者",
    "来客",
    "外国人",
    "障害者",
    "従事者",
    "責任者",
    "副責任者",
    "受付者",
    "電話者",
    "通報者",
    "苦情者",
    "該当者",
    "対象者",
    "当事者",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KIND_LABELS
    text: str  # as written

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


class PersonalDataFound(ValueError):
    """A free text holds something personal; the message (Japanese) names the field and what."""

    def __init__(self, field_label: str, findings: list[Finding]):
        self.field_label = field_label
        self.findings = findings
        kinds = "・".join(dict.fromkeys(f.label for f in findings))
        super().__init__(
            f"{field_label}に{kinds}らしき記載があります（{findings[0].text}）。"
            f"個人情報（{WHAT_NOT_TO_WRITE}）は書かないでください。"
        )


def fold(text: str) -> str:
    """Full-width to ASCII (NFKC) and every dash to "-": the form the patterns are written for."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def _number_kind(span: str) -> str | None:
    digits = re.sub(r"\D", "", span)
    body = span.lstrip("〒 ").strip()
    if span.startswith("〒") and len(digits) == 7:
        return "postcode"
    if body.startswith("+"):
        if not digits.startswith("81"):
            return "phone" if 9 <= len(digits) <= 15 else None
        rest = digits[2:]
        if "(0)" in body.replace(" ", ""):
            rest = rest[1:]
        rest = rest[1:] if rest.startswith("0") else rest
        return "phone" if 9 <= len(rest) <= 10 else None
    if len(digits) == 12:
        return "my_number"
    if digits.startswith("0") and len(digits) in (10, 11):
        return "phone"
    if len(digits) == 7 and re.fullmatch(r"\d{3}-\d{4}|\d{7}", body):
        return "postcode"
    return None


def find_personal_data(text: str) -> list[Finding]:
    """Everything in `text` that looks like personal data, in order of appearance."""
    if not text:
        return []
    folded = fold(text)
    found: list[tuple[int, Finding]] = []
    for match in _EMAIL.finditer(folded):
        found.append((match.start(), Finding("email", match.group())))
    without_mail = _EMAIL.sub(" ", folded)
    for match in _NUMBER.finditer(without_mail):
        kind = _number_kind(match.group().strip())
        if kind is not None:
            found.append((match.start(), Finding(kind, match.group().strip())))
    for match in _ADDRESS.finditer(without_mail):
        found.append((match.start(), Finding("address", match.group())))
    for match in _NAME.finditer(without_mail):
        word = match.group(1)
        if word in _GENERIC or any(word.endswith(g) for g in _GENERIC if len(g) > 1):
            continue
        found.append((match.start(), Finding("name", match.group())))
    return [finding for _start, finding in sorted(found, key=lambda pair: pair[0])]


def refuse_personal_data(text: str | None, field_label: str) -> None:
    """Raise PersonalDataFound when `text` holds something personal."""
    findings = find_personal_data(text or "")
    if findings:
        raise PersonalDataFound(field_label, findings)
