"""Web pages: the main content, with its headings and lists, without the page around it."""

import pytest

from followup.read import read_bytes

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<script>window.dataLayer = [];</script></head><body>
<div id="cookie-banner" class="cookie-consent">{cookies} <button>OK</button></div>
<header><a href="/">Logo</a><nav><ul><li><a href="/">{home}</a></li><li><a href="/about">{about}</a></li>
<li><a href="/news">{news}</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<p>{intro}</p>
<h2>{mandates}</h2>
<ol><li>{m1}<ol><li>{m1a}</li></ol></li><li>{m2}</li></ol>
<p>{closing}</p>
<ul><li>{b1}</li><li>{b2}</li></ul>
</article>
<aside class="related"><h3>{related}</h3><ul><li><a href="/a">{other1}</a></li><li><a href="/b">{other2}</a></li></ul></aside>
<div class="contact-box"><h4>{contact}</h4><p>prensa@example.org · +1 202 555 0100</p></div>
</main>
<footer><p>© 2024 · {rights}</p><ul><li><a href="/privacy">{privacy}</a></li></ul></footer>
</body></html>"""

LANGUAGES = {
    "en": dict(
        title="Follow-up of the Summit health mandates",
        intro="The Secretariat published the second follow-up report on the health mandates that the Summit adopted, with the progress that each member state reported during the year.",
        mandates="Mandates under review",
        m1="Strengthen regional cooperation on public health emergencies.",
        m1a="Set up a network of reference laboratories.",
        m2="Report every two years on the progress made.",
        closing="The report will be presented to the Permanent Council at its next regular meeting, together with the comments of civil society organizations.",
        b1="Twenty states sent their national reports.",
        b2="Seven states created coordination offices.",
        cookies="We use cookies to improve your experience on this site.",
        home="Home",
        about="About us",
        news="News",
        related="Related links",
        other1="Previous report",
        other2="Press releases",
        contact="Contact us",
        rights="All rights reserved",
        privacy="Privacy policy",
    ),
    "es": dict(
        title="Seguimiento de los mandatos sobre educación",
        intro="La Secretaría publicó el segundo informe de seguimiento de los mandatos sobre educación que aprobó la Cumbre, con los avances que cada Estado miembro informó durante el año.",
        mandates="Mandatos en examen",
        m1="Ampliar el acceso a la educación secundaria en las zonas rurales.",
        m1a="Elaborar planes nacionales de formación docente.",
        m2="Informar cada dos años sobre los avances logrados.",
        closing="El informe se presentará al Consejo Permanente en su próxima sesión ordinaria, junto con los comentarios de las organizaciones de la sociedad civil.",
        b1="Dieciocho Estados enviaron sus informes nacionales.",
        b2="Seis Estados crearon oficinas de coordinación.",
        cookies="Utilizamos cookies para mejorar su experiencia en este sitio.",
        home="Inicio",
        about="Quiénes somos",
        news="Noticias",
        related="Enlaces relacionados",
        other1="Informe anterior",
        other2="Comunicados de prensa",
        contact="Contacto",
        rights="Todos los derechos reservados",
        privacy="Política de privacidad",
    ),
    "pt": dict(
        title="Acompanhamento dos mandatos sobre meio ambiente",
        intro="A Secretaria publicou o segundo relatório de acompanhamento dos mandatos sobre meio ambiente aprovados pela Cúpula, com os progressos que cada Estado membro informou durante o ano.",
        mandates="Mandatos em exame",
        m1="Fortalecer a cooperação regional na prevenção de incêndios florestais.",
        m1a="Criar uma rede de centros de monitoramento.",
        m2="Informar a cada dois anos sobre os progressos alcançados.",
        closing="O relatório será apresentado ao Conselho Permanente na sua próxima sessão ordinária, juntamente com os comentários das organizações da sociedade civil.",
        b1="Dezesseis Estados enviaram os seus relatórios nacionais.",
        b2="Cinco Estados criaram fundos de restauração.",
        cookies="Usamos cookies para melhorar a sua experiência neste site.",
        home="Início",
        about="Quem somos",
        news="Notícias",
        related="Links relacionados",
        other1="Relatório anterior",
        other2="Comunicados de imprensa",
        contact="Contato",
        rights="Todos os direitos reservados",
        privacy="Política de privacidade",
    ),
    "fr": dict(
        title="Suivi des mandats sur la sécurité alimentaire",
        intro="Le Secrétariat a publié le deuxième rapport de suivi des mandats sur la sécurité alimentaire adoptés par le Sommet, avec les progrès que chaque État membre a signalés au cours de l'année.",
        mandates="Mandats examinés",
        m1="Renforcer la coopération régionale en matière de sécurité alimentaire.",
        m1a="Créer un réseau d'observatoires agricoles.",
        m2="Présenter tous les deux ans un rapport sur les progrès accomplis.",
        closing="Le rapport sera présenté au Conseil permanent lors de sa prochaine séance ordinaire, avec les observations des organisations de la société civile.",
        b1="Quinze États ont envoyé leurs rapports nationaux.",
        b2="Quatre États ont créé des bureaux de coordination.",
        cookies="Nous utilisons des cookies pour améliorer votre expérience sur ce site.",
        home="Accueil",
        about="Qui sommes-nous",
        news="Actualités",
        related="Liens connexes",
        other1="Rapport précédent",
        other2="Communiqués de presse",
        contact="Contactez-nous",
        rights="Tous droits réservés",
        privacy="Politique de confidentialité",
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_keeps_its_main_content_with_headings_and_lists(lang):
    words = LANGUAGES[lang]
    document = read_bytes(PAGE.format(lang=lang, **words).encode(), "page.html")
    assert [
        (b.kind, b.level, b.marker, document.block_text(b))
        for b in document.blocks
        if b.kind != "list"
    ] == [
        ("heading", 1, "", words["title"]),
        ("paragraph", 0, "", words["intro"]),
        ("heading", 2, "", words["mandates"]),
        ("list_item", 0, "1.", words["m1"]),
        ("list_item", 1, "1.", words["m1a"]),
        ("list_item", 0, "2.", words["m2"]),
        ("paragraph", 0, "", words["closing"]),
        ("list_item", 0, "•", words["b1"]),
        ("list_item", 0, "•", words["b2"]),
    ]
    assert document.language == lang
    for boilerplate in ("cookies", "home", "related", "other1", "contact", "rights", "privacy"):
        assert words[boilerplate] not in document.text


def test_a_fragment_without_main_content_is_read_whole():
    document = read_bytes(b"<p>Only one line of text here.</p><ul><li>An item</li></ul>", "f.html")
    assert [(b.kind, document.block_text(b)) for b in document.blocks] == [
        ("paragraph", "Only one line of text here."),
        ("list", "• An item"),
        ("list_item", "An item"),
    ]
