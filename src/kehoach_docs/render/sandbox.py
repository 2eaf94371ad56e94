"""The sandbox a template runs in: Jinja's SandboxedEnvironment (no Python internals), with
what it leaves open closed, so that a small template can neither reach outside itself nor
take the machine.

At compile time a template may not take content from other files ({% include %},
{% import %}, {% from %}, {% extends %}), print data as raw Word XML (|safe, autoescape
off), make filler text (lipsum), nest its tags past a depth Python can compile, or hold
more code than a document ever needs.

At render time every render is metered (`metered`). Steps: each run of a loop's or a
macro's body costs as many steps as the body has nodes (its work, known at compile time),
each item a loop or a filter goes through one, each call or filter a few more. Text: every
text or list an operation makes, and all the output (streamed, or held in a macro's or a
{% set %} block's buffer), counts against a text budget, and no one text or list may pass
a cap. Sizes an operation is asked for (a width, a precision, a repetition, a replacement,
a separator) are checked before it runs, since the allocation itself takes the machine.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import string
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from contextvars import ContextVar
from typing import Any

from jinja2 import (
    ChainableUndefined,
    Environment,
    StrictUndefined,
    Template,
    TemplateRuntimeError,
    Undefined,
    UndefinedError,
    nodes,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context, LoopContext, markup_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from kehoach_docs.domain import nd30
from kehoach_docs.domain.limits import (
    MAX_TEMPLATE_CODE,
    MAX_TEMPLATE_DIGITS,
    MAX_TEMPLATE_NESTING,
    MAX_TEMPLATE_RANGE,
    MAX_TEMPLATE_TEXT,
    MAX_TEMPLATE_WIDTH,
    RenderBudget,
    size_text,
)
from kehoach_docs.render.tablegrid import fitted_grid
from kehoach_docs.render.wordtags import GRID_FILTER, TextFields, clean_value, word_text


class Worded(TemplateRuntimeError):
    """A template refused or failed, already said for the officer: shown as it is."""


# ------------------------------------------------------------------------------ meter


# A call or a filter costs several steps besides its node: Jinja's call machinery (a macro
# call takes about 10 µs, a loop step a tenth of one).
_CALL_STEPS = 8
# Tuples, not unions, for isinstance: it runs for every field of every letter.
_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_PLAIN = (str, int, float)


class Meter:
    """What one render has left to do and to make."""

    def __init__(self, budget: RenderBudget) -> None:
        self.budget = budget
        self.steps = budget.steps
        self.text = budget.text

    def step(self, count: int = 1) -> None:
        self.steps -= count
        if self.steps < 0:
            raise Worded(
                f"mẫu chạy quá {self.budget.steps} bước (vòng lặp, lời gọi hàm, bộ "
                "lọc); mẫu có vòng lặp lồng nhau lớn bất thường?"
            )

    def spend(self, size: int) -> None:
        self.text -= size
        if self.text < 0:
            raise Worded(
                f"văn bản điền ra quá {size_text(self.budget.text)} (kể cả các chuỗi "
                "mẫu tự ghép); mẫu có vòng lặp lớn bất thường?"
            )

    def allow(self, size: int) -> None:
        """An operation about to make `size` characters (or items): refused before it runs."""
        if size > MAX_TEMPLATE_TEXT:
            raise Worded(
                f"mẫu tạo ra một chuỗi (hoặc danh sách) dài quá {MAX_TEMPLATE_TEXT} ký tự (phần tử)"
            )
        if size > self.text:
            self.spend(size)

    def made(self, value: Any) -> Any:
        """A value an operation made, counted (a lazy sequence is counted as it is read)."""
        if isinstance(value, _SIZED):
            self.allow(len(value))
            self.spend(len(value))
        return value

    def counted(self, iterable: Any) -> Any:
        """An iterable about to be gone through: a sized one charged whole, anything else
        (a generator, a filter's lazy result) item by item as it is read."""
        if isinstance(iterable, Sized):
            self.step(len(iterable))
            return iterable
        return self._each(iterable)

    def _each(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def stringify(self, value: Any) -> None:
        """`value` about to be made text: refused if that text would pass the cap. A list
        holding one long text a thousand times prints it a thousand times."""
        if value is None or isinstance(value, _PLAIN):
            return
        size, pending = 0, [value]
        while pending and size <= MAX_TEMPLATE_TEXT:
            item = pending.pop()
            if isinstance(item, str | bytes):
                size += len(item) + 2
                continue
            if isinstance(item, int):
                size += item.bit_length() // 3 + 1
                continue
            if isinstance(item, Mapping):
                inside = [*item.keys(), *item.values()]
            elif isinstance(item, list | tuple | set | frozenset):
                inside = list(item)
            elif isinstance(item, Namespace):  # printed with all it holds
                inside = list(item._Namespace__attrs.values())
            elif dataclasses.is_dataclass(item) and not isinstance(item, type):
                inside = list(vars(item).values())
            else:
                size += 24
                continue
            self.step(2 * len(inside))
            pending += inside
            size += len(inside) + 2
        self.allow(size)


_METER: ContextVar[Meter] = ContextVar("kehoach_template_meter")


def _meter() -> Meter:
    try:
        return _METER.get()
    except LookupError:
        # Outside a render: Jinja is trying to fold a constant expression at compile time,
        # which would run it unmetered. Impossible tells it to leave it to the render.
        raise nodes.Impossible() from None


@contextlib.contextmanager
def metered(budget: RenderBudget) -> Iterator[Meter]:
    """Every template operation run inside, on this thread, is counted against `budget`."""
    token = _METER.set(Meter(budget))
    try:
        yield _METER.get()
    finally:
        _METER.reset(token)


# ----------------------------------------------------------------------- size checks


def _number(value: int) -> str:
    # A number of thousands of digits cannot even be printed (Python refuses past 4,300).
    return str(value) if value.bit_length() <= 64 else "rất lớn"


def _width(value: Any, what: str, kind: str = "độ rộng") -> None:
    if isinstance(value, int) and abs(value) > MAX_TEMPLATE_WIDTH:
        raise Worded(f"{kind} {_number(value)} trong «{what}» quá giới hạn {MAX_TEMPLATE_WIDTH}")
    if isinstance(value, str) and len(value) > MAX_TEMPLATE_WIDTH:
        raise Worded(f"chuỗi thụt lề trong «{what}» dài quá {MAX_TEMPLATE_WIDTH} ký tự")


def _digits(bits: int, operator: str) -> None:
    if bits * 30103 // 100_000 > MAX_TEMPLATE_DIGITS:  # log10(2)
        raise Worded(f"phép tính «{operator}» ra số quá {MAX_TEMPLATE_DIGITS} chữ số")


# printf-style: %[(name)][flags][width][.precision][length]type
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def _printf_sizes(fmt: str) -> None:
    for match in _PRINTF.finditer(fmt):
        for number in match.groups():
            if number == "*":
                raise Worded(
                    f"định dạng «{match.group(0)}» lấy độ rộng từ giá trị (*); hãy "
                    f"ghi thẳng độ rộng, tối đa {MAX_TEMPLATE_WIDTH}"
                )
            if number and (len(number) > 9 or int(number) > MAX_TEMPLATE_WIDTH):
                raise Worded(
                    f"độ rộng {number} trong «{match.group(0)}» quá giới hạn {MAX_TEMPLATE_WIDTH}"
                )


def _format_sizes(fmt: str) -> None:
    """str.format's fields: widths and precisions within the cap, none taken from a value."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        raise Worded(f"chuỗi định dạng «{fmt[:60]}» viết sai") from exc
    for _, name, spec, _ in fields:
        if name is None or not spec:
            continue
        shown = f"{{{name}:{spec}}}"
        if "{" in spec:
            raise Worded(
                f"định dạng «{shown}» lấy độ rộng từ giá trị; hãy ghi thẳng độ rộng, "
                f"tối đa {MAX_TEMPLATE_WIDTH}"
            )
        for number in re.findall(r"\d+", spec):
            if len(number) > 9 or int(number) > MAX_TEMPLATE_WIDTH:
                raise Worded(f"độ rộng {number} trong «{shown}» quá giới hạn {MAX_TEMPLATE_WIDTH}")


# Methods of a text that make more than they are given: checked before they run.
def _padded(
    meter: Meter, text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    _width(args[0] if args else kwargs.get("width"), name)
    return args


def _tabs(
    meter: Meter, text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    size = args[0] if args else kwargs.get("tabsize", 8)
    _width(size, name)
    if isinstance(size, int):
        meter.allow(len(text) + text.count("\t" if isinstance(text, str) else b"\t") * size)
    return args


def _replaced(
    meter: Meter, text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    if len(args) >= 2 and isinstance(args[0], str | bytes) and isinstance(args[1], str | bytes):
        old, new = args[0], args[1]
        times = text.count(old) if old else len(text) + 1
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            times = min(times, args[2])
        meter.allow(len(text) + times * max(0, len(new) - len(old)))
    return args


def _joined(
    meter: Meter, text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    if not args:
        return args
    items = list(meter.counted(args[0]))
    pieces = sum(len(item) for item in items if isinstance(item, str | bytes))
    meter.allow(pieces + max(0, len(items) - 1) * len(text))
    return (items, *args[1:])


def _translated(
    meter: Meter, text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    if args and isinstance(args[0], Mapping):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        meter.allow(len(text) * max(1, longest))
    return args


def _grown(
    meter: Meter, items: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    if name in ("append", "insert", "add") or not args:
        meter.allow(len(items) + 1)
        return args
    added = args[0]
    if not isinstance(added, Sized):
        added = list(meter.counted(added))
        args = (added, *args[1:])
    meter.allow(len(items) + len(added))
    return args


_Check = Callable[[Meter, Any, str, tuple[Any, ...], dict[str, Any]], tuple[Any, ...]]
_TEXT_METHODS: dict[str, _Check] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _tabs,
    "replace": _replaced,
    "join": _joined,
    "translate": _translated,
}
_GROWING_METHODS: dict[str, _Check] = {
    name: _grown for name in ("append", "insert", "add", "extend", "update")
}


# ---------------------------------------------------------------------------- filters


# Filters that go through their value (each item a step) or print it (its text checked).
_ITERATING = frozenset(
    {
        "batch",
        "dictsort",
        "groupby",
        "items",
        "join",
        "last",
        "list",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "reverse",
        "select",
        "selectattr",
        "slice",
        "sort",
        "sum",
        "unique",
    }
)
_STRINGIFYING = frozenset(
    {
        "capitalize",
        "center",
        "e",
        "escape",
        "forceescape",
        "format",
        "indent",
        "lower",
        "pprint",
        "replace",
        "string",
        "striptags",
        "title",
        "tojson",
        "trim",
        "truncate",
        "upper",
        "urlencode",
        "urlize",
        "wordcount",
        "wordwrap",
        "xmlattr",
    }
)
# Filters asked for a size (see _filter_sizes).
_SIZES = frozenset(
    {
        "batch",
        "center",
        "format",
        "indent",
        "join",
        "la_ma",
        "round",
        "slice",
        "sum",
        "truncate",
        "wordwrap",
    }
)
_ROMAN_MAX = 3999  # MMMCMXCIX: past it a Roman numeral is a row of M's


def _filter_sizes(
    env: Environment, name: str, meter: Meter, value: Any, args: list[Any], kwargs: dict[str, Any]
) -> Any:
    """The sizes a filter is asked for, checked before it runs; returns the value to give
    it (a sequence it would go through twice, read once)."""

    def arg(index: int, key: str, default: Any = None) -> Any:
        return args[index] if len(args) > index else kwargs.get(key, default)

    if name == "center":
        _width(arg(0, "width"), name)
    elif name == "truncate":
        _width(arg(0, "length"), name, "độ dài")
    elif name == "indent":
        width, text = arg(0, "width", 4), str(value)
        _width(width, name)
        pad = width if isinstance(width, int) else len(width) if isinstance(width, str) else 0
        meter.allow(len(text) + (text.count("\n") + 1) * max(pad, 0))
    elif name == "wordwrap":
        width, wrap, text = arg(0, "width", 79), arg(2, "wrapstring") or "\n", str(value)
        _width(width, name)
        if isinstance(width, int) and width > 0 and isinstance(wrap, str):
            meter.allow(len(text) + (len(text) // width + 1) * len(wrap))
    elif name == "round":
        _width(arg(0, "precision", 0), name, "số chữ số")
    elif name in ("batch", "slice"):
        count = arg(0, "linecount" if name == "batch" else "slices")
        if isinstance(count, int) and count > MAX_TEMPLATE_RANGE:
            raise Worded(f"bộ lọc «{name}» chia quá {MAX_TEMPLATE_RANGE} phần")
    elif name == "format":
        if isinstance(value, str):
            _printf_sizes(value)
        for item in (*args, *kwargs.values()):
            meter.stringify(item)
    elif name == "la_ma" and isinstance(value, int) and value > _ROMAN_MAX:
        raise Worded(f"số {_number(value)} quá lớn để viết bằng chữ số La Mã (tối đa {_ROMAN_MAX})")
    elif name == "sum" and not isinstance(arg(1, "start", 0), int | float):
        raise Worded("bộ lọc «sum» chỉ cộng các số")
    elif name == "join":
        items = list(value)
        # The attribute taken here, so that what is joined can be measured.
        attribute = kwargs.pop("attribute") if "attribute" in kwargs else None
        if len(args) > 1:
            attribute = args.pop(1)
        if attribute is not None:
            items = list(map(make_attrgetter(env, attribute), items))
        for item in items:
            meter.stringify(item)
        pieces = sum(len(item) for item in items if isinstance(item, str))
        meter.allow(pieces + max(0, len(items) - 1) * len(str(arg(0, "d", ""))))
        return items
    return value


# What Jinja passes a filter before its value, as the filter asks.
_PASSED = (Context, nodes.EvalContext, Environment)


def _metered_filter(env: Environment, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    iterates, stringifies, sized = name in _ITERATING, name in _STRINGIFYING, name in _SIZES

    @functools.wraps(func)  # keeps Jinja's mark of what the filter is passed first
    def run(*given: Any, **kwargs: Any) -> Any:
        meter = _meter()
        meter.step(_CALL_STEPS)
        lead = 0
        while lead < len(given) and isinstance(given[lead], _PASSED):
            lead += 1
        value, args = given[lead], list(given[lead + 1 :])
        if iterates:
            value = meter.counted(value)
        if stringifies:
            meter.stringify(value)
        if sized:
            value = _filter_sizes(env, name, meter, value, args, kwargs)
        try:
            result = func(*given[:lead], value, *args, **kwargs)
        except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
            raise Worded(f"bộ lọc «{name}» không dùng được với giá trị này") from exc
        return meter.made(result)

    return run


# ---------------------------------------------------------------------------- sandbox


def _finalize(value: Any) -> Any:
    # An empty field prints as nothing, never as "None".
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_value(value)
    if not isinstance(value, _PLAIN):
        _meter().stringify(value)
    return value


_AS_TEXT = "dữ liệu luôn được in đúng như chữ, không thành mã Word"


def _unsafe(value: Any) -> Any:
    raise Worded(f"bộ lọc «safe» không được dùng: {_AS_TEXT}")


def _fitted_grid(value: Any) -> Any:
    """The tables a template wraps in `{% filter kehoach_grid %}` (see wordtags), fitted;
    a data value given to it is left as it is, to be printed as text."""
    # Worked on as plain text: a Markup's own operations would escape what is added.
    return Markup(fitted_grid(str(value))) if isinstance(value, Markup) else value


def _bounded_range(*args: int) -> range:
    """range() in a template, within the cap (the sandbox's own allows 100,000, and two
    nested loops of that take hours)."""
    try:
        numbers = range(*args)
        count = len(numbers)
    except (OverflowError, TypeError, ValueError):
        count = MAX_TEMPLATE_RANGE + 1
    if count > MAX_TEMPLATE_RANGE:
        raise Worded(f"vòng lặp range() quá {MAX_TEMPLATE_RANGE} lần")
    return numbers


class _Buffer(list[str]):
    """Output held in memory until it is whole (a macro's, a {% set %} block's): counted as
    it grows, as streamed output is."""

    def __init__(self, meter: Meter) -> None:
        super().__init__()
        self.meter = meter

    def append(self, piece: str) -> None:
        self.meter.spend(len(piece))
        super().append(piece)

    def extend(self, pieces: Iterable[str]) -> None:
        pieces = tuple(pieces)
        self.meter.spend(sum(map(len, pieces)))
        super().extend(pieces)


class _Generator(CodeGenerator):
    """Jinja's code generator, with every output buffer metered."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.kehoach_buffer()")


class _Sandbox(SandboxedEnvironment):
    """The sandbox, reading a plain dict's field as its key first: `l.so` on a dict would
    otherwise fail as an attribute, then be checked as one, for every field of every letter
    (most of a large batch's time). A key of a dict our code made is as safe as an item
    `l["so"]`, which the sandbox never checks."""

    code_generator_class = _Generator

    @property
    def undefined(self) -> type[Undefined]:
        return _Missing if _MISSING.get() is not None else StrictUndefined

    @undefined.setter
    def undefined(self, kind: type[Undefined]) -> None:
        """Always StrictUndefined: a missing field stops a render, except while listing."""

    # Checked before they run: `9**9**9`, `"x" * 10**9`, `"%2000000000s" % x` would take
    # the machine (Jinja would even fold them at compile time), `a + a` doubles.
    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        meter = _meter()
        if operator == "**" and isinstance(right, int):
            if abs(right) > 64:
                raise Worded("lũy thừa quá lớn")
            if isinstance(left, int) and right > 0:
                _digits(left.bit_length() * right, operator)
        elif operator == "*":
            sequence, count = (right, left) if isinstance(left, int) else (left, right)
            if isinstance(sequence, str | list | tuple) and isinstance(count, int):
                if count > MAX_TEMPLATE_RANGE:
                    raise Worded(f"phép nhân chuỗi quá {MAX_TEMPLATE_RANGE} lần")
                meter.allow(len(sequence) * count)
            elif isinstance(left, int) and isinstance(right, int):
                _digits(left.bit_length() + right.bit_length(), operator)
        elif operator == "+" and isinstance(left, Sized) and isinstance(right, Sized):
            meter.allow(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _printf_sizes(left)
            meter.stringify(right)
        try:
            result = super().call_binop(context, operator, left, right)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise Worded(
                f"phép tính «{operator}» không dùng được với các giá trị này (ví dụ "
                "cộng chữ với số)"
            ) from exc
        return meter.made(result)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        receiver = getattr(obj, "__self__", None)
        if receiver is self:  # the environment's own, called from the generated code
            return obj(*args)
        meter = _meter()
        meter.step(_CALL_STEPS)
        if isinstance(obj, LoopContext) and args:  # a recursive loop's next level
            args = (meter.counted(args[0]), *args[1:])
        builtin = isinstance(receiver, str | bytes | list | tuple | dict | set)
        if isinstance(receiver, str | bytes | list | tuple | dict | set):
            meter.step(len(receiver) // 64)  # a method goes through what it is called on
            checks = _TEXT_METHODS if isinstance(receiver, str | bytes) else _GROWING_METHODS
            if obj.__name__ in checks:
                args = checks[obj.__name__](meter, receiver, obj.__name__, args, kwargs)
        try:
            result = super().call(context, obj, *args, **kwargs)
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            if not builtin:
                raise
            raise Worded(f"lời gọi «{obj.__name__}()» không dùng được với giá trị này") from exc
        return meter.made(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        formatter = super().wrap_str_format(value)
        if formatter is None:
            return None
        _format_sizes(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            meter = _meter()
            for item in (*args, *kwargs.values()):
                meter.stringify(item)
            return formatter(*args, **kwargs)

        return checked

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def kehoach_text(self, value: Any, paragraph: str | None, run: str) -> Markup:
        """A field printed inside Word text (see wordtags.TextFields): its marks made Word's
        before what XML forbids is dropped."""
        if value is None:
            value = ""
        elif not isinstance(value, _PLAIN):
            _meter().stringify(value)
        return word_text(escape(value), paragraph, run)

    def kehoach_buffer(self) -> _Buffer:
        return _Buffer(_meter())

    def kehoach_counted(self, iterable: Any) -> Any:
        return _meter().counted(iterable)

    def kehoach_step(self, weight: int) -> None:
        _meter().step(weight)

    def kehoach_concat(self, *values: Any) -> str:
        meter = _meter()
        for value in values:
            meter.stringify(value)
        return meter.made(markup_join(values))


# ------------------------------------------------------------------- missing fields

# (program, template line, Jinja's message) of each missing field met while listing them.
Missing = list[tuple[Template, int | None, str]]
_MISSING: ContextVar[Missing | None] = ContextVar("kehoach_missing", default=None)


class _Missing(ChainableUndefined):
    """A field the data lacks, while a trial render lists them all (`listing_missing`): it
    prints as nothing and goes on, noting where it was used."""

    __slots__ = ()

    def _noted(self) -> None:
        if self._undefined_exception is not UndefinedError:
            self._fail_with_undefined_error()  # the sandbox's refusal: never passed over
        missing = _MISSING.get()
        frame = sys._getframe(2)
        while frame is not None and "__jinja_template__" not in frame.f_globals:
            frame = frame.f_back  # type: ignore[assignment]
        if missing is not None and frame is not None:
            program = frame.f_globals["__jinja_template__"]
            line = program.get_corresponding_lineno(frame.f_lineno)
            missing.append((program, line, self._undefined_message))

    def __str__(self) -> str:
        self._noted()
        return ""

    def __iter__(self) -> Iterator[Any]:
        self._noted()
        return iter(())

    def __bool__(self) -> bool:
        self._noted()
        return False

    def __len__(self) -> int:
        self._noted()
        return 0


@contextlib.contextmanager
def listing_missing() -> Iterator[Missing]:
    """Renders inside go on past a missing field, each one noted in the list yielded."""
    missing: Missing = []
    token = _MISSING.set(missing)
    try:
        yield missing
    finally:
        _MISSING.reset(token)


def environment() -> SandboxedEnvironment:
    env = _Sandbox(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.globals = {
        "range": _bounded_range,
        "dict": dict,
        "namespace": Namespace,
        **{name: env.globals[name] for name in ("cycler", "joiner")},
    }
    own = {"ngay": nd30.date_text, "so_vb": nd30.number_text, "la_ma": nd30.roman}
    # |safe is the only way data could be printed as Word XML: refused when named by a
    # filter tag (at compile time) and when named at render (`map("safe")`).
    filters = {**env.filters, **own, "safe": _unsafe}
    env.filters = {name: _metered_filter(env, name, func) for name, func in filters.items()}
    # Its table was counted as it was made, and is fitted in one pass whatever its size.
    env.filters[GRID_FILTER] = _fitted_grid
    return env


# --------------------------------------------------------------------------- compiling


_REFUSED_TAGS: dict[type[nodes.Node], str] = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from",
    nodes.Extends: "extends",
    nodes.EvalContextModifier: "autoescape",
}
_NESTING = (
    nodes.For,
    nodes.If,
    nodes.Macro,
    nodes.CallBlock,
    nodes.FilterBlock,
    nodes.With,
    nodes.AssignBlock,
    nodes.Block,
)


def _tag_text(source: str, keyword: str) -> str:
    found = re.search(rf"\{{%[-+]?\s*{keyword}\b.*?%\}}", source, re.DOTALL)
    text = found.group(0) if found else f"{{% {keyword} %}}"
    return text if len(text) <= 80 else text[:77] + "…"


def _refusal(tree: nodes.Template, source: str, part: str) -> str | None:
    """What at compile time keeps a part's program from being used, said for the officer;
    None when nothing does. Walked without recursion: the tree may be deep."""
    pending: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while pending:
        node, depth = pending.pop()
        for kind, keyword in _REFUSED_TAGS.items():
            if isinstance(node, kind):
                tag = _tag_text(source, keyword)
                if keyword == "autoescape":
                    return f"phần {part} dùng thẻ «{tag}», không được dùng: {_AS_TEXT}"
                return (
                    f"phần {part} dùng thẻ «{tag}»; mẫu không được lấy nội dung từ mẫu "
                    "hay tệp khác: hãy chép thẳng nội dung cần dùng vào mẫu"
                )
        if isinstance(node, nodes.Filter) and node.name == "safe":
            return f"phần {part} dùng bộ lọc «safe», không được dùng: {_AS_TEXT}"
        if isinstance(node, nodes.Name) and node.name == "lipsum" and node.ctx == "load":
            return (
                f"phần {part} dùng hàm «lipsum» (tạo chữ giả); mẫu chỉ được dùng các "
                "trường dữ liệu và bộ lọc của chương trình"
            )
        if depth > MAX_TEMPLATE_NESTING:
            return (
                f"phần {part} có các thẻ {{% for %}}, {{% if %}}... lồng nhau quá "
                f"{MAX_TEMPLATE_NESTING} cấp; hãy tách bớt"
            )
        # An {% elif %} is a branch of its {% if %}, not a level inside it.
        branches = {id(branch) for branch in node.elif_} if isinstance(node, nodes.If) else set()
        for child in node.iter_child_nodes():
            deeper = isinstance(child, _NESTING) and id(child) not in branches
            pending.append((child, depth + 1 if deeper else depth))
    return None


# The bodies that charge for themselves each time they run; the rest of a body runs with
# the body around it.
_OWN_BODIES = frozenset({(nodes.For, "body"), (nodes.Macro, "body"), (nodes.CallBlock, "body")})


def _weight(body: list[nodes.Node]) -> int:
    """The nodes one run of `body` goes through, bodies that charge for themselves left out."""
    count, pending = 0, list(body)
    while pending:
        node = pending.pop()
        count += 1
        for field, value in node.iter_fields():
            if (type(node), field) in _OWN_BODIES:
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, nodes.Node):
                    pending.append(child)
    return count


class _Metering(NodeTransformer):
    """Every run of a loop's or a macro's body charged its weight, every item a loop goes
    through counted (a recursive loop's next levels by the sandbox's call), every `~` join
    checked before it is made."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        assert isinstance(node.iter, nodes.Expr)  # what Jinja's parser makes of `in …`
        node.iter = _own_call("kehoach_counted", [node.iter], node.lineno)
        return self._charged(node)

    def visit_Macro(self, node: nodes.Macro) -> nodes.Node:
        self.generic_visit(node)
        return self._charged(node)

    def visit_CallBlock(self, node: nodes.CallBlock) -> nodes.Node:
        self.generic_visit(node)
        return self._charged(node)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _own_call("kehoach_concat", node.nodes, node.lineno)

    @staticmethod
    def _charged(node: nodes.For | nodes.Macro | nodes.CallBlock) -> nodes.Node:
        weight = nodes.Const(_weight(node.body), lineno=node.lineno)
        node.body.insert(0, nodes.ExprStmt(_own_call("kehoach_step", [weight], node.lineno)))
        return node


def _own_call(method: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
    function = nodes.EnvironmentAttribute(method, lineno=lineno)
    return nodes.Call(function, args, [], None, None, lineno=lineno)


_MARKS = re.compile(r"\{[{%]|[}%]\}")


def _code_size(source: str) -> int:
    """The characters inside {{ }} and {% %} tags, counted in one pass (a tag left open is
    Jinja's syntax error to report)."""
    size, start = 0, None
    for mark in _MARKS.finditer(source):
        if mark.group(0)[0] == "{":
            start = mark.start() if start is None else start
        elif start is not None:
            size += mark.end() - start
            start = None
    return size


def compile_part(env: Environment, source: str, part: str) -> Template:
    """A part's program, after the checks no trial render can make (a refused tag in a
    branch the sample data never takes is refused all the same). Raises Worded, or Jinja's
    TemplateSyntaxError."""
    code = _code_size(source)
    if code > MAX_TEMPLATE_CODE:
        raise Worded(
            f"phần {part} có {code} ký tự trong các thẻ {{{{ }}}} và {{% %}}, quá giới "
            f"hạn {MAX_TEMPLATE_CODE}"
        )
    try:
        tree = env.parse(source)
        refusal = _refusal(tree, source, part)
        if refusal is not None:
            raise Worded(refusal)
        tree = _Metering().visit(TextFields().visit(tree))
        tree.set_environment(env)
        return env.from_string(tree)
    except (RecursionError, SyntaxError) as exc:  # Jinja's parser, or Python's compiler
        raise Worded(
            f"phần {part} có các thẻ hoặc biểu thức lồng nhau quá sâu; hãy tách bớt"
        ) from exc
