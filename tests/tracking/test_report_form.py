"""The report form as a focal point meets it: items chosen with a picker, nothing preselected
that must be decided, single choices made already, required fields marked, a first file of
evidence saved with the first draft, errors next to their field under the field's label, a
confirmation after every action, and refused files shown on the form, never a bare page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from selectolax.lexbor import LexborHTMLParser

from followup.tracking.actions import do_add_evidence, do_create_obligation
from followup.tracking.models import Evidence, Party, Report

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a small evidence file\n"


def html_of(response):
    return LexborHTMLParser(response.content.decode())


def field_of(page, name):
    """The field group holding the input named ``name``: label, marks, errors, input."""
    for group in page.css(".field"):
        if group.css_first(f'[name="{name}"]') is not None:
            return group
    raise AssertionError(f"no field {name}")


def text(node):
    return " ".join(node.text(separator=" ").split())


def errors_of(page):
    """Each field's errors, by the field's label, as the reader sees them."""
    found = {}
    for group in page.css(".field.invalid"):
        label = group.css_first("label, legend")
        found[text(label).rstrip(" *")] = [text(li) for li in group.css(".errorlist li")]
    return found


def form_data(chosen, **changes):
    data = {
        "items": [str(chosen["civil_registry"].pk)],
        "party": str(Party.objects.get(country__code="HT").pk),
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "compliance": "partial",
        "language": "en",
        "narrative": "Online birth certificates are available in 6 of 10 departments.",
    }
    return {**data, **changes}


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_the_new_report_form_preselects_single_choices_and_nothing_that_must_be_decided(
    client, people, items
):
    client.force_login(people["haiti"])
    page = html_of(client.get("/reports/new/"))
    party = [
        (o.attributes["value"], text(o), "selected" in o.attributes)
        for o in page.css('select[name="party"] option')
    ]
    assert party == [(str(people["haiti"].profile.party_id), "Haiti", True)]
    compliance = [
        (o.attributes["value"], "selected" in o.attributes)
        for o in page.css('select[name="compliance"] option')
    ]
    assert compliance == [
        ("", True),  # "Choose a status"
        ("total", False),
        ("partial_substantial", False),
        ("partial", False),
        ("pending", False),
        ("non_compliance", False),
    ]
    assert page.css_first('select[name="language"] option[selected]').attributes["value"] == "en"
    assert page.css_first('input[name="items"]') is None  # no typed ids: the picker adds them
    assert page.css_first('[role="combobox"]').attributes["aria-controls"] == "item-options"
    assert page.css_first("#item-options").attributes["role"] == "listbox"


def test_required_fields_are_marked_for_eyes_and_screen_readers(client, people, items):
    client.force_login(people["haiti"])
    page = html_of(client.get("/reports/new/"))
    marked = {
        name: (
            field_of(page, name).css_first(".required-mark") is not None,
            field_of(page, name).css_first(f'[name="{name}"]').attributes.get("aria-required"),
        )
        for name in [
            "party",
            "period_start",
            "period_end",
            "compliance",
            "language",
            "narrative",
            "measures",
            "challenges",
            "institutions",
            "file",
        ]
    }
    assert marked == {
        "party": (True, "true"),
        "period_start": (True, "true"),
        "period_end": (True, "true"),
        "compliance": (True, "true"),
        "language": (True, "true"),
        "narrative": (True, "true"),
        "measures": (False, None),
        "challenges": (False, None),
        "institutions": (False, None),
        "file": (False, None),
    }
    picker = page.css_first("fieldset.picker")
    assert "required" in picker.attributes["class"]
    assert text(picker.css_first("legend")) == "Mandates or recommendations *"
    assert text(page.css_first(".required-note")) == "Fields marked * are required."


def test_an_analyst_files_for_the_secretariat_without_choosing_it(client, people, items):
    client.force_login(people["analyst"])
    page = html_of(client.get("/reports/new/"))
    options = [(text(o), "selected" in o.attributes) for o in page.css('[name="party"] option')]
    assert options == [("General Secretariat", True)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("birth", []),
        ("civil registry", ["civil_registry"]),  # words of the text, all of them
        ("corruption", ["whistleblowers"]),
        ("Quito", ["whistleblowers"]),  # the instrument's name
        ("Punta Cana", ["civil_registry"]),  # the instrument's place
        ("2025", ["civil_registry"]),  # the instrument's year
        ("emergency spending", ["recommendation"]),
    ],
)
def test_the_picker_finds_items_by_words_instrument_and_year(
    client, people, items, query, expected
):
    client.force_login(people["haiti"])
    response = client.get("/reports/items/", {"q": query})
    found = [o.attributes["data-item-id"] for o in html_of(response).css("[data-item-id]")]
    assert found == [str(items[name].pk) for name in expected]


def test_the_picker_finds_an_item_by_its_id_and_by_a_country(client, people, items):
    from followup.corpus.models import Country

    client.force_login(people["haiti"])
    wanted = items["whistleblowers"]
    wanted.countries.add(Country.objects.get(code="EC"))
    by_id = html_of(client.get("/reports/items/", {"q": str(wanted.pk)}))
    assert by_id.css_first("[role=option]").attributes["data-item-id"] == str(wanted.pk)
    for query in ["Ecuador", "EC", "Équateur"]:
        page = html_of(client.get("/reports/items/", {"q": query}))
        assert [o.attributes["data-item-id"] for o in page.css("[data-item-id]")] == [
            str(wanted.pk)
        ], query
    option = html_of(client.get("/reports/items/", {"q": "Quito"})).css_first("[role=option]")
    assert option.attributes["id"] == f"item-option-{wanted.pk}"
    assert option.attributes["aria-selected"] == "false"
    assert text(option) == (
        f"#{wanted.pk} mandate Protect persons who report acts of corruption. "
        f"— {wanted.instrument} · Ecuador"
    )


def test_with_nothing_typed_the_picker_offers_what_the_state_is_due_to_report_on(
    client, people, items, parties
):
    from datetime import date

    do_create_obligation(
        people["analyst"],
        item_id=items["recommendation"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 6, 30),
    )
    client.force_login(people["haiti"])
    page = html_of(client.get("/reports/items/", {"q": ""}))
    assert [o.attributes["data-item-id"] for o in page.css("[data-item-id]")] == [
        str(items["recommendation"].pk)
    ]
    client.force_login(people["mexico"])
    page = html_of(client.get("/reports/items/", {"q": ""}))
    assert [text(o) for o in page.css("[role=option]")] == [
        "Type words of the text, an id, an instrument or a country."
    ]


def test_without_javascript_find_lists_items_to_tick_and_keeps_what_was_typed(
    client, people, items
):
    client.force_login(people["haiti"])
    data = form_data(items, find="1", q="corruption", narrative="Half written")
    response = client.post("/reports/new/", data)
    assert response.status_code == 200
    assert not Report.objects.exists()
    page = html_of(response)
    boxes = [
        (box.attributes["value"], "checked" in box.attributes)
        for box in page.css('input[type=checkbox][name="items"]')
    ]
    assert boxes == [
        (str(items["civil_registry"].pk), True),
        (str(items["whistleblowers"].pk), False),
    ]
    assert page.css_first('textarea[name="narrative"]').text() == "Half written"
    assert page.css(".errorlist") == []  # a search is not a save: nothing is refused


def test_the_first_save_can_carry_the_evidence(client, people, items, uploads):
    client.force_login(people["haiti"])
    data = form_data(items, file=SimpleUploadedFile("decree.pdf", PDF))
    response = client.post("/reports/new/", data, follow=True)
    report = Report.objects.get()
    assert response.redirect_chain == [(f"/reports/{report.pk}/", 302)]
    assert messages_of(response) == [
        "The report is saved as a draft.",
        "decree.pdf is attached to the report.",
    ]
    assert (report.state, [e.original_name for e in report.evidence.all()]) == (
        "draft",
        ["decree.pdf"],
    )
    assert list(report.events.values_list("action", flat=True)) == ["created", "evidence_added"]


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        (
            "tool.exe",
            b"MZ\x90\x00",
            400,
            "tool.exe: files of type .exe are not accepted; allowed: .pdf, .docx, .xlsx, .odt, "
            ".png, .jpg, .jpeg, .csv, .txt",
        ),
        (
            "fake.pdf",
            b"<html>not a pdf</html>",
            400,
            "fake.pdf is not a .pdf file (its content does not match its name)",
        ),
        ("big.txt", b"x" * 4096, 413, "the upload is 4,096 bytes, over the limit of 1,024 bytes"),
    ],
)
def test_a_refused_file_on_the_form_shows_the_form_again_with_the_reason_and_saves_nothing(
    client, people, items, settings, name, data, status, reason
):
    settings.FOLLOWUP_MAX_EVIDENCE_BYTES = 1024
    client.force_login(people["haiti"])
    response = client.post("/reports/new/", form_data(items, file=SimpleUploadedFile(name, data)))
    assert response.status_code == status
    page = html_of(response)
    assert errors_of(page) == {"Attach a file of evidence": [reason]}
    assert page.css_first('textarea[name="narrative"]').text() == form_data(items)["narrative"]
    assert not Report.objects.exists()
    assert not Evidence.objects.exists()


def test_errors_stand_next_to_their_field_under_its_label_never_a_raw_name(client, people, items):
    client.force_login(people["haiti"])
    data = form_data(items, items=[], period_end="2023-01-01", compliance="", narrative="")
    response = client.post("/reports/new/", data)
    assert response.status_code == 400
    page = html_of(response)
    assert errors_of(page) == {
        "Mandates or recommendations": ["Choose at least one mandate or recommendation."],
        "Period to": ["The period ends before it starts."],
        "Status of implementation": ["This field is required."],
        "Narrative": ["This field is required."],
    }
    main = text(page.css_first("main"))
    for raw in ["period_end", "compliance:", "narrative:", "items:"]:
        assert raw not in main
    invalid = page.css_first('select[name="compliance"]').attributes
    assert (invalid["aria-invalid"], invalid["aria-describedby"]) == ("true", "id_compliance_error")
    assert page.css_first("#id_compliance_error") is not None


def test_errors_are_in_the_readers_language(client, people, items):
    client.force_login(people["haiti"])
    data = form_data(items, narrative="")
    response = client.post("/reports/new/", data, headers={"accept-language": "es"})
    assert response.status_code == 400
    assert errors_of(html_of(response)) == {"Narrativa": ["Este campo es obligatorio."]}


def test_an_item_that_cannot_be_reported_on_is_refused_next_to_the_picker(client, people, items):
    client.force_login(people["haiti"])
    response = client.post("/reports/new/", form_data(items, items=["999999"]))
    assert response.status_code == 400
    assert errors_of(html_of(response)) == {
        "Mandates or recommendations": ["no mandate or recommendation with id 999999"]
    }


def test_a_refused_upload_on_the_report_page_shows_the_page_with_the_reason(
    client, people, file_report
):
    report = file_report()
    client.force_login(people["haiti"])
    address = f"/reports/{report.pk}/evidence/"
    response = client.post(address, {"file": SimpleUploadedFile("fake.pdf", b"<html>")})
    assert response.status_code == 400
    page = html_of(response)
    assert text(page.css_first("h1")) == "Report of Haiti"
    assert errors_of(page) == {
        "File": ["fake.pdf is not a .pdf file (its content does not match its name)"]
    }
    reload = client.get(address)  # the address of the refused post, opened again
    assert (reload.status_code, reload.url) == (302, f"/reports/{report.pk}/")


def test_returning_without_a_comment_asks_for_it_next_to_the_box(client, people, file_report):
    report = file_report(state="submitted")
    client.force_login(people["analyst"])
    response = client.post(f"/reports/{report.pk}/return/", {"comment": " "})
    assert response.status_code == 400
    assert errors_of(html_of(response)) == {
        "Comments": ["say what must change when returning a report"]
    }
    report.refresh_from_db()
    assert report.state == "submitted"


def test_every_action_is_confirmed(client, people, items, file_report):
    """Save, edit, upload, link, remove, submit, withdraw, return, validate, publish."""
    said = []

    def do(user, address, data=None):
        client.force_login(people[user])
        response = client.post(address, data or {}, follow=True)
        assert response.status_code == 200, response.content
        said.append(messages_of(response))
        return response

    do("haiti", "/reports/new/", form_data(items))
    report = Report.objects.get()
    at = f"/reports/{report.pk}"
    edited = form_data(items, narrative="7 of 10 departments.", version=str(report.version))
    do("haiti", f"{at}/edit/", edited)
    do("haiti", f"{at}/evidence/", {"file": SimpleUploadedFile("decree.pdf", PDF)})
    do("haiti", f"{at}/links/", {"url": "https://example.org/decree", "title": "Decree"})
    evidence = report.evidence.get()
    do("haiti", f"{at}/evidence/{evidence.pk}/remove/")
    do("haiti", f"{at}/submit/")
    do("haiti", f"{at}/withdraw/")
    do("haiti", f"{at}/submit/")
    do("analyst", f"{at}/return/", {"comment": "Say which departments."})
    do("haiti", f"{at}/submit/")
    do("analyst", f"{at}/validate/")
    do("analyst", f"{at}/publish/")
    submitted = (
        "The report is submitted to the secretariat. You may withdraw it until it is reviewed."
    )
    assert said == [
        ["The report is saved as a draft."],
        ["Your changes are saved."],
        ["decree.pdf is attached to the report."],
        ["The link is added to the report."],
        ["decree.pdf is removed from the report."],
        [submitted],
        ["The report is withdrawn: it is a draft again."],
        [submitted],
        ["The report is returned to Haiti with your comments."],
        [submitted],
        ["The report is validated. Publish it to make it public."],
        ["The report is published."],
    ]


def test_the_report_page_offers_withdraw_only_while_submitted_and_remove_only_on_a_draft(
    client, people, file_report
):
    draft = file_report()
    do_add_evidence(people["haiti"], draft.pk, name="decree.pdf", data=PDF)
    submitted = file_report(state="submitted")
    client.force_login(people["haiti"])

    def buttons(report):
        page = html_of(client.get(f"/reports/{report.pk}/"))
        return [text(b) for b in page.css("main form button")]

    assert buttons(draft) == ["Remove", "Upload", "Add link", "Submit to the secretariat"]
    assert buttons(submitted) == ["Withdraw the report"]
    client.force_login(people["analyst"])
    assert buttons(submitted) == ["Return with comments", "Validate"]


def test_a_file_declared_too_large_is_refused_unread_on_the_form_with_the_reason(
    client, people, items, settings
):
    settings.FOLLOWUP_MAX_EVIDENCE_BYTES = 10
    client.force_login(people["haiti"])
    big = SimpleUploadedFile("big.txt", b"x" * 100_000)
    response = client.post("/reports/new/", form_data(items, file=big))
    assert response.status_code == 413
    page = html_of(response)
    errors = errors_of(page)
    assert list(errors) == ["Attach a file of evidence"]
    assert errors["Attach a file of evidence"][0].endswith("bytes, over the limit of 10 bytes")
    assert text(page.css_first(".error")) == (
        "Nothing was saved. Choose a smaller file and try again."
    )
    assert not Report.objects.exists()


def test_an_account_that_reports_for_no_one_is_told_so_on_the_form(client, people, items):
    client.force_login(people["public"])
    page = html_of(client.get("/reports/new/"))
    assert text(page.css_first("main .notice")) == (
        "Your account does not report for a State or an organization, so it cannot save a "
        "report. An administrator activates the accounts of focal points and organization members."
    )
    client.force_login(people["haiti"])
    assert html_of(client.get("/reports/new/")).css_first("main .notice") is None
