"""Each kind of item on short documents of our own, in English and Spanish."""

from followup.extract import extract
from followup.read import read_bytes

REPORT_EN = """WATER EMERGENCY RESPONSE

Executive Secretariat for Integral Development (SEDI)

· SEDI launched a virtual course on water governance, in which 1,250 officials from 14 countries took part.
· SEDI will hold a regional dialogue for small businesses on June 5, 2024.
· The Secretariat is mapping community water projects in Guatemala and Honduras.

The Commission urges States to guarantee access to drinking water for indigenous peoples.
"""

REPORT_ES = """INFORME DE AVANCE 2023

La Comisión Interamericana de Derechos Humanos (CIDH) evaluó un total de 4.812 peticiones en 2023.

El 24 de octubre de 2023, la CIDH realizó una visita de trabajo a Honduras.

Los Estados deben adoptar protocolos de protección para periodistas.
"""


def by_kind(items, kind):
    return [i for i in items if i.kind == kind]


def test_every_span_is_the_exact_passage():
    for source in (REPORT_EN, REPORT_ES):
        document = read_bytes(source.encode(), "r.txt")
        for item in extract(document):
            assert document.text[item.start : item.end] == item.text


def test_actions_with_actor_status_groups_and_countries():
    from followup.classify import add_population_groups

    actions = by_kind(extract(read_bytes(REPORT_EN.encode(), "r.txt")), "action")
    summary = [(a.fields["actor"], a.fields["status"], a.countries) for a in actions]
    assert summary == [
        ("SEDI", "completed", []),
        ("SEDI", "planned", []),
        ("SEDI", "ongoing", ["Guatemala", "Honduras"]),  # "The Secretariat": the section's body
    ]
    add_population_groups(actions)  # the classify stage's part
    assert actions[1].fields["groups"] == ["msmes"]


def test_figures_with_value_unit_and_period():
    figures = by_kind(extract(read_bytes(REPORT_EN.encode(), "r.txt")), "figure")
    assert [(f.fields["value"], f.fields["unit"], f.fields["period"]) for f in figures] == [
        (1250, "people", "2024"),
        (14, "count", "2024"),
    ]


def test_events_with_dates_from_the_text():
    [event] = by_kind(extract(read_bytes(REPORT_EN.encode(), "r.txt")), "event")
    assert (event.fields["date"], event.fields["end_date"], event.fields["actor"]) == (
        "2024-06-05",
        None,
        "SEDI",
    )


def test_recommendations_with_actor_and_addressee():
    [recommendation] = by_kind(extract(read_bytes(REPORT_EN.encode(), "r.txt")), "recommendation")
    assert recommendation.fields["addressee"] == "States"
    assert recommendation.text.startswith("The Commission urges States")


def test_a_spanish_report():
    items = extract(read_bytes(REPORT_ES.encode(), "informe.txt"))
    [organization] = by_kind(items, "organization")
    assert (organization.fields["name"], organization.fields["acronym"]) == (
        "Comisión Interamericana de Derechos Humanos",
        "CIDH",
    )
    [figure] = by_kind(items, "figure")
    assert (figure.fields["value"], figure.fields["period"], figure.fields["actor"]) == (
        4812,
        "2023",
        "CIDH",
    )
    [event] = by_kind(items, "event")
    assert (event.fields["date"], event.countries) == ("2023-10-24", ["Honduras"])
    [recommendation] = by_kind(items, "recommendation")
    assert recommendation.fields["addressee"] == "Estados"
    actions = by_kind(items, "action")
    assert {a.fields["status"] for a in actions} == {"completed"}
    assert any("evaluó un total" in a.text for a in actions)
    assert not any("visita de trabajo" in a.text for a in actions)  # a visit: an event


def test_the_addressee_is_whom_the_recommending_verb_names():
    from followup.extract.recommendations import addressee_of

    assert addressee_of("The Commission urges States to ratify the convention.") == "States"
    assert (
        addressee_of("The Commission urges the Ministry of Health to act.") == "Ministry of Health"
    )
    assert addressee_of("Se recomienda a los ministerios de salud fortalecer la vigilancia.") == (
        "ministerios de salud"
    )
    assert addressee_of("La Comisión insta al Estado de Chile a investigar.") == "Estado de Chile"
    assert addressee_of("La Commission recommande aux autorités de publier les données.") == (
        "autorités"
    )
    assert addressee_of("Access to water should improve.") is None


