"""Records as JSON, for the cache: written as arrays of their fields, read back only as the record they must be.

Reading checks every value against the record's annotations and rebuilds it: records and tuples from arrays,
read-only mappings from objects; anything else raises ValueError. No type named by the data is ever built.
"""

import json
from collections.abc import Callable, Mapping
from types import MappingProxyType, NoneType, UnionType
from typing import Any, NoReturn, TypeVar, cast, get_args, get_origin

T = TypeVar("T")
Decoder = Callable[[Any], Any]


def dump_json(key: str, value: object) -> bytes:
    """`value` (records, tuples, mappings and scalars) as JSON, with the entry's key."""
    return json.dumps([key, value], default=_to_json, separators=(",", ":")).encode()


def load_json(kind: type[T], data: bytes) -> tuple[str, T]:
    """The key and the `kind` that `dump_json` wrote; ValueError for anything else."""
    key, value = json.loads(data)
    return key, cast(T, _decoder(kind)(value))


def _to_json(value: object) -> object:
    """json.dumps's fallback: records (named tuples are arrays already, dataclasses are not) and mappings."""
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "__dataclass_fields__"):
        return [getattr(value, name) for name in value.__annotations__]
    raise TypeError(f"{type(value).__name__} is not held in the cache")


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


def _decoder(kind: Any) -> Decoder:
    """A function that rebuilds a `kind` from parsed JSON; it raises ValueError for anything else."""
    known = _DECODERS.get(kind)
    if known is None:
        known = _DECODERS[kind] = _make_decoder(kind)
    return known


def _scalar_types(kind: Any) -> frozenset[type] | None:
    if kind in _SCALARS:
        return _SCALARS[kind]
    if get_origin(kind) is UnionType:
        parts = [_scalar_types(argument) for argument in get_args(kind)]
        return frozenset[type]().union(*(part for part in parts if part)) if all(parts) else None
    return None


def _make_decoder(kind: Any) -> Decoder:
    """Scalars, tuples of scalars and records of scalars (most of a view) are checked in one pass each."""
    origin, arguments = get_origin(kind), get_args(kind)
    scalar = _scalar_types(kind)
    if kind is Any:
        return _plain
    if scalar:
        return lambda value: value if type(value) in scalar else _wrong(kind, value)
    if origin is UnionType and len(arguments) == 2 and NoneType in arguments:
        inner = _decoder(next(argument for argument in arguments if argument is not NoneType))
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        items = _scalar_types(arguments[0])
        if items:
            return lambda value: (
                tuple(value)
                if type(value) is list and all(type(item) in items for item in value)
                else _wrong(kind, value)
            )
        each = _decoder(arguments[0])
        return lambda value: tuple(map(each, value)) if type(value) is list else _wrong(kind, value)
    if origin is tuple:
        return _positional(tuple, arguments)
    if origin is Mapping and arguments[0] is str:
        member = _decoder(arguments[1])
        return lambda value: (
            MappingProxyType({name: member(item) for name, item in value.items()})
            if type(value) is dict
            else _wrong(kind, value)
        )
    if isinstance(kind, type) and (hasattr(kind, "_fields") or hasattr(kind, "__dataclass_fields__")):
        return _positional(lambda values: kind(*values), tuple(kind.__annotations__.values()))
    raise TypeError(f"no decoder for {kind!r}")


def _positional(build: Callable[[list[Any]], Any], annotations: tuple[Any, ...]) -> Decoder:
    """A record or a fixed tuple, from an array of its fields."""
    scalars = [allowed for annotation in annotations if (allowed := _scalar_types(annotation))]
    if len(scalars) == len(annotations):

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


def _wrong(kind: object, value: object) -> NoReturn:
    raise ValueError(f"expected {kind!r}, found {type(value).__name__}")
