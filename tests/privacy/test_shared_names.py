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


def test_an_image_in_a_word_file_is_audited_by_its_text_chunks_only() -> None:
    import io
    import struct
    import zipfile
    import zlib

    from safeguards.publish.audit import audit_docx

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    noise = b"Timur Sultanov" * 3  # letters in the image data are not text
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes(13)) + chunk(b"IDAT", noise) + chunk(b"IEND", b"")
    named = png[:-12] + chunk(b"tEXt", b"Comment\x00Timur Sultanov") + chunk(b"IEND", b"")
    hidden = Withheld({}, for_run(RUN))
    for image, leaks in ((png, 0), (named, 1)):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("word/media/image1.png", image)
        assert len(audit_docx("a.docx", buffer.getvalue(), hidden)) == leaks
