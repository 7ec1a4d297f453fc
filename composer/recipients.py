"""From a Table to Recipients: detect the address and name columns, validate and normalise
every address, find duplicates and suppressed people. Each problem keeps its row number."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from composer.errors import ComposerError, SpreadsheetError
from composer.language import N_, _
from composer.shards import Shards
from composer.sharing import collector_paused, in_slices, let_go
from composer.table import Cell, Table, display


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which columns (by field name) hold the address and the name parts."""

    email: str | None
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    unsubscribed: str | None = None  # a "do not contact" column; truthy cells are suppressed


def customer_key(address: str) -> str:
    """Who a customer is, whatever row they sit on: their address, case folded the way
    duplicates are found. The journal and the discount codes belong to this key, never to a
    spreadsheet row, so an edited list loaded into a sent campaign loses and doubles no one."""
    lowered = address.lower()
    return address if lowered == address else lowered  # the same string when already folded


@dataclass(frozen=True, slots=True)
class Recipient:
    row: int  # spreadsheet row number
    email: str  # normalised mailbox, the only address the message will ever go to
    name: str  # display name ("" if none)
    fields: Mapping[str, str]  # field name -> display text, every column of the row
    # the customer this row is (see ``customer_key``), worked out once
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", customer_key(self.email))


class AddressBook:
    """Every customer's address, to find in any text one that is not the reader's own.

    "Nobody sees who else got it" must hold whatever a cell holds: a zero-width space or a
    right-to-left mark glued to an address, letters run into it (``ann@example.combob@…``),
    another spelling of its domain. So no word is cut out and looked up; around every ``@``
    the text is read as far as address characters go, and each way of ending the local part
    there and each way of ending the domain is looked up (a few hundred set look-ups per
    ``@``, and a message has one or two)."""

    __slots__ = ("_locals",)

    def __init__(self, keys: Iterable[str]):
        by_domain: dict[str, set[str]] = {}
        for key in keys:
            local, _, domain = key.rpartition("@")
            by_domain.setdefault(domain, set()).add(local)
        self._locals: dict[str, set[str]] = {}
        for domain, locals_ in by_domain.items():
            for spelling in _spellings(domain):
                self._locals.setdefault(spelling, set()).update(locals_)

    def other_than(self, own: str, text: str) -> str | None:
        """The first customer address in ``text`` that is not ``own`` (a key), or None."""
        if "@" not in text:
            return None
        lowered = text.lower()
        own_local, _, own_domain = own.rpartition("@")
        own_spellings = _spellings(own_domain)
        at = lowered.find("@")
        while at != -1:
            start = at
            while start > 0 and _in_local(lowered[start - 1]):
                start -= 1
            end = at + 1
            while end < len(lowered) and _in_domain(lowered[end]):
                end += 1
            left = lowered[start:at]
            for stop in range(at + 2, end + 1):
                domain = lowered[at + 1 : stop]
                locals_ = self._locals.get(domain)
                if not locals_:
                    continue
                for begin in range(len(left)):
                    local = left[begin:]
                    if local in locals_ and not (local == own_local and domain in own_spellings):
                        return f"{local}@{domain}"
            at = lowered.find("@", at + 1)
        return None


_LOCAL_EXTRA = frozenset(".!#$%&'*+/=?^`{|}~-")