def test_status_reads_the_tense_of_the_main_clause():
    from followup.extract.actions import status_of

    assert status_of("The Commission published a report on water rights.") == "completed"
    assert status_of("The Commission will publish a report on water rights.") == "planned"
    assert status_of("The Commission is preparing a report on water rights.") == "ongoing"
    # Work that started before and goes on is ongoing, though its verb is a past participle.
    assert status_of("The Commission has worked to build a network of regulators.") == "ongoing"
    assert status_of("The Secretariat has regularly updated its open data portal.") == "ongoing"
    assert status_of("Since then, the network has held monthly meetings.") == "ongoing"
    assert status_of("Desde entonces, la red ha celebrado reuniones mensuales.") == "ongoing"
    assert status_of("La Comisión ha trabajado con las autoridades de salud.") == "ongoing"
    # What is being planned has not started.
    assert status_of("A regional seminar on water pricing is being planned.") == "planned"
    assert status_of("Está previsto un taller regional en Lima.") == "planned"


def test_a_dated_gathering_is_an_event_and_what_it_produced_is_also_an_action():
    source = """REPORT OF THE WATER COMMISSION

On March 3, 2024, the Commission met with the ministers of environment of the Andean States.

On April 9, 2024, the Commission adopted a regional protocol on drought at its 12th Meeting.

· Organization of a virtual round table on May 14, 2024 on water pricing for small farmers.
"""
    items = extract(read_bytes(source.encode(), "r.txt"))
    events = [e.text for e in by_kind(items, "event")]
    actions = [a.text for a in by_kind(items, "action")]
    assert any("met with the ministers" in e for e in events)
    assert not any("met with the ministers" in a for a in actions)
    assert any("adopted a regional protocol" in e for e in events)
    assert any("adopted a regional protocol" in a for a in actions)
    # A bullet of an activity list says what the body did: organizing the round table.
    assert any("Organization of a virtual round table" in a for a in actions)


def test_spanish_gatherings_plans_and_session_numbers():
    source = """La Comisión Interamericana del Agua (CIA) presentó el 14 de marzo de 2023 su informe anual.

Durante la audiencia celebrada el 2 de febrero de 2023 en el marco del 41 Período de Sesiones, las organizaciones informaron sobre 120 conflictos por el agua.

La Relatoría sobre Agua y Saneamiento (RAS) realizará un seminario virtual el 25 de abril de 2023.

En 2022, la Comisión otorgó 45 becas a jóvenes investigadores y llevó a cabo una visita a Bolivia del 18 al 22 de julio.
"""
    items = extract(read_bytes(source.encode(), "informe.txt"))
    actions = {a.text[:30]: a.fields["status"] for a in by_kind(items, "action")}
    assert actions == {
        "La Comisión Interamericana del": "completed",  # a report presented: an act, not a meeting
        "La Relatoría sobre Agua y Sane": "planned",  # a planned seminar is what RAS means to do
        "En 2022, la Comisión otorgó 45": "completed",  # grants besides the visit
    }
    assert len(by_kind(items, "event")) == 4
    # "41 Período de Sesiones" numbers a session; it counts nothing.
    assert sorted(f.fields["value"] for f in by_kind(items, "figure")) == [45, 120]


def test_today_in_a_press_release_is_the_day_of_its_dateline():
    source = """Water Commission Launches Drought Fund

Kingston, Jamaica, June 12, 2024 – The Inter-American Water Commission (IAWC) today launched a fund for drought-stricken farmers.

The fund will open its first call on July 1.
"""
    items = extract(read_bytes(source.encode(), "press.txt"))
    [event] = by_kind(items, "event")
    assert "today launched" in event.text
    assert (event.fields["date"], event.fields["actor"]) == ("2024-06-12", "IAWC")

    undated = source.replace("Kingston, Jamaica, June 12, 2024 – ", "")
    items = extract(read_bytes(undated.encode(), "press.txt"))
    assert not [e for e in by_kind(items, "event") if "today" in e.text]
