"""A Griffe extension that gives attrs classes the ``__init__`` signature attrs generates.

Griffe reads the source without running it, so it cannot see the ``__init__`` that
``@attrs.frozen`` writes at import time. This extension rebuilds it from the
annotated fields, in order: a field's default comes from ``field(default=...)`` or
``field(factory=...)``, fields with ``init=False`` and ``ClassVar`` annotations are
left out, and a private field ``_name`` becomes the parameter ``name`` as in attrs.
The API reference then shows each model class with its real signature and checks
its ``Args:`` section against it.

An attrs class that writes its own ``__init__`` keeps it, less its plumbing: a
keyword parameter with a leading underscore (what ``attrs.evolve`` passes on to a
class that stores its fields privately) is left out, and a default given by a
private name (a marker for "not given") shows as ``...``, as in a stub.
"""

from __future__ import annotations

from typing import Any

import griffe

_DECORATORS = frozenset(
    {
        "attrs.frozen",
        "attrs.define",
        "attrs.mutable",
        "attr.s",
        "attr.attrs",
        "attr.frozen",
        "attr.define",
    }
)
_FIELDS = frozenset({"attrs.field", "attr.ib", "attr.attrib", "attr.field"})


def _is_attrs_class(cls: griffe.Class) -> bool:
    for decorator in cls.decorators:
        value = decorator.value
        if isinstance(value, griffe.ExprCall):
            value = value.function
        path = value.canonical_path if isinstance(value, griffe.Expr) else str(value)
        if path in _DECORATORS:
            return True
    return False


def _field_arguments(attribute: griffe.Attribute) -> dict[str, Any] | None:
    """The keyword arguments of ``field(...)``, or ``None`` if the value is a plain default."""
    value = attribute.value
    if isinstance(value, griffe.ExprCall) and value.canonical_path in _FIELDS:
        return {
            argument.name: argument.value
            for argument in value.arguments
            if isinstance(argument, griffe.ExprKeyword)
        }
    return None


def _parameters(cls: griffe.Class) -> list[griffe.Parameter]:
    parameters = []
    for member in cls.members.values():
        if member.is_alias or not isinstance(member, griffe.Attribute):
            continue
        if member.annotation is None or "property" in member.labels:
            continue
        if "class-attribute" in member.labels and "instance-attribute" not in member.labels:
            continue  # a ClassVar
        arguments = _field_arguments(member)
        default: str | griffe.Expr | None
        if arguments is None:
            default = member.value
        else:
            if str(arguments.get("init", "True")) == "False":
                continue
            if "factory" in arguments:
                default = griffe.ExprCall(function=arguments["factory"], arguments=[])
            else:
                default = arguments.get("default")
        parameters.append(
            griffe.Parameter(
                member.name.lstrip("_"),
                annotation=member.annotation,
                kind=griffe.ParameterKind.positional_or_keyword,
                default=default,
                docstring=member.docstring,
            )
        )
    return parameters


def _public_init(init: griffe.Function) -> None:
    kept = []
    for parameter in init.parameters:
        if parameter.name.startswith("_"):
            continue
        if str(parameter.default).startswith("_"):
            parameter.default = "..."
        kept.append(parameter)
    init.parameters = griffe.Parameters(*kept)


def _add_init(cls: griffe.Class) -> None:
    if not _is_attrs_class(cls):
        return
    own = cls.members.get("__init__")
    if own is not None:
        if isinstance(own, griffe.Function):
            _public_init(own)
        return
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(
            griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
            *_parameters(cls),
        ),
        returns="None",
    )
    cls.set_member("__init__", init)
    cls.labels.add("attrs")


def _visit(obj: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if isinstance(obj, griffe.Class):
        _add_init(obj)
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, griffe.Module | griffe.Class):
            _visit(member, seen)


class AttrsInit(griffe.Extension):
    """Rebuild the ``__init__`` of every attrs class of a package once it is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Visit every module and class of the loaded package."""
        _visit(pkg, set())
