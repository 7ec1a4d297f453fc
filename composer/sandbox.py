"""The bounded sandbox every template runs in: the apology, and file names taken from cells.

A template is written by the person, or handed to them by someone else; either way, filling it
in must end quickly with a message of sane size, or say in one sentence why it cannot. Jinja's
own sandbox keeps a template away from Python's internals; this module adds three bounds:

- **work**: each turn of a loop and each call of a macro, filter or method costs one step,
  and one render may take ``STEPS`` of them (an apology needs a handful);
- **size**: every value written into the message counts against ``CHARS`` characters, and
  arithmetic or a call whose result would be huge is refused *before* it runs, so
  ``'x' * 4 * 1024**3`` and ``9**(9**9)`` never start (and nothing huge is folded while
  compiling);
- **depth**: brackets and blocks nested deeper than a person would ever write are a mistake
  reported with its line, before Python's own parser or compiler would give up.

A bound that is reached raises ``Exceeded`` (a ``TemplateError``) with the reason in words;
the caller adds which row and which template.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from composer.errors import TemplateError
from composer.language import N_, _, number

if TYPE_CHECKING:
    from jinja2 import Template as Compiled
    from jinja2 import nodes
    from jinja2.runtime import Context
    from jinja2.sandbox import SandboxedEnvironment

STEPS = 20_000  # loop turns and calls in one render
CHARS = 1_000_000  # characters written, and the largest value any operation may make
WORK = 10_000_000  # ceiling of a call's input sizes multiplied (the worst it could build)
BITS = 16_384  # the largest whole number arithmetic may make (about 5,000 digits)
BRACKETS = 50  # ( [ { inside one another
BLOCKS = 30  # {% if %} {% for %} ... inside one another
LOOPS = 8  # of which loops, macros, calls and filter blocks (Python allows 20 in all)

_OPENERS = frozenset({"for", "if", "macro", "call", "filter", "with", "block", "autoescape"})
_LOOPING = frozenset({"for", "macro", "call", "filter", "with"})
_FORMAT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")  # %-style
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")  # the spec of a {:...} field
_NUMBER = re.compile(r"\d+")
_FORMATTERS = frozenset({"format", "format_map"})
_TURN = "\x00turn"  # the filter charging a loop turn; no template can name it
_SIZED = "\x00sized"  # the filter checking what ``~`` joined
_TOO_DEEP = N_("it nests too deeply")  # a template too deep for Python's parser or compiler


class Exceeded(TemplateError):
    """A template went past one of the bounds; ``str()`` is the reason in words."""


@dataclass(slots=True)
class _Budget:
    steps: int = STEPS
    chars: int = CHARS


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "template_budget", default=None
)


def _spend(steps: int = 0, chars: int = 0) -> None:
    budget = _budget.get()
    if budget is None:  # compiling (constant folding): only the size checks apply
        return
    budget.steps -= steps
    budget.chars -= chars
    if budget.steps < 0:
        raise Exceeded(
            _(
                "it takes more than {n} steps of work (loops, macros or calls that run too often)"
            ).format(n=number(STEPS))
        )
    if budget.chars < 0:
        raise Exceeded(_("it would write more than {n} characters").format(n=number(CHARS)))


def _too_big(whole: bool = False) -> Exceeded:
    if whole:
        return Exceeded(
            _("it would make a number of more than {n} digits").format(n=number(BITS * 3 // 10))
        )
    return Exceeded(_("it would make a value longer than {n} characters").format(n=number(CHARS)))


def _size(value: object) -> int:
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset | range):
        return len(value)
    if _whole(value):
        return abs(value)  # type: ignore[arg-type]
    return 1


def _check_result(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        if len(value) > CHARS:
            raise _too_big()
    elif _whole(value) and value.bit_length() > BITS:
        raise _too_big(whole=True)
    return value


def _check_work(*values: object) -> None:
    """Refuse a call whose inputs could build something huge (``text.replace("a", long)``,
    ``"x" | center(10**9)``): the product of their sizes bounds what it can make."""
    work = 1
    for value in values:
        work *= max(1, _size(value))
        if work > WORK:
            raise _too_big()


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse arithmetic whose result would be huge, before it runs."""
    if _whole(left) and _whole(right):
        if operator == "**" and abs(left) > 1 and right > 0:
            if right * math.log2(abs(left)) > BITS:
                raise _too_big(whole=True)
        elif operator == "*" and left.bit_length() + right.bit_length() > BITS:
            raise _too_big(whole=True)
        return
    sequences = (str, list, tuple)
    if operator == "*":
        count, repeated = (right, left) if _whole(right) else (left, right)
        if _whole(count) and isinstance(repeated, sequences) and len(repeated) * count > CHARS:
            raise _too_big()
    elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        if len(left) + len(right) > CHARS:
            raise _too_big()
    elif operator == "%" and isinstance(left, str):
        _check_format(left, right if isinstance(right, tuple) else (right,))