def _in_local(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch in _LOCAL_EXTRA


def _in_domain(ch: str) -> bool:
    return ch.isalnum() or ch in ".-_"


def _spellings(domain: str) -> tuple[str, ...]:
    """A domain as people write it: as stored, and in its other form (IDNA)."""
    if domain.isascii() and "xn--" not in domain:
        return (domain,)
    forms = {domain}
    try:
        forms.add(domain.encode("idna").decode("ascii"))
        forms.add(domain.encode("ascii").decode("idna"))
    except (UnicodeError, ValueError):
        pass
    return tuple(form.lower() for form in forms)


# Problem kinds; the first four leave the row out of the audience.
INVALID, BLANK, DUPLICATE, SUPPRESSED = "invalid", "blank", "duplicate", "suppressed"
LEFT_OUT = (INVALID, BLANK, DUPLICATE, SUPPRESSED)
MISSING_FIELD, CODE, ATTACHMENT = "missing_field", "code", "attachment"
EXPOSED = "exposed"  # the row's apology would show another customer's address


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None  # spreadsheet row number, None for a problem with the whole list
    kind: str
    message: str  # one plain sentence
    field: str | None = None
    duplicate_of: int | None = None


@dataclass(slots=True)
class Recipients:
    table: Table
    columns: ColumnMap
    valid: list[Recipient]
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.table.rows)

    @property
    def invalid(self) -> list[Problem]:
        return self._of(INVALID)

    @property
    def blank(self) -> list[Problem]:
        return self._of(BLANK)

    @property
    def duplicates(self) -> list[Problem]:
        return self._of(DUPLICATE)

    @property
    def suppressed(self) -> list[Problem]:
        return self._of(SUPPRESSED)

    def _of(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]


class AddressError(ComposerError):
    """An address cell that cannot be used; ``reason`` is a short plain phrase."""

    def __init__(self, text: str, reason: str, *, several: bool = False):
        shown = " ".join(text.split())  # a line break in a cell must not break the sentence
        if len(shown) > 80:
            shown = shown[:77] + "..."
        if several:
            self.phrase = _("'{text}' holds more than one address").format(text=shown)
        else:
            self.phrase = _("'{text}' is not a valid address ({reason})").format(
                text=shown, reason=reason
            )
        super().__init__(self.phrase + ".")
        self.text = text
        self.reason = reason
        self.several = several


# ---------------------------------------------------------------------------------------------
# Addresses: a fast path for the common case, email-validator for everything else.
#
# The fast path accepts only what email-validator accepts too and normalises it the same way:
# a dot-atom local part of ASCII atext and (as in zoë.müller@) letters and digits of any
# script, already in Unicode NFC form, kept as typed (except the RFC 2142 role names, which
# it lower-cases); an ASCII letter-digit-hyphen domain whose last label ends with a letter,
# lower-cased. tests/test_recipients.py proves the equivalence with hypothesis. Anything else
# (IDN domains, quotes, Punycode, reserved names, combining marks) goes to email-validator.

# \w is letters and digits of every script plus "_"; the rest is ASCII atext.
_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_DOMAIN = r"(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z0-9-]{0,62}[A-Za-z]"
_FAST = re.compile(_ATOM + r"(?:\." + _ATOM + ")*@" + _DOMAIN).fullmatch
# From email_validator.SPECIAL_USE_DOMAIN_NAMES and CASE_INSENSITIVE_MAILBOX_NAMES; a test
# keeps these in step with the installed version.
_RESERVED_SUFFIXES = (".arpa", ".invalid", ".local", ".localhost", ".onion", ".test")
_ROLE_MAILBOXES = frozenset(
    ("info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster",
     "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp")
)  # fmt: skip
_MAX_LENGTH = 254  # in UTF-8 bytes


def fast_normalise(text: str) -> str | None:
    """The normalised address when ``text`` is a plain address, else None (ask the slow path).

    "--" in the domain (Punycode "xn--" labels, and labels email-validator rejects), a label
    that starts or ends with a hyphen, and the reserved top-level domains go the slow way."""
    if len(text) > _MAX_LENGTH or not _FAST(text):
        return None
    local, _, domain = text.rpartition("@")
    if local.isascii():
        if len(local) < 11 and local.lower() in _ROLE_MAILBOXES:
            local = local.lower()
    elif len(text.encode()) > _MAX_LENGTH or not unicodedata.is_normalized("NFC", local):
        return None
    domain = domain.lower()
    if "-" in domain and ("--" in domain or "-." in domain or ".-" in domain or domain[0] == "-"):
        return None
    if domain.endswith(_RESERVED_SUFFIXES):
        return None
    return local + "@" + domain


def _alternatives(words: list[str]) -> str:
    """A regex alternation grouped by first letter, so a line start tries one or two words."""
    from itertools import groupby

    return "|".join(
        re.escape(head) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")"
        for head, group in groupby(sorted(words), key=lambda w: w[0])
    )


