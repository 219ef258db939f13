"""Loading the country and body registries into the database."""

from __future__ import annotations

from django.db import transaction

from followup.registries import load_bodies, load_countries

from ..models import Body, Country


@transaction.atomic
def do_load_registries() -> tuple[int, int]:
    """Create or update countries and registry bodies from the data files; returns the counts."""
    countries = load_countries()
    for record in countries:
        Country.objects.update_or_create(
            code=record.code,
            defaults={
                "iso3": record.iso3,
                "oas_member": record.oas_member,
                **{f"name_{lang}": name for lang, name in record.names.items()},
            },
        )
    bodies = load_bodies()
    by_key = {}
    for record in bodies:
        body, _ = Body.objects.update_or_create(
            name=record.name,
            defaults={
                "acronym": record.acronym,
                "kind": record.kind,
                "names": record.names,
                "aliases": list(record.aliases),
                "from_registry": True,
            },
        )
        by_key[record.key] = by_key[record.name] = body
    for record in bodies:
        if record.parent:
            body = by_key[record.key]
            body.parent = by_key[record.parent]
            body.save(update_fields=["parent"])
    return len(countries), len(bodies)