def _check_format(text: str, arguments: tuple[Any, ...] = ()) -> None:
    """Refuse a format string whose widths or precisions would make a huge text
    (``'%0999999999d'``, ``'{:>999999999}'``, ``'%.999999999f'``), before it is used;
    a ``*`` width takes its number from the arguments."""
    widths = [w for spec in _FORMAT_WIDTH.finditer(text) for w in spec.groups() if w]
    widths += [w for spec in _BRACE_SPEC.finditer(text) for w in _NUMBER.findall(spec[1])]
    if any(w != "*" and int(w) > CHARS for w in widths) or (
        "*" in widths and any(_whole(n) and abs(n) > CHARS for n in arguments)
    ):
        raise _too_big()


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that costs a step, refuses huge inputs and checks what it made."""
    from jinja2.utils import _PassArg

    passes_context = _PassArg.from_obj(function) is not None

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = args[1:] if passes_context else args
        _spend(steps=1)
        _check_work(*values, *kwargs.values())
        if name == "format" and values and isinstance(values[0], str):
            _check_format(values[0], (*values[1:], *kwargs.values()))
        return _check_result(function(*args, **kwargs))

    return bounded


def _turn(context: Context, value: str, literal: int) -> str:
    """Charged at the top of every loop turn, macro call and call block: one step, plus the
    template text the turn will write (which no ``{{ }}`` counts)."""
    _spend(steps=1, chars=literal)
    return ""


@functools.lru_cache(maxsize=4)
def environment(finalize: Callable[[Context, str], str] | None = None) -> SandboxedEnvironment:
    """The sandbox, plain text; ``finalize`` (a context function) sees every written value."""
    from jinja2 import StrictUndefined, pass_context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Bounded(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return _check_result(super().call_binop(context, operator, left, right))

        def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            _spend(steps=1)
            receiver = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
            _check_work(receiver, *args, *kwargs.values())
            if isinstance(receiver, str) and getattr(__obj, "__name__", "") in _FORMATTERS:
                _check_format(receiver, (*args, *kwargs.values()))
            return _check_result(super().call(__context, __obj, *args, **kwargs))

    @pass_context
    def written(context: Context, value: object) -> str:
        text = value if isinstance(value, str) else str(value)
        _spend(chars=len(text))
        return finalize(context, text) if finalize is not None else text

    env = Bounded(
        autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False, finalize=written
    )
    env.filters = {name: _bounded_filter(name, f) for name, f in env.filters.items()}
    env.filters[_TURN] = pass_context(_turn)
    env.filters[_SIZED] = _check_result
    env.globals.pop("lipsum", None)  # writes pages of filler text on request
    return env


# ---------------------------------------------------------------- compiling


def parse(source: str, env: SandboxedEnvironment | None = None) -> nodes.Template:
    """The template's syntax tree, or ``TemplateSyntaxError`` (nesting too deep included)."""
    from jinja2 import TemplateSyntaxError

    env = env or environment()
    _check_depth(source, env)
    try:
        return env.parse(source)
    except (RecursionError, MemoryError):
        raise TemplateSyntaxError(_(_TOO_DEEP), 1) from None