# A whole address column at once: a line of the joined column matches the group exactly when
# fast_normalise would return it unchanged (a dot-atom local part that is not a role mailbox;
# a lower-case ASCII domain without hyphens and without a reserved suffix). Every other line
# gives "" and takes the per-cell path, so this only ever saves time. _plain_addresses checks
# the length and the Unicode form.
_PLAIN = (
    r"^(?:(?!(?i:" + _alternatives(list(_ROLE_MAILBOXES)) + r")@)"
    r"("
    + _ATOM
    + r"(?:\."
    + _ATOM
    + r")*@(?:[a-z0-9]{1,63}\.)+[a-z0-9]{0,62}[a-z])"
    + "".join(rf"(?<!\{suffix})" for suffix in _RESERVED_SUFFIXES)
    + r"|[^\n]*)$"
)
_PLAIN_LINES = re.compile(_PLAIN, re.M).findall
# The same for a text of ASCII only, where Unicode's \w is [A-Za-z0-9_] and the ASCII
# classes are quicker to test (a fifth off the pass).
_PLAIN_ASCII_LINES = re.compile(_PLAIN, re.M | re.A).findall
_SAFE_LENGTH = _MAX_LENGTH // 4  # characters that fit in _MAX_LENGTH bytes of UTF-8
_PROBE = 200  # cells looked at first: a column of mostly other forms skips the joined pass


def _plain_addresses(cells: list[Cell]) -> list[str]:
    """fast_normalise for a whole column in a few C-level passes: for each cell the address
    when it is a plain one already in normal form (the cell itself, not a second copy of its
    text), else "" (ask the per-cell path). The passes run over slices of the column, each
    short enough to let other threads run."""
    probe = [c for c in cells[:_PROBE] if c.__class__ is str and "\n" not in c]
    if probe and _PLAIN_LINES("\n".join(probe)).count("") * 2 > len(probe):
        return [""] * len(cells)  # mostly other forms (capitals in the domain...): cell by cell
    found: list[str] = []
    for part in in_slices(cells):
        # c == a: the cell is a str, that very text
        found += [c if c == a else a for c, a in zip(part, _plain_slice(part), strict=True)]  # type: ignore[misc]
    return found


def _plain_slice(cells: Sequence[Cell]) -> list[str]:
    """_plain_addresses for one slice of the column."""
    try:
        joined = "\n".join(cells)  # type: ignore[arg-type]
    except TypeError:  # a number or a date in the address column
        joined = "\n".join([c if c.__class__ is str else "" for c in cells])
    if joined.count("\n") != len(cells) - 1:  # a cell holds a line break: never plain
        joined = "\n".join(["" if c.__class__ is not str or "\n" in c else c for c in cells])
    all_ascii = joined.isascii()
    found = (_PLAIN_ASCII_LINES if all_ascii else _PLAIN_LINES)(joined)
    if len(found) != len(cells):  # never expected; the per-cell path is always right
        return [""] * len(cells)
    if not all_ascii and not unicodedata.is_normalized("NFC", joined):
        found = [a if a.isascii() else "" for a in found]  # the per-cell path checks NFC
    if found and max(map(len, found)) > _SAFE_LENGTH:
        found = [
            a if len(a) <= _SAFE_LENGTH or len(a.encode()) <= _MAX_LENGTH else "" for a in found
        ]
    return found


_ANGLE = re.compile(r"(.*?)\s*<([^<>]*)>", re.S).fullmatch
_SEPARATORS = re.compile(r"[\s,;<>]+").split
_ADDRESS_LIKE = re.compile(r"[^@]+@[^@]+").fullmatch


def _holds_several(text: str) -> bool:
    if text.count("<") > 1:
        return True
    return sum(1 for token in _SEPARATORS(text) if _ADDRESS_LIKE(token)) > 1


