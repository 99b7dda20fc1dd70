"""A run's shared withheld names: one matcher for the whole run, the same redaction and audit as one list."""

from __future__ import annotations

from safeguards.publish.audit import audit_text
from safeguards.publish.withheld import Withheld, for_run

RUN = (("Aigerim Nurlanovna Bekova", "[witness]"), ("Timur Sultanov", "[victim]"))


def test_one_shared_object_per_run() -> None:
    assert for_run(RUN) is for_run(RUN)
    assert for_run(RUN).matcher is for_run(RUN).matcher  # built once, not once per case


def test_shared_names_redact_and_audit_as_one_list() -> None:
    own = Withheld({"Ivan Petrov": "[relative]"}, for_run(RUN))
    joined = Withheld({"Ivan Petrov": "[relative]", **dict(RUN)})
    text = "Бекову и Султанова допрашивал тот же следователь; Ivan Petrov was told. #FreeTimurSultanov"
    assert own.redact(text) == joined.redact(text)
    assert not own.hits(own.redact(text))
    assert sorted(own.hits(text)) == sorted(joined.hits(text))


def test_the_audit_locates_a_shared_name_in_a_piece_once_clean_elsewhere() -> None:
    case_a = Withheld({}, for_run(RUN))
    clean = '{"title": "Lawyer given from the outset", "note": "nothing here"}'
    assert audit_text("a.json", clean, case_a) == []
    case_b = Withheld({"Ivan Petrov": "[relative]"}, for_run(RUN))
    leaked = '{"title": "Lawyer given from the outset", "note": "Бековой не дали защитника"}'
    leaks = audit_text("b.json", leaked, case_b)
    assert [leak.where for leak in leaks] == ["$.note"]
    own = audit_text("c.md", "line one\nIvan Petrov's brother\n", case_b)
    assert [leak.where for leak in own] == ["line 2"]
