"""Check Bot API requests against the machine-readable spec (tests/botapi/api.json)."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import JSON, UploadedFile

_ARRAY = "Array of "
_INT = re.compile(r"-?\d+")
# Subtypes name their tag in the `type` field's description: 'always "emoji"', 'must be chat'.
_TAG = re.compile(r'(?:always|must be) ["“]?([A-Za-z_]+)')
_ATTACH = re.compile(r"attach://([A-Za-z0-9_.\-]+)")
_MAX_DEPTH = 16  # deeper than any real Bot API object; guards against odd self-references


@dataclass(frozen=True)
class Field:
    """A method parameter or object field as the spec declares it."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class TypeDef:
    """An object type: its fields (None for opaque types) or the subtypes it stands for."""

    name: str
    fields: dict[str, Field] | None
    subtypes: tuple[str, ...]
    tag: str | None


def _fields(entry: JSON) -> dict[str, Field]:
    return {
        f["name"]: Field(f["name"], tuple(f["types"]), bool(f["required"]))
        for f in entry.get("fields") or []
    }


def _tag(entry: JSON) -> str | None:
    for f in entry.get("fields") or []:
        if f["name"] == "type" and (match := _TAG.search(f["description"])):
            return match.group(1)
    return None


def _describe(value: Any) -> str:
    # Names the JSON kind only: values may be user text and must not leak into reports.
    if isinstance(value, UploadedFile):
        return "a file upload"
    if value is None:
        return "null"
    for kind, name in ((bool, "Boolean"), (int, "Integer"), (float, "Float"), (str, "String")):
        if isinstance(value, kind):
            return name
    return "an array" if isinstance(value, list) else "an object"


