"""Who sees what, rule by rule, on pages and over the API."""

import re

import pytest
from django.db import DatabaseError, connection, transaction

from followup.petitions import actions
from followup.petitions.models import AppendOnly, AuditEntry

from .conftest import file_request

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def transmitted(people):
    """A request granted (so transmitted to Colombia), with a petitioner's message not forwarded."""
    petition = file_request(people["ana"])
    actions.do_send_communication(
        people["ana"], petition.pk, text="Nuevas amenazas anoche.", files=[("acta.pdf", PDF)]
    )
    actions.do_decide(
        people["lawyer"],
        petition.pk,
        "grant",
        document_text="Resolución: se otorgan medidas cautelares a favor del beneficiario.",
    )
    return petition


def _without_tokens(content: bytes) -> bytes:
    """The page without what differs by request only: the form token and the page's own address."""
    return re.sub(rb'name="(csrfmiddlewaretoken|next)"[^>]*', b"", content)


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("who", ["otro", "agent_pe", "nobody"])
def test_a_file_is_refused_to_outsiders_like_a_missing_one_page_and_api(
    client, people, request_filed, who
):
    missing = request_filed.pk + 1000
    for base in ("/petitions/{}/", "/api/petitions/{}"):
        existing = _page(client, people[who], base.format(request_filed.pk))
        absent = _page(client, people[who], base.format(missing))
        assert existing.status_code == absent.status_code == 404
        assert _without_tokens(existing.content) == _without_tokens(absent.content)


def test_the_state_agent_sees_nothing_before_transmission(client, people, request_filed):
    assert _page(client, people["agent_co"], f"/petitions/{request_filed.pk}/").status_code == 404
    assert (
        _page(client, people["agent_co"], f"/api/petitions/{request_filed.pk}").status_code == 404
    )


def test_the_state_agent_sees_the_transmitted_file_without_confidential_identities(
    client, people, transmitted
):
    page = _page(client, people["agent_co"], f"/petitions/{transmitted.pk}/").content.decode()
    assert "Mateo Rivas" not in page
    assert "Confidential identity" in page
    assert "Comunidad de Río Claro" in page
    assert "El defensor de derechos humanos [confidential] fue amenazado" in page
    assert "Nuevas amenazas anoche." not in page
    api = _page(client, people["agent_co"], f"/api/petitions/{transmitted.pk}").json()
    assert [p["name"] for p in api["people"]] == ["", "Comunidad de Río Claro"]


def test_the_state_agent_cannot_fetch_an_attachment_not_transmitted(client, people, transmitted):
    attachment = transmitted.attachments.get()
    for url in (
        f"/petitions/{transmitted.pk}/attachments/{attachment.pk}/",
        f"/api/petitions/{transmitted.pk}/attachments/{attachment.pk}",
    ):
        assert _page(client, people["agent_co"], url).status_code == 404
    actions.do_transmit_communication(people["lawyer"], attachment.communication_id)
    response = _page(
        client, people["agent_co"], f"/petitions/{transmitted.pk}/attachments/{attachment.pk}/"
    )
    assert (response.status_code, response.content) == (200, PDF)


def test_the_petitioner_sees_their_own_file_with_identities(client, people, transmitted):
    page = _page(client, people["ana"], f"/petitions/{transmitted.pk}/").content.decode()
    assert "Mateo Rivas" in page
    assert "Nuevas amenazas anoche." in page


def test_a_section_lawyer_sees_the_files_of_their_state_only(client, people, request_filed):
    from followup.petitions.models import Assignment

    assert _page(client, people["lawyer"], f"/petitions/{request_filed.pk}/").status_code == 200
    Assignment.objects.filter(user=people["lawyer"]).update(country_id="PE")
    people["lawyer"].refresh_from_db()
    assert _page(client, people["lawyer"], f"/petitions/{request_filed.pk}/").status_code == 404


def test_drafts_are_seen_by_their_petitioner_only(client, people):
    draft = actions.do_save_draft(
        people["ana"], token="dr", kind="petition", state="CO", title="Borrador privado"
    )
    assert _page(client, people["ana"], f"/petitions/{draft.pk}/").status_code == 200
    for who in ("registry", "commissioner", "lawyer"):
        assert _page(client, people[who], f"/petitions/{draft.pk}/").status_code == 404


def test_every_read_of_a_confidential_record_is_audited(client, people, transmitted):
    _page(client, people["lawyer"], f"/petitions/{transmitted.pk}/")
    _page(client, people["commissioner"], f"/api/petitions/{transmitted.pk}")
    attachment = transmitted.attachments.get()
    _page(client, people["ana"], f"/petitions/{transmitted.pk}/attachments/{attachment.pk}/")
    _page(
        client, people["agent_co"], f"/petitions/{transmitted.pk}/"
    )  # sees no identity: nothing read
    entries = sorted(AuditEntry.objects.values_list("username", "record", "channel"))
    assert entries == [
        ("ana", f"attachment:{attachment.pk}", "page"),
        ("commissioner", "petition", "api"),
        ("lawyer", "petition", "page"),
    ]


def test_the_audit_log_cannot_be_changed_or_deleted(people, transmitted):
    actions.record_read(people["lawyer"], transmitted, "petition", "page")
    entry = AuditEntry.objects.get()
    entry.record = "nothing"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().update(record="nothing")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().record == "petition"


def test_the_audit_log_is_read_only_in_the_admin(admin_client, people, transmitted):
    actions.record_read(people["lawyer"], transmitted, "petition", "page")
    entry = AuditEntry.objects.get()
    assert admin_client.get("/admin/petitions/auditentry/").status_code == 200
    assert (
        admin_client.post(
            f"/admin/petitions/auditentry/{entry.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.count() == 1


def test_a_state_agent_may_not_decide(client, people, transmitted):
    client.force_login(people["agent_co"])
    response = client.post(
        f"/petitions/{transmitted.pk}/decide/", {"decision": "lift", "document_text": "x" * 30}
    )
    assert response.status_code == 403
    assert (
        client.post(
            f"/api/petitions/{transmitted.pk}/decisions",
            {"decision": "lift", "document_text": "x" * 30},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_only_commissioners_adopt_reports(people):
    petition = file_request(people["ana"], token="p", kind="petition")
    actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    actions.do_decide(people["lawyer"], petition.pk, "begin_admissibility")
    from followup.errors import Forbidden

    with pytest.raises(Forbidden):
        actions.do_decide(
            people["lawyer"],
            petition.pk,
            "admissible",
            document_text="Informe de admisibilidad " * 3,
        )
    change = actions.do_decide(
        people["commissioner"],
        petition.pk,
        "admissible",
        document_text="Informe de admisibilidad " * 3,
    )
    assert (change.from_stage, change.to_stage) == ("admissibility", "merits")