def _slow_normalise(address: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise AddressError(address, plain_reason(str(error))) from None


def parse_address(text: str) -> tuple[str, str]:
    """(normalised address, display name) of one address cell, which may read
    ``Jane Doe <jane@example.com>``; raises AddressError naming the reason."""
    text = text.strip()
    fast = fast_normalise(text)
    if fast is not None:
        return fast, ""
    if _holds_several(text):
        raise AddressError(text, _("it holds more than one address"), several=True)
    name = ""
    angle = _ANGLE(text)
    if angle:
        name = " ".join(angle.group(1).strip().strip("\"'").split())
        text = angle.group(2).strip()
    return fast_normalise(text) or _slow_normalise(text), name


_PHRASES = (
    ("An email address must have an @-sign.", N_("it has no @ sign")),
    ("There must be something after the @-sign.", N_("nothing follows the @")),
    ("There must be something before the @-sign.", N_("nothing comes before the @")),
    ("It should have a period.", N_("the part after the @ needs a dot, as in example.com")),
    ("It is not within a valid top-level domain.", N_("it does not end in a domain like .com")),
    ("special-use or reserved name", N_("that domain is reserved and cannot receive e-mail")),
    ("Quoting the part before the @-sign", N_("quotes before the @ are not supported")),
    ("bracketed IP address", N_("an IP address in brackets is not supported")),
)


def plain_reason(message: str) -> str:
    """email-validator's message as a short phrase for the middle of our sentence."""
    for fragment, phrase in _PHRASES:
        if fragment in message:
            return _(phrase)
    text = message.rstrip(".").replace("@-sign", "@").replace("periods", "dots")
    text = text.replace("period", "dot").replace("An email address cannot", "it cannot")
    text = text.replace("The email address", "it").replace("The part", "the part")
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------------------------
# Column detection


def _key(text: str) -> str:
    """A header or field name folded for matching: no accents, case or punctuation."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum())


def _keys(*names: str) -> frozenset[str]:
    return frozenset(_key(n) for n in names)


_EMAIL_HEADERS = _keys(
    "email", "e-mail", "email address", "e-mail address", "mail", "mail address", "emails",
    "courriel", "adresse courriel", "adresse mail", "adresse e-mail", "correo",
    "correo electrónico", "dirección de correo", "e-mail-adresse", "mailadresse",
    "indirizzo email", "indirizzo e-mail", "posta elettronica", "endereço de email",
    "endereço de e-mail", "e-post", "epost", "sähköposti", "e-postadress", "email id",
    "adres e-mail", "emailadres", "e-mailadres", "mail id", "electronic mail",
)  # fmt: skip
_FIRST_HEADERS = _keys(
    "first name", "first", "fname", "given name", "forename", "prénom", "vorname", "nombre",
    "nome", "primeiro nome", "voornaam", "fornavn", "förnamn", "etunimi", "imię", "christian name",
)  # fmt: skip
_LAST_HEADERS = _keys(
    "last name", "last", "lname", "surname", "family name", "nom", "nom de famille",
    "nachname", "familienname", "apellido", "apellidos", "cognome", "sobrenome", "achternaam",
    "efternavn", "efternamn", "sukunimi", "nazwisko",
)  # fmt: skip
_FULL_HEADERS = _keys(
    "name", "full name", "customer", "customer name", "contact", "contact name", "client",
    "client name", "recipient", "recipient name", "display name", "nom complet",
    "nombre completo", "nome completo", "vollständiger name", "kunde", "kundenname", "naam",
    "buyer", "buyer name", "billing name", "shipping name",
)  # fmt: skip
_UNSUBSCRIBE_HEADERS = _keys(
    "unsubscribed", "unsubscribe", "do not contact", "dnc", "opted out", "opt out", "opt-out",
    "no email", "no e-mail", "no mail", "do not email", "do not mail", "suppressed", "blocked",
    "désabonné", "désinscrit", "abgemeldet", "dado de baja", "baja", "disiscritto",
    "nicht kontaktieren", "keine e-mail", "ne pas contacter", "pas de courriel",
    "no contactar", "sin correo",
)  # fmt: skip
_UNSUBSCRIBE_WORDS = ("unsubscrib", "donotcontact", "donotemail", "optout", "optedout")
_TRUTHY = _keys(
    "yes", "y", "true", "1", "x", "unsubscribed", "opted out", "oui", "ja", "sí", "sim",
) | {"✓", "✔"}  # fmt: skip
_SAMPLE = 50


def _header_keys(table: Table) -> list[tuple[str, str]]:
    return [(_key(c.header), _key(c.field)) for c in table.columns]


def _exact(keys: list[tuple[str, str]], wanted: frozenset[str], taken: set[int]) -> int | None:
    for i, (header, name) in enumerate(keys):
        if i not in taken and (header in wanted or name in wanted):
            return i
    return None


def _is_unsubscribe(header: str) -> bool:
    return header in _UNSUBSCRIBE_HEADERS or any(w in header for w in _UNSUBSCRIBE_WORDS)


def _at_share(table: Table, index: int) -> float:
    """Share of the first non-blank cells of a column that contain an @."""
    seen = hits = 0
    for row in table.rows:
        cell = row[index]
        if cell is None or cell == "":
            continue
        seen += 1
        hits += isinstance(cell, str) and "@" in cell
        if seen == _SAMPLE:
            break
    return hits / seen if seen else 0.0


def _find_email(table: Table, keys: list[tuple[str, str]], taken: set[int]) -> int | None:
    exact = _exact(keys, _EMAIL_HEADERS, taken)
    if exact is not None:
        return exact
    for i, (header, _name) in enumerate(keys):  # "Customer e-mail", "Email (work)"
        mentions = "email" in header or "courriel" in header or header.startswith("correo")
        if (
            i not in taken
            and mentions
            and not _is_unsubscribe(header)
            and _at_share(table, i) > 0.5
        ):
            return i
    for i in range(len(keys)):
        if i not in taken and _at_share(table, i) > 0.5:
            return i
    return None


def detect_columns(table: Table) -> ColumnMap:
    """Guess the address, name and "do not contact" columns from headers (any common
    language) and, for the address, from cells that hold an @."""
    keys = _header_keys(table)
    taken: set[int] = set()

    def pick(index: int | None) -> str | None:
        if index is None:
            return None
        taken.add(index)
        return table.columns[index].field

    unsubscribed = pick(
        next((i for i, (h, n) in enumerate(keys) if _is_unsubscribe(h) or _is_unsubscribe(n)), None)
    )
    email = pick(_find_email(table, keys, taken))
    first = pick(_exact(keys, _FIRST_HEADERS, taken))
    last = pick(_exact(keys, _LAST_HEADERS, taken))
    full = pick(_exact(keys, _FULL_HEADERS, taken))
    return ColumnMap(email, first, last, full, unsubscribed)


def _column_list(table: Table) -> str:
    """The headers for a sentence: "Email", "Name" (or "none")."""
    return ", ".join(f'"{c.header}"' for c in table.columns) or _("none")


def resolve_column(table: Table, name: str) -> str:
    """The field name of the column a person named by field name or header."""
    for column in table.columns:
        if name == column.field:
            return column.field
    wanted = _key(name)
    for column in table.columns:
        if wanted and wanted in (_key(column.header), _key(column.field)):
            return column.field
    raise SpreadsheetError(
        _('There is no column "{name}" in this spreadsheet; choose one of: {columns}.').format(
            name=name, columns=_column_list(table)
        ),
        field=name,
    )


def _resolved(table: Table, columns: ColumnMap) -> ColumnMap:
    """A person's column choice as field names; a column chosen for the address is no longer
    also a name or "do not contact" column (as when --email-column names a detected one)."""
    changes: dict[str, str | None] = {
        part: resolve_column(table, value)
        for part in ("email", "first_name", "last_name", "full_name", "unsubscribed")
        if (value := getattr(columns, part)) is not None
    }
    email = changes.get("email")
    for part, chosen in list(changes.items()):
        if part != "email" and chosen == email:
            changes[part] = None
    return replace(columns, **changes)


# ---------------------------------------------------------------------------------------------
# Building recipients

_EMAIL_ALIAS, _NAME_ALIAS = -1, -2


class RowFields(Mapping[str, str]):
    """The fields of one recipient, read from the row on access so 100k recipients cost
    little; the layout (field -> column index or alias) is shared by every row."""

    __slots__ = ("_row", "_layout", "_email", "_name")

    def __init__(self, row: tuple[Cell, ...], layout: dict[str, int], email: str, name: str):
        self._row = row
        self._layout = layout
        self._email = email
        self._name = name

    def __getitem__(self, key: str) -> str:
        where = self._layout[key]
        if where >= 0:
            return display(self._row[where])
        return self._email if where == _EMAIL_ALIAS else self._name

    def cell(self, key: str) -> Cell:
        """The cell value behind a field (a date stays a date), for comparisons."""
        where = self._layout[key]
        if where >= 0:
            return self._row[where]
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._layout)

    def __len__(self) -> int:
        return len(self._layout)

    def __contains__(self, key: object) -> bool:
        return key in self._layout

    def __repr__(self) -> str:
        return f"RowFields({dict(self)!r})"


def _layout(table: Table, columns: ColumnMap) -> dict[str, int]:
    layout = {c.field: i for i, c in enumerate(table.columns)}
    aliases = {
        "email": _EMAIL_ALIAS,
        "name": _NAME_ALIAS,
        "first_name": table.column_index(columns.first_name) if columns.first_name else None,
        "last_name": table.column_index(columns.last_name) if columns.last_name else None,
    }
    for alias, where in aliases.items():
        if where is not None and alias not in layout:
            layout[alias] = where
    return layout


def _text(cell: Cell) -> str:
    if cell.__class__ is str:
        return cell
    return "" if cell is None else display(cell)


def _namer(table: Table, columns: ColumnMap) -> Callable[[tuple[Cell, ...]], str]:
    """row -> name from the full-name column, else first + last ("" when none). Line breaks
    and runs of spaces collapse, so a name can never spill into another header line."""
    full = table.column_index(columns.full_name) if columns.full_name else None
    parts = [table.column_index(c) for c in (columns.first_name, columns.last_name) if c]

    def from_parts(row: tuple[Cell, ...]) -> str:
        return " ".join(" ".join([_text(row[i]) for i in parts]).split())

    if len(parts) == 2:  # the common case, kept cheap for 100k rows
        first, last = parts

        def from_parts(row: tuple[Cell, ...]) -> str:
            return " ".join(f"{_text(row[first])} {_text(row[last])}".split())

    if full is None:
        return from_parts

    def name(row: tuple[Cell, ...]) -> str:
        return " ".join(_text(row[full]).split()) or from_parts(row)

    return name


def _names(
    table: Table, columns: ColumnMap, name_of: Callable[[tuple[Cell, ...]], str]
) -> list[str]:
    """name_of for every row; first + last name cells of text (the usual list) are joined in
    C-level passes, with the same result."""
    if not columns.full_name and columns.first_name and columns.last_name:
        parts = itemgetter(
            table.column_index(columns.first_name), table.column_index(columns.last_name)
        )
        names: list[str] = []
        try:
            for rows in in_slices(table.rows):  # short C-level passes: other threads may run
                names += map(" ".join, map(str.split, map(" ".join, map(parts, rows))))
        except TypeError:  # a number or a date among the names
            pass
        else:
            return names
    return list(map(name_of, table.rows))


# The slots' own descriptors (``Recipient.row`` is the same object, which a type checker reads
# as the instance attribute).
_set_row: Callable[[Recipient, int], None] = Recipient.__dict__["row"].__set__
_set_email: Callable[[Recipient, str], None] = Recipient.__dict__["email"].__set__
_set_name: Callable[[Recipient, str], None] = Recipient.__dict__["name"].__set__
_set_fields: Callable[[Recipient, Mapping[str, str]], None] = Recipient.__dict__["fields"].__set__
_set_key: Callable[[Recipient, str], None] = Recipient.__dict__["key"].__set__
_new = object.__new__


def _customer_keys(addresses: list[str]) -> list[str]:
    """customer_key of each address, a slice at a time."""
    keys: list[str] = []
    for part in in_slices(addresses):
        keys += map(customer_key, part)
    return keys


def _all_different(keys: list[str]) -> bool:
    """Whether no key appears twice (in a Shards: no long step however many there are)."""
    return len(Shards.of_keys(keys, True)) == len(keys)


def _fast_recipient(
    row: int, email: str, name: str, fields: Mapping[str, str], key: str
) -> Recipient:
    """Recipient(row, email, name, fields) without the frozen dataclass's five
    object.__setattr__ calls (the same object, still immutable afterwards); ``key`` is
    customer_key(email)."""
    recipient = _new(Recipient)
    _set_row(recipient, row)
    _set_email(recipient, email)
    _set_name(recipient, name)
    _set_fields(recipient, fields)
    _set_key(recipient, key)
    return recipient


def is_truthy(cell: Cell) -> bool:
    """Whether a "do not contact" cell says yes (yes, y, true, 1, x, unsubscribed...)."""
    if cell is None or cell is False:
        return False
    if cell is True:
        return True
    if isinstance(cell, int | float):
        return cell == 1
    text = str(cell).strip()
    return text in _TRUTHY or _key(text) in _TRUTHY


def _address_cell(cell: Cell) -> str:
    return cell.strip() if isinstance(cell, str) else _text(cell).strip()


class _Exclusions:
    """Who must not be written to: the suppression list and the "do not contact" column."""

    def __init__(self, table: Table, columns: ColumnMap, suppress: frozenset[str] | set[str]):
        self.blocked = {address.lower() for address in suppress}
        self.email_field = columns.email
        self.column = columns.unsubscribed
        self.header = ""
        self.opted_out: dict[str, int] = {}  # lower-cased address -> first row marked
        if columns.unsubscribed and columns.email:
            index = table.column_index(columns.unsubscribed)
            email_index = table.column_index(columns.email)
            self.header = table.columns[index].header
            for row, number in zip(table.rows, table.row_numbers, strict=True):
                if is_truthy(row[index]):
                    try:
                        address, _ = parse_address(_address_cell(row[email_index]))
                    except AddressError:
                        continue
                    self.opted_out.setdefault(address.lower(), number)

    def problem(self, number: int, address: str, key: str) -> Problem | None:
        if key in self.blocked:
            message = _(
                "Row {row}: {address} is on the suppression list, so it is left out."
            ).format(row=number, address=address)
            return Problem(number, SUPPRESSED, message, self.email_field)
        first = self.opted_out.get(key)
        if first is None:
            return None
        if first == number:
            message = _('Row {row}: {address} is marked "{column}", so it is left out.')
        else:
            message = _(
                'Row {row}: {address} is marked "{column}" on row {first}, so it is left out.'
            )
        message = message.format(row=number, address=address, column=self.header, first=first)
        return Problem(number, SUPPRESSED, message, self.column)


def build(
    table: Table,
    columns: ColumnMap | None = None,
    suppress: set[str] | frozenset[str] = frozenset(),
) -> Recipients:
    """Every row with one usable, new, not suppressed address becomes a recipient; every other
    row becomes a problem with its row number. ``columns`` overrides detection; ``suppress``
    holds addresses (as from load_suppression) that must not be written to."""
    columns = _resolved(table, columns) if columns is not None else detect_columns(table)
    if columns.email is None:
        raise SpreadsheetError(
            _(
                "No column of e-mail addresses was found; choose the address column "
                "(the columns are: {columns})."
            ).format(columns=_column_list(table))
        )
    email_index = table.column_index(columns.email)
    email_header = table.columns[email_index].header
    layout = _layout(table, columns)
    name_of = _namer(table, columns)
    excluded = _Exclusions(table, columns, suppress)
    check_exclusions = bool(excluded.blocked or excluded.opted_out)
    seen: Shards[int] = Shards()
    valid: list[Recipient] = []
    problems: list[Problem] = []
    address: str | None  # "": the plain pass left it to the cell; None: not a plain address
    with collector_paused():
        # every list over the whole column is made and let go of in slices (composer.sharing)
        cells: list[Cell] = []
        for rows in in_slices(table.rows):
            cells += map(itemgetter(email_index), rows)
        plain = _plain_addresses(cells)
        let_go(cells)
        names = _names(table, columns, name_of)
        # The usual list: every address plain and new, nobody suppressed.
        if not check_exclusions and not any("" in part for part in in_slices(plain)):
            keys = _customer_keys(plain)
            if _all_different(keys):
                make = _fast_recipient
                valid = [
                    make(number, address, name, RowFields(row, layout, address, name), key)
                    for row, number, address, name, key in zip(
                        table.rows, table.row_numbers, plain, names, keys, strict=True
                    )
                ]
                let_go(plain, names, keys)
                return Recipients(table, columns, valid, problems)
            let_go(keys)
        for row, number, address, name in zip(
            table.rows, table.row_numbers, plain, names, strict=True
        ):
            shown = ""
            if not address:
                cell = row[email_index]
                address = fast_normalise(cell) if cell.__class__ is str else None
            if address is None:
                try:
                    address, shown = _checked_cell(cell, email_header)
                except _RowProblem as trouble:
                    problems.append(
                        Problem(
                            number,
                            trouble.kind,
                            _("Row {row}: {problem}").format(row=number, problem=trouble),
                            columns.email,
                        )
                    )
                    continue
            key = customer_key(address)
            if check_exclusions and (problem := excluded.problem(number, address, key)):
                problems.append(problem)
                continue
            first = seen.setdefault(key, number)
            if first != number:
                message = _(
                    "Row {row}: {address} is already on row {first}; only row {first} gets the "
                    "message."
                ).format(row=number, address=address, first=first)
                problems.append(Problem(number, DUPLICATE, message, columns.email, first))
                continue
            name = name or shown
            valid.append(
                _fast_recipient(number, address, name, RowFields(row, layout, address, name), key)
            )
        let_go(plain, names)
    return Recipients(table, columns, valid, problems)


class _RowProblem(Exception):
    """Why an address cell is left out; str() is the sentence after "Row N: "."""

    def __init__(self, kind: str, sentence: str):
        super().__init__(sentence)
        self.kind = kind


def _checked_cell(cell: Cell, header: str) -> tuple[str, str]:
    """(address, display name) from a cell the fast path did not take; raises _RowProblem."""
    text = _address_cell(cell)
    if not text:
        raise _RowProblem(
            BLANK,
            _(
                'the "{column}" cell is empty, so this row gets no apology; add the address in the '
                "spreadsheet and open it again if they should get one."
            ).format(column=header),
        )
    try:
        return parse_address(text)
    except AddressError as error:
        if error.several:
            sentence = _(
                "{problem}; each message goes to one person, so give each address its own row."
            )
        else:
            sentence = _(
                "{problem}; this row gets no apology until it is fixed in the spreadsheet and "
                "opened again."
            )
        raise _RowProblem(INVALID, sentence.format(problem=error.phrase)) from None


# ---------------------------------------------------------------------------------------------
# Suppression lists

_DELIMITERS = ("\t", ",", ";", "|")


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _suppression_key(text: str) -> str | None:
    text = text.strip()
    if "@" not in text:
        return None
    try:
        address, _ = parse_address(text)
    except AddressError:
        return text.lower()  # cannot match a valid recipient, but keeps the list faithful
    return address.lower()


def load_suppression(path: str | Path) -> frozenset[str]:
    """Addresses (normalised, lower-cased) that must not be written to, from a spreadsheet
    like the customer list or a plain .txt with one address per line."""
    from composer.table import load

    path = Path(path)
    if path.suffix.lower() in (".txt", ".csv") and path.is_file():  # one address a line
        lines = [line for line in _read_text(path).splitlines() if line.strip()]
        if not any(d in line for line in lines for d in _DELIMITERS):
            keys = (_suppression_key(line) for line in lines)
            return frozenset(k for k in keys if k)
    table = load(path)
    columns = detect_columns(table)
    if columns.email is None:
        raise SpreadsheetError(
            _(
                "No column of e-mail addresses was found in the suppression list {file}; give it "
                "a column headed Email."
            ).format(file=path.name)
        )
    index = table.column_index(columns.email)
    cells = [table.columns[index].header]  # a list without a header starts with an address
    cells.extend(_address_cell(row[index]) for row in table.rows)
    keys = (_suppression_key(cell) for cell in cells)
    return frozenset(k for k in keys if k)
