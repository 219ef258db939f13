"""Filing: drafts, submission, reference numbers, acknowledgement, attachments, bad input."""

import pytest
from django.core import mail

from followup.errors import InvalidInput, NotFound
from followup.petitions import actions
from followup.petitions.models import Attachment, Petition

from .conftest import file_request

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_submitted_request_gets_a_reference_the_initial_stage_and_an_acknowledgement(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        petition = file_request(people["ana"])
    assert petition.reference == f"MC-{petition.submitted_at.year}-00001"
    assert (petition.stage, petition.has_confidential, petition.urgent) == (
        "evaluation",
        True,
        True,
    )
    assert [c.decision for c in petition.changes.all()] == ["submit"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    # The acknowledgement is written in the language of the file.
    assert mail.outbox[0].subject == f"Acuse de recibo: {petition.reference}"
    assert petition.reference in mail.outbox[0].body


def test_references_count_per_kind_and_year(people):
    first = file_request(people["ana"], token="a")
    second = file_request(people["ana"], token="b")
    petition = file_request(people["ana"], token="c", kind="petition")
    year = first.submitted_at.year
    assert [first.reference, second.reference, petition.reference] == [
        f"MC-{year}-00001",
        f"MC-{year}-00002",
        f"P-{year}-00001",
    ]


def test_a_double_submission_files_once_and_acknowledges_once(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = file_request(people["ana"], token="same-form")
    with django_capture_on_commit_callbacks(execute=True):
        again = file_request(people["ana"], token="same-form")
    assert again.pk == first.pk
    assert Petition.objects.count() == 1
    assert len(mail.outbox) == 1
    assert actions.do_submit(people["ana"], first.pk).reference == first.reference
    assert len(mail.outbox) == 1


def test_a_double_click_on_the_page_files_once(client, people):
    client.force_login(people["ana"])
    form = {
        "token": "page-form",
        "kind": "petition",
        "state": "CO",
        "title": "Despojo de tierras",
        "facts": "La comunidad fue desalojada sin orden judicial en marzo.",
        "rights": ["ACHR-21"],
        "person-0-name": "Comunidad El Roble",
        "person-0-group": "collective",
        "step": "submit",
        "language": "es",
    }
    first = client.post("/petitions/new/", form)
    second = client.post("/petitions/new/", form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Petition.objects.filter(submitted_at__isnull=False).count() == 1


def test_a_draft_is_kept_unsubmitted_and_can_be_completed(
    people, django_capture_on_commit_callbacks
):
    draft = actions.do_save_draft(
        people["ana"], token="d1", kind="petition", state="CO", title="Borrador"
    )
    assert (draft.reference, draft.stage, draft.is_draft) == (None, "", True)
    with pytest.raises(InvalidInput, match="facts: describe the facts"):
        actions.do_submit(people["ana"], draft.pk)
    actions.do_save_draft(
        people["ana"],
        token="d1",
        petition_id=draft.pk,
        facts="Hechos suficientes para la petición.",
        rights=["ACHR-8"],
        people=[{"name": "Luis Pardo", "group": "man"}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        submitted = actions.do_submit(people["ana"], draft.pk)
    assert submitted.reference.startswith("P-")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"state": "XX"}, "state: no OAS member State with code XX"),
        ({"rights": ["ACHR-99"]}, "rights: unknown articles: ACHR-99"),
        ({"people": []}, "people: name at least one alleged victim or beneficiary"),
        ({"language": "de"}, "language: unknown language de"),
        ({"people": [{"name": "X", "group": "alien"}]}, "people: person 1: unknown group alien"),
    ],
)
def test_a_malformed_submission_is_refused_naming_the_field_and_stores_nothing(
    people, overrides, message
):
    with pytest.raises(InvalidInput, match=message):
        file_request(people["ana"], token="bad", **overrides)
    assert Petition.objects.count() == 0
    assert mail.outbox == []


def test_an_organization_holds_one_account(people):
    from django.contrib.auth import get_user_model

    second = get_user_model().objects.create_user("ana2", "ana2@example.org", "pw-for-tests-1")
    with pytest.raises(InvalidInput, match="this organization already has an account"):
        actions.do_register_petitioner(
            second, kind="organization", name="  colectivo   TIERRA viva "
        )


def test_attachments_are_checked_like_evidence_and_encrypted_at_rest(people, uploads):
    draft = actions.do_save_draft(
        people["ana"], token="att", kind="petition", state="CO", title="Con anexos"
    )
    attachment = actions.do_add_attachment(people["ana"], draft.pk, name="denuncia.pdf", data=PDF)
    stored = (uploads / attachment.file.name).read_bytes()
    assert PDF not in stored
    assert b"%PDF" not in stored
    assert actions.read_attachment(attachment) == PDF
    assert attachment.file.name.endswith(".bin")
    assert "denuncia" not in attachment.file.name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("foto.png", b"MZ\x90\x00not an image", "foto.png is not a .png file"),
        ("script.exe", b"MZ", "files of type .exe are not accepted"),
        ("../escape.pdf", PDF, "must be a plain name"),
        ("vacio.txt", b"", "vacio.txt is empty"),
    ],
)
def test_a_disguised_or_bad_attachment_is_refused(people, name, data, message):
    draft = actions.do_save_draft(
        people["ana"], token="att2", kind="petition", state="CO", title="Anexo malo"
    )
    with pytest.raises(InvalidInput, match=message):
        actions.do_add_attachment(people["ana"], draft.pk, name=name, data=data)
    assert Attachment.objects.count() == 0


def test_an_oversized_attachment_is_refused(people, settings):
    settings.FOLLOWUP_MAX_EVIDENCE_BYTES = 100
    draft = actions.do_save_draft(
        people["ana"], token="att3", kind="petition", state="CO", title="Grande"
    )
    with pytest.raises(InvalidInput, match="over the limit of 100 bytes"):
        actions.do_add_attachment(people["ana"], draft.pk, name="big.pdf", data=PDF + b"x" * 200)


def test_a_rotated_key_still_reads_old_attachments(people, settings):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FOLLOWUP_PETITIONS_KEYS = old
    draft = actions.do_save_draft(
        people["ana"], token="rot", kind="petition", state="CO", title="Rotación"
    )
    attachment = actions.do_add_attachment(people["ana"], draft.pk, name="nota.txt", data=b"texto")
    settings.FOLLOWUP_PETITIONS_KEYS = f"{new},{old}"
    assert actions.read_attachment(attachment) == b"texto"
    settings.FOLLOWUP_PETITIONS_KEYS = new
    from followup.petitions.crypto import UnreadableAttachment

    with pytest.raises(UnreadableAttachment):
        actions.read_attachment(attachment)


def test_another_petitioner_cannot_add_to_a_draft(people):
    draft = actions.do_save_draft(
        people["ana"], token="own", kind="petition", state="CO", title="Mío"
    )
    with pytest.raises(NotFound):
        actions.do_add_attachment(people["otro"], draft.pk, name="x.txt", data=b"x")


def test_the_form_renders_in_four_languages(client, people):
    client.force_login(people["ana"])
    expected = {"en": "State concerned", "es": "Estado", "pt": "Estado", "fr": "État"}
    for language, word in expected.items():
        response = client.get("/petitions/new/?kind=precautionary", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert word in response.content.decode()
