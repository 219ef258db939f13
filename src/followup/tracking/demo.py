"""Demo accounts and reports on the sample corpus, so every page has something to show: focal
points of ten States, members of four civil-society organizations and the secretariat's analyst
report on the extracted mandates and recommendations over three reporting periods, and the
last period has a report in every state of the workflow. Every figure and name is invented."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from followup.corpus.models import Body, Item

from .actions import (
    REPORTED_KINDS,
    do_add_link,
    do_create_obligation,
    do_create_report,
    do_transition_report,
)
from .models import Party, Profile, Report

PASSWORD = "followup-demo-2024"
SECRETARIAT = "General Secretariat"
# user name, country code, the language its reports are written in
STATES = [
    ("haiti", "HT", "fr"),
    ("mexico", "MX", "es"),
    ("jamaica", "JM", "en"),
    ("colombia", "CO", "es"),
    ("brasil", "BR", "pt"),
    ("peru", "PE", "es"),
    ("guatemala", "GT", "es"),
    ("costarica", "CR", "es"),
    ("canada", "CA", "en"),
    ("ecuador", "EC", "es"),
]
# user name, organization, acronym, language
ORGANIZATIONS = [
    ("observatorio", "Observatorio Ciudadano de Transparencia", "OCT", "es"),
    ("redmujeres", "Red Interamericana de Mujeres Electas", "RIME", "es"),
    ("migrantes", "Instituto Pró-Direitos dos Migrantes", "IPDM", "pt"),
    ("etatcivil", "Collectif caribéen pour le droit à l'identité", "CCDI", "fr"),
]
ACCOUNTS = (
    [("analyst", Profile.ANALYST, None)]
    + [(user, Profile.FOCAL_POINT, code) for user, code, _lang in STATES]
    + [(user, Profile.ORGANIZATION_MEMBER, name) for user, name, _a, _l in ORGANIZATIONS]
)
PERIODS = [(date(year, 1, 1), date(year, 12, 31)) for year in (2023, 2024, 2025)]
# Compliance over the three periods, by the State's place in STATES (its second pair of items
# two places on).
PROGRESS = [
    ("pending", "partial", "partial_substantial"),
    ("partial", "partial_substantial", "total"),
    ("non_compliance", "pending", "partial"),
    ("partial", "partial", "partial_substantial"),
    ("pending", "partial_substantial", "total"),
]
# The state of each State's reports for the last period, by the State's place in STATES.
LAST_PERIOD = ["published", "validated", "submitted", "returned", "draft"]
STEPS = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "validated": ["submit", "validate"],
    "published": ["submit", "validate", "publish"],
}
NARRATIVES = {
    "en": {
        "total": "{country} reports that the commitment is fully met since {year}: the service "
        "covers the whole territory and its results are published every quarter.",
        "partial_substantial": "{country} has implemented most of the commitment in {year}; "
        "two regions are still to be covered by the end of next year.",
        "partial": "{country} adopted the regulations in {year} and began a pilot in three "
        "districts; national roll-out depends on the next budget.",
        "pending": "{country} prepared a draft law in {year}; it awaits debate in Parliament.",
        "non_compliance": "{country} took no measure on this commitment in {year}.",
    },
    "es": {
        "total": "{country} informa que el compromiso se cumple plenamente desde {year}: el "
        "servicio cubre todo el territorio y sus resultados se publican cada trimestre.",
        "partial_substantial": "{country} ejecutó en {year} la mayor parte del compromiso; "
        "faltan dos regiones, que se cubrirán antes del fin del próximo año.",
        "partial": "{country} aprobó la reglamentación en {year} e inició un piloto en tres "
        "municipios; la extensión nacional depende del próximo presupuesto.",
        "pending": "{country} preparó en {year} un proyecto de ley que espera su debate en el "
        "Congreso.",
        "non_compliance": "{country} no adoptó medidas sobre este compromiso en {year}.",
    },
    "pt": {
        "total": "{country} informa que o compromisso está plenamente cumprido desde {year}: o "
        "serviço cobre todo o território e os resultados são publicados a cada trimestre.",
        "partial_substantial": "{country} executou em {year} a maior parte do compromisso; "
        "faltam duas regiões, que serão cobertas até o fim do próximo ano.",
        "partial": "{country} aprovou a regulamentação em {year} e iniciou um piloto em três "
        "municípios; a expansão nacional depende do próximo orçamento.",
        "pending": "{country} preparou em {year} um projeto de lei que aguarda votação no "
        "Congresso.",
        "non_compliance": "{country} não adotou medidas sobre este compromisso em {year}.",
    },
    "fr": {
        "total": "{country} indique que l'engagement est pleinement respecté depuis {year} : le "
        "service couvre tout le territoire et ses résultats sont publiés chaque trimestre.",
        "partial_substantial": "{country} a mis en œuvre en {year} l'essentiel de l'engagement ; "
        "deux régions restent à couvrir d'ici la fin de l'année prochaine.",
        "partial": "{country} a adopté la réglementation en {year} et lancé un projet pilote "
        "dans trois communes ; l'extension nationale dépend du prochain budget.",
        "pending": "{country} a préparé en {year} un projet de loi qui attend son examen par le "
        "Parlement.",
        "non_compliance": "{country} n'a pris aucune mesure sur cet engagement en {year}.",
    },
}
SHADOW = {
    "es": "Según nuestro seguimiento en {year}, los avances anunciados no llegan a las zonas "
    "rurales: las personas usuarias siguen viajando a la capital para completar el trámite.",
    "pt": "Segundo o nosso acompanhamento em {year}, as medidas anunciadas ainda não chegam às "
    "pessoas migrantes sem documentos, que continuam sem acesso ao serviço.",
    "fr": "D'après notre suivi en {year}, les mesures annoncées restent limitées aux villes ; "
    "les communes rurales attendent toujours les équipes mobiles.",
}
ASSESSMENT = (
    "The secretariat's assessment for {year}, based on the reports of the member states and "
    "of civil society: progress is uneven across the region."
)
RETURN_COMMENT = (
    "Please add the figures for each region and a link to the decree you mention, then submit "
    "again."
)


@transaction.atomic
def do_seed_demo() -> list[tuple[str, str]]:
    """Create the demo accounts and reports once; returns (user name, role) of each account."""
    for _user, name, acronym, _lang in ORGANIZATIONS:
        organization, _ = Body.objects.get_or_create(
            name=name, defaults={"acronym": acronym, "kind": "civil_society"}
        )
        Party.objects.get_or_create(
            name=organization.name, defaults={"kind": Party.ORGANIZATION, "body": organization}
        )
    users = {}
    for username, role, party_key in ACCOUNTS:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = create_demo_user(username, is_staff=role == Profile.ANALYST)
            Profile.objects.create(user=user, role=role, party=_party(party_key))
        users[username] = user
    if not Report.objects.exists():
        # The demo's mail would fill the console: it goes to an outbox nobody reads.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            _reports(users)
    return [(u, r) for u, r, _p in ACCOUNTS]


@cache
def _password_hash(password: str) -> str:
    return make_password(password)


def create_demo_user(username: str, password: str = PASSWORD, **fields):
    """An account with the demo password, hashed once for every demo account: the site's
    password hash takes most of a second on purpose, and the demo makes some thirty accounts."""
    return get_user_model().objects.create(
        username=username,
        email=f"{username}@example.org",
        password=_password_hash(password),
        **fields,
    )


def _party(key):
    if key is None:
        return None
    return Party.objects.filter(country__code=key).first() or Party.objects.get(name=key)


def _reports(users) -> None:
    items = list(
        Item.objects.filter(kind__in=REPORTED_KINDS)
        .annotate(language=F("document__language"))
        .order_by("pk")
    )
    if not items:
        return
    by_language = {}
    for item in items:
        by_language.setdefault(item.language, []).append(item)

    def pool(language):
        """Each party reports on items of documents in its own language, when there are some."""
        own = by_language.get(language, [])
        return own if len(own) >= 4 else items

    _state_reports(users, items, pool)
    _organization_reports(users, items, pool)
    _secretariat_reports(users["analyst"], items)


def _state_reports(users, items, pool) -> None:
    analyst = users["analyst"]
    for index, (username, code, language) in enumerate(STATES):
        party = _party(code)
        own = pool(language)
        step = max(1, len(own) // 4)
        mine = [own[(index * 3 + k * step) % len(own)] for k in range(4)]
        if index < 2:  # Haiti and Mexico both report on the first mandate.
            mine[0] = items[0]
        for period, (start, end) in enumerate(PERIODS):
            state = "published" if period < 2 else LAST_PERIOD[index % len(LAST_PERIOD)]
            for half, pair in enumerate((mine[:2], mine[2:])):
                progress = PROGRESS[(index + 2 * half) % len(PROGRESS)]
                _file(
                    users[username],
                    analyst,
                    party,
                    pair,
                    start,
                    end,
                    compliance=progress[period],
                    narrative=NARRATIVES[language][progress[period]].format(
                        country=party.name, year=start.year
                    ),
                    language=language,
                    state=state,
                )
        _obligations(analyst, party, mine, index)


def _organization_reports(users, items, pool) -> None:
    analyst = users["analyst"]
    for index, (username, name, _acronym, language) in enumerate(ORGANIZATIONS):
        party = _party(name)
        own = pool(language)
        do_create_obligation(
            analyst,
            item_id=own[index % len(own)].pk,
            party_id=party.pk,
            due_on=timezone.localdate() + timedelta(days=60),
            cycle_months=12,
        )
        for period, (start, end) in enumerate(PERIODS):
            _file(
                users[username],
                analyst,
                party,
                [own[(index * 7 + period) % len(own)], items[0]],
                start,
                end,
                compliance=("pending", "partial", "partial")[period],
                narrative=SHADOW.get(language, SHADOW["es"]).format(year=start.year),
                language=language,
                state="published" if period < 2 else ("submitted", "draft")[index % 2],
            )


def _secretariat_reports(analyst, items) -> None:
    secretariat = _party(SECRETARIAT)
    for period, (start, end) in enumerate(PERIODS):
        for offset in range(0, 12, 3):
            _file(
                analyst,
                analyst,
                secretariat,
                [items[(offset + period) % len(items)]],
                start,
                end,
                compliance=("pending", "partial", "partial_substantial")[period],
                narrative=ASSESSMENT.format(year=start.year),
                language="en",
                state="published" if period < 2 else "validated",
            )


def _file(author, analyst, party, items, start, end, *, state, **values) -> Report:
    """A report filed by ``author`` and taken through the workflow up to ``state``."""
    report = do_create_report(
        author,
        party_id=party.pk,
        item_ids=[item.pk for item in items],
        period_start=start,
        period_end=end,
        **values,
    )
    if state != "draft" and start.year == 2024:
        slug = party.country_id or party.pk
        do_add_link(
            author,
            report.pk,
            url=f"https://www.example.org/demo/{slug}/report-{start.year}",
            title=f"{party.name}: {start.year}",
        )
    for step in STEPS[state]:
        comment = RETURN_COMMENT if step == "return" else ""
        do_transition_report(
            author if step == "submit" else analyst, report.pk, step, comment=comment
        )
    return report


def _obligations(analyst, party, items, index) -> None:
    """Each State owes the next report on its first two items: some are overdue, some due soon."""
    today = timezone.localdate()
    for k, item in enumerate(items[:2]):
        due_on = today + timedelta(days=(-45, 30, 90)[(index + k) % 3])
        do_create_obligation(
            analyst, item_id=item.pk, party_id=party.pk, due_on=due_on, cycle_months=12
        )
