"""Records as JSON and back, for the caches: nothing read can run code.

Entries hold records as JSON arrays of their fields. Reading one back checks every value against the record's
annotations and rebuilds it: records and tuples from arrays, read-only mappings from objects; anything else
raises ValueError, which the cache takes for a miss.
"""

import json
from collections.abc import Callable, Mapping
from types import MappingProxyType, NoneType, UnionType
from typing import Any, NoReturn, get_args, get_origin


def dump_json(key: str, value: object) -> bytes:
    return json.dumps([key, value], default=_to_json, separators=(",", ":")).encode()


def _to_json(value: object) -> object:
    """json.dumps's fallback: records (named tuples are arrays already, dataclasses are not) and mappings."""
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "__dataclass_fields__"):
        return [getattr(value, name) for name in value.__annotations__]
    raise TypeError(f"{type(value).__name__} is not held in the cache")


def load_json(annotation: Any, data: bytes) -> tuple[str, Any]:
    key, value = json.loads(data)
    return key, _decoder(annotation)(value)


Decoder = Callable[[Any], Any]  # parsed JSON -> the value it holds; ValueError for anything else
_DECODERS: dict[Any, Decoder] = {}
# The JSON types a scalar annotation accepts; a union of scalars accepts those of its parts.
_SCALARS: dict[Any, frozenset[type]] = {
    int: frozenset({int}),
    float: frozenset({float, int}),
    str: frozenset({str}),
    bool: frozenset({bool}),
    NoneType: frozenset({NoneType}),
}
_CONTAINERS = frozenset({list, dict})


def _decoder(annotation: Any) -> Decoder:
    """A function that rebuilds a value of `annotation` (a type) from parsed JSON; ValueError for anything else."""
    known = _DECODERS.get(annotation)
    if known is None:
        known = _DECODERS[annotation] = _make_decoder(annotation)
    return known


def _scalar_types(annotation: Any) -> frozenset[type] | None:
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if get_origin(annotation) is UnionType:
        parts = [_scalar_types(argument) for argument in get_args(annotation)]
        known = [part for part in parts if part is not None]
        return frozenset[type]().union(*known) if len(known) == len(parts) else None
    return None


def _make_decoder(annotation: Any) -> Decoder:
    """Scalars, tuples of scalars and records of scalars (most of a view) are checked in one pass each."""
    origin, arguments = get_origin(annotation), get_args(annotation)
    scalar = _scalar_types(annotation)
    if annotation is Any:
        return _plain
    if scalar:
        allowed = scalar
        return lambda value: value if type(value) in allowed else _wrong(annotation, value)
    if origin is UnionType and len(arguments) == 2 and NoneType in arguments:
        inner = _decoder(next(argument for argument in arguments if argument is not NoneType))
        return lambda value: None if value is None else inner(value)
    if origin is UnionType:  # of records (a notable's facts): the one of them the array fits
        by_length: dict[int, list[Decoder]] = {}
        for argument in arguments:
            by_length.setdefault(len(argument._fields), []).append(_decoder(argument))
        return lambda value: _the_one_fitting(
            annotation, by_length.get(len(value), []) if type(value) is list else [], value
        )
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        items = _scalar_types(arguments[0])
        if items:
            each_allowed = items
            return lambda value: (
                tuple(value)
                if type(value) is list and all(type(item) in each_allowed for item in value)
                else _wrong(annotation, value)
            )
        each = _decoder(arguments[0])
        return lambda value: tuple(map(each, value)) if type(value) is list else _wrong(annotation, value)
    if origin is tuple:
        return _positional(tuple, arguments)
    if origin is Mapping and arguments[0] is str:
        each = _decoder(arguments[1])
        return lambda value: (
            MappingProxyType({name: each(item) for name, item in value.items()})
            if type(value) is dict
            else _wrong(annotation, value)
        )
    if isinstance(annotation, type) and (hasattr(annotation, "_fields") or hasattr(annotation, "__dataclass_fields__")):
        return _positional(lambda values: annotation(*values), tuple(annotation.__annotations__.values()))
    raise TypeError(f"no decoder for {annotation!r}")


def _the_one_fitting(annotation: Any, decoders: list[Decoder], value: Any) -> Any:
    """The value as the one record of a union it fits: fitting none, or more than one, it is no entry of this code."""
    fitting = []
    for decode in decoders:
        try:
            fitting.append(decode(value))
        except ValueError:
            continue
    if len(fitting) != 1:
        _wrong(annotation, value)
    return fitting[0]


def _positional(build: Callable[[Any], Any], annotations: tuple[Any, ...]) -> Decoder:
    """A record or a fixed tuple, from an array of its fields."""
    found = [_scalar_types(annotation) for annotation in annotations]
    scalars = [types for types in found if types is not None]
    if len(scalars) == len(found):

        def decode(value: Any) -> Any:
            if (
                type(value) is not list
                or len(value) != len(scalars)
                or not all(type(item) in allowed for allowed, item in zip(scalars, value, strict=True))
            ):
                _wrong(annotations, value)
            return build(value)
    else:
        fields = [_decoder(annotation) for annotation in annotations]

        def decode(value: Any) -> Any:
            if type(value) is not list or len(value) != len(fields):
                _wrong(annotations, value)
            return build([field(item) for field, item in zip(fields, value, strict=True)])

    return decode


def _plain(value: Any) -> Any:
    """Any JSON value, with arrays as tuples and objects as read-only mappings."""
    if type(value) is list:
        return tuple([item if type(item) not in _CONTAINERS else _plain(item) for item in value])
    if type(value) is dict:
        return MappingProxyType(
            {name: item if type(item) not in _CONTAINERS else _plain(item) for name, item in value.items()}
        )
    return value


def _wrong(annotation: Any, value: Any) -> NoReturn:
    raise ValueError(f"expected {annotation!r}, found {type(value).__name__}")
