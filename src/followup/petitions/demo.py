"""Demo files: fictitious petitions and requests at every stage and one settlement agreement,
filed and decided through the actions so their history is the real one. Every name is invented."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from followup.tracking.demo import create_demo_user

from . import actions
from .models import Assignment, Petition

STAFF = [
    # user name, role, State (for lawyers and agents)
    ("registro", Assignment.REGISTRY, None),
    ("abogada", Assignment.LAWYER, "CO"),
    ("comisionado", Assignment.COMMISSIONER, None),
    ("agente_co", Assignment.STATE_AGENT, "CO"),
]
PETITIONERS = [
    ("colectivo", "organization", "Colectivo Andino de Defensa Jurídica", "CO"),
    ("lucia", "person", "Lucía Fernández", "CO"),
]

FACTS = {
    "land": "En marzo la comunidad campesina de Vereda Alta fue desalojada sin orden judicial y sus cultivos destruidos. Las denuncias ante la fiscalía no avanzaron.",
    "trial": "El señor Ernesto Quiroga permaneció cuatro años en prisión preventiva sin sentencia; sus recursos de habeas corpus fueron rechazados sin motivación.",
    "press": "A radio journalist in the town of San Isidro was dismissed after reporting on public contracts, and the regulator closed the station without a hearing.",
    "water": "La comunidad indígena Wayuu Sur denuncia la contaminación del único río que abastece sus viviendas por una obra pública sin consulta previa.",
    "school": "Des enfants d'une école rurale ont été privés d'enseignement pendant deux ans, faute d'enseignants nommés par l'État, malgré plusieurs recours administratifs.",
    "health": "Uma pessoa idosa teve negado o fornecimento de medicamentos para doença crônica pelo sistema público de saúde, apesar de decisão judicial favorável.",
}
REQUESTS = {
    "urgent": "La lideresa social Marta Rojas fue amenazada de muerte por hombres armados que rodearon su casa; desde el lunes se desconoce su paradero.",
    "calm": "Solicitamos protección para una familia que recibió llamadas ofensivas tras declarar como testigo en un proceso laboral.",
    "health": "Un detenido en huelga de hambre está sin atención médica en la cárcel departamental y su estado de salud empeora cada día.",
}
AGREEMENT = (
    "Acuerdo de solución amistosa entre el Estado y los peticionarios.\n\n"
    "Primera. El Estado reconocerá públicamente su responsabilidad en un acto con la comunidad.\n"
    "Segunda. El Estado pagará una indemnización a cada una de las familias desalojadas.\n"
    "Tercera. El Estado adoptará un protocolo de desalojos conforme a los estándares interamericanos."
)
CLAUSES = [
    (
        "El Estado reconocerá públicamente su responsabilidad en un acto con la comunidad.",
        "individual",
        12,
        10,
        8,
    ),
    (
        "El Estado pagará una indemnización a cada una de las familias desalojadas.",
        "individual",
        12,
        10,
        8,
    ),
    (
        "El Estado adoptará un protocolo de desalojos conforme a los estándares interamericanos.",
        "structural",
        0,
        0,
        0,
    ),
]
REPORT = (
    "Informe de la Comisión sobre los hechos, con sus conclusiones y recomendaciones al Estado."
)


def _users():
    User = get_user_model()
    users = {}
    for username, role, state in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_demo_user(username)
            Assignment.objects.create(user=user, role=role, country_id=state)
        users[username] = user
    for username, kind, name, country in PETITIONERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_demo_user(username)
            actions.do_register_petitioner(user, kind=kind, name=name, country_code=country)
        users[username] = user
    return users


def _file(
    users, key, kind, facts, title, language="es", rights=("ACHR-8", "ACHR-25"), confidential=False
):
    return actions.do_file(
        users["colectivo"] if key != "lucia" else users["lucia"],
        token=f"demo-{title}",
        kind=kind,
        state="CO",
        title=title,
        facts=facts,
        language=language,
        rights=list(rights),
        people=[
            {
                "name": "Persona de ejemplo " + title[:12],
                "group": "woman",
                "confidential": confidential,
            },
            {"name": "Comunidad de ejemplo", "group": "collective"},
        ],
    )


def _walk(users, petition, steps):
    for user, decision, text in steps:
        recommendations = []
        if decision == "merits_report":
            recommendations = [
                "Reparar integralmente a las víctimas.",
                "Adoptar medidas de no repetición.",
            ]
            text = REPORT + "\n\n1. " + recommendations[0] + "\n2. " + recommendations[1]
        actions.do_decide(
            users[user], petition.pk, decision, document_text=text, recommendations=recommendations
        )


@transaction.atomic
def do_seed_petitions_demo() -> list[tuple[str, str]]:
    """Demo accounts and files once; returns (user name, role) of each account."""
    users = _users()
    if not Petition.objects.exists():
        _files(users)
    return [(u, r) for u, r, _s in STAFF] + [
        (u, f"petitioner ({k})") for u, k, _n, _c in PETITIONERS
    ]


def _files(users):
    report = "Informe motivado de la Comisión con el análisis de los requisitos y de los hechos."
    opened = [("registro", "open_for_processing", "")]
    admissibility = [*opened, ("abogada", "begin_admissibility", "")]
    merits = [*admissibility, ("comisionado", "admissible", report)]
    follow_up = [*merits, ("comisionado", "merits_report", "")]
    journeys = [
        ("Desalojo en Vereda Alta", FACTS["land"], []),
        (
            "Prisión preventiva prolongada",
            FACTS["trial"],
            [("registro", "request_information", "")],
        ),
        ("Radio closed in San Isidro", FACTS["press"], [("registro", "not_open", "")]),
        ("Río contaminado", FACTS["water"], opened),
        ("École sans enseignants", FACTS["school"], admissibility),
        ("Medicamentos negados", FACTS["health"], merits),
        ("Desalojo con informe de fondo", FACTS["land"] + " Hubo heridos.", follow_up),
        (
            "Caso enviado a la Corte",
            FACTS["trial"] + " Su familia fue hostigada.",
            [*follow_up, ("comisionado", "refer_to_court", "")],
        ),
        (
            "Informe publicado",
            FACTS["water"] + " La obra continúa.",
            [*follow_up, ("comisionado", "publish", report)],
        ),
        (
            "Caso archivado",
            FACTS["school"] + " Les recours sont épuisés.",
            [*opened, ("abogada", "archive", "")],
        ),
        (
            "Inadmisible",
            FACTS["health"] + " Sem recursos internos.",
            [*admissibility, ("comisionado", "inadmissible", report)],
        ),
    ]
    languages = {"press": "en", "school": "fr", "health": "pt"}
    for title, facts, steps in journeys:
        language = next(
            (lang for key, lang in languages.items() if facts.startswith(FACTS[key][:30])), "es"
        )
        _walk(
            users,
            _file(
                users,
                "colectivo",
                "petition",
                facts,
                title,
                language,
                confidential=title.startswith("Desalojo"),
            ),
            steps,
        )
    settled = _file(
        users,
        "lucia",
        "petition",
        FACTS["land"] + " Se negoció una solución.",
        "Solución amistosa Vereda Alta",
    )
    _walk(
        users,
        settled,
        [*opened, ("abogada", "open_negotiation", ""), ("abogada", "sign_agreement", AGREEMENT)],
    )
    for text, kind, women, men, children in CLAUSES:
        actions.do_add_clause(
            users["abogada"],
            settled.pk,
            text=text,
            kind=kind,
            women=women,
            men=men,
            children=children,
        )
    _walk(
        users,
        settled,
        [
            (
                "comisionado",
                "homologate",
                "Homologación del acuerdo de solución amistosa firmado por las partes.",
            )
        ],
    )
    signed = _file(
        users,
        "lucia",
        "petition",
        FACTS["trial"] + " Las partes firmaron un acuerdo.",
        "Acuerdo firmado sin homologar",
    )
    _walk(
        users,
        signed,
        [
            *opened,
            ("abogada", "open_negotiation", ""),
            (
                "abogada",
                "sign_agreement",
                AGREEMENT + "\nCuarta. Las partes informarán cada seis meses.",
            ),
        ],
    )
    negotiating = _file(
        users,
        "colectivo",
        "petition",
        FACTS["water"] + " Las partes dialogan.",
        "Negociación en curso",
    )
    _walk(users, negotiating, [*opened, ("abogada", "open_negotiation", "")])
    resolution = "Resolución: la Comisión considera cumplidos los requisitos de gravedad, urgencia y daño irreparable."
    _file(
        users,
        "colectivo",
        "precautionary",
        REQUESTS["urgent"],
        "Amenazas a una lideresa social",
        confidential=True,
        rights=(),
    )
    _file(users, "colectivo", "precautionary", REQUESTS["calm"], "Llamadas a un testigo", rights=())
    granted = _file(
        users,
        "lucia",
        "precautionary",
        REQUESTS["health"],
        "Detenido en huelga de hambre",
        rights=(),
    )
    _walk(users, granted, [("abogada", "grant", resolution)])
    actions.do_record_monitoring(
        users["abogada"], granted.pk, kind="letter", on=granted.submitted_at.date()
    )
    lifted = _file(
        users,
        "colectivo",
        "precautionary",
        REQUESTS["urgent"] + " Ya fue localizada.",
        "Medida levantada",
        rights=(),
    )
    _walk(
        users,
        lifted,
        [
            ("abogada", "grant", resolution),
            ("abogada", "lift", "Resolución de levantamiento: el riesgo cesó."),
        ],
    )
    rejected = _file(
        users,
        "colectivo",
        "precautionary",
        REQUESTS["calm"] + " No hubo nuevas llamadas.",
        "Solicitud rechazada",
        rights=(),
    )
    _walk(
        users,
        rejected,
        [
            (
                "abogada",
                "reject",
                "Resolución: no se acreditan los requisitos de gravedad y urgencia.",
            )
        ],
    )
