"""Loading the country and body registries into the database: create what is new, update what
changed, in a few bulk queries, so loading again is cheap."""

from __future__ import annotations

from django.db import transaction

from followup.registries import load_bodies, load_countries

from ..models import Body, Country

COUNTRY_FIELDS = ["iso3", "oas_member", "name_en", "name_es", "name_pt", "name_fr"]
BODY_FIELDS = ["acronym", "kind", "names", "aliases", "from_registry"]


@transaction.atomic
def do_load_registries() -> tuple[int, int]:
    """Create or update countries and registry bodies from the data files; returns the counts."""
    countries = load_countries()
    existing = Country.objects.in_bulk()
    wanted = [
        Country(
            code=r.code,
            iso3=r.iso3,
            oas_member=r.oas_member,
            **{f"name_{k}": v for k, v in r.names.items()},
        )
        for r in countries
    ]
    Country.objects.bulk_create([c for c in wanted if c.code not in existing])
    changed = [
        c for c in wanted if c.code in existing and _differs(existing[c.code], c, COUNTRY_FIELDS)
    ]
    Country.objects.bulk_update(changed, COUNTRY_FIELDS)

    bodies = load_bodies()
    existing_bodies = {b.name: b for b in Body.objects.filter(name__in=[r.name for r in bodies])}
    by_key: dict[str, Body] = {}
    to_create, to_update = [], []
    for record in bodies:
        values = {
            "acronym": record.acronym,
            "kind": record.kind,
            "names": record.names,
            "aliases": list(record.aliases),
            "from_registry": True,
        }
        body = existing_bodies.get(record.name)
        if body is None:
            body = Body(name=record.name, **values)
            to_create.append(body)
        elif _differs(body, Body(**values), BODY_FIELDS):
            for name, value in values.items():
                setattr(body, name, value)
            to_update.append(body)
        by_key[record.key] = by_key[record.name] = body
    Body.objects.bulk_create(to_create)
    Body.objects.bulk_update(to_update, BODY_FIELDS)
    if to_create:  # SQLite does not return the new ids from bulk_create on every version
        saved = {b.name: b for b in Body.objects.filter(name__in=[b.name for b in to_create])}
        by_key.update({k: saved.get(b.name, b) for k, b in by_key.items()})
    parents = []
    for record in bodies:
        body, parent = by_key[record.key], by_key.get(record.parent)
        if parent and body.parent_id != parent.pk:
            body.parent_id = parent.pk
            parents.append(body)
    Body.objects.bulk_update(parents, ["parent"])
    return len(countries), len(bodies)


def _differs(current, wanted, fields) -> bool:
    return any(getattr(current, f) != getattr(wanted, f) for f in fields)
