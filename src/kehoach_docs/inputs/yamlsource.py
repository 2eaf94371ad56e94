"""Reading hand-edited YAML node by node, so that every value keeps its line for messages.

Values are read from the raw scalar text, not from YAML's type guessing: a row number
written `1.10` stays "1.10" (YAML would make it the float 1.1), and `no` stays "no".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kehoach_docs.domain.limits import (
    MAX_YAML_ALIASES,
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    LimitExceeded,
    NotAFile,
    read_file,
)
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.textclean import clean_lines, clean_text, xml_invalid_count

_NULL_TAG = "tag:yaml.org,2002:null"

# PyYAML's messages, in the words an officer can act on.
_YAML_MESSAGES = {
    "mapping values are not allowed here": (
        "có dấu «:» ở chỗ không được phép; nếu nội dung có dấu hai chấm, hãy đặt cả giá trị "
        "trong dấu nháy kép"
    ),
    "could not find expected ':'": "thiếu dấu «:» sau tên khóa",
    "did not find expected key": "thụt lề không đúng hoặc thiếu tên khóa",
    "did not find expected '-' indicator": "thụt lề không đúng trong danh sách (dòng bắt đầu «- »)",
    "found character '\\t' that cannot start any token": (
        "có ký tự Tab; YAML chỉ cho thụt lề bằng dấu cách"
    ),
    "found unexpected end of stream": "tệp kết thúc khi còn dấu nháy chưa đóng",
    "found unknown escape character": "có ký tự thoát «\\» không hợp lệ trong chuỗi nháy kép",
    "special characters are not allowed": "có ký tự điều khiển không được phép",
}


_OPENED = {
    "while parsing a flow sequence": "dấu «[» mở ở dòng {line} chưa được đóng bằng «]»",
    "while parsing a flow mapping": "dấu «{{» mở ở dòng {line} chưa được đóng bằng «}}»",
    "while scanning a quoted scalar": "dấu nháy mở ở dòng {line} chưa được đóng",
}


def _translate(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line to point at and the message: an unclosed bracket or quote is named where it
    was opened, which is where the officer has to look; PyYAML's English never shows."""
    problem, context = exc.problem or "", exc.context or ""
    opened = exc.context_mark.line + 1 if exc.context_mark is not None else None
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    if context in _OPENED and opened is not None:
        return opened, _OPENED[context].format(line=opened)
    for english, vietnamese in _YAML_MESSAGES.items():
        if problem.startswith(english):
            return line, vietnamese
    if problem.startswith("expected <block end>"):
        return line, "thụt lề không đúng (các khóa cùng cấp phải thẳng hàng)"
    if problem.startswith("found undefined alias"):
        return line, "bí danh «*...» chưa được khai báo bằng «&...» ở trên"
    if context.startswith("found duplicate anchor"):
        return line, f"nhãn «&...» đã khai báo ở dòng {opened}, không được khai báo lại"
    column = f" (cột {mark.column + 1})" if mark is not None else ""
    return line, f"cú pháp YAML không hợp lệ{column}"


@dataclass
class Source:
    """One YAML file being read, and where its problems go."""

    display: str
    problems: Problems
    # How a list key is named in a message: "phụ lục 2 › mục 1" reads better than "phu_luc 2".
    labels: Mapping[str, str] = field(default_factory=dict)

    def error(self, node: yaml.Node | None, fld: str, message: str) -> None:
        self.problems.error(self.display, line_of(node), fld, message)

    def warning(self, node: yaml.Node | None, fld: str, message: str) -> None:
        self.problems.warning(self.display, line_of(node), fld, message)


