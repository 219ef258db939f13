"""A document's genre, recognised from its structure and cues in the four languages, and used
as a prior by the extractors. Every document here is our own."""

import pytest

from followup.extract import GENRES, extract, genre_of
from followup.extract.lang import rules_for
from followup.extract.resolutions import opens_with_verb
from followup.read import read_bytes

DOCUMENTS = {
    "resolution": [
        (
            "en",
            "CIDI/RES. 410 (XXX-O/26)\n\nTOURISM AND COASTAL COMMUNITIES\n\n"
            "THE INTER-AMERICAN COUNCIL FOR INTEGRAL DEVELOPMENT,\n\n"
            "BEARING IN MIND that small island states depend on tourism;\n\n"
            "RESOLVES:\n\n1. To ask the Executive Secretariat to map coastal training programs.\n",
        ),
        (
            "es",
            "CIM/RES. 310 (XL-O/26)\n\nMUJERES Y CLIMA\n\nLA ASAMBLEA DE DELEGADAS,\n\n"
            "TENIENDO EN CUENTA que las sequías afectan más a las agricultoras;\n\n"
            "RESUELVE:\n\n1. Encargar a la Secretaría Ejecutiva un estudio sobre agricultoras.\n",
        ),
        (
            "pt",
            "O CONSELHO PERMANENTE,\n\nCONSIDERANDO que a cooperação portuária cresce;\n\n"
            "RESOLVE:\n\n1. Solicitar à Secretaria-Geral um inventário dos portos da região.\n",
        ),
        (
            "fr",
            "CITEL/RES. 90 (XII-26)\n\nCONNECTIVITÉ RURALE\n\nL'ASSEMBLÉE DE LA CITEL,\n\n"
            "CONSIDÉRANT que les zones rurales restent mal desservies;\n\nDÉCIDE :\n\n"
            "1. Charger le Secrétariat de recenser les réseaux ruraux de la région.\n",
        ),
    ],
    "mandate_list": [
        (
            "en",
            "HEALTH: Primary Care\n\n"
            "1. Expand primary care in remote areas. (Declaration of Asunción, Paraguay, 2025)\n"
            "1. Train community nurses in every province. (Declaration of Asunción, Paraguay, 2025)\n",
        ),
        (
            "es",
            "MANDATOS DE LA CUMBRE\n\nNos comprometemos a:\n\n"
            "1. Ampliar la atención primaria en las zonas rurales de cada país.\n"
            "2. Formar enfermeras comunitarias en todas las provincias de la región.\n",
        ),
        (
            "pt",
            "MANDATOS\n\nSAÚDE\n\n"
            "1. Ampliar a atenção primária nas zonas rurais de cada país da região.\n"
            "2. Formar enfermeiras comunitárias em todas as províncias dos países.\n",
        ),
        (
            "fr",
            "MANDATS DU SOMMET\n\nNous nous engageons à :\n\n"
            "1. Étendre les soins primaires dans les zones rurales de chaque pays.\n"
            "2. Former des infirmières communautaires dans toutes les provinces.\n",
        ),
    ],
    "press_release": [
        (
            "en",
            "IACHR Calls for Protection of River Communities\n\n"
            "Washington, D.C., March 3, 2026 – The Inter-American Commission on Human Rights "
            "(IACHR) expresses concern about floods along the river.\n",
        ),
        (
            "es",
            "Comunicado de prensa\n\nLa CIDH expresa preocupación por las inundaciones\n\n"
            "La Comisión Interamericana observa con preocupación las crecidas del río.\n",
        ),
        (
            "pt",
            "Nota de imprensa 45/26\n\nA CIDH expressa preocupação com as enchentes\n\n"
            "A Comissão Interamericana observa com preocupação as cheias do rio.\n",
        ),
        (
            "fr",
            "La CIDH s'inquiète des inondations\n\n"
            "Washington, D.C. - La Commission interaméricaine observe avec inquiétude la crue.\n",
        ),
    ],
    "activity_report": [
        (
            "en",
            "Progress Report of the Youth Employment Program\n\n"
            "During the period the program trained 300 young people in coding.\n",
        ),
        (
            "es",
            "INFORME DE ACTIVIDADES 2025\n\n"
            "Durante el período la Secretaría capacitó a 300 jóvenes en programación.\n",
        ),
        (
            "pt",
            "Relatório de atividades do programa\n\n"
            "Durante o período o programa capacitou 300 jovens em programação.\n",
        ),
        (
            "fr",
            "Rapport d'activités du programme\n\n"
            "Pendant la période, le programme a formé 300 jeunes à la programmation.\n",
        ),
    ],
    "annual_report_chapter": [
        (
            "en",
            "CHAPTER IV.A\n\nOVERVIEW OF THE SITUATION IN THE HEMISPHERE\n\n"
            "This chapter reviews the year in the region.\n",
        ),
        (
            "es",
            "Informe Anual 2025\n\nCapítulo V\n\nSEGUIMIENTO DE RECOMENDACIONES\n\n"
            "Este capítulo revisa el cumplimiento durante el año.\n",
        ),
        (
            "pt",
            "CAPÍTULO V\n\nACOMPANHAMENTO DE RECOMENDAÇÕES\n\n"
            "Este capítulo examina o cumprimento durante o ano.\n",
        ),
        (
            "fr",
            "Rapport annuel 2025\n\nSUIVI DES RECOMMANDATIONS\n\n"
            "Ce chapitre examine la mise en œuvre pendant l'année.\n",
        ),
    ],
    "measures_inventory": [
        (
            "en",
            "Measures adopted by ministries of transport\n\nPERU\n\n"
            "The ministry suspended river ferries.\n\nCHILE\n\nThe ministry closed two passes.\n",
        ),
        (
            "es",
            "Medidas adoptadas por los ministerios de trabajo\n\n"
            "En Uruguay, el ministerio extendió el seguro de paro.\n\n"
            "En Paraguay, el ministerio suspendió los despidos.\n",
        ),
        (
            "pt",
            "Medidas adotadas pelos ministérios da saúde\n\n"
            "· Brasil: o ministério ampliou os leitos de terapia intensiva.\n"
            "· Uruguai: o ministério distribuiu testes rápidos.\n",
        ),
        (
            "fr",
            "Mesures prises par les ministères du travail\n\nHAÏTI\n\n"
            "Le ministère a suspendu les licenciements.\n\nCANADA\n\n"
            "Le ministère a prolongé les aides.\n",
        ),
    ],
    "other": [
        ("en", "Notes on river ecology\n\nRivers carry sediment to the coast.\n"),
        ("es", "Notas sobre ríos\n\nLos ríos llevan sedimentos a la costa.\n"),
        ("pt", "Notas sobre rios\n\nOs rios levam sedimentos para o litoral.\n"),
        ("fr", "Notes sur les fleuves\n\nLes fleuves portent des sédiments vers la côte.\n"),
    ],
}


