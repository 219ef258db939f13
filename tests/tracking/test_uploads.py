"""Evidence uploads are checked before they are read: permission and declared size first, then
the body streamed to a temporary file and stopped past the limit; zip bombs are refused."""

import io
import zipfile

import docx
import pytest

from followup.tracking.models import Evidence

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024
BOUNDARY = "----followup-test-boundary"


class CountingBody:
    """A request body produced on demand, counting how much of it the server reads."""

    def __init__(self, head: bytes, filler: int, tail: bytes):
        self.parts = [head, None, tail]
        self.filler = filler
        self.size = len(head) + filler + len(tail)
        self.read_bytes = 0

    def read(self, size=-1):
        remaining = self.size - self.read_bytes
        size = remaining if size is None or size < 0 else min(size, remaining)
        out = bytearray()
        while len(out) < size:
            position = self.read_bytes + len(out)
            head, _, tail = self.parts
            if position < len(head):
                out += head[position : position + size - len(out)]
            elif position < len(head) + self.filler:
                out += b"x" * min(size - len(out), len(head) + self.filler - position)
            else:
                start = position - len(head) - self.filler
                out += tail[start : start + size - len(out)]
        self.read_bytes += len(out)
        return bytes(out)

    def readline(self, size=-1):
        return self.read(size)


def multipart_body(file_size: int, name="decree.txt") -> CountingBody:
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    return CountingBody(head, file_size, f"\r\n--{BOUNDARY}--\r\n".encode())


def post_body(client, path, body: CountingBody):
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(body.size),
        **{"wsgi.input": body},
    )


def evidence_paths(report):
    return [f"/reports/{report.pk}/evidence/", f"/api/reports/{report.pk}/evidence"]


@pytest.mark.parametrize("where", [0, 1], ids=["page", "api"])
def test_a_200_mib_post_by_a_public_account_is_refused_before_its_body_is_read(
    file_report, people, client, where
):
    report = file_report()
    client.force_login(people["public"])
    body = multipart_body(200 * MiB)
    response = post_body(client, evidence_paths(report)[where], body)
    assert response.status_code == 404  # a draft of another party is not even visible
    assert body.read_bytes == 0
    report = file_report(state="published")
    body = multipart_body(200 * MiB)
    response = post_body(client, evidence_paths(report)[where], body)
    assert response.status_code == 403
    assert body.read_bytes == 0
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("where", [0, 1], ids=["page", "api"])
def test_an_anonymous_upload_is_refused_unread(file_report, client, where):
    report = file_report()
    body = multipart_body(200 * MiB)
    response = post_body(client, evidence_paths(report)[where], body)
    assert response.status_code == (302, 401)[where]
    assert body.read_bytes == 0


@pytest.mark.parametrize("where", [0, 1], ids=["page", "api"])
def test_a_declared_size_over_the_limit_is_refused_unread(file_report, people, client, where):
    report = file_report()
    client.force_login(people["haiti"])
    body = multipart_body(200 * MiB)
    response = post_body(client, evidence_paths(report)[where], body)
    assert response.status_code == 413
    assert "over the limit of 20,971,520 bytes" in response.content.decode()
    assert body.read_bytes == 0


@pytest.mark.parametrize("where", [0, 1], ids=["page", "api"])
def test_an_upload_is_stopped_as_soon_as_it_passes_the_limit(
    file_report, people, client, settings, uploads, where
):
    settings.FOLLOWUP_MAX_EVIDENCE_BYTES = limit = 1 * MiB
    report = file_report()
    client.force_login(people["haiti"])
    body = multipart_body(limit + 60 * 1024)  # within what a form may add, so it is read
    response = post_body(client, evidence_paths(report)[where], body)
    assert response.status_code == 413, response.content
    assert body.read_bytes < limit + 3 * 16 * 1024 + 200 < body.size
    assert not Evidence.objects.exists()
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))


@pytest.mark.parametrize("where", [0, 1], ids=["page", "api"])
def test_an_upload_within_the_limit_is_streamed_and_stored(file_report, people, client, where):
    report = file_report()
    client.force_login(people["haiti"])
    body = multipart_body(3 * MiB)  # past FILE_UPLOAD_MAX_MEMORY_SIZE: a temporary file
    response = post_body(client, evidence_paths(report)[where], body)
    assert response.status_code == (302, 201)[where]
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.size) == ("decree.txt", 3 * MiB)
    with evidence.file.open("rb") as stored:
        assert stored.read() == b"x" * (3 * MiB)


def docx_bytes(document_xml_size: int | None = None) -> bytes:
    """A real .docx; with document_xml_size, its main part padded with that many spaces."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    if document_xml_size is None:
        return buffer.getvalue()
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * document_xml_size)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return bomb.getvalue()


def test_a_docx_that_inflates_past_the_limit_is_refused_and_not_stored(
    file_report, people, client, settings, uploads
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.FOLLOWUP_MAX_EVIDENCE_INFLATED_BYTES = 8 * MiB
    bomb = docx_bytes(64 * MiB)
    assert len(bomb) < 200 * 1024  # small on the wire
    report = file_report()
    client.force_login(people["haiti"])
    page = client.post(
        f"/reports/{report.pk}/evidence/", {"file": SimpleUploadedFile("bomb.docx", bomb)}
    )
    assert page.status_code == 400
    assert "bomb.docx inflates to" in page.content.decode()
    assert "over the limit of 8,388,608 bytes" in page.content.decode()
    api = client.post(
        f"/api/reports/{report.pk}/evidence", {"file": SimpleUploadedFile("bomb.docx", bomb)}
    )
    assert api.status_code == 422
    assert "bomb.docx inflates to" in api.json()["detail"]
    assert not Evidence.objects.exists()
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))
    ok = client.post(
        f"/reports/{report.pk}/evidence/", {"file": SimpleUploadedFile("plan.docx", docx_bytes())}
    )
    assert ok.status_code == 302
    assert Evidence.objects.get().original_name == "plan.docx"


def test_a_docx_whose_parts_lie_about_their_size_is_refused(file_report, people):
    from followup.tracking.actions import InvalidInput, do_add_evidence

    honest = docx_bytes(1 * MiB)
    # Claim the padded part is small: the archive's checksum gives the lie away.
    with zipfile.ZipFile(io.BytesIO(honest)) as archive:
        info = archive.getinfo("word/document.xml")
    true_size = info.file_size.to_bytes(4, "little")
    lying = honest.replace(true_size, (1000).to_bytes(4, "little"))
    assert lying != honest
    report = file_report()
    with pytest.raises(InvalidInput, match=r"plan\.docx is not a valid docx file"):
        do_add_evidence(people["haiti"], report.pk, name="plan.docx", data=lying)
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("where", [0, 1], ids=["page", "api"])
def test_an_upload_still_needs_the_csrf_token(file_report, people, where):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    report = file_report()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["haiti"])
    response = strict.post(
        evidence_paths(report)[where], {"file": SimpleUploadedFile("decree.txt", b"Decree 12")}
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()
