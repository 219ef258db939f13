"""The consultation portal in a browser: a citizen proposes in Spanish, others support it to
the threshold, the secretariat accepts it and turns it into a project that shows on the
mandate it implements; a comment reported three times is hidden until a moderator restores it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "followup-demo-2024"


def sign_in(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


def test_a_proposal_becomes_a_project_on_the_mandate_it_implements(page, site):
    from django.utils import timezone

    from followup.consult.models import Consultation, Phase
    from followup.corpus.models import Item
    from tests.consult.conftest import move_to

    consultation = Consultation.objects.get(slug="water-for-rural-schools")
    consultation.support_threshold = 2
    consultation.save(update_fields=["support_threshold"])
    move_to(consultation, "proposals")
    assert Phase.objects.filter(consultation=consultation, kind="proposals",
                                starts_on__lte=timezone.localdate()).exists()  # fmt: skip

    page.set_extra_http_headers({"Accept-Language": "es"})  # every person here reads Spanish
    sign_in(page, site, "miguel")
    page.goto(f"{site}/consult/")
    page.locator("#language-select").select_option("es")
    page.wait_for_load_state()
    page.get_by_role("link", name="Agua para las escuelas rurales").click()
    page.get_by_role("link", name="Presentar una propuesta").click()
    page.get_by_label("Título").fill("Bebederos con filtro en los patios escolares")
    page.get_by_label("Su propuesta").fill(
        "Instalar bebederos con **filtro** en cada patio, con mantenimiento mensual."
    )
    page.get_by_role("button", name="Publicar").click()
    expect(page.locator(".messages")).to_contain_text("Su propuesta está publicada.")
    expect(page.locator(".proposal-body strong")).to_have_text("filtro")
    proposal_url = page.url

    move_to(consultation, "support")
    for supporter in ("ana", "claire"):
        sign_in(page, site, supporter)
        page.goto(proposal_url)
        page.get_by_role("button", name="Apoyar esta propuesta").click()
        expect(page.locator(".messages")).to_contain_text("Gracias: su apoyo fue contado.")
    expect(page.locator("progress").first).to_have_attribute("value", "100")

    for reporter in ("joao", "sofia"):
        sign_in(page, site, reporter)
        page.goto(proposal_url)
        if reporter == "joao":
            page.get_by_label("Su comentario").fill("Compre bebederos baratos en mi tienda")
            page.get_by_role("button", name="Comentar").click()
        comment = page.locator("article.comment", has_text="baratos en mi tienda")
        comment.locator("summary", has_text="Denunciar").click()
        comment.locator("input[name=reason]").fill("publicidad")
        comment.get_by_role("button", name="Denunciar").click()
    sign_in(page, site, "kemar")
    page.goto(proposal_url)
    comment = page.locator("article.comment", has_text="baratos en mi tienda")
    comment.locator("summary", has_text="Denunciar").click()
    comment.locator("input[name=reason]").fill("publicidad")
    comment.get_by_role("button", name="Denunciar").click()
    expect(page.locator("article.comment", has_text="baratos en mi tienda")).to_have_count(0)

    sign_in(page, site, "analyst")
    page.goto(f"{site}/consult/moderation/")
    hidden = page.locator("li", has_text="baratos en mi tienda")
    hidden.get_by_role("textbox").fill("es un comentario sobre el tema")
    hidden.get_by_role("button", name="Restablecer").click()
    expect(page.locator(".messages")).to_contain_text("La decisión quedó registrada.")
    page.goto(proposal_url)
    expect(page.locator("article.comment", has_text="baratos en mi tienda")).to_have_count(1)

    page.get_by_label("Estado").select_option("accepted")
    page.get_by_role("button", name="Guardar", exact=True).click()
    mandate = Item.objects.filter(kind="mandate").order_by("pk").first()
    page.locator("#budget").fill("95000")  # the project form (the assessment has its own)
    page.locator("#currency").fill("USD")
    page.get_by_label("Mandatos y recomendaciones que implementa (números de elemento)").fill(
        str(mandate.pk)
    )
    page.get_by_role("button", name="Convertir en proyecto").click()
    expect(page.locator(".messages")).to_contain_text("El proyecto está creado.")
    page.locator("#m-title").fill("Licitación de bebederos")
    page.locator("#m-due").fill("2027-03-01")
    page.locator("form", has=page.locator("#m-title")).get_by_role("button").click()
    expect(page.locator("li", has_text="Licitación de bebederos")).to_be_visible()

    page.goto(f"{site}/items/{mandate.pk}/")
    expect(page.locator("#projects")).to_contain_text(
        "Bebederos con filtro en los patios escolares"
    )
