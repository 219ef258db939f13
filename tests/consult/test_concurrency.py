"""Twenty simultaneous supports by one account, from separate processes, leave one support."""

import multiprocessing

import pytest
from django.db import connection, connections

from followup.consult.models import Proposal, Support

from .conftest import move_to

pytestmark = pytest.mark.django_db(transaction=True)


def _support_at_once(barrier, user_id, proposal_id, results):
    from django.contrib.auth import get_user_model

    from followup.consult.actions import do_support

    connections.close_all()  # each process opens its own connection
    user = get_user_model().objects.get(pk=user_id)
    barrier.wait()
    try:
        do_support(user, proposal_id)
        results.put("ok")
    except Exception as err:  # reported to the parent, which asserts on it
        results.put(repr(err))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_twenty_concurrent_supports_by_one_account_leave_exactly_one(citizens, proposal):
    move_to(proposal.consultation, "support")
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(20), context.Queue()
    connections.close_all()
    workers = [
        context.Process(
            target=_support_at_once, args=(barrier, citizens["citizen2"].pk, proposal.pk, results)
        )
        for _ in range(20)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    outcomes = [results.get(timeout=5) for _ in workers]

    proposal.refresh_from_db()
    assert outcomes == ["ok"] * 20
    assert (Support.objects.filter(proposal=proposal).count(), proposal.support_count) == (1, 1)
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1
