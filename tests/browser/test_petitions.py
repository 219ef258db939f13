"""A petitioner files a precautionary-measure request in Spanish; the triage queue ranks it
first; a lawyer grants it with a resolution; the State's agent sees only what was transmitted."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pw-for-browser-1"
URGENT = (
    "La defensora de derechos humanos Rosa Quispe fue amenazada de muerte por hombres armados "
    "que rodearon su casa en la vereda El Carmen. Pidió protección y nadie respondió."
)


@pytest.fixture
def accounts(live_server, transactional_db):
    from django.contrib.auth import get_user_model

    from followup.corpus.actions import do_load_registries
    from followup.petitions.actions import do_file, do_register_petitioner
    from followup.petitions.models import Assignment

    do_load_registries()
    users = {}
    for name in ("rosa", "abogada", "agente_co", "agente_pe"):
        users[name] = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
    do_register_petitioner(
        users["rosa"], kind="organization", name="Red de Defensoras del Sur", country_code="CO"
    )
    Assignment.objects.create(user=users["abogada"], role=Assignment.LAWYER, country_id="CO")
    Assignment.objects.create(user=users["agente_co"], role=Assignment.STATE_AGENT, country_id="CO")
    Assignment.objects.create(user=users["agente_pe"], role=Assignment.STATE_AGENT, country_id="PE")
    do_file(
        users["rosa"],
        token="earlier",
        kind="precautionary",
        state="CO",
        title="Trámite de pensión",
        facts="Solicitamos ayuda con un trámite de pensión que lleva meses detenido.",
        language="es",
        people=[{"name": "Pedro Gómez", "group": "man"}],
    )
    return live_server.url


def _sign_in(page, site, username):
    page.goto(f"{site}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def test_request_filed_in_spanish_ranked_granted_and_seen_by_the_state(browser, accounts):
    site = accounts
    context = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844})
    page = context.new_page()
    _sign_in(page, site, "rosa")
    page.goto(f"{site}/petitions/new/?kind=precautionary")
    expect(page.get_by_role("heading", level=1)).to_have_text("Solicitar medidas cautelares")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.select_option("#state", "CO")
    page.fill("#person-0-name", "Rosa Quispe")
    page.locator("input[name=person-0-confidential]").check()
    page.fill("#title", "Amenazas contra una defensora en El Carmen")
    page.fill("#facts", URGENT)
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator(".messages")).to_contain_text("MC-")
    reference = page.locator("h1").inner_text().split()[-1]
    context.close()

    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    _sign_in(page, site, "abogada")
    page.goto(f"{site}/petitions/triage/")
    first = page.locator("#triage tbody tr").first
    expect(first).to_contain_text(reference)
    expect(first).to_contain_text("urgente")
    first.get_by_role("link", name=reference).click()
    expect(page.locator("mark").first).to_have_text("defensora de derechos humanos")
    page.select_option("#decision", "grant")
    page.fill(
        "#document_text",
        "Resolución: la Comisión otorga medidas cautelares para proteger la vida de la beneficiaria.",
    )
    page.get_by_role("button", name="Registrar la decisión").click()
    expect(page.locator("#stage")).to_have_text("Otorgada")
    expect(page.get_by_role("link", name="resolución o informe")).to_be_visible()
    context.close()

    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    _sign_in(page, site, "agente_co")
    page.goto(f"{site}/petitions/")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("#stage")).to_have_text("Otorgada")
    body = page.locator("main").inner_text()
    assert "Rosa Quispe" not in body
    assert "Identidad reservada" in body
    url = page.url
    context.close()

    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    _sign_in(page, site, "agente_pe")
    assert page.goto(url).status == 404
    context.close()
