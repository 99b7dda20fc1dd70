"""The Uwazi template: four entity types (case, person, source, custody event), their properties and thesauri.

Each property is a CSV column named as Uwazi names a property from its label (lower case, ``_`` for anything
else), so a column header is the property's name. Select and multiselect properties use thesauri whose values
are the codes of ``safeguards.model.vocab`` (translate their labels in Uwazi, not here).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import AfterValidator, BaseModel, StringConstraints

from safeguards.model import case as cm
from safeguards.model import vocab

# id: one id; ids: ids separated by |; list: texts separated by |; citations: id or id:role, separated by |.
Kind = Literal["text", "markdown", "select", "multiselect", "numeric", "flag", "id", "ids", "list", "citations",
               "date", "link", "relationship"]
UWAZI_TYPE: dict[str, str] = {"text": "text", "markdown": "markdown", "select": "select",
                              "multiselect": "multiselect", "numeric": "numeric", "flag": "select", "id": "text",
                              "ids": "text", "list": "text", "citations": "text", "date": "date", "link": "link",
                              "relationship": "relationship"}
YES_NO = "Yes or no"
PRECISION = "Date precision"
COUNTRIES = "Countries"
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"


@dataclass(frozen=True)
class Column:
    """One property of a template, and the model field it carries (``None``: derived on export, ignored on import).

    A ``date`` column is written as three: NAME (YYYY-MM-DD), NAME_precision and NAME_time.
    """

    name: str
    kind: Kind
    field: str | None
    description: str
    thesaurus: str | None = None
    values: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()  # for a field of some event types only

    def headers(self) -> tuple[str, ...]:
        if self.kind == "date":
            return (self.name, f"{self.name}_precision", f"{self.name}_time")
        return (self.name,)

    def properties(self) -> list[tuple[str, str, str]]:
        """(property name, Uwazi type, thesaurus or related template) of each column."""
        if self.kind == "date":
            return [(self.name, "date", ""), (f"{self.name}_precision", "select", PRECISION),
                    (f"{self.name}_time", "text", "")]
        if self.kind == "relationship":
            return [(self.name, "relationship", "Case (template)")]
        return [(self.name, UWAZI_TYPE[self.kind], self.thesaurus or "")]


@dataclass(frozen=True)
class Template:
    """An Uwazi template and the CSV file that fills it (``suffix`` is added to the case file's name)."""

    name: str
    suffix: str
    columns: tuple[Column, ...]
    description: str

    def headers(self) -> list[str]:
        return [h for c in self.columns for h in c.headers()]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


# --- reading the model -----------------------------------------------------------------------------

_NAMED = {typing.get_args(obj): name for name, obj in vars(vocab).items() if typing.get_origin(obj) is Literal}


def _strip(annotation: Any) -> tuple[Any, list[Any]]:
    """The annotation without ``Optional`` and ``Annotated``, and the metadata met on the way."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            meta.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return tuple(_strip(a)[0] for a in args), meta
            annotation = args[0]
        else:
            return annotation, meta


def _thesaurus(field: str, values: tuple[Any, ...]) -> str:
    name = _NAMED.get(values)
    return name if name else field.replace("_", " ").capitalize()


def _is_id(meta: list[Any]) -> bool:
    return any(isinstance(m, StringConstraints) and m.pattern == ID_PATTERN for m in meta)


def classify(model: type[BaseModel], field: str) -> tuple[Kind, str | None, tuple[str, ...]] | None:
    """The kind of column for ``model.field``, its thesaurus and values; None when a CSV cell cannot carry it."""
    annotation, meta = _strip(model.model_fields[field].annotation)
    if any(isinstance(m, AfterValidator) and m.func is cm._check_time for m in meta):
        return "date", None, ()
    if annotation is bool:
        return "flag", YES_NO, ("yes", "no")
    if annotation in (int, float) or annotation == (float, int):
        return "numeric", None, ()
    if annotation is str:
        return ("id" if _is_id(meta) else "text"), None, ()
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        return "select", _thesaurus(field, values), tuple(str(v) for v in values)
    if typing.get_origin(annotation) is list:
        item, item_meta = _strip(typing.get_args(annotation)[0])
        if typing.get_origin(item) is Literal:
            values = typing.get_args(item)
            return "multiselect", _thesaurus(field, values), tuple(str(v) for v in values)
        if item is str:
            return ("ids" if _is_id(item_meta) else "list"), None, ()
    return None


def _col(model: type[BaseModel], field: str, name: str | None = None, description: str = "",
         attribute: str | None = None) -> Column:
    got = classify(model, field)
    assert got is not None, (model, field)
    kind, thesaurus, values = got
    info = model.model_fields[field]
    text = description or " ".join((info.description or "").split())
    return Column(name or field, kind, attribute or field, text, thesaurus, values)


def _country(name: str, field: str, description: str, many: bool = False) -> Column:
    return Column(name, "multiselect" if many else "select", field, description, COUNTRIES)


CASE_LINK = Column("case", "relationship", None, "The case entity this belongs to (by its title); derived.")

CASE = Template("Case", "", (
    Column("title", "text", "title", "The case title (Uwazi's title); redacted for public and committee exports."),
    Column("case_id", "id", "id", "The stable case id: the file name, and the key linking the other files."),
    _country("jurisdiction", "jurisdiction", "ISO 3166-1 alpha-2 code of the State responsible."),
    Column("timezone", "text", "timezone", "IANA zone for times written without an offset, e.g. Asia/Almaty."),
    Column("context", "text", "context", "The wider events, e.g. zhanaozen-2011."),
    Column("region", "text", "region", "Region."),
    _col(cm.Case, "status", "case_status", "draft, submitted or reviewed."),
    Column("subject", "id", "subject", "Person id of the detainee the file is about (a row of the people file)."),
    Column("summary", "markdown", "summary", "Free text."),
    Column("date_of_apprehension", "date", None, "The first recorded apprehension; derived from the events "
                                                 "file, ignored on import."),
), "One row per case.")

PERSON = Template("Person", ".people", (
    Column("title", "text", None, "How the person is shown to the audience (name, pseudonym or a neutral "
                                  "label); derived."),
    CASE_LINK,
    Column("case_id", "id", None, "The case's id."),
    Column("person_id", "id", "id", "The person's id in the case file."),
    _col(cm.Person, "role"),
    Column("name", "text", "name", "The real name: only where the audience may see it (internal, or consent "
                                   "to publish; for committee, confidential people too)."),
    Column("aliases", "list", "aliases", "Other spellings, separated by |; only with the name."),
    _col(cm.Person, "name_known"),
    _col(cm.Person, "sex"),
    _col(cm.Person, "age"),
    _country("nationality", "nationality", "ISO 3166-1 alpha-2 code."),
    _country("nationalities", "nationalities", "Every nationality, the first being nationality.", many=True),
    _col(cm.Person, "relation"),
    _col(cm.Person, "victim"),
    _col(cm.Person, "vulnerabilities"),
    _col(cm.Consent, "decision", "consent_decision", attribute="consent.decision"),
    _col(cm.Consent, "pseudonym", "pseudonym", attribute="consent.pseudonym"),
    _col(cm.Consent, "basis", "consent_basis", attribute="consent.basis"),
    _col(cm.Consent, "date", "consent_date", "When consent was given or the decision taken.",
         attribute="consent.date"),
    _col(cm.Consent, "note", "consent_note", "Free text.", attribute="consent.note"),
    Column("sources", "ids", "sources", "Ids of the sources cited for the person, separated by |."),
), "One row per person of each case.")

SOURCE = Template("Source", ".sources", (
    Column("title", "text", "title", "The source's title (Uwazi's title)."),
    CASE_LINK,
    Column("case_id", "id", None, "The case's id."),
    Column("source_id", "id", "id", "The source's id in the case file."),
    _col(cm.Source, "kind"),
    _col(cm.Source, "publisher"),
    _col(cm.Source, "date"),
    Column("url", "link", "url", "Address of the source."),
    _col(cm.Source, "citation"),
    _col(cm.Source, "connection"),
    _col(cm.Reliability, "source", "reliability", "Admiralty grading of the source: A reliable ... F cannot be "
                                                  "judged.", attribute="reliability.source"),
    _col(cm.Reliability, "information", "credibility", "Admiralty grading of the information: 1 confirmed ... "
                                                       "6 cannot be judged.", attribute="reliability.information"),
    _col(cm.Source, "read"),
    Column("relays", "id", "relays", "Id of the source this one relays or quotes."),
    _col(cm.Source, "note", description="Free text."),
), "One row per source of each case.")

# Fields every event has, and the episode and place it belongs to.
_BASE_EVENT = (
    Column("title", "text", None, "Event type, case and date; derived."),
    CASE_LINK,
    Column("case_id", "id", None, "The case's id."),
    Column("episode_id", "id", "episode.id", "The episode of custody (one continuous deprivation of liberty)."),
    Column("authority", "text", "episode.authority", "The episode's detaining authority."),
    _country("episode_state", "episode.state", "The State that held the person in this episode, when not the "
                                                "case's jurisdiction."),
    Column("event_id", "id", "id", "The event's id, when something refers to it."),
    Column("event_type", "select", "type", "What happened (one of the event types of docs/case-files.md).",
           "Event type", cm.EVENT_TYPES),
    _col(cm.EventBase, "status"),
    _col(cm.EventBase, "at", "date", "When it happened (start)."),
    _col(cm.EventBase, "until"),
    _col(cm.EventBase, "approximate"),
    Column("place_id", "id", "place.id", "Id of the place in the episode."),
    _col(cm.Place, "name", "place_name", "Name of the place.", attribute="place.name"),
    _col(cm.Place, "type", "place_type", "Type of the place.", attribute="place.type"),
    _col(cm.Place, "official", "place_official", attribute="place.official"),
    _col(cm.Place, "locality", "place_locality", "Locality of the place.", attribute="place.locality"),
    _col(cm.Place, "region", "place_region", "Region of the place.", attribute="place.region"),
    _col(cm.EventBase, "by"),
    Column("people", "ids", "people", "Ids of the people involved, separated by |."),
    Column("sources", "citations", "cited", "The sources, separated by |: an id, or id:role (finding, "
                                              "uncontested, record, allegation)."),
    _col(cm.EventBase, "note", description="Free text."),
)


def _event_columns() -> tuple[Column, ...]:
    """A column for each field some event types have, in the order the model declares them."""
    base = set(cm.EventBase.model_fields) | {"type"}
    taken = {c.name for c in _BASE_EVENT}
    found: dict[str, tuple[Column, list[str]]] = {}
    for model in typing.get_args(typing.get_args(cm.Event)[0]):
        event_type = typing.get_args(model.model_fields["type"].annotation)[0]
        for field in model.model_fields:
            if field in base or classify(model, field) is None:
                continue
            name = field if field not in taken else f"{event_type}_{field}"
            column = _col(model, field, name)
            if name in found:
                assert found[name][0].kind == column.kind and found[name][0].values == column.values, name
                found[name][1].append(event_type)
            else:
                found[name] = (column, [event_type])
    return tuple(Column(c.name, c.kind, c.field, c.description, c.thesaurus, c.values, tuple(ts))
                 for c, ts in found.values())


EVENT = Template("Custody event", ".events", (*_BASE_EVENT, *_event_columns()),
                 "One row per event of each episode of custody, with its place.")

TEMPLATES: tuple[Template, ...] = (CASE, PERSON, SOURCE, EVENT)

# What a case file can hold and these CSV files cannot: left out on export, absent (unknown) after import.
NOT_CARRIED: tuple[tuple[str, str], ...] = (
    ("complaints", "complaints"),
    ("investigations", "investigations"),
    ("proceedings", "proceedings"),
    ("notices", "notices"),
    ("reprisals", "reprisals"),
    ("redress", "redress"),
    ("official_responses", "official responses"),
    ("removals", "removals"),
    ("committee", "the communication to the Committee against Torture"),
    ("contested", "contested facts (the version recorded in the field is kept)"),
    ("episodes.phases", "custody phases"),
    ("episodes.note", "notes on episodes"),
    ("episodes.places.note", "notes on places"),
    ("episodes.places.sources", "sources of places"),
    ("episodes.places", "places no event refers to"),
    ("episodes", "episodes without events"),
    ("episodes.events.sources.note", "notes on citations (where the source says it)"),
    ("episodes.events.waiver", "lawyer waivers of an interrogation"),
    ("episodes.events.body_examinations", "examinations of a body"),
)


def thesauri() -> dict[str, tuple[str, ...]]:
    """Every thesaurus the templates use, with its values (Countries: the codes found in the data)."""
    found: dict[str, tuple[str, ...]] = {YES_NO: ("yes", "no"), PRECISION: ("year", "month", "day", "minute")}
    for template in TEMPLATES:
        for column in template.columns:
            if column.thesaurus and column.thesaurus != COUNTRIES and column.values:
                found.setdefault(column.thesaurus, column.values)
    return dict(sorted(found.items()))


def markdown_tables() -> str:
    """The templates and thesauri as Markdown tables (docs/uwazi.md holds this text)."""
    lines: list[str] = []
    for template in TEMPLATES:
        file = f"FILE{template.suffix}.csv"
        lines += [f"### Template \"{template.name}\" (`{file}`)", "", template.description, "",
                  "| property (column) | type | thesaurus | meaning |", "|---|---|---|---|"]
        for column in template.columns:
            only = f" Only for: {', '.join(column.event_types)}." if column.event_types else ""
            for name, kind, thesaurus in column.properties():
                meaning = column.description if name == column.name else (
                    "Precision of the date: year, month, day or minute." if name.endswith("_precision")
                    else "Time of day with its offset (HH:MM, HH:MM+05:00), when known.")
                meaning = (meaning or f"A value of {thesaurus}.") + (only if name == column.name else "")
                lines.append(f"| `{name}` | {kind} | {thesaurus} | {meaning.replace('|', chr(92) + '|')} |")
        lines.append("")
    lines += ["### Thesauri", "", "| thesaurus | values |", "|---|---|",
              f"| {COUNTRIES} | ISO 3166-1 alpha-2 codes (those in your data) |"]
    lines += [f"| {name} | {', '.join(values)} |" for name, values in thesauri().items()]
    return "\n".join(lines) + "\n"