def _parsed(value: Any, top: bool) -> Any:
    """Top-level form values arrive JSON-encoded as strings; nested values are real JSON."""
    if top and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class BotApiSpec:
    """The Bot API methods and types, used to validate the requests a bot makes."""

    def __init__(self, data: JSON) -> None:
        self.version: str = data.get("version", "")
        self.methods: dict[str, dict[str, Field]] = {
            name: _fields(entry) for name, entry in data["methods"].items()
        }
        self.types: dict[str, TypeDef] = {
            name: TypeDef(
                name,
                _fields(entry) if "fields" in entry else None,
                tuple(entry.get("subtypes") or ()),
                _tag(entry),
            )
            for name, entry in data["types"].items()
        }
        self._by_lower = {name.lower(): name for name in self.methods}

    @classmethod
    def from_file(cls, path: Path | str) -> BotApiSpec:
        """Load an api.json file (PaulSonOfLars/telegram-bot-api-spec format)."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def method_name(self, method: str) -> str | None:
        """The canonical method name (Bot API method names are case-insensitive)."""
        return self._by_lower.get(method.lower())

    def field_types(self, method: str, name: str) -> tuple[str, ...] | None:
        """Declared types of one parameter, or None if the method or parameter is unknown."""
        canonical = self.method_name(method)
        field = self.methods[canonical].get(name) if canonical else None
        return field.types if field else None

    def validate(
        self, method: str, params: Mapping[str, Any], attachments: Collection[str] = ()
    ) -> list[str]:
        """Problems with one request; params may be raw form strings or decoded values."""
        canonical = self.method_name(method)
        if canonical is None:
            return [f"unknown method {method}"]
        fields = self.methods[canonical]
        problems = [
            f"{canonical}: missing required field {f.name}"
            for f in fields.values()
            if f.required and params.get(f.name) is None
        ]
        for name, value in params.items():
            if name not in fields:
                problems.append(f"{canonical}: unknown field {name}")
            else:
                where = f"{canonical}.{name}"
                problems += self._check(fields[name].types, value, where, top=True, depth=0)
        problems += self._check_attachments(canonical, params, attachments)
        return problems

    def check_object(self, type_name: str, value: Any) -> list[str]:
        """Problems with a JSON object claimed to be of `type_name` (e.g. an Update we send)."""
        return self._check((type_name,), value, type_name, top=False, depth=0)

    def _check_attachments(
        self, method: str, params: Mapping[str, Any], attachments: Collection[str]
    ) -> list[str]:
        problems = []
        for name, value in params.items():
            text = value if isinstance(value, str) else json.dumps(value, default=str)
            problems += [
                f"{method}.{name}: attach://{ref} names no uploaded file part"
                for ref in _ATTACH.findall(text)
                if ref not in attachments
            ]
        return problems

    def _check(
        self, types: Sequence[str], value: Any, where: str, *, top: bool, depth: int
    ) -> list[str]:
        if depth > _MAX_DEPTH:
            return []
        outcomes: list[tuple[str, list[str]]] = []
        for type_name in types:
            problems = self._check_one(type_name, value, where, top=top, depth=depth)
            if not problems:
                return []
            outcomes.append((type_name, problems))
        if len(outcomes) == 1:
            return outcomes[0][1]
        return self._closest(outcomes, _parsed(value, top)) or [
            f"{where}: expected {' or '.join(types)}, got {_describe(value)}"
        ]

    def _closest(self, outcomes: list[tuple[str, list[str]]], value: Any) -> list[str] | None:
        """For a failed union of object types, the problems of the alternative meant."""
        if not isinstance(value, dict):
            return None
        tagged = [p for name, p in outcomes if self._tag_of(name) == value.get("type")]
        if len(tagged) == 1:
            return tagged[0]
        # Otherwise the alternative sharing the most field names with the value.
        scored = sorted(
            ((len(value.keys() & self._field_names(name)), p) for name, p in outcomes),
            key=lambda sp: sp[0],
            reverse=True,
        )
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return scored[0][1]
        return None

    def _tag_of(self, type_name: str) -> str | None:
        td = self.types.get(type_name.removeprefix(_ARRAY))
        return td.tag if td else None

    def _field_names(self, type_name: str) -> set[str]:
        td = self.types.get(type_name)
        return set(td.fields) if td and td.fields else set()

    def _check_one(
        self, type_name: str, value: Any, where: str, *, top: bool, depth: int
    ) -> list[str]:
        if type_name.startswith(_ARRAY):
            items = _parsed(value, top)
            if not isinstance(items, list):
                return [f"{where}: expected {type_name}, got {_describe(value)}"]
            inner = (type_name.removeprefix(_ARRAY),)
            problems: list[str] = []
            for i, item in enumerate(items):
                problems += self._check(inner, item, f"{where}[{i}]", top=False, depth=depth + 1)
            return problems
        fits = self._primitive_ok(type_name, value, top)
        if fits is not None:
            return [] if fits else [f"{where}: expected {type_name}, got {_describe(value)}"]
        return self._check_object(type_name, _parsed(value, top), where, depth)

    @staticmethod
    def _primitive_ok(type_name: str, value: Any, top: bool) -> bool | None:
        """Whether value fits a primitive type; None if type_name is not primitive."""
        raw = top and isinstance(value, str)  # a form value: text that must parse as the type
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if type_name == "Integer":
            integer = isinstance(value, int) and not isinstance(value, bool)
            return integer or (raw and _INT.fullmatch(value) is not None)
        if type_name == "Float":
            if raw:
                try:
                    float(value)
                except ValueError:
                    return False
                return True
            return number
        if type_name == "Boolean":
            return isinstance(value, bool) or (raw and value.lower() in ("true", "false"))
        if type_name == "String":
            return isinstance(value, str)
        if type_name == "InputFile":
            return isinstance(value, UploadedFile) or (
                isinstance(value, str) and value.startswith("attach://")
            )
        return None

    def _check_object(self, type_name: str, value: Any, where: str, depth: int) -> list[str]:
        td = self.types.get(type_name)
        if td is None:
            return [f"{where}: the spec has no type {type_name}"]
        if td.subtypes:
            return self._check(td.subtypes, value, where, top=False, depth=depth + 1)
        if not isinstance(value, dict):
            return [f"{where}: expected {type_name}, got {_describe(value)}"]
        if td.fields is None:  # opaque placeholder types such as CallbackGame
            return []
        problems = [
            f"{where}: missing required field {f.name} of {type_name}"
            for f in td.fields.values()
            if f.required and value.get(f.name) is None
        ]
        for key, item in value.items():
            field = td.fields.get(key)
            if field is None:
                problems.append(f"{where}: unknown field {key} for {type_name}")
            else:
                problems += self._check(
                    field.types, item, f"{where}.{key}", top=False, depth=depth + 1
                )
        return problems
