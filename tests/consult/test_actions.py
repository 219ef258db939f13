"""Writes of the consultation portal: who may, when, and what each leaves behind."""

import pytest
from django.core import mail

from followup.consult.actions import (
    ConsultationDraft,
    ProjectDraft,
    ProposalDraft,
    do_add_milestone,
    do_add_result,
    do_anonymize_account,
    do_comment,
    do_create_consultation,
    do_create_project,
    do_create_proposal,
    do_flag,
    do_follow,
    do_merge_proposals,
    do_moderate,
    do_review_proposal,
    do_set_notification,
    do_support,
    do_vote_comment,
    do_withdraw_support,
    reconcile_counters,
)
from followup.consult.models import Comment, ModerationEvent, Notification, Proposal, Support
from followup.consult.views import project_progress
from followup.errors import Forbidden, InvalidInput, NotFound

from .conftest import move_to


def test_a_proposal_keeps_its_author_language_and_safe_body(proposal, citizens):
    assert (proposal.author, proposal.language, proposal.state) == (
        citizens["citizen1"],
        "es",
        "published",
    )
    assert proposal.body_html == (
        "<p>Instalar <strong>cisternas</strong> para recoger agua de lluvia en las escuelas"
        " rurales.</p>\n"
    )


@pytest.mark.parametrize(
    ("phase", "who", "refusal"),
    [
        ("support", "citizen2", "proposals are taken only during the proposals phase"),
        ("proposals", "unverified", "confirm your e-mail address first"),
    ],
)
def test_proposals_are_refused_outside_their_phase_or_before_verification(
    citizens, open_consultation, phase, who, refusal
):
    consultation = open_consultation(phase)
    with pytest.raises(Forbidden, match=refusal):
        do_create_proposal(citizens[who], consultation, ProposalDraft("Title", "Body"))
    assert Proposal.objects.count() == 0


def test_an_empty_title_is_refused_naming_the_field(citizens, open_consultation):
    with pytest.raises(InvalidInput, match=r"^title: this field is required$"):
        do_create_proposal(citizens["citizen1"], open_consultation(), ProposalDraft(" ", "Body"))


def test_supports_count_once_per_account_and_move_the_counter_in_the_same_transaction(
    proposal, citizens
):
    move_to(proposal.consultation, "support")
    for name in ("citizen2", "citizen3", "citizen3", "citizen2"):
        do_support(citizens[name], proposal.pk)
    proposal.refresh_from_db()
    assert proposal.support_count == 2
    assert sorted(Support.objects.values_list("user__username", flat=True)) == [
        "citizen2",
        "citizen3",
    ]

    do_withdraw_support(citizens["citizen2"], proposal.pk)
    do_withdraw_support(citizens["citizen2"], proposal.pk)
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    assert reconcile_counters() == []


@pytest.mark.parametrize(
    ("setup", "who", "error", "message"),
    [
        ("proposals", "citizen2", Forbidden, "supports are taken only during the support phase"),
        ("review", "citizen2", Forbidden, "supports are taken only during the support phase"),
        ("support", "unverified", Forbidden, "confirm your e-mail address first"),
        ("hidden", "citizen2", NotFound, "not found"),
        ("rejected", "citizen2", Forbidden, "this proposal no longer takes supports"),
    ],
)
def test_a_refused_support_counts_nothing(proposal, citizens, setup, who, error, message):
    move_to(proposal.consultation, "support" if setup in ("hidden", "rejected") else setup)
    if setup == "hidden":
        Proposal.objects.filter(pk=proposal.pk).update(hidden=True)
    if setup == "rejected":
        Proposal.objects.filter(pk=proposal.pk).update(state="rejected")
    with pytest.raises(error, match=message):
        do_support(citizens[who], proposal.pk)
    proposal.refresh_from_db()
    assert (proposal.support_count, Support.objects.count()) == (0, 0)


