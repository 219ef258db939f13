"""Who acted: the actor of actions, events and figures, on short reports of our own."""

from followup.extract import extract
from followup.read import read_bytes

WATER_REPORT = """ANNUAL REPORT OF THE INTER-AMERICAN WATER COMMISSION

The Inter-American Water Commission (IAWC) reviewed the national water plans of nine States.

The Technical Panel on Drought (TPD) was created in March 2023 to advise States on early warning. Since then, the TPD has trained 240 meteorologists.

The Regional Observatory on Floods (ROF) published its first bulletin. This observatory was launched in May with support from the private sector.

The following two country-specific task forces were established: Peru and Bolivia.

IAWC Launches Regional Drought Monitoring Unit for the Andean Basin.

The IAWC's program-budget for 2024 was approved by the OAS General Assembly in October 2023.

In 2023, the Executive Secretariat answered 41 requests for information.

A webinar on water pricing, organized by IAWC’s Network of Water Regulators (NWR), took place on May 4, 2023.

On June 8, 2023, the chair of the IAWC gave a presentation at a special meeting of the Permanent Council.
"""


def actor_of(kind: str, words: str, source: str = WATER_REPORT) -> str | None:
    items = extract(read_bytes(source.encode(), "water.txt"))
    found = [i for i in items if i.kind == kind and words in i.text]
    assert found, f"no {kind} with {words!r}"
    return found[0].fields["actor"]


def test_the_subject_of_a_sentence_is_its_actor():
    assert actor_of("action", "reviewed the national water plans") == "IAWC"
    assert actor_of("action", "has trained 240 meteorologists") == "TPD"


def test_a_body_that_was_created_did_not_create_itself():
    # Passive sentences name what was done to a body: the actor is the body the report is about.
    assert actor_of("action", "was created in March 2023") == "IAWC"
    assert actor_of("action", "This observatory was launched") == "IAWC"
    assert actor_of("action", "task forces were established") == "IAWC"


def test_a_headline_names_its_actor_first():
    assert actor_of("action", "Launches Regional Drought Monitoring Unit") == "IAWC"


def test_registry_acronyms_only_where_the_document_writes_them():
    # "GA" never appears in the report, so the body is named as written.
    assert actor_of("action", "was approved by the OAS General Assembly") != "GA"
    # Several registered secretariats are "Executive Secretariat ...": none is assumed.
    assert actor_of("figure", "41 requests") == "Executive Secretariat"


def test_a_possessive_only_says_whose_unit_organized_an_event():
    assert actor_of("event", "A webinar on water pricing") == "NWR"


def test_the_body_that_meets_is_the_actor_of_its_meeting():
    assert actor_of("event", "special meeting of the Permanent Council") == "Permanent Council"


def test_spanish_passive_and_meeting():
    source = """INFORME ANUAL

La Comisión Interamericana del Agua (CIA) aprobó los planes nacionales de nueve Estados.

El Grupo Técnico sobre Sequía (GTS) fue creado en marzo de 2023 para asesorar a los Estados.

La Sección de Alerta Temprana puso en marcha un sistema de avisos por mensajes de texto.

El 8 de junio de 2023, la presidencia presentó el informe en la sesión del Consejo Permanente.
"""
    assert actor_of("action", "aprobó los planes", source) == "CIA"
    assert actor_of("action", "fue creado en marzo", source) == "CIA"
    assert actor_of("event", "sesión del Consejo Permanente", source) == "Consejo Permanente"
    assert actor_of("action", "puso en marcha", source) == "Sección de Alerta Temprana"


def test_bullets_take_the_actor_of_the_item_that_introduces_them():
    source = """Executive Secretariat for Integral Development (SEDI)

1. Partnerships with the private sector

2. Regional Water Utilities Network (RWUN): SEDI and RWUN have joined efforts to offer the following:
· Online courses on leak detection for municipal operators, delivered in May;
· Emergency tanker services will be provided to districts affected by drought.
3. Identification of innovative approaches to water pricing in rural districts, launched in June.
"""
    assert actor_of("action", "Online courses on leak detection", source) == "RWUN"
    assert actor_of("action", "Emergency tanker services", source) == "RWUN"
    # A numbered item after the bullets is their sibling's sibling, not one of them.
    assert actor_of("action", "Identification of innovative approaches", source) == "SEDI"


def test_states_act_under_their_own_names():
    source = """REPORTED MEASURES

The Inter-American Water Commission (IAWC) follows up on the water recommendations.

Mexico and Colombia have adopted national drought plans with targets for 2030.

El Estado de Honduras informó que aprobó una ley de aguas en marzo de 2023.

Le Chili et l'Uruguay ont présenté leurs plans nationaux de gestion de l'eau.

· Costa Rica (May 19–24, 2023), to monitor water supply in indigenous territories.
"""
    assert actor_of("action", "have adopted national drought plans", source) == (
        "Mexico and Colombia"
    )
    assert actor_of("action", "aprobó una ley de aguas", source) == "Estado de Honduras"
    assert actor_of("action", "ont présenté leurs plans", source) == "Chili et l'Uruguay"
    # A country heading a list of visits is where the body went, not who went.
    assert actor_of("event", "Costa Rica (May 19–24, 2023)", source) == "IAWC"


def test_a_partner_or_beneficiary_named_in_a_heading_is_not_its_actor():
    source = """ANNUAL REPORT

The Inter-American Water Commission (IAWC) reports on its programs.

P4: Network of Water Regulators (in Partnership with UNICEF)

The network continued to be implemented in 2023.

The Annual Water Seminar for CARICOM State agents took place in November.
"""
    assert actor_of("action", "continued to be implemented", source) == "IAWC"
    assert actor_of("event", "Annual Water Seminar", source) == "IAWC"


def test_a_spanish_press_release():
    source = """La Comisión del Agua lanza un fondo regional

Lima, 12 de junio de 2024 – La Comisión Interamericana del Agua (CIA) lanzó hoy un fondo de 8 millones de dólares para municipios rurales.

El fondo será administrado por el Departamento de Proyectos Hídricos (DPH), que seleccionará 40 municipios.
"""
    items = extract(read_bytes(source.encode(), "comunicado.txt"))
    [event] = [i for i in items if i.kind == "event"]
    assert (event.fields["date"], event.fields["actor"]) == ("2024-06-12", "CIA")
    [fund] = [i for i in items if i.kind == "figure" and i.fields["unit"] == "USD"]
    assert fund.fields["value"] == 8_000_000
    managed = next(i for i in items if i.kind == "action" and "será administrado" in i.text)
    # A passive sentence's agent acts; its future makes the action planned.
    assert (managed.fields["actor"], managed.fields["status"]) == ("DPH", "planned")
