"""Render throughput: 100k apologies through composer.template.Renderer vs bare Jinja2 rendering
of the same subject and body with plain dicts, in one run (target: ratio <= 2).

Run alone: ``.venv/bin/python -m tests.bench bench_render``."""

from __future__ import annotations

import gc
import time

from composer.recipients import Recipient
from composer.template import Renderer, Template
from tests.bench import Figure

SUBJECT = "{{ first_name or 'Hello' }}, we are sorry about order {{ order }}"
BODY = """Hi {{ first_name }},

On {{ date }} our new invoicing tool sent you an invoice for order {{ order }} that you did
not owe. That was our mistake, not yours, and I am sorry for the worry it caused.

Nothing was charged to your card ending {{ card }}. {% if city %}Our team in {{ city }} has
checked every order by hand.{% endif %}

As a thank-you for your patience, here is {{ discount }} off your next order with the code
{{ code }} (valid until {{ expires }}).

Warm regards,
{{ sender }}
"""
COLUMNS = ["first_name", "last_name", "order", "date", "card", "city", "discount", "expires"]


def _rows(n: int) -> list[dict[str, str]]:
    cities = ["Lyon", "Leeds", "", "Porto", "Graz"]
    return [
        {
            "first_name": f"Name{i}" if i % 17 else "",
            "last_name": f"Family{i}",
            "order": str(100000 + i),
            "date": "12 March 2026",
            "card": f"{i % 10000:04d}",
            "city": cities[i % 5],
            "discount": "15%",
            "expires": "30 June 2026",
            "sender": "Sam at the Bakery",
            "email": f"customer{i}@example.com",
            "name": f"Name{i} Family{i}",
        }
        for i in range(n)
    ]


def _recipients(rows: list[dict[str, str]]) -> tuple[list[Recipient], str]:
    """Recipients as composer.recipients builds them (lazy row views), or plain dicts if that
    module cannot build them yet."""
    try:
        from composer.recipients import build
        from composer.table import Column, Table

        names = list(rows[0])
        table = Table(
            columns=[Column(n, n) for n in names],
            rows=[tuple(r[n] for n in names) for r in rows],
            row_numbers=list(range(2, len(rows) + 2)),
        )
        built = build(table).valid
        if len(built) == len(rows) and dict(built[0].fields)["order"] == rows[0]["order"]:
            return built, "recipients.build (lazy row views)"
    except Exception:  # the recipients engine is not finished: fall back to plain dicts
        pass
    made = [Recipient(i + 2, r["email"], r["name"], r) for i, r in enumerate(rows)]
    return made, "plain dicts"


def _time(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(n: int = 100_000) -> list[Figure]:
    from jinja2 import Environment

    rows = _rows(n)
    recipients, how = _recipients(rows)
    codes = [f"SORRY{i:06d}" for i in range(n)]

    env = Environment(autoescape=False)
    bare_subject, bare_body = env.from_string(SUBJECT), env.from_string(BODY)

    def bare() -> None:
        for row, code in zip(rows, codes, strict=True):
            " ".join(bare_subject.render(row, code=code).split())
            bare_body.render(row, code=code)

    renderer = Renderer(Template(SUBJECT, BODY), [*COLUMNS, "sender"])

    def ours() -> None:
        render = renderer.render
        for recipient, code in zip(recipients, codes, strict=True):
            render(recipient, code)

    # interleaved, best of two each: the machine is shared and noisy
    t_bare, t_ours = _time(bare), _time(ours)
    t_bare, t_ours = min(t_bare, _time(bare)), min(t_ours, _time(ours))
    print(f"render {n:,} messages; recipients from {how}")
    print(f"  bare Jinja2 (plain dicts): {t_bare:6.2f} s  ({n / t_bare:,.0f} messages/s)")
    print(f"  Renderer.render:           {t_ours:6.2f} s  ({n / t_ours:,.0f} messages/s)")
    print(f"  ratio: {t_ours / t_bare:.2f}x (target <= 2x)")
    return [
        Figure(
            f"Filling in {n:,} apologies (subject and body, in the sandbox)",
            f"{t_ours:.2f} s ({n / t_ours:,.0f} a second)",
            f"bare Jinja2 render with plain dicts {t_bare:.2f} s ({t_ours / t_bare:.2f}×)",
            "≤ 2× bare Jinja2",
            t_ours / t_bare <= 2,
        )
    ]


if __name__ == "__main__":
    main()
