"""Reading a frozen dataclass from JSON by its declared field types, without tracebacks.

``config.json`` is a file people edit by hand. :func:`read_fields` checks each stored value
against its field's annotation (``str``, ``bool``, ``int``, ``float``, ``None``, unions of
those, ``Mapping[str, X]``, ``tuple[X, ...]`` / ``list[X]``) and, for a field with
``metadata={"choices": (...)}``, against those values. A value that does not fit is left
out, so the dataclass's own default stands, and one plain-language warning says what
happened. A mapping keeps the entries that fit and drops the others (one user preset typed
badly by hand does not cost the rest). Unknown keys are ignored: a newer Parley's settings.

Pure functions, Qt-free, any thread.
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, Field, fields, is_dataclass
from typing import Any, Union, get_args, get_origin, get_type_hints


class Mismatch(ValueError):
    """A stored value does not fit a declared type; the message is for people."""


def read_fields(cls: type, raw: object, where: str) -> tuple[dict[str, Any], list[str]]:
    """``cls``'s constructor arguments from the JSON object ``raw``, and warnings.

    ``where`` names the place for the warnings ('the "settings" section of config.json').
    """
    if not is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    if raw is None:  # an absent or emptied section: every default, nothing to say
        return {}, []
    if not isinstance(raw, dict):
        return {}, [f"{where[:1].upper()}{where[1:]} is {_show(raw)}, not an object of "
                    f"named values; every setting there uses its default."]
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for field in fields(cls):
        if field.name not in raw:
            continue
        value = raw[field.name]
        try:
            values[field.name], dropped = conform(value, hints[field.name])
            choices = field.metadata.get("choices")
            if choices is not None and value not in choices:
                raise Mismatch("one of " + ", ".join(_show(choice) for choice in choices))
        except Mismatch as expected:
            values.pop(field.name, None)
            warnings.append(f'"{field.name}" in {where} is {_show(value)}, but it should be '
                            f"{expected}; using the default, {_show(_default(field))}.")
            continue
        if dropped:
            warnings.append(f'"{field.name}" in {where} has entries that are not '
                            f"{describe(_item_type(hints[field.name]))} "
                            f"({', '.join(dropped)}); they are ignored.")
    return values, warnings


def conform(value: object, hint: Any) -> tuple[Any, list[str]]:
    """``value`` as ``hint`` declares it (a Mapping keeps only fitting entries; a list
    becomes a tuple for ``tuple[X, ...]``), and the keys of entries dropped.
    :class:`Mismatch` when it does not fit at all."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in get_args(hint):
            try:
                return conform(value, option)
            except Mismatch:
                pass
        raise Mismatch(describe(hint))
    if origin in (Mapping, dict):
        key_type, item_type = get_args(hint) or (str, Any)
        if not isinstance(value, dict):
            raise Mismatch(describe(hint))
        kept: dict[Any, Any] = {}
        dropped: list[str] = []
        for key, item in value.items():
            try:
                conform(key, key_type)
                kept[key] = conform(item, item_type)[0]
            except Mismatch:
                dropped.append(_show(key))
        return kept, dropped
    if origin in (tuple, list, Sequence):
        item_type = (get_args(hint) or (Any,))[0]
        if not isinstance(value, list):
            raise Mismatch(describe(hint))
        items = [conform(item, item_type)[0] for item in value]  # all or nothing
        return (tuple(items) if origin is tuple else items), []
    if not _fits(value, hint):
        raise Mismatch(describe(hint))
    if hint is float and isinstance(value, int):  # JSON 1 where 1.0 was written
        return float(value), []
    return value, []


def _fits(value: object, hint: Any) -> bool:
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:  # JSON true is not a count
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    raise TypeError(f"no JSON reading for {hint!r}")  # a programming error, found by tests


def describe(hint: Any) -> str:
    """A type in plain words ("true or false", "text", "an object of text values")."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):  # "true, false or null"
        words = [w for option in get_args(hint) for w in describe(option).split(" or ")]
        return ", ".join(words[:-1]) + " or " + words[-1]
    if origin in (Mapping, dict):
        return f"an object of {_plural(describe(_item_type(hint)))} values"
    if origin in (tuple, list, Sequence):
        return f"a list of {_plural(describe((get_args(hint) or (Any,))[0]))}"
    return {bool: "true or false", int: "a whole number", float: "a number", str: "text",
            type(None): "null", None: "null", Any: "anything"}.get(hint, str(hint))


def _item_type(hint: Any) -> Any:
    args = get_args(hint)
    return args[-1] if args else Any


def _plural(words: str) -> str:
    for article in ("a ", "an "):
        if words.startswith(article):
            return words[len(article):]
    return words


def _default(field: Field[Any]) -> Any:
    if field.default is not MISSING:
        return field.default
    if field.default_factory is not MISSING:
        return field.default_factory()
    return None


def _show(value: object) -> str:
    """A value as it is written in config.json, shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
