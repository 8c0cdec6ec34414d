"""Generates the scenario field tables of docs/authoring.md from the pydantic models in simulator.model.scenario.

Run ``python -m simulator.content.schema_doc`` to print the tables (Markdown). Meanings come from each
field's ``description`` in the schema; fields without one get the short note in ``NOTES`` below.
"""

from __future__ import annotations

import re

from simulator.model.scenario import Curtail, Episode, Extend, InfantSpec, Prompt, Scenario, Tiredness

#: Meanings for fields whose pydantic ``description`` is empty (keyed ``Model.field``).
NOTES: dict[str, str] = {
    "Scenario.schema_version": "always 1 for now",
    "Scenario.id": "the scenario's name: `python main.py run ID`; keep it equal to the file name without .toml (the loader finds scenarios by file name)",
    "Scenario.title": "title on the home card and banners",
    "Scenario.procedure": "the procedure family the scenario belongs to",
    "Scenario.summary": "two or three plain sentences for the briefing",
    "Scenario.age_range_months": "ages for which the procedure is valid, [low, high]",
    "Scenario.learning_goals": "one sentence each, with the source in brackets",
    "Scenario.references": "full citations, one string each",
    "Scenario.infant": "the default infant (a `[infant]` table)",
    "Scenario.predict": "the briefing's predict question (a `[predict]` table, `kind = \"predict\"`)",
    "Scenario.episodes": "the episodes in order (`[[episodes]]` tables)",
    "Episode.title": "banner text, e.g. \"5. First reunion\"",
    "Episode.curtail": "end early after sustained hard crying (separations)",
    "Episode.extend": "extend until the infant is calm (reunions)",
    "Episode.narration": "what the learner reads when the episode starts",
    "Episode.watch_for": "short cues shown during the episode",
    "Episode.prompts": "predict/observe/explain prompts for this episode",
    "Episode.debrief": "notes for the debrief; say only what the model shows, with sources",
    "Prompt.kind": "predict (before), observe (during) or explain (after)",
    "Prompt.text": "the question",
}

MODELS = (Scenario, InfantSpec, Episode, Prompt, Curtail, Extend, Tiredness)


def _type_name(ann) -> str:
    import typing
    if typing.get_origin(ann) is typing.Annotated:  # a bounded str or strict float: the plain type
        return _type_name(typing.get_args(ann)[0])
    import types
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in typing.get_args(ann))
    if typing.get_origin(ann) in (list, tuple) and typing.get_args(ann):
        return f"{typing.get_origin(ann).__name__}[{', '.join(_type_name(a) for a in typing.get_args(ann))}]"
    s = ann.__name__ if isinstance(ann, type) else repr(ann)
    s = s.replace("typing.", "").replace("simulator.model.scenario.", "")
    s = re.sub(r"<class '([\w.]+)'>", lambda m: m.group(1).split(".")[-1], s)
    return s.replace("NoneType", "None")


def _constraints(field) -> str:
    out = []
    for m in field.metadata:
        for k in ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern"):
            v = getattr(m, k, None)
            if v is not None:
                out.append(f"{k} `{v}`")
    return ", ".join(out)


def field_tables() -> str:
    """Markdown tables, one per model, of every field: type, default, constraints, meaning."""
    lines: list[str] = []
    for model in MODELS:
        where = " (top level)" if model is Scenario else ""
        lines += [f"#### `{model.__name__}`{where}", "", model.__doc__.strip().splitlines()[0], "",
                  "| field | type | default | constraints | meaning |", "|---|---|---|---|---|"]
        for name, f in model.model_fields.items():
            if f.is_required():
                default = "**required**"
            elif f.default_factory is not None:
                default = f"`{f.default_factory()!r}`"
            else:
                default = f"`{f.default!r}`"
            meaning = f.description or NOTES.get(f"{model.__name__}.{name}", "")
            cells = [f"`{name}`", f"`{_type_name(f.annotation)}`", default, _constraints(f), meaning]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(field_tables())
