"""Notifications: whom each event tells (the whole set, event by event), what the e-mail
says and in which language, the choices people make, following, the list page and the count
in the menu. Events are delivered once their transaction commits, so each step runs inside
``django_capture_on_commit_callbacks(execute=True)`` (the test's transaction never commits)."""

from datetime import date

import pytest
from django.core import mail
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from followup.tracking.actions import (
    do_activate_accounts,
    do_create_obligation,
    do_transition_report,
)
from followup.tracking.models import Follow, Notification, Profile
from followup.tracking.notify import events, kinds
from followup.tracking.notify.actions import do_follow, do_set_choices, do_unfollow
from followup.tracking.reminders import do_send_reminders

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(people, parties, items, django_user_model):
    """Beyond the usual people: a second analyst and a second Haitian focal point, and
    followers of Haiti's civil-registry mandate, of Haiti, and of the mandate's instrument;
    Mexico's focal point follows the mandate too; a deactivated account follows it."""
    mandate = items["civil_registry"]
    extra = {
        "analyst2": make_user(django_user_model, "analyst2", Profile.ANALYST),
        "haiti2": make_user(django_user_model, "haiti2", Profile.FOCAL_POINT, parties["HT"]),
        "reader": make_user(django_user_model, "reader", Profile.PUBLIC),
        "watcher": make_user(django_user_model, "watcher", Profile.PUBLIC),
        "scholar": make_user(django_user_model, "scholar", Profile.PUBLIC),
        "gone": make_user(django_user_model, "gone", Profile.PUBLIC),
    }
    everyone = {**people, **extra}
    do_follow(everyone["reader"], "item", mandate.pk)
    do_follow(everyone["watcher"], "country", "ht")
    do_follow(everyone["scholar"], "instrument", mandate.instrument_id)
    do_follow(everyone["mexico"], "item", mandate.pk)
    do_follow(everyone["gone"], "item", mandate.pk)
    everyone["gone"].is_active = False
    everyone["gone"].save(update_fields=["is_active"])
    return everyone


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a step as a committed transaction; returns who was told, by e-mail and in the site."""

    def step(action):
        mail.outbox.clear()
        Notification.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        emailed = sorted(address for m in mail.outbox for address in m.to)
        noticed = sorted(Notification.objects.values_list("user__username", flat=True))
        return result, emailed, noticed

    return step


def addresses(*names):
    return sorted(f"{name}@example.org" for name in names)


def test_submitting_tells_the_secretariat_and_the_partys_other_members_only(
    crowd, file_report, run
):
    """Followers may not read a submitted report, Mexico's focal point neither: not told."""
    draft = file_report()
    _report, emailed, noticed = run(
        lambda: do_transition_report(crowd["haiti"], draft.pk, "submit")
    )
    assert noticed == ["analyst", "analyst2", "haiti2"]
    assert emailed == addresses("analyst", "analyst2", "haiti2")


def test_returning_tells_the_partys_members(crowd, file_report, run):
    submitted = file_report(state="submitted")
    _report, emailed, noticed = run(
        lambda: do_transition_report(
            crowd["analyst"], submitted.pk, "return", comment="Give the departments' names."
        )
    )
    assert noticed == ["haiti", "haiti2"]
    assert emailed == addresses("haiti", "haiti2")


def test_validating_tells_the_partys_members(crowd, file_report, run):
    submitted = file_report(state="submitted")
    _report, emailed, noticed = run(
        lambda: do_transition_report(crowd["analyst"], submitted.pk, "validate")
    )
    assert noticed == ["haiti", "haiti2"]
    assert emailed == addresses("haiti", "haiti2")


def test_publishing_tells_the_party_the_secretariat_and_every_active_follower(
    crowd, file_report, run
):
    validated = file_report(state="validated")
    _report, emailed, noticed = run(
        lambda: do_transition_report(crowd["analyst"], validated.pk, "publish")
    )
    told = ["analyst2", "haiti", "haiti2", "mexico", "reader", "scholar", "watcher"]
    assert noticed == told
    assert emailed == addresses(*told)


