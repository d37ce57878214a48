"""The exception hierarchy of `cocreation.errors`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cocreation import errors
from cocreation.errors import (
    CocreationError,
    DivergenceError,
    DuplicateIdError,
    EstimationError,
    FormatError,
    MissingExtraError,
    ReferencePointError,
    SchemaVersionError,
    UnknownFieldError,
    UnknownIdError,
    ValidationError,
    closest,
)

# Each error and the built-in exception it also is, as errors.py promises.
BUILTIN_OF: dict[type[CocreationError], type[Exception]] = {
    ValidationError: ValueError,
    ReferencePointError: ValueError,
    DivergenceError: ValueError,
    DuplicateIdError: ValueError,
    EstimationError: RuntimeError,
    UnknownIdError: KeyError,
    UnknownFieldError: TypeError,
    FormatError: ValueError,
    SchemaVersionError: ValueError,
    MissingExtraError: ImportError,
}


def make(error_class: type[CocreationError]) -> CocreationError:
    """An instance of ``error_class`` built with representative arguments."""
    if issubclass(error_class, ValidationError | UnknownIdError):
        return error_class("Customer.count", 0, "an integer >= 1")
    if issubclass(error_class, EstimationError):
        return error_class("bg_nbd.a", 1e-12, "the fit ran to a bound")
    if issubclass(error_class, FormatError):
        return error_class("$.actors[0]", "expected an object")
    if issubclass(error_class, MissingExtraError):
        return error_class("pandas", "pandas", "Result.to_frame")
    raise AssertionError(error_class)


def test_the_table_covers_every_public_error() -> None:
    public = {getattr(errors, name) for name in errors.__all__}
    assert public == {CocreationError, *BUILTIN_OF}


def test_the_root_is_a_plain_exception() -> None:
    assert issubclass(CocreationError, Exception)
    assert not issubclass(CocreationError, ValueError | KeyError | ImportError)


@pytest.mark.parametrize(("error_class", "builtin"), list(BUILTIN_OF.items()))
def test_each_error_subclasses_the_root_and_its_builtin(
    error_class: type[CocreationError], builtin: type[Exception]
) -> None:
    assert issubclass(error_class, CocreationError)
    assert issubclass(error_class, builtin)


@pytest.mark.parametrize(("error_class", "builtin"), list(BUILTIN_OF.items()))
def test_each_error_is_caught_by_its_builtin_and_by_the_root(
    error_class: type[CocreationError], builtin: type[Exception]
) -> None:
    error = make(error_class)
    with pytest.raises(builtin) as by_builtin:
        raise error
    assert by_builtin.value is error
    with pytest.raises(CocreationError) as by_root:
        raise error
    assert by_root.value is error


@pytest.mark.parametrize(
    "error_class", [ReferencePointError, DivergenceError, DuplicateIdError, UnknownFieldError]
)
def test_specific_validation_errors_are_validation_errors(
    error_class: type[ValidationError],
) -> None:
    assert issubclass(error_class, ValidationError)


def test_a_schema_version_error_is_a_format_error() -> None:
    assert issubclass(SchemaVersionError, FormatError)


def test_unknown_id_is_not_a_value_error() -> None:
    # A reference that does not resolve is a lookup failure, not a bad value.
    assert not issubclass(UnknownIdError, ValueError)


def test_validation_error_keeps_field_value_and_expected() -> None:
    value = [1, 2]
    error = ValidationError("Outcome.importance", value, "a number in [0, 10]")
    assert error.field == "Outcome.importance"
    assert error.value is value
    assert error.expected == "a number in [0, 10]"
    assert str(error) == "Outcome.importance: expected a number in [0, 10], got [1, 2]"


@pytest.mark.parametrize(
    "error_class", [ValidationError, ReferencePointError, DivergenceError, DuplicateIdError]
)
def test_the_message_names_the_field_and_the_value_repr(
    error_class: type[ValidationError],
) -> None:
    error = error_class("Customer.retention", float("nan"), "a finite number in [0, 1]")
    assert str(error) == "Customer.retention: expected a finite number in [0, 1], got nan"


def test_unknown_id_error_keeps_field_value_and_expected() -> None:
    error = UnknownIdError("Interaction.counterpart", "nobody", "the id of an actor or topic")
    assert error.field == "Interaction.counterpart"
    assert error.value == "nobody"
    assert error.expected == "the id of an actor or topic"


def test_unknown_id_error_str_is_unquoted() -> None:
    error = UnknownIdError("Interaction.counterpart", "nobody", "the id of an actor or topic")
    expected = (
        "Interaction.counterpart: expected the id of an actor or topic, got unknown id 'nobody'"
    )
    assert str(error) == expected
    # A bare KeyError would print its argument's repr, with quotes around the whole message.
    assert str(KeyError(expected)) == repr(expected)
    assert not str(error).startswith(("'", '"'))
    assert error.args == (expected,)


def test_unknown_id_error_behaves_as_a_key_error_in_a_lookup() -> None:
    def lookup(key: str) -> int:
        raise UnknownIdError("registry", key, "a known key")

    caught: KeyError | None = None
    try:
        lookup("ghost")
    except KeyError as error:
        caught = error
    assert isinstance(caught, UnknownIdError)
    assert type(caught) is not KeyError


def test_format_error_keeps_path_and_reason() -> None:
    error = FormatError("$.actors[0].count", "expected an integer >= 1, got 0")
    assert error.path == "$.actors[0].count"
    assert error.reason == "expected an integer >= 1, got 0"
    assert str(error) == "$.actors[0].count: expected an integer >= 1, got 0"


def test_schema_version_error_message() -> None:
    error = SchemaVersionError("$.version", "expected format version 1, got 99")
    assert str(error) == "$.version: expected format version 1, got 99"
    assert error.path == "$.version"


def test_missing_extra_error_names_the_module_the_extra_and_the_feature() -> None:
    error = MissingExtraError("matplotlib", "plot", "plot_value_stick")
    assert error.module == "matplotlib"
    assert error.extra == "plot"
    assert error.name == "matplotlib"  # ImportError.name: the module that is missing
    assert str(error).startswith(
        "plot_value_stick needs matplotlib: pip install 'cocreation[plot]'"
    )


def test_the_install_hint_names_the_checkout_cocreation_was_installed_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from importlib import metadata

    class Installed:
        def __init__(self, origin: str | None) -> None:
            self.origin = origin

        def read_text(self, name: str) -> str | None:
            assert name == "direct_url.json"
            return self.origin

    folder = tmp_path / "my checkout"
    url = folder.as_uri()
    cases = {
        json.dumps(
            {"dir_info": {"editable": True}, "url": url}
        ): f"pip install -e '{folder}[plot]'",
        json.dumps({"dir_info": {}, "url": url}): f"pip install '{folder}[plot]'",
    }
    for origin, command in cases.items():
        monkeypatch.setattr(metadata, "distribution", lambda _, o=origin: Installed(o))
        hint = errors.install_hint("plot")
        assert hint.startswith("pip install 'cocreation[plot]'")
        assert hint.endswith(f"for the checkout it was installed from, {command})")
    # From an index (no direct_url.json) or an archive: the index command alone.
    origins: tuple[str | None, ...] = (
        None,
        '{"archive_info": {}, "url": "https://example.com/c.whl"}',
    )
    for found in origins:
        monkeypatch.setattr(metadata, "distribution", lambda _, o=found: Installed(o))
        assert errors.install_hint("plot") == "pip install 'cocreation[plot]'"


@pytest.mark.parametrize("error_class", list(BUILTIN_OF))
def test_errors_survive_pickling(error_class: type[CocreationError]) -> None:
    # Errors raised in worker processes must arrive intact in the parent.
    import pickle

    error = make(error_class)
    copy_ = pickle.loads(pickle.dumps(error))
    assert type(copy_) is error_class
    assert str(copy_) == str(error)
    assert vars(copy_) == vars(error)


def test_errors_with_a_suggestion_survive_pickling() -> None:
    import pickle

    for error in (
        ValidationError("Interaction.level", "suport", "a level", "support"),
        UnknownIdError("Interaction.customer", "harbor", "a customer", "harbour"),
        UnknownFieldError("Customer.retension", 0.9, "a field of Customer", "retention"),
        FormatError("$.x", "bad", [("$.x", "bad"), ("$.y", "worse")], ValidationError("f", 1, "2")),
    ):
        copy_ = pickle.loads(pickle.dumps(error))
        assert str(copy_) == str(error)
        assert vars(copy_).keys() == vars(error).keys()


def test_a_suggestion_is_named_in_the_message_and_kept() -> None:
    error = UnknownIdError("Interaction.customer", "harbor", "the id of a customer", "harbour")
    assert error.suggestion == "harbour"
    assert str(error).endswith("got unknown id 'harbor' (did you mean 'harbour'?)")
    assert UnknownIdError("f", "x", "an id").suggestion is None


def test_an_unknown_field_error_is_a_type_and_a_value_error_naming_the_field_and_value() -> None:
    error = UnknownFieldError("Customer.retension", 0.9, "a field of Customer", "retention")
    assert isinstance(error, TypeError)
    assert isinstance(error, ValidationError)
    assert (error.field, error.value, error.suggestion) == ("Customer.retension", 0.9, "retention")
    assert "unknown field 'retension' = 0.9" in str(error)


def test_a_format_error_keeps_every_problem_and_its_cause() -> None:
    cause = ValidationError("Customer.count", 0, "an integer >= 1")
    error = FormatError(
        "$.actors[0].count",
        "bad count",
        [("$.actors[0].count", "bad count"), ("$.name", "bad")],
        cause,
    )
    assert error.problems == (("$.actors[0].count", "bad count"), ("$.name", "bad"))
    assert error.cause is cause
    assert FormatError("$", "empty").problems == (("$", "empty"),)


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("harbor", ["harbour", "lakeside"], "harbour"),
        ("retension", ["retention", "referred_by", "count"], "retention"),
        ("Harbour", ["harbour"], "harbour"),
        ("acme", ["telco", "cloud"], None),
        ("acme", ["acme"], None),
        (3, ["3"], None),
        ("", ["a"], None),
    ],
)
def test_closest_suggests_only_a_likely_typo(
    word: object, candidates: list[str], expected: str | None
) -> None:
    assert closest(word, candidates) == expected
