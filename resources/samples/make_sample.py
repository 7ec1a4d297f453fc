"""Regenerate the sample files: ``python resources/samples/make_sample.py``.

``customers.xlsx`` is the list a shop owner would export after a stray invoice blast: about 50
affected customers, with the messy cells real lists have (a duplicate address in other case, a
malformed address, a blank first name, an order number stored as a float, real date cells).
``codes.txt`` holds unique discount codes, one per line, for trying ``--codes``.

Both are committed; this script documents how they were made and keeps them reproducible
(fixed seed, fixed document dates)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["Email", "First name", "Last name", "Order #", "Order date", "Amount", "Country"]

PEOPLE = [
    ("Amelia", "Hughes", "GB"),
    ("Jonas", "Becker", "DE"),
    ("Chloé", "Lefèvre", "FR"),
    ("Mateo", "García", "ES"),
    ("Aisha", "Okafor", "NG"),
    ("Liam", "O'Connor", "IE"),
    ("Sofia", "Rossi", "IT"),
    ("Noah", "Jensen", "DK"),
    ("Yuki", "Tanaka", "JP"),
    ("Olivia", "Brown", "US"),
    ("Lukas", "Novák", "CZ"),
    ("Emma", "de Vries", "NL"),
    ("Rafael", "Costa", "PT"),
    ("Zoë", "Müller", "DE"),
    ("Priya", "Sharma", "IN"),
    ("Ethan", "Walker", "GB"),
    ("Ingrid", "Solberg", "NO"),
    ("Tomás", "Ferreira", "BR"),
    ("Hannah", "Schmidt", "AT"),
    ("Kwame", "Mensah", "GH"),
    ("Lucía", "Martínez", "MX"),
    ("Oskar", "Lindqvist", "SE"),
    ("Mia", "Kowalska", "PL"),
    ("Samuel", "Cohen", "IL"),
    ("Grace", "Taylor", "AU"),
    ("Mehmet", "Yılmaz", "TR"),
    ("Élodie", "Bernard", "FR"),
    ("Daniel", "Murphy", "IE"),
    ("Freya", "Campbell", "GB"),
    ("Ana", "Silva", "PT"),
    ("Wei", "Chen", "SG"),
    ("Isabel", "Navarro", "ES"),
    ("Felix", "Wagner", "CH"),
    ("Nora", "Virtanen", "FI"),
    ("Jack", "Wilson", "NZ"),
    ("Leila", "Haddad", "FR"),
    ("Arjun", "Patel", "GB"),
    ("Clara", "Fischer", "DE"),
    ("Pedro", "Alves", "PT"),
    ("Ruby", "Evans", "GB"),
    ("Marek", "Horvat", "HR"),
    ("Sara", "Lund", "DK"),
    ("Diego", "Romero", "AR"),
    ("Lena", "Hofmann", "AT"),
    ("Omar", "Farouk", "EG"),
    ("Alice", "Moreau", "BE"),
    ("Hugo", "Dubois", "FR"),
    ("Eva", "Horváth", "HU"),
]


def _address(first: str, last: str) -> str:
    """first.last@example.com, accents dropped the way people type them into order forms."""
    text = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace("ı", "i"))
    plain = "".join(c for c in text if c.isascii() and (c.isalnum() or c == "."))
    return f"{plain}@example.com"


def customer_rows() -> list[list[object]]:
    """The data rows, messy cells included (the comments say which spreadsheet row)."""
    rng = random.Random(2026)
    rows: list[list[object]] = []
    for i, (first, last, country) in enumerate(PEOPLE):
        order = 10412 + i * 7
        date = dt.date(2026, 3, 2) + dt.timedelta(days=rng.randrange(0, 12))
        amount = round(rng.uniform(12, 240), 2)
        rows.append([_address(first, last), first, last, order, date, amount, country])
    rows[6][1] = None  # spreadsheet row 8: blank first name (the apology falls back to "there")
    rows[11][3] = float(rows[11][3])  # row 13: order number stored as an integral float
    rows[17][0] = "tomas.ferreira@example"  # row 19: a malformed address (no domain ending)
    rows[24][0] = "  Grace.Taylor@Example.com "  # row 26: spaces and capitals, still valid
    # row 50: Ana Silva (row 31) appears twice, her address typed in other case
    rows.append(
        ["ANA.SILVA@example.com", "Ana", "Silva", 10412 + 29 * 7, dt.date(2026, 3, 9), 35.5, "PT"]
    )
    rows.append(
        [
            "Ben Carter <ben.carter@example.org>",
            "Ben",
            "Carter",
            10790,
            dt.date(2026, 3, 11),
            64.0,
            "GB",
        ]
    )
    return rows


def make_workbook(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Affected customers"
    ws.append(HEADER)
    for row in customer_rows():
        ws.append(row)
    for cell in ws["E"][1:]:
        cell.number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFG", (36, 14, 14, 10, 12, 10, 9), strict=True):
        ws.column_dimensions[column].width = width
    fixed = dt.datetime(2026, 3, 14, 9, 30)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "Apology Composer sample"
    wb.save(path)


def make_codes(path: Path, count: int = 60) -> None:
    rng = random.Random(11)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    codes: list[str] = []
    while len(codes) < count:
        code = "SORRY-" + "".join(rng.choice(alphabet) for _ in range(6))
        if code not in codes:
            codes.append(code)
    path.write_text("\n".join(codes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    make_workbook(HERE / "customers.xlsx")
    make_codes(HERE / "codes.txt")
    print(f"wrote {HERE / 'customers.xlsx'} and {HERE / 'codes.txt'}")