def test_a_follower_who_may_not_read_a_report_is_never_told_of_it(crowd, file_report):
    """The rule's people are filtered by the policy: of a draft (were it told), only the
    party's members would hear — not the followers, not even the secretariat."""
    draft = file_report()
    for event in (kinds.REPORT_SUBMITTED, kinds.REPORT_PUBLISHED):
        told = events.recipients(event, {"report": draft}, actor_id=None)
        assert [u.username for u in told] == ["haiti", "haiti2"]


def test_a_new_obligation_tells_the_partys_members(crowd, items, parties, run):
    _obligation, emailed, noticed = run(
        lambda: do_create_obligation(
            crowd["analyst"],
            item_id=items["civil_registry"].pk,
            party_id=parties["HT"].pk,
            due_on=date(2025, 6, 30),
            cycle_months=12,
        )
    )
    assert noticed == ["haiti", "haiti2"]
    assert emailed == addresses("haiti", "haiti2")
    message = next(m for m in mail.outbox if m.to == ["haiti@example.org"])
    assert message.subject == "New reporting obligation: Haiti reports by 2025-06-30"
    assert "And again every 12 months." in message.body
    assert f"http://127.0.0.1:8000/reports/new/?items={items['civil_registry'].pk}" in message.body


def test_due_soon_tells_the_party_and_overdue_the_secretariat_too(crowd, items, parties, run):
    do_create_obligation(
        crowd["analyst"],
        item_id=items["civil_registry"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2025, 6, 30),
    )
    sent, emailed, noticed = run(lambda: do_send_reminders(date(2025, 6, 20)))
    assert (sent, noticed) == (1, ["haiti", "haiti2"])
    assert emailed == addresses("haiti", "haiti2")
    sent, emailed, noticed = run(lambda: do_send_reminders(date(2025, 7, 2)))
    assert (sent, noticed) == (1, ["analyst", "analyst2", "haiti", "haiti2"])
    assert emailed == addresses("analyst", "analyst2", "haiti", "haiti2")
    # Each once.
    assert run(lambda: do_send_reminders(date(2025, 7, 3)))[1:] == ([], [])


def test_activating_an_account_tells_its_owner(parties, django_user_model, run):
    waiting = make_user(
        django_user_model, "newcomer", Profile.FOCAL_POINT, parties["MX"], is_active=False
    )
    already = make_user(django_user_model, "settled", Profile.FOCAL_POINT, parties["MX"])
    activated, emailed, noticed = run(lambda: do_activate_accounts([waiting, already]))
    assert activated == [waiting]
    assert (emailed, noticed) == (addresses("newcomer"), ["newcomer"])
    [message] = mail.outbox
    assert message.subject == "Your account is active"
    assert "you may now sign in and report for Mexico." in message.body


def test_the_administrations_activate_action_tells_the_owner(
    parties, django_user_model, client, django_capture_on_commit_callbacks
):
    waiting = make_user(
        django_user_model, "newcomer", Profile.FOCAL_POINT, parties["MX"], is_active=False
    )
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-2024!")
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/auth/user/",
            {"action": "activate", "_selected_action": [waiting.pk]},
        )
    waiting.refresh_from_db()
    assert waiting.is_active
    assert [m.to for m in mail.outbox] == [["newcomer@example.org"]]


def test_the_returned_reports_email_in_full(crowd, file_report, run):
    submitted = file_report(state="submitted")
    run(
        lambda: do_transition_report(
            crowd["analyst"], submitted.pk, "return", comment="Give the departments' names."
        )
    )
    message = next(m for m in mail.outbox if m.to == ["haiti@example.org"])
    assert message.from_email == "followup@localhost"
    assert message.subject == "Report returned with comments: Haiti, 2024-01-01 to 2024-12-31"
    assert message.body == (
        "The secretariat returned the implementation report of Haiti for 2024-01-01 to "
        "2024-12-31 on:\n\n"
        "- Expand online civil registry services for rural areas.\n\n"
        "Comments:\n\n"
        "Give the departments' names.\n\n"
        f"Edit it and submit it again: http://127.0.0.1:8000/reports/{submitted.pk}/\n\n"
        "-- \n"
        "Choose what you are told, and how: http://127.0.0.1:8000/notifications/settings/\n"
    )
    notice = Notification.objects.get(user=crowd["haiti"])
    assert (notice.event, notice.text, notice.url, notice.read_at) == (
        kinds.REPORT_RETURNED,
        message.subject,
        f"/reports/{submitted.pk}/",
        None,
    )


