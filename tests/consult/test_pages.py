"""The portal's pages and API, role by role, with the same rules on both."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.consult.actions import ProposalDraft, do_comment, do_create_proposal, do_support
from followup.consult.models import Consultation, Proposal, Support

from .conftest import move_to


def signed_in(client, user):
    client.force_login(user)
    return client


def test_anyone_reads_the_list_a_consultation_and_a_proposal(client, proposal):
    assert "Water for rural schools" in client.get("/consult/").content.decode()
    page = client.get(f"/consult/{proposal.consultation.slug}/").content.decode()
    assert "Cisternas de lluvia en cada escuela" in page
    page = client.get(f"/consult/proposals/{proposal.pk}/").content.decode()
    assert "<strong>cisternas</strong>" in page
    assert "Support this proposal" not in page  # not signed in, not the support phase


def test_a_consultation_reads_in_the_visitors_language(client, proposal):
    page = client.get("/consult/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Agua para escuelas rurales" in page


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("citizen1", 403), ("analyst", 200)])
def test_only_the_secretariat_opens_the_new_consultation_page(client, citizens, who, status):
    if who:
        signed_in(client, citizens[who])
    assert client.get("/consult/new/").status_code == status


def test_the_secretariat_opens_a_consultation_from_the_page(client, citizens):
    signed_in(client, citizens["analyst"])
    response = client.post(
        "/consult/new/",
        {
            "slug": "youth-2026", "kind": "youth", "title_en": "Youth and jobs",
            "title_fr": "Les jeunes et l'emploi", "proposals_starts": "2026-01-01",
            "proposals_ends": "2026-01-31", "support_starts": "2026-02-01",
            "support_ends": "2026-02-28", "participation": "verified", "support_threshold": "500",
        },
    )  # fmt: skip
    assert response.status_code == 302
    consultation = Consultation.objects.get(slug="youth-2026")
    assert (consultation.title, consultation.support_threshold, consultation.kind) == (
        {"en": "Youth and jobs", "fr": "Les jeunes et l'emploi"},
        500,
        "youth",
    )
    assert [p.kind for p in consultation.phases.all()] == ["proposals", "support"]


def test_a_bad_consultation_form_is_shown_again_with_the_reason(client, citizens):
    signed_in(client, citizens["analyst"])
    response = client.post(
        "/consult/new/",
        {"slug": "Bad Slug!", "title_en": "X", "support_threshold": "10"},
    )
    assert response.status_code == 400
    assert "lower-case letters, digits and hyphens" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_citizen_proposes_and_the_page_escapes_script(client, citizens, open_consultation):
    consultation = open_consultation("proposals")
    signed_in(client, citizens["citizen2"])
    response = client.post(
        f"/consult/{consultation.slug}/propose/",
        {"title": '<script>alert("t")</script> Huertos escolares',
         "body": 'Huertos <img src=x onerror=alert(1)> en cada escuela rural del país.'},
    )  # fmt: skip
    proposal = Proposal.objects.get()
    assert response.url == f"/consult/proposals/{proposal.pk}/"
    page = client.get(response.url).content.decode()
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Huertos escolares" in page


def test_an_unverified_account_is_told_to_confirm_its_address(client, citizens, open_consultation):
    consultation = open_consultation("proposals")
    signed_in(client, citizens["unverified"])
    response = client.get(f"/consult/{consultation.slug}/propose/")
    assert response.status_code == 403
    assert "confirm your e-mail address first" in response.content.decode()


def test_support_and_withdraw_through_the_page(client, citizens, proposal):
    move_to(proposal.consultation, "support")
    signed_in(client, citizens["citizen2"])
    assert (
        "Support this proposal" in client.get(f"/consult/proposals/{proposal.pk}/").content.decode()
    )
    client.post(f"/consult/proposals/{proposal.pk}/support/")
    page = client.get(f"/consult/proposals/{proposal.pk}/").content.decode()
    assert "Withdraw my support" in page
    assert "1 of 3 supports needed" in page
    client.post(f"/consult/proposals/{proposal.pk}/support/", {"withdraw": "1"})
    assert Support.objects.count() == 0


def test_a_hidden_proposal_answers_404_like_a_missing_one(client, citizens, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(hidden=True)
    missing = client.get("/consult/proposals/999999/")
    hidden = client.get(f"/consult/proposals/{proposal.pk}/")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    signed_in(client, citizens["analyst"])
    assert client.get(f"/consult/proposals/{proposal.pk}/").status_code == 200


@pytest.mark.parametrize(("who", "status"), [("citizen1", 403), ("analyst", 200)])
def test_the_moderation_queue_is_the_secretariats(client, citizens, who, status):
    signed_in(client, citizens[who])
    assert client.get("/consult/moderation/").status_code == status


def test_the_proposal_index_takes_the_same_number_of_queries_at_any_size(
    client, citizens, open_consultation
):
    consultation = open_consultation("proposals", slug="big")

    def queries(sort):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/consult/big/?sort={sort}").status_code == 200
        return len(captured)

    add = lambda n: [  # noqa: E731
        do_create_proposal(
            citizens[f"citizen{1 + i % 5}"], consultation, ProposalDraft(f"Idea {i}", "b")
        )
        for i in range(n)
    ]
    from django.core.cache import cache

    add(2)
    small = {sort: queries(sort) for sort in ("supports", "newest", "hot")}
    cache.clear()
    add(3)
    cache.clear()
    add(3)
    assert {sort: queries(sort) for sort in ("supports", "newest", "hot")} == small


def test_a_proposal_page_takes_the_same_number_of_queries_with_more_comments(
    client, citizens, proposal
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/consult/proposals/{proposal.pk}/")
        return len(captured)

    do_comment(citizens["citizen2"], proposal.pk, "one")
    before = queries()
    for n in range(6):
        do_comment(citizens[f"citizen{1 + n % 5}"], proposal.pk, f"more {n}")
    assert queries() == before


def test_the_api_reads_everything_public_without_personal_data(client, proposal, citizens):
    do_comment(citizens["citizen2"], proposal.pk, "Me parece bien", "for")
    listed = client.get(f"/api/consult/consultations/{proposal.consultation.slug}/proposals").json()
    assert [p["title"] for p in listed["items"]] == ["Cisternas de lluvia en cada escuela"]
    assert "author" not in listed["items"][0]
    comments = client.get(f"/api/consult/proposals/{proposal.pk}/comments").json()["items"]
    assert [(c["body"], c["stance"]) for c in comments] == [("Me parece bien", "for")]
    assert client.get("/api/consult/proposals/99999999999999999999").status_code == 422


def test_the_api_writes_under_the_rules_of_the_pages(client, citizens, proposal):
    body = json.dumps({"title": "Otra idea", "body": "Texto"})
    url = f"/api/consult/consultations/{proposal.consultation.slug}/proposals"
    assert client.post(url, body, content_type="application/json").status_code == 401
    signed_in(client, citizens["unverified"])
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert "confirm your e-mail address first" in refused.json()["detail"]

    signed_in(client, citizens["citizen3"])
    assert client.post(url, body, content_type="application/json").status_code == 201
    support = client.post(f"/api/consult/proposals/{proposal.pk}/support")
    assert (support.status_code, support.json()["detail"]) == (
        403,
        "supports are taken only during the support phase",
    )
    move_to(proposal.consultation, "support")
    assert client.post(f"/api/consult/proposals/{proposal.pk}/support").json() == {
        "id": proposal.pk,
        "support_count": 1,
    }
    flag = client.post(
        "/api/consult/flags", json.dumps({"reason": "spam", "proposal": proposal.pk}),
        content_type="application/json",
    )  # fmt: skip
    assert flag.status_code == 204


def test_the_reconcile_command_reports_drift_and_exits_1(citizens, proposal):
    from click.testing import CliRunner

    from followup.cli import main

    move_to(proposal.consultation, "support")
    do_support(citizens["citizen2"], proposal.pk)
    Proposal.objects.filter(pk=proposal.pk).update(support_count=5)
    result = CliRunner().invoke(main, ["consult", "reconcile"])
    assert (result.exit_code, result.output) == (
        1,
        f"proposal {proposal.pk}: supports stored 5, counted 1\n1 drift(s).\n",
    )
    fixed = CliRunner().invoke(main, ["consult", "reconcile", "--fix"])
    assert (fixed.exit_code, fixed.output.splitlines()[-1]) == (0, "1 drift(s) fixed.")


def test_a_project_shows_on_the_mandate_it_implements(client, citizens, proposal, tmp_path):
    from followup.consult.actions import ProjectDraft, do_create_project, do_review_proposal
    from followup.corpus.actions import do_ingest_file

    path = tmp_path / "mandates.txt"
    path.write_text(
        "WATER: Schools\n\n1. Guarantee safe drinking water in every rural school. "
        "(Plan of Action on Water, Santo Domingo, 2024).\n"
    )
    mandate = do_ingest_file(path).document.items.get(kind="mandate")
    do_review_proposal(citizens["analyst"], proposal.pk, state="accepted")
    project = do_create_project(
        citizens["analyst"], proposal.pk, ProjectDraft("Cisterns", implements=[mandate.pk])
    )
    page = client.get(f"/items/{mandate.pk}/").content.decode()
    assert "Projects that implement it" in page
    assert f'href="/consult/projects/{project.pk}/">Cisterns</a>' in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Consultas", "Agua para escuelas rurales", "Más apoyadas", "1 comentario"]),
        ("pt", ["Consultas", "Mais apoiadas", "0 apoio", "1 comentário"]),
        ("fr", ["Consultations", "Les plus soutenues", "0 soutien", "1 commentaire"]),
    ],
)
def test_the_portal_speaks_the_visitors_language(client, citizens, proposal, language, words):
    do_comment(citizens["citizen2"], proposal.pk, "Bien")
    page = client.get(
        f"/consult/{proposal.consultation.slug}/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    for word in words:
        assert word in page


def test_the_debate_shows_replies_under_their_comment_a_page_of_threads_at_a_time(
    client, citizens, proposal, monkeypatch
):
    from followup.consult import views

    monkeypatch.setattr(views, "THREADS_PER_PAGE", 2)
    first = do_comment(citizens["citizen2"], proposal.pk, "First thread")
    do_comment(citizens["citizen3"], proposal.pk, "Second thread")
    do_comment(citizens["citizen4"], proposal.pk, "Third thread")
    reply = do_comment(citizens["citizen5"], proposal.pk, "A reply", parent_id=first.pk)
    do_comment(citizens["citizen1"], proposal.pk, "A reply to the reply", parent_id=reply.pk)

    page = client.get(f"/consult/proposals/{proposal.pk}/?sort=newest").content.decode()
    order = [page.index(text) for text in ("Third thread", "Second thread")]
    assert order == sorted(order)
    assert "First thread" not in page
    assert "1 / 2" in page
    page = client.get(f"/consult/proposals/{proposal.pk}/?sort=newest&debate=2").content.decode()
    order = [page.index(t) for t in ("First thread", "A reply", "A reply to the reply")]
    assert order == sorted(order)
    assert page.count('class="comment stance-neutral reply"') == 2


def test_the_classifier_suggests_labels_that_the_author_confirms(
    client, citizens, open_consultation
):
    consultation = open_consultation("proposals")
    signed_in(client, citizens["citizen2"])
    draft = {
        "title": "Vacunación de niñas y niños en comunidades indígenas",
        "body": "Brigadas de salud que vacunen a la niñez indígena en zonas rurales alejadas.",
    }
    preview = client.post(f"/consult/{consultation.slug}/propose/", {**draft, "preview": "1"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert not Proposal.objects.exists()
    for name, value in [("population_groups", "children"), ("population_groups",
                        "indigenous peoples"), ("sdgs", "sdg-3"), ("themes", "health")]:  # fmt: skip
        assert f'name="{name}" value="{value}" checked' in page
    client.post(  # the author keeps two of the suggestions
        f"/consult/{consultation.slug}/propose/",
        {**draft, "population_groups": ["indigenous peoples"], "sdgs": ["sdg-3"]},
    )
    proposal = Proposal.objects.get()
    assert (proposal.population_groups, proposal.sdgs, proposal.themes) == (
        ["indigenous peoples"],
        ["sdg-3"],
        [],
    )


def test_the_secretariat_assesses_a_proposals_foundations(client, citizens, proposal, items):
    signed_in(client, citizens["analyst"])
    client.post(
        f"/consult/proposals/{proposal.pk}/assess/",
        {"feasibility": "Proven in 3 provinces", "cost_estimate": "12000", "currency": "usd",
         "serves": f"{items['mandate'].pk}, 999999999999999999999"},
    )  # fmt: skip
    assessment = proposal.assessment
    assert (assessment.feasibility, float(assessment.cost_estimate), assessment.currency) == (
        "Proven in 3 provinces",
        12000.0,
        "USD",
    )
    assert list(assessment.serves.all()) == [items["mandate"]]
    signed_in(client, citizens["citizen2"])
    assert client.post(f"/consult/proposals/{proposal.pk}/assess/").status_code == 403
    page = client.get(f"/consult/proposals/{proposal.pk}/").content.decode()
    assert "Proven in 3 provinces" in page
    assert "12000.00 USD" in page


def test_proposals_and_comments_download_as_open_data_that_opens_no_formula(
    client, citizens, proposal
):
    do_comment(citizens["citizen2"], proposal.pk, '=HYPERLINK("http://evil.example","x")')
    slug = proposal.consultation.slug
    proposals = client.get(f"/consult/{slug}/proposals.csv").content.decode("utf-8-sig")
    comments = client.get(f"/consult/{slug}/comments.csv").content.decode("utf-8-sig")
    assert proposals.splitlines()[0] == (
        "id,url,title,language,state,supports,comments,themes,sdgs,population_groups,created_at"
    )
    assert "Cisternas de lluvia en cada escuela,es,published,0,1" in proposals
    assert "citizen" not in proposals + comments  # no personal data
    assert "'=HYPERLINK" in comments
    data = client.get(f"/consult/{slug}/comments.json").json()
    assert data["rows"][0]["body"] == '=HYPERLINK("http://evil.example","x")'
    assert client.get(f"/consult/{slug}/supports.csv").status_code == 404


def test_following_a_consultation_from_its_page(client, citizens, proposal):
    signed_in(client, citizens["citizen4"])
    slug = proposal.consultation.slug
    client.post(f"/consult/{slug}/follow/")
    assert "Stop following" in client.get(f"/consult/{slug}/").content.decode()
    do_comment(citizens["citizen2"], proposal.pk, "Una pregunta")
    assert "New comment on" in client.get("/consult/notifications/").content.decode()