def genre(text: str, name: str = "doc.txt") -> str:
    return genre_of(read_bytes(text.encode(), name))


def test_every_genre_has_documents_in_the_four_languages():
    assert set(DOCUMENTS) == set(GENRES)
    assert all(
        [lang for lang, _ in docs] == ["en", "es", "pt", "fr"] for docs in DOCUMENTS.values()
    )


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    [(g, lang, text) for g, docs in DOCUMENTS.items() for lang, text in docs],
    ids=[f"{g}-{lang}" for g, docs in DOCUMENTS.items() for lang, _ in docs],
)
def test_a_document_is_recognised_as_its_genre(expected, language, text):
    assert genre(text) == expected


def test_a_resolution_symbol_quoted_in_a_press_release_does_not_make_it_a_resolution():
    text = (
        "IACHR welcomes new rules on river safety\n\n"
        "Washington, D.C., May 4, 2026 – The IACHR recalls resolution AG/RES. 3001 (LIV-O/24) "
        "and notes progress.\n\nConsidering the floods, the IACHR will visit the region.\n"
    )
    assert genre(text) == "press_release"


def test_a_year_range_opening_a_paragraph_is_no_dateline():
    text = "River plan\n\nThe 2025–2030 plan sets goals for the basin.\n"
    assert genre(text) == "other"


def items(text: str, kind: str):
    found = extract(read_bytes(text.encode(), "doc.txt"))
    return [(i.text, i.fields) for i in found if i.kind == kind]


def test_an_uncited_verb_list_of_a_mandate_list_is_mandates_with_the_header_instrument():
    text = (
        "EIGHTH SUMMIT OF THE LAKES\n"
        "Puno, Peru\n"
        "May 20, 2026\n\n"
        "MANDATES ADOPTED AT THE EIGHTH SUMMIT OF THE LAKES\n\n"
        "We commit to:\n\n"
        "WATER QUALITY\n\n"
        "1. Monitor the water quality of shared lakes every season.\n"
        "2. Promoting joint brigades that clean the shores of shared lakes.\n"
    )
    source = {
        "instrument": "Mandates Adopted at the Eighth Summit of the Lakes",
        "summit": "Eighth Summit of the Lakes",
        "place": "Puno",
        "year": 2026,
    }
    empty = {"deadline": None, "reporting": None}
    assert [(t, f) for t, f in items(text, "mandate")] == [
        (
            "Monitor the water quality of shared lakes every season.",
            {"source": source, "topic": "Water Quality", **empty},
        ),
        (
            "Promoting joint brigades that clean the shores of shared lakes.",
            {"source": source, "topic": "Water Quality", **empty},
        ),
    ]
    assert items(text, "action") == []


