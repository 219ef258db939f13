"""Evidence: links and uploaded files, checked by type, size and name, stored outside the web root."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.tracking.actions import InvalidInput, do_add_evidence, do_add_link
from followup.tracking.models import Evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a small evidence file\n"


def test_an_allowed_file_is_stored_outside_the_web_root_and_served_to_who_may_see_it(
    file_report, people, uploads, client
):
    report = file_report()
    evidence = do_add_evidence(people["haiti"], report.pk, name="decree.pdf", data=PDF)
    assert evidence.file.path.startswith(str(uploads))
    assert (evidence.content_type, evidence.size, evidence.original_name) == (
        "application/pdf",
        len(PDF),
        "decree.pdf",
    )
    assert report.events.filter(action="evidence_added").exists()
    url = f"/reports/{report.pk}/evidence/{evidence.pk}/"
    assert client.get(url).status_code == 404  # a draft's evidence is private
    client.force_login(people["haiti"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(people["mexico"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("script.exe", b"MZ\x90\x00", "files of type .exe are not accepted"),
        ("../../etc/passwd.txt", b"x", "must be a plain name, without a path"),
        ("C:\\temp\\note.txt", b"x", "without a path"),
        ("fake.pdf", b"<html>not a pdf</html>", "its content does not match its name"),
        ("empty.pdf", b"", "is empty"),
        ("photo.png", b"\x89PNG" + b"0" * 2048, "over the limit of 1,024 bytes"),
    ],
)
def test_a_bad_upload_is_refused_naming_the_file_and_changes_nothing(
    file_report, people, settings, name, data, reason
):
    settings.FOLLOWUP_MAX_EVIDENCE_BYTES = 1024
    report = file_report()
    version = report.version
    with pytest.raises(InvalidInput, match=reason) as raised:
        do_add_evidence(people["haiti"], report.pk, name=name, data=data)
    assert raised.value.field == "file"
    report.refresh_from_db()
    assert report.version == version
    assert not Evidence.objects.exists()


def test_uploads_through_the_page_and_the_api_answer_400_and_422(file_report, people, client):
    report = file_report()
    client.force_login(people["haiti"])
    page = client.post(
        f"/reports/{report.pk}/evidence/", {"file": SimpleUploadedFile("tool.exe", b"MZ")}
    )
    assert page.status_code == 400
    assert "tool.exe: files of type .exe are not accepted" in page.content.decode()
    api = client.post(
        f"/api/reports/{report.pk}/evidence", {"file": SimpleUploadedFile("tool.exe", b"MZ")}
    )
    assert api.status_code == 422
    assert "tool.exe" in api.json()["detail"]
    ok = client.post(
        f"/api/reports/{report.pk}/evidence", {"file": SimpleUploadedFile("decree.pdf", PDF)}
    )
    assert ok.status_code == 201
    assert ok.json()["original_name"] == "decree.pdf"


def test_evidence_cannot_be_added_to_a_published_report(file_report, people):
    report = file_report(state="published")
    with pytest.raises(Exception, match="published report can no longer be edited"):
        do_add_evidence(people["haiti"], report.pk, name="late.pdf", data=PDF)


def test_links_must_be_web_addresses(file_report, people):
    report = file_report()
    link = do_add_link(
        people["haiti"], report.pk, url="https://example.org/decree", title="Decree 12"
    )
    assert str(link) == "Decree 12"
    with pytest.raises(InvalidInput, match="url: 'javascript:alert"):
        do_add_link(people["haiti"], report.pk, url="javascript:alert(1)")