def line_of(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


class _TooBig(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Caps:
    """Composes with the caps of domain.limits: how many aliases, how deep the nesting (the
    composer recurses, so a file of nested brackets would exhaust Python's stack)."""

    aliases = 0
    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        line = self.peek_event().start_mark.line + 1  # type: ignore[attr-defined]
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise _TooBig(f"quá {MAX_YAML_ALIASES} bí danh (*tên)", line)
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            raise _TooBig(f"lồng nhau quá {MAX_YAML_DEPTH} cấp", line)
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1


class _BoundedLoader(_Caps, yaml.SafeLoader):
    """PyYAML's own parser: slow, but its errors carry what _translate words."""


if yaml.__with_libyaml__:
    # Where libyaml's parser is defined (yaml.cyaml only imports it from there).
    from yaml._yaml import CParser

    class _FastLoader(
        _Caps,
        yaml.composer.Composer,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml reads the events (ten times faster on a 10,000-task plan); the node
        tree is composed in Python, where the caps above apply."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADERS: tuple[type, ...] = (_FastLoader, _BoundedLoader)
else:
    _LOADERS = (_BoundedLoader,)


def _compose(text: str) -> yaml.Node | None:
    """The tree, from the fastest loader; a file it refuses is read again by PyYAML's own,
    whose error (and its line) is worded for the officer."""
    for loader in _LOADERS[:-1]:
        try:
            return yaml.compose(text, Loader=loader)
        except (yaml.YAMLError, UnicodeError):
            break
    return yaml.compose(text, Loader=_LOADERS[-1])


_IN_PROGRESS = -1


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes the tree has once every alias is read where it stands (an alias
    shares its node, so ten aliases of ten aliases of ... are counted as what they are)."""
    known = sizes.get(id(node))
    if known == _IN_PROGRESS:
        raise _TooBig("bí danh (*tên) trỏ vào chính nhóm chứa nó", line_of(node))
    if known is not None:
        return known
    sizes[id(node)] = _IN_PROGRESS
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    sizes[id(node)] = size
    return size


def compose_file(path: Path, source: Source) -> yaml.Node | None:
    """The node tree of a YAML file, or None (with the problem recorded)."""
    try:
        data = read_file(path, MAX_YAML_BYTES)
    except FileNotFoundError:
        source.problems.error(source.display, None, "", "không tìm thấy tệp")
        return None
    except NotAFile as exc:
        source.problems.error(source.display, None, "", exc.what)
        return None
    except LimitExceeded as exc:
        source.problems.error(source.display, None, "", str(exc))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        source.problems.error(
            source.display,
            text_line_of_byte(data, exc.start),
            "",
            "tệp không phải văn bản UTF-8; hãy lưu lại với mã UTF-8",
        )
        return None
    try:
        node = _compose(text)
    except _TooBig as exc:
        source.problems.error(source.display, exc.line, "", exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        line, message = _translate(exc)
        source.problems.error(source.display, line, "", message)
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        source.problems.error(
            source.display,
            line,
            "",
            f"có ký tự điều khiển không được phép (mã U+{exc.character:04X}); hãy xóa ký tự đó",
        )
        return None
    except yaml.YAMLError:
        source.problems.error(source.display, None, "", "cú pháp YAML không hợp lệ")
        return None
    try:
        if node is not None and _expanded_size(node, {}) > MAX_YAML_NODES:
            source.problems.error(
                source.display, None, "", f"các bí danh (*tên) mở rộng ra hơn {MAX_YAML_NODES} mục"
            )
            return None
    except _TooBig as exc:
        source.problems.error(source.display, exc.line, "", exc.message)
        return None
    return node


def text_line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def is_empty(node: yaml.Node | None) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG)


class MapReader:
    """Reads one mapping: typed fields, unknown and duplicate keys reported."""

    def __init__(
        self, source: Source, node: yaml.MappingNode, path: str, allowed: Iterable[str]
    ) -> None:
        self.source = source
        self.node = node
        self.path = path
        self.allowed = tuple(allowed)
        self.values: dict[str, yaml.Node] = {}
        self.keys: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in self.values:
                source.error(key_node, self._field(key), "khóa này xuất hiện hai lần")
            elif key not in self.allowed:
                message = (
                    f"khóa «{key}» không hợp lệ; các khóa được phép: {', '.join(self.allowed)}"
                )
                close = difflib.get_close_matches(key, self.allowed, n=1)
                if close:
                    message += f" (có phải ý là «{close[0]}»?)"
                source.error(key_node, self._field(key), message)
            self.values[key] = value_node
            self.keys.setdefault(key, key_node)

    @property
    def line(self) -> int | None:
        return line_of(self.node)

    def _field(self, key: str) -> str:
        return f"{self.path} › {key}" if self.path else key

    def node_of(self, key: str) -> yaml.Node | None:
        return self.values.get(key)

    def _missing(self, key: str) -> None:
        # A key written but left blank is pointed at on its own line.
        where = self.keys.get(key, self.node)
        self.source.error(where, self._field(key), f"thiếu khóa bắt buộc «{key}»")

    def _scalar(self, key: str, expected: str) -> yaml.ScalarNode | None:
        node = self.values.get(key)
        if is_empty(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.source.error(
                node, self._field(key), f"cần {expected}, không phải danh sách hay nhóm"
            )
            return None
        return node

    def _clean(self, node: yaml.Node, key: str, value: str) -> str:
        dropped = xml_invalid_count(value)
        if dropped:
            self.source.warning(
                node, self._field(key), f"đã bỏ {dropped} ký tự điều khiển không in được"
            )
        return value

    def text(self, key: str, required: bool = False) -> str:
        node = self._scalar(key, "một đoạn chữ")
        if node is None:
            if required and is_empty(self.values.get(key)):
                self._missing(key)
            return ""
        value = clean_text(self._clean(node, key, node.value))
        if required and not value:
            self._missing(key)
        return value

    def lines(self, key: str, required: bool = False) -> tuple[str, ...]:
        """A cell of one or more lines: a string (lines split on newlines) or a list of strings."""
        node = self.values.get(key)
        result: list[str] = []
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value, start=1):
                if is_empty(item):
                    continue
                if not isinstance(item, yaml.ScalarNode):
                    self.source.error(
                        item,
                        f"{self._field(key)} {i}",
                        "mỗi dòng phải là một đoạn chữ; nếu dòng có dấu «:», "
                        "đặt cả dòng trong dấu nháy kép",
                    )
                    continue
                result.extend(clean_lines(self._clean(item, key, item.value)))
        elif isinstance(node, yaml.ScalarNode) and not is_empty(node):
            result.extend(clean_lines(self._clean(node, key, node.value)))
        elif node is not None and not is_empty(node):
            self.source.error(node, self._field(key), "cần một đoạn chữ hoặc danh sách các dòng")
        if required and not result:
            self._missing(key)
        return tuple(result)

    def integer(self, key: str, low: int, high: int, what: str) -> int | None:
        node = self._scalar(key, "một số")
        if node is None:
            return None
        raw = clean_text(node.value)
        if not raw.isdigit() or not low <= int(raw) <= high:
            self.source.error(
                node, self._field(key), f"{what} phải là số từ {low} đến {high}, không phải «{raw}»"
            )
            return None
        return int(raw)

    def mapping(self, key: str, allowed: Iterable[str], required: bool = False) -> MapReader | None:
        node = self.values.get(key)
        if is_empty(node):
            if required:
                self._missing(key)
            return None
        return as_mapping(self.source, node, self._field(key), allowed)

    def sequence(self, key: str, required: bool = False) -> Iterator[tuple[int, yaml.Node]]:
        node = self.values.get(key)
        if is_empty(node):
            if required:
                self._missing(key)
            return
        if not isinstance(node, yaml.SequenceNode):
            self.source.error(
                node, self._field(key), "cần một danh sách (mỗi mục bắt đầu bằng «- »)"
            )
            return
        yield from enumerate(node.value, start=1)

    def child_path(self, key: str, index: int) -> str:
        label = self.source.labels.get(key, key)
        return f"{self.path} › {label} {index}" if self.path else f"{label} {index}"


def as_mapping(
    source: Source, node: yaml.Node | None, path: str, allowed: Iterable[str]
) -> MapReader | None:
    if not isinstance(node, yaml.MappingNode):
        source.error(node, path, "cần một nhóm các khóa «tên: giá trị»")
        return None
    return MapReader(source, node, path, allowed)
