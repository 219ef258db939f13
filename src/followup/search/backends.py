"""One interface, two engines: FTS5 on SQLite (stems indexed by us), tsvector on PostgreSQL
(stems by the language's text search configuration)."""

from __future__ import annotations

from django.db import connection

from .text import Query, fts5_match, iter_stems, stems

PG_CONFIGS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}


class SQLiteBackend:
    def index_items(self, items) -> None:
        rows = [(item.pk, " ".join(stems(item.text, item.document.language))) for item in items]
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_item WHERE rowid = %s", [(pk,) for pk, _ in rows]
            )
            cursor.executemany("INSERT INTO search_item(rowid, body) VALUES (%s, %s)", rows)

    def index_document(self, document) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE rowid = %s", [document.pk])
            cursor.execute(
                "INSERT INTO search_document(rowid, title, body) VALUES (%s, %s, %s)",
                [
                    document.pk,
                    " ".join(stems(document.title, document.language)),
                    " ".join(iter_stems(document.text, document.language)),
                ],
            )

    def forget(self, item_ids) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_item WHERE rowid = %s", [(pk,) for pk in item_ids]
            )

    def matching_ids(self, query: Query) -> tuple[str, list]:
        """SQL selecting the ids of matching items, to use as a subquery."""
        return "SELECT rowid FROM search_item WHERE search_item MATCH %s", [fts5_match(query)]

    def match_items(self, queryset, query: Query, *, any_concept: bool = False):
        return queryset.extra(
            tables=["search_item"],
            where=["search_item.rowid = corpus_item.id", "search_item MATCH %s"],
            params=[fts5_match(query, any_concept=any_concept)],
            select={"rank": "-bm25(search_item)"},
        )

    def match_documents(self, queryset, query: Query):
        return queryset.extra(
            tables=["search_document"],
            where=["search_document.rowid = corpus_document.id", "search_document MATCH %s"],
            params=[fts5_match(query)],
            select={"rank": "-bm25(search_document)"},
        )


# A tsvector holds at most 1 MB: a document's (or an item's) own vector covers its first
# 400,000 characters, under 0.7 MB even for text of random words.
TSVECTOR_CHARS = 400_000


class PostgresBackend:
    def index_items(self, items) -> None:
        by_language: dict[str, list[int]] = {}
        for item in items:
            by_language.setdefault(PG_CONFIGS.get(item.document.language, "simple"), []).append(
                item.pk
            )
        with connection.cursor() as cursor:
            for config, ids in by_language.items():
                cursor.execute(
                    "UPDATE corpus_item SET search_vector = to_tsvector(%s::regconfig, left(text, %s))"
                    " WHERE id = ANY(%s)",
                    [config, TSVECTOR_CHARS, ids],
                )

    def index_document(self, document) -> None:
        config = PG_CONFIGS.get(document.language, "simple")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE corpus_document SET search_vector = setweight(to_tsvector(%s::regconfig, title), 'A')"
                " || setweight(to_tsvector(%s::regconfig, left(text, %s)), 'D') WHERE id = %s",
                [config, config, TSVECTOR_CHARS, document.pk],
            )

    def forget(self, item_ids) -> None:
        """Rows carry their own vector: deleting the item deletes it; an item kept takes it off."""
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE corpus_item SET search_vector = NULL WHERE id = ANY(%s)", [list(item_ids)]
            )

    @staticmethod
    def _tsquery(query: Query, *, any_concept: bool = False) -> tuple[str, list]:
        """(SQL, params) of a tsquery: each concept (a term or one of its equivalents) and each
        phrase, in any of the four languages' stems — all of them, or any with ``any_concept``."""
        parts, params = [], []
        sequences = [[" ".join(a) for a in concept] for concept in query.concepts()]
        sequences += [[" ".join(phrase)] for phrase in query.phrases]
        for alternatives in sequences:
            either = []
            for text in alternatives:
                for config in (*PG_CONFIGS.values(), "simple"):
                    either.append("phraseto_tsquery(%s::regconfig, %s)")
                    params += [config, text]
            parts.append("(" + " || ".join(either) + ")")
        return "(" + (" || " if any_concept else " && ").join(parts) + ")", params

    def matching_ids(self, query: Query) -> tuple[str, list]:
        sql, params = self._tsquery(query)
        return f"SELECT id FROM corpus_item WHERE search_vector @@ {sql}", params

    def match_items(self, queryset, query: Query, *, any_concept: bool = False):
        sql, params = self._tsquery(query, any_concept=any_concept)
        return queryset.extra(
            where=[f"corpus_item.search_vector @@ {sql}"],
            params=params,
            select={"rank": f"ts_rank(corpus_item.search_vector, {sql})"},
            select_params=params,
        )

    def match_documents(self, queryset, query: Query):
        sql, params = self._tsquery(query)
        return queryset.extra(
            where=[f"corpus_document.search_vector @@ {sql}"],
            params=params,
            select={"rank": f"ts_rank(corpus_document.search_vector, {sql})"},
            select_params=params,
        )


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"full-text search is not available on {connection.vendor}")