def test_reaching_the_threshold_tells_the_followers(proposal, citizens):
    move_to(proposal.consultation, "support")
    for name in ("citizen2", "citizen3", "citizen4"):
        do_support(citizens[name], proposal.pk)
    assert list(Notification.objects.values_list("user__username", "kind", "text")) == [
        (
            "citizen1",
            "threshold",
            "“Cisternas de lluvia en cada escuela” reached its support threshold",
        )
    ]


def test_comments_thread_with_stances_experts_and_votes(proposal, citizens):
    from followup.consult.models import Expert

    Expert.objects.create(consultation=proposal.consultation, user=citizens["citizen3"])
    opening = do_comment(citizens["citizen2"], proposal.pk, "Rain is scarce here.", "against")
    reply = do_comment(citizens["citizen3"], proposal.pk, "Cisterns fill in one season.", "for",
                       parent_id=opening.pk)  # fmt: skip
    do_vote_comment(citizens["citizen4"], reply.pk, 1)
    do_vote_comment(citizens["citizen5"], reply.pk, 1)
    do_vote_comment(citizens["citizen5"], reply.pk, -1)  # a changed mind moves one vote

    reply.refresh_from_db()
    proposal.refresh_from_db()
    assert (reply.parent, reply.stance, reply.is_expert) == (opening, "for", True)
    assert (reply.up_votes, reply.down_votes, proposal.comment_count) == (1, 1, 2)
    # The author follows their proposal and hears of both comments.
    assert Notification.objects.filter(user=citizens["citizen1"], kind="comment").count() == 2


def test_a_notice_turned_off_is_not_sent(proposal, citizens):
    do_set_notification(citizens["citizen1"], "comment", enabled=False)
    do_comment(citizens["citizen2"], proposal.pk, "A question.")
    assert not Notification.objects.filter(user=citizens["citizen1"]).exists()


def test_three_reports_hide_a_comment_until_a_moderator_restores_it(proposal, citizens):
    comment = do_comment(citizens["citizen2"], proposal.pk, "Spam spam spam")
    for name in ("citizen3", "citizen4", "citizen4", "citizen5"):
        do_flag(citizens[name], reason="advertising", comment_id=comment.pk)
    comment.refresh_from_db()
    assert (comment.flag_count, comment.hidden) == (3, True)

    with pytest.raises(Forbidden, match="only moderators may do this"):
        do_moderate(citizens["citizen2"], action="restore", target=f"comment:{comment.pk}")
    do_moderate(citizens["analyst"], action="restore", target=f"comment:{comment.pk}",
                reason="not advertising")  # fmt: skip
    comment.refresh_from_db()
    assert comment.hidden is False
    assert list(
        ModerationEvent.objects.order_by("at").values_list("actor__username", "action")
    ) == [
        (None, "auto_hide"),
        ("analyst", "restore"),
    ]


def test_a_blocked_account_may_no_longer_take_part(proposal, citizens):
    do_moderate(citizens["analyst"], action="block", target=f"user:{citizens['citizen2'].pk}")
    with pytest.raises(Forbidden, match="your account may no longer take part"):
        do_comment(citizens["citizen2"], proposal.pk, "Hello")


def test_comments_are_rate_limited_per_account(proposal, citizens, settings):
    settings.FOLLOWUP_CONSULT_LIMITS = {**settings.FOLLOWUP_CONSULT_LIMITS, "comment": 2}
    do_comment(citizens["citizen2"], proposal.pk, "one")
    do_comment(citizens["citizen2"], proposal.pk, "two")
    with pytest.raises(Exception, match="you have posted too often") as refused:
        do_comment(citizens["citizen2"], proposal.pk, "three")
    assert refused.value.status == 429
    assert Comment.objects.count() == 2


