import pytest
from django.contrib.auth import get_user_model

from followup.petitions.actions import do_file, do_register_petitioner
from followup.petitions.models import Assignment

FACTS_ES = (
    "El defensor de derechos humanos Mateo Rivas fue amenazado de muerte por hombres armados "
    "frente a su casa en la comunidad de Río Claro. La fiscalía no respondió a sus denuncias."
)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English; a page requested in another language leaves that
    language active in the thread, so each test starts again in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings.MEDIA_ROOT


def _user(name, **extra):
    return get_user_model().objects.create_user(
        name, f"{name}@example.org", "pw-for-tests-1", **extra
    )


@pytest.fixture
def people(registries):
    """A petitioner, a second petitioner, registry staff, a lawyer for Colombia, a commissioner,
    Colombia's and Peru's State agents, and a user with no role."""
    users = {
        name: _user(name)
        for name in (
            "ana",
            "otro",
            "registry",
            "lawyer",
            "commissioner",
            "agent_co",
            "agent_pe",
            "nobody",
        )
    }
    do_register_petitioner(
        users["ana"], kind="organization", name="Colectivo Tierra Viva", country_code="CO"
    )
    do_register_petitioner(users["otro"], kind="person", name="Otro Peticionario")
    Assignment.objects.create(user=users["registry"], role=Assignment.REGISTRY)
    Assignment.objects.create(user=users["lawyer"], role=Assignment.LAWYER, country_id="CO")
    Assignment.objects.create(user=users["commissioner"], role=Assignment.COMMISSIONER)
    Assignment.objects.create(user=users["agent_co"], role=Assignment.STATE_AGENT, country_id="CO")
    Assignment.objects.create(user=users["agent_pe"], role=Assignment.STATE_AGENT, country_id="PE")
    return users


def file_request(user, token="tok-1", **overrides):
    values = {
        "kind": "precautionary",
        "state": "CO",
        "title": "Amenazas contra un defensor en Río Claro",
        "facts": FACTS_ES,
        "language": "es",
        "rights": ["ACHR-4", "ACHR-5"],
        "people": [
            {"name": "Mateo Rivas", "group": "man", "confidential": True},
            {"name": "Comunidad de Río Claro", "group": "collective"},
        ],
    }
    values.update(overrides)
    return do_file(user, token=token, **values)


@pytest.fixture
def request_filed(people):
    return file_request(people["ana"])