def compile(source: str, env: SandboxedEnvironment | None = None) -> Compiled:  # noqa: A001
    """The template ready to render, with every loop, macro and call block charged per turn."""
    from jinja2 import TemplateSyntaxError

    env = env or environment()
    tree = _charged(parse(source, env))
    tree.set_environment(env)
    try:
        code = env.compile(tree)
    except (RecursionError, MemoryError, SyntaxError):
        raise TemplateSyntaxError(_(_TOO_DEEP), 1) from None
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _charged(tree: nodes.Template) -> nodes.Template:
    """The tree with the bounds built in: each loop, macro and call block charges its turn
    (a step, plus the template text it writes), and every ``a ~ b`` goes through the size
    check (doubling a text with ``{% set a = a ~ a %}`` forty times would ask for terabytes)."""
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    class Charged(NodeTransformer):
        def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
            joined = self.generic_visit(node)
            return nodes.Filter(joined, _SIZED, [], [], None, None, lineno=node.lineno)

        def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802
            return self._turned(node)

        def visit_Macro(self, node: nodes.Macro) -> nodes.Node:  # noqa: N802
            return self._turned(node)

        def visit_CallBlock(self, node: nodes.CallBlock) -> nodes.Node:  # noqa: N802
            return self._turned(node)

        def _turned(self, node: nodes.For | nodes.Macro | nodes.CallBlock) -> nodes.Node:
            literal = sum(len(data.data) for data in node.find_all(nodes.TemplateData))
            charge = nodes.Filter(
                nodes.Const(""), _TURN, [nodes.Const(literal)], [], None, None, lineno=node.lineno
            )
            turned = self.generic_visit(node)
            node.body.insert(0, nodes.ExprStmt(charge, lineno=node.lineno))
            return turned

    result = Charged().visit(tree)
    assert isinstance(result, nodes.Template)
    return result


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """One render's budget: every template filled in inside shares it (one message's subject,
    text and formatted version); ``Exceeded`` says which bound was reached."""
    token = _budget.set(_Budget())
    try:
        yield
    except RecursionError:
        raise Exceeded(_("a macro calls itself too many times")) from None
    except MemoryError:
        raise _too_big() from None
    finally:
        _budget.reset(token)


def render(compiled: Compiled, values: Any, **extra: Any) -> str:
    """Fill in ``compiled`` within the bounds (its own, unless inside ``bounded``)."""
    if _budget.get() is not None:
        return compiled.render(values, **extra)
    with bounded():
        return compiled.render(values, **extra)


def _check_depth(source: str, env: SandboxedEnvironment) -> None:
    """Refuse nesting past BRACKETS, BLOCKS or LOOPS from the tokens, before parsing."""
    from jinja2 import TemplateSyntaxError

    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError:
        return  # any other mistake is the parser's to describe
    brackets = 0
    blocks: list[str] = []
    tag_start = False
    for line, kind, value in tokens:
        if kind == "whitespace":
            continue
        if kind == "operator" and value in "([{":
            brackets += 1
            if brackets > BRACKETS:
                raise TemplateSyntaxError(
                    _("more than {n} brackets inside one another").format(n=BRACKETS), line
                )
        elif kind == "operator" and value in ")]}":
            brackets -= 1
        elif kind == "name" and tag_start:
            if value in _OPENERS:
                blocks.append(value)
                if sum(b in _LOOPING for b in blocks) > LOOPS:
                    raise TemplateSyntaxError(
                        _("more than {n} loops, macros or calls inside one another").format(
                            n=LOOPS
                        ),
                        line,
                    )
                if len(blocks) > BLOCKS:
                    raise TemplateSyntaxError(
                        _("more than {n} blocks inside one another").format(n=BLOCKS), line
                    )
            elif value.startswith("end") and value[3:] in _OPENERS and blocks:
                blocks.pop()
        tag_start = kind == "block_begin"