def test_merging_a_duplicate_moves_its_supports_without_double_counting(proposal, citizens):
    duplicate = do_create_proposal(
        citizens["citizen2"], proposal.consultation, ProposalDraft("Rain tanks", "Same idea")
    )
    move_to(proposal.consultation, "support")
    for name, target in [("citizen3", proposal), ("citizen3", duplicate), ("citizen4", duplicate)]:
        do_support(citizens[name], target.pk)

    into = do_merge_proposals(citizens["analyst"], duplicate.pk, proposal.pk)
    duplicate.refresh_from_db()
    assert (into.support_count, duplicate.state, duplicate.merged_into) == (2, "merged", proposal)
    assert sorted(Support.objects.values_list("proposal_id", "user__username")) == [
        (proposal.pk, "citizen3"),
        (proposal.pk, "citizen4"),
    ]
    assert reconcile_counters() == []


def test_reconcile_reports_and_fixes_drift(proposal, citizens):
    Proposal.objects.filter(pk=proposal.pk).update(support_count=7)
    assert reconcile_counters(fix=True) == [(proposal.pk, "supports", 7, 0)]
    assert reconcile_counters() == []


def test_review_answers_every_proposal_and_a_rejection_needs_a_reason(proposal, citizens):
    with pytest.raises(InvalidInput, match="reason: say why"):
        do_review_proposal(citizens["analyst"], proposal.pk, state="rejected")
    with pytest.raises(Forbidden, match="only the secretariat reviews proposals"):
        do_review_proposal(citizens["citizen2"], proposal.pk, state="accepted")
    do_review_proposal(citizens["analyst"], proposal.pk, state="accepted")
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert Notification.objects.get(user=citizens["citizen1"]).kind == "state"
    assert mail.outbox == [] or "accepted" in mail.outbox[-1].subject.lower()


def test_an_accepted_proposal_becomes_a_project_whose_results_roll_up(proposal, citizens):
    with pytest.raises(InvalidInput, match="only an accepted proposal becomes a project"):
        do_create_project(citizens["analyst"], proposal.pk, ProjectDraft("Cisterns"))
    do_review_proposal(citizens["analyst"], proposal.pk, state="accepted")
    project = do_create_project(
        citizens["analyst"],
        proposal.pk,
        ProjectDraft("Cisterns in 40 schools", budget=250000, currency="usd", funding_source="IDB"),
    )
    build = do_add_result(citizens["analyst"], project.pk, "Build cisterns", weight=3)
    do_add_result(citizens["analyst"], project.pk, "North", parent_id=build.pk, progress=100)
    do_add_result(citizens["analyst"], project.pk, "South", parent_id=build.pk, progress=0)
    do_add_result(citizens["analyst"], project.pk, "Train staff", weight=1, progress=100)
    do_add_milestone(citizens["analyst"], project.pk, "Tender", "2026-06-01")

    assert (project.currency, project_progress(project)) == ("USD", 62.5)
    assert Notification.objects.filter(user=citizens["citizen1"], kind="milestone").count() == 1


def test_deleting_an_account_anonymizes_what_it_wrote(proposal, citizens):
    comment = do_comment(citizens["citizen1"], proposal.pk, "My own note")
    do_anonymize_account(citizens["citizen1"])
    proposal.refresh_from_db()
    comment.refresh_from_db()
    assert (proposal.author, comment.author, proposal.title) == (
        None,
        None,
        "Cisternas de lluvia en cada escuela",
    )


def test_following_a_consultation_brings_news_of_every_proposal(proposal, citizens):
    do_follow(citizens["citizen5"], consultation_id=proposal.consultation_id)
    do_comment(citizens["citizen2"], proposal.pk, "Good")
    assert Notification.objects.filter(user=citizens["citizen5"]).count() == 1


def test_only_the_secretariat_creates_consultations(citizens):
    with pytest.raises(Forbidden, match="only the secretariat creates and runs consultations"):
        do_create_consultation(citizens["citizen1"], ConsultationDraft("x", {"en": "X"}))


def test_a_label_outside_the_taxonomies_is_refused_naming_the_field(citizens, open_consultation):
    with pytest.raises(InvalidInput, match=r"^sdgs: not a label: sdg-99$"):
        do_create_proposal(
            citizens["citizen1"], open_consultation(), ProposalDraft("T", "B", sdgs=["sdg-99"])
        )
