"""The demo's consultation shows every part of the portal with real content."""

from followup.consult.actions import reconcile_counters
from followup.consult.demo import do_seed_consult_demo
from followup.consult.models import Comment, Consultation, Project, Proposal
from followup.consult.views import project_progress


def test_the_demo_seeds_a_debated_supported_consultation_and_a_project(citizens):
    do_seed_consult_demo(citizens["analyst"], "demo-password-2026")
    do_seed_consult_demo(citizens["analyst"], "demo-password-2026")  # once only

    water = Consultation.objects.get(slug="water-for-rural-schools")
    ranked = list(
        water.proposals.order_by("-support_count").values_list("language", "support_count")
    )
    assert ranked == [("es", 4), ("fr", 3), ("pt", 2), ("en", 1), ("es", 0)]
    assert Comment.objects.filter(proposal__consultation=water).count() == 4
    assert Comment.objects.filter(is_expert=True).count() == 1
    assert reconcile_counters() == []
    project = Project.objects.get()
    assert (project.proposal.state, round(project_progress(project), 1)) == (
        Proposal.ACCEPTED,
        50.0,
    )
