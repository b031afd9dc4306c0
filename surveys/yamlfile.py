"""Load a YAML file into a pydantic model, reporting errors with file, line and field.

Configuration files are edited by hand by people who are not programmers, so a mistake must be
reported where it is: `org.yaml, line 12, teams[2].key: ...`, not as a stack trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)
Loc = tuple[str | int, ...]


class ConfigFileError(Exception):
    """A configuration file cannot be used; the message says where and why."""


def _line_map(node: yaml.Node, path: Loc, lines: dict[Loc, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)


def _format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


def parse_yaml(text: str, name: str) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML text, returning the data and a map from field path to line number."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ConfigFileError(f"{name}, line {line}: not valid YAML ({exc.problem})") from None
    lines: dict[Loc, int] = {}
    if node is not None:
        _line_map(node, (), lines)
    return data, lines


def load_model(path: Path, model: type[ModelT]) -> ModelT:
    """Read `path` and validate it as `model`; ConfigFileError names file, line and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"{path}: cannot be read ({exc})") from None
    return validate_text(text, str(path), model)


def validate_text(
    text: str, name: str, model: type[ModelT], context: dict[str, Any] | None = None
) -> ModelT:
    """Validate YAML text as `model`; errors name `name`, the line and the field."""
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise ConfigFileError(f"{name}, line 1: expected a mapping of settings at the top level")
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{name}, line {_line_for(loc, lines)}, {_format_loc(loc)}: {message}")
        raise ConfigFileError("\n".join(problems)) from None