def test_messages_are_written_in_the_recipients_language(crowd, file_report, run, settings):
    settings.FOLLOWUP_SITE_URL = "https://followup.example.org/"
    do_set_choices(crowd["haiti2"], {}, language="es")
    validated = file_report(state="validated")
    run(lambda: do_transition_report(crowd["analyst"], validated.pk, "publish"))
    spanish = next(m for m in mail.outbox if m.to == ["haiti2@example.org"])
    english = next(m for m in mail.outbox if m.to == ["haiti@example.org"])
    assert "Haití" in spanish.body
    assert "Cumplimiento: Cumplimiento parcial" in spanish.body
    assert "Haiti" in english.body
    assert "Compliance: Partial compliance" in english.body
    assert f"https://followup.example.org/reports/{validated.pk}/" in spanish.body


def test_choices_pick_the_channels_of_each_event(crowd, file_report, run):
    do_set_choices(crowd["haiti"], {kinds.REPORT_RETURNED: {"in_app"}})
    do_set_choices(crowd["haiti2"], {kinds.REPORT_RETURNED: set()})
    do_set_choices(crowd["analyst2"], {kinds.REPORT_SUBMITTED: {"email"}})
    submitted = file_report(state="submitted")
    _report, emailed, noticed = run(
        lambda: do_transition_report(crowd["analyst"], submitted.pk, "return", comment="More.")
    )
    assert (emailed, noticed) == ([], ["haiti"])
    draft = file_report()
    _report, emailed, noticed = run(
        lambda: do_transition_report(crowd["haiti"], draft.pk, "submit")
    )
    assert emailed == addresses("analyst", "analyst2", "haiti2")
    assert noticed == ["analyst", "haiti2"]


def test_an_unconfirmed_address_gets_notices_but_no_email(crowd, file_report, run):
    Profile.objects.filter(user=crowd["reader"]).update(email_verified=False)
    validated = file_report(state="validated")
    _report, emailed, noticed = run(
        lambda: do_transition_report(crowd["analyst"], validated.pk, "publish")
    )
    assert "reader" in noticed
    assert "reader@example.org" not in emailed


def test_nothing_is_told_of_a_change_rolled_back(crowd, file_report, run):
    draft = file_report()

    def fail_after_the_action():
        with transaction.atomic():
            do_transition_report(crowd["haiti"], draft.pk, "submit")
            raise RuntimeError("the request failed after the action")

    def rolled_back():
        with pytest.raises(RuntimeError):
            fail_after_the_action()

    assert run(rolled_back)[1:] == ([], [])


def test_with_a_queue_a_worker_delivers_the_event(crowd, file_report, run, settings, monkeypatch):
    from followup import jobs
    from followup.corpus.models import Job

    settings.FOLLOWUP_JOBS_QUEUE = "sqlite"
    queued = []
    monkeypatch.setattr(jobs, "_enqueue", queued.append)
    draft = file_report()
    assert run(lambda: do_transition_report(crowd["haiti"], draft.pk, "submit"))[1:] == ([], [])
    [job] = Job.objects.filter(pk__in=queued)
    assert (job.kind, job.state, job.arguments) == (
        Job.NOTIFY,
        Job.QUEUED,
        {
            "event": "report_submitted",
            "actor": crowd["haiti"].pk,
            "objects": {"report": draft.pk},
        },
    )
    job = jobs.run_job(job.pk)
    assert (job.state, job.result) == (
        Job.DONE,
        "report_submitted: 3 told, 3 by e-mail, 3 in the site",
    )
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == [
        "analyst",
        "analyst2",
        "haiti2",
    ]