def test_the_same_verb_list_outside_a_mandate_list_is_not_mandates():
    text = (
        "Notes of the lakes workshop\n\n"
        "1. Monitor the water quality of shared lakes every season.\n"
        "2. Promoting joint brigades that clean the shores of shared lakes.\n"
    )
    assert items(text, "mandate") == []


def test_an_operative_paragraph_may_open_with_a_qualifier_before_its_infinitive():
    text = (
        "CP/RES. 1300 (2500/26)\n\nDATE OF THE REGULAR SESSION\n\nTHE PERMANENT COUNCIL,\n\n"
        "CONSIDERING that the host country asked for a new date;\n\nRESOLVES:\n\n"
        "Ad referendum of the General Assembly, to hold the regular session in Quito in June.\n"
    )
    [(paragraph, fields)] = items(text, "mandate")
    assert paragraph == (
        "Ad referendum of the General Assembly, to hold the regular session in Quito in June."
    )
    assert fields["source"]["instrument"] == "CP/RES. 1300 (2500/26)"


RELEASES = {
    "en": (
        "IACHR urges States to protect river communities\n\n"
        "Washington, D.C., March 3, 2026 – The Inter-American Commission on Human Rights "
        "(IACHR) condemns the evictions along the river and urges the State to provide "
        "shelter to the families. The IACHR also reminds the State of its duty to consult "
        "the communities.\n",
        [
            "IACHR urges States to protect river communities",
            "urges the State to provide shelter to the families.",
            "The IACHR also reminds the State of its duty to consult the communities.",
        ],
    ),
    "es": (
        "Comunicado de prensa\n\n"
        "La CIDH condena los desalojos y exhorta al Estado a proteger a las familias. "
        "Asimismo, la Comisión recuerda que el Estado debe consultar a las comunidades.\n",
        [
            "exhorta al Estado a proteger a las familias.",
            "la Comisión recuerda que el Estado debe consultar a las comunidades.",
        ],
    ),
    "pt": (
        "Nota de imprensa 46/26\n\n"
        "A CIDH insta o Estado a garantir abrigo às famílias desalojadas pelas enchentes.\n",
        ["A CIDH insta o Estado a garantir abrigo às famílias desalojadas pelas enchentes."],
    ),
    "fr": (
        "Communiqué de presse\n\n"
        "La Commission interaméricaine exhorte l'État à reloger les familles sinistrées; "
        "elle appelle la communauté internationale à soutenir les secours.\n",
        [
            "La Commission interaméricaine exhorte l'État à reloger les familles sinistrées",
            "elle appelle la communauté internationale à soutenir les secours.",
        ],
    ),
}


@pytest.mark.parametrize("language", RELEASES)
def test_each_recommending_clause_of_a_press_release_is_a_recommendation(language):
    text, expected = RELEASES[language]
    assert [t for t, _ in items(text, "recommendation")] == expected


def test_a_press_release_that_reiterates_a_concern_or_cites_recommendations_recommends_nothing():
    text = (
        "Press release\n\n"
        "The IACHR reiterates its concern about the floods. In 2025 the IACHR made 12 "
        "preliminary recommendations to the State. The recommendations of the report remain "
        "pending.\n"
    )
    assert items(text, "recommendation") == []


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Ensure safe drinking water for every rural school.", True),
        ("en", "To foster joint brigades on the shores of shared lakes.", True),
        ("en", "Strengthening the brigades that clean the shores.", True),
        ("en", "Ensured safe drinking water for every rural school.", False),
        ("en", "The brigades cleaned the shores of the shared lakes.", False),
        ("es", "Garantizar agua potable en cada escuela rural.", True),
        ("es", "Garantizó agua potable en cada escuela rural.", False),
        ("pt", "Garantir água potável em cada escola rural.", True),
        ("fr", "Garantir l'eau potable dans chaque école rurale.", True),
        ("fr", "Les brigades ont nettoyé les rives des lacs.", False),
    ],
)
def test_a_listed_mandate_opens_with_an_infinitive_an_imperative_or_a_gerund(
    language, text, expected
):
    assert opens_with_verb(text, rules_for(language)) is expected
