"""The generated reference tables in docs/model.md match the code."""

from pathlib import Path

from simulator.model import describe


def test_model_doc_tables_are_current():
    text = Path(describe.DOC).read_text(encoding="utf-8")
    assert describe.render(text) == text, "run: python -m simulator.model.describe"


def test_every_constant_is_explained():
    for name, _value, note in describe._constant_notes():
        assert note, f"constants.{name} needs a #: comment saying what it is and its source"


def test_authoring_field_tables_are_current():
    from simulator.content import schema_doc

    text = (Path(describe.DOC).parent / "authoring.md").read_text(encoding="utf-8")
    assert schema_doc.field_tables().strip() in text, (
        "run: python -m simulator.content.schema_doc and paste its output into docs/authoring.md")