def test_an_email_the_server_refuses_is_reported_and_the_notices_stay(
    crowd, file_report, run, monkeypatch
):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        if messages[0].to == ["analyst2@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"analyst2@example.org": (550, b"no")})
        return original(self, messages)

    original = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    from followup.tracking.notify.actions import do_deliver

    draft = file_report(state="submitted")
    delivery, emailed, noticed = run(
        lambda: do_deliver({"event": "report_submitted", "objects": {"report": draft.pk}})
    )
    assert emailed == addresses("analyst", "haiti", "haiti2")
    assert noticed == ["analyst", "analyst2", "haiti", "haiti2"]
    assert (delivery.status, delivery.emailed) == ("failed", ["analyst", "haiti", "haiti2"])
    assert delivery.reason.startswith("analyst2@example.org: ")


# -- following


def test_one_follows_and_unfollows_once(crowd, items):
    reader, mandate = crowd["reader"], items["civil_registry"]
    assert do_follow(reader, "item", mandate.pk) == Follow.objects.get(user=reader, item=mandate)
    assert do_unfollow(reader, "item", mandate.pk) is True
    assert do_unfollow(reader, "item", mandate.pk) is False
    assert not Follow.objects.filter(user=reader, item=mandate).exists()


def test_following_needs_an_account_and_a_target_that_exists(crowd):
    from django.contrib.auth.models import AnonymousUser

    from followup.errors import Forbidden, InvalidInput, NotFound

    with pytest.raises(Forbidden):
        do_follow(AnonymousUser(), "country", "HT")
    with pytest.raises(NotFound):
        do_follow(crowd["reader"], "country", "ZZ")
    with pytest.raises(InvalidInput):
        do_follow(crowd["reader"], "document", 1)


def test_the_follow_buttons_of_the_item_and_country_pages(crowd, items, client):
    mandate = items["civil_registry"]
    client.force_login(crowd["public"])
    page = client.get(f"/items/{mandate.pk}/").content.decode()
    assert page.count('name="target" value="item"') == 1
    assert page.count('name="target" value="instrument"') == 1
    response = client.post(
        "/follow/", {"target": "item", "id": mandate.pk, "next": f"/items/{mandate.pk}/"}
    )
    assert (response.status_code, response.url) == (302, f"/items/{mandate.pk}/")
    page = client.get(f"/items/{mandate.pk}/").content.decode()
    assert page.count('action="/unfollow/"') == 1
    client.post("/follow/", {"target": "country", "id": "HT", "next": "/countries/HT/"})
    assert "Unfollow" in client.get("/countries/HT/").content.decode()
    assert sorted(
        (f.target_kind, str(f.target_id)) for f in Follow.objects.filter(user=crowd["public"])
    ) == [("country", "HT"), ("item", str(mandate.pk))]
    client.post("/unfollow/", {"target": "item", "id": mandate.pk, "next": "https://evil.example"})
    assert [f.target_kind for f in Follow.objects.filter(user=crowd["public"])] == ["country"]


def test_anonymous_readers_see_no_follow_button(items, client):
    page = client.get(f"/items/{items['civil_registry'].pk}/").content.decode()
    assert 'action="/follow/"' not in page


# -- the pages


def test_the_list_shows_ones_own_notices_newest_first_and_marks_them_read(
    crowd, file_report, run, client
):
    validated = file_report(state="validated")
    run(lambda: do_transition_report(crowd["analyst"], validated.pk, "publish"))
    client.force_login(crowd["reader"])
    page = client.get("/notifications/").content.decode()
    assert "1 unread notification." in page
    assert "Report published: Haiti, 2024-01-01 to 2024-12-31" in page
    [notice] = Notification.objects.filter(user=crowd["reader"])
    other = Notification.objects.get(user=crowd["haiti"])
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    assert client.post(f"/notifications/{notice.pk}/read/").status_code == 302
    notice.refresh_from_db()
    other.refresh_from_db()
    assert (notice.read_at is not None, other.read_at) == (True, None)
    assert "0 unread notifications." in client.get("/notifications/").content.decode()


def test_mark_all_as_read(crowd, file_report, run, client):
    for _ in range(3):
        draft = file_report()
        run(lambda draft=draft: do_transition_report(crowd["haiti"], draft.pk, "submit"))
    Notification.objects.filter(user=crowd["haiti"]).delete()
    client.force_login(crowd["haiti2"])
    assert client.post("/notifications/read/").status_code == 302
    assert Notification.objects.filter(user=crowd["haiti2"], read_at=None).count() == 0


def test_the_pages_need_an_account(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/settings/").status_code == 302
    assert client.post("/follow/", {"target": "country", "id": "HT"}).status_code == 302


def test_the_settings_page_saves_channels_and_language(crowd, client):
    from followup.tracking.models import NotificationChoice

    client.force_login(crowd["haiti"])
    page = client.get("/notifications/settings/").content.decode()
    assert page.count('type="checkbox"') == 2 * len(kinds.EVENTS)
    assert page.count("checked") == 2 * len(kinds.EVENTS)
    boxes = {f"{event}__email": "on" for event in kinds.EVENT_NAMES}
    boxes[f"{kinds.DUE_SOON}__in_app"] = "on"
    response = client.post("/notifications/settings/", {**boxes, "language": "fr"})
    assert response.status_code == 302
    assert sorted(
        NotificationChoice.objects.filter(user=crowd["haiti"]).values_list(
            "event", "email", "in_app"
        )
    ) == sorted((event, True, event == kinds.DUE_SOON) for event in kinds.EVENT_NAMES)
    crowd["haiti"].profile.refresh_from_db()
    assert crowd["haiti"].profile.language == "fr"
    page = client.get("/notifications/settings/").content.decode()
    assert page.count("checked") == len(kinds.EVENTS) + 1


def test_the_menu_counts_unread_notices_in_one_query(crowd, client, django_user_model):
    from django.db import connection

    client.force_login(crowd["reader"])

    def queries(unread: int) -> tuple[int, str]:
        Notification.objects.filter(user=crowd["reader"]).delete()
        Notification.objects.bulk_create(
            Notification(user=crowd["reader"], event=kinds.REPORT_PUBLISHED, text=f"n{i}")
            for i in range(unread)
        )
        Notification.objects.create(
            user=crowd["reader"],
            event=kinds.REPORT_PUBLISHED,
            text="seen",
            read_at="2025-01-01T00:00Z",
        )
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/data-dictionary/").content.decode()
        return len(captured), page

    few, page_few = queries(1)
    many, page_many = queries(40)
    assert few == many
    assert 'aria-label="1 unread">1</span>' in page_few
    assert 'aria-label="40 unread">40</span>' in page_many
    with CaptureQueriesContext(connection) as captured:
        client.get("/data-dictionary/")
    counts = [q["sql"] for q in captured if "tracking_notification" in q["sql"]]
    assert len(counts) == 1


def test_a_delivery_that_fails_never_undoes_the_change(crowd, file_report, run, monkeypatch):
    from followup.tracking.notify import actions

    def broken(payload):
        raise RuntimeError("the database of notices is gone")

    monkeypatch.setattr(actions, "do_deliver", broken)
    draft = file_report()
    report, emailed, noticed = run(lambda: do_transition_report(crowd["haiti"], draft.pk, "submit"))
    report.refresh_from_db()
    assert (report.state, emailed, noticed) == ("submitted", [], [])


def test_turning_the_active_box_on_in_the_account_form_tells_the_owner(
    parties, django_user_model, rf, run
):
    from types import SimpleNamespace

    from django.contrib import admin

    waiting = make_user(
        django_user_model, "newcomer", Profile.FOCAL_POINT, parties["MX"], is_active=False
    )
    account_admin = admin.site._registry[django_user_model]
    waiting.is_active = True
    form = SimpleNamespace(changed_data=["is_active"])
    _none, emailed, noticed = run(
        lambda: account_admin.save_model(rf.post("/"), waiting, form, change=True)
    )
    assert (emailed, noticed) == (addresses("newcomer"), ["newcomer"])
    form = SimpleNamespace(changed_data=["email"])  # already active: not told again
    assert run(lambda: account_admin.save_model(rf.post("/"), waiting, form, change=True))[1:] == (
        [],
        [],
    )


def test_the_list_costs_the_same_queries_for_few_notices_and_many(crowd, client):
    from django.db import connection

    client.force_login(crowd["reader"])

    def queries(count: int) -> int:
        Notification.objects.bulk_create(
            Notification(user=crowd["reader"], event=kinds.REPORT_PUBLISHED, text=f"n{i}", url="/")
            for i in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/notifications/").status_code == 200
        return len(captured)

    assert queries(1) == queries(40)
