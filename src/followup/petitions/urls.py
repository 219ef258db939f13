from django.urls import path

from . import views

app_name = "petitions"
urlpatterns = [
    path("", views.my_files, name="my_files"),
    path("petitioner/", views.petitioner_profile, name="petitioner"),
    path("new/", views.petition_form, name="new"),
    path("review/", views.review_queue, name="review_queue"),
    path("triage/", views.triage_queue, name="triage_queue"),
    path("backlog/", views.backlog, name="backlog"),
    path("figures/", views.figures, name="figures"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("<int:petition_id>/clauses/", views.add_clause, name="add_clause"),
    path("<int:petition_id>/monitoring/", views.record_monitoring, name="monitoring"),
    path("<int:petition_id>/batches/", views.record_batch, name="batch"),
    path("communications/<int:communication_id>/transmit/", views.transmit, name="transmit"),
    path("<int:petition_id>/", views.petition_detail, name="detail"),
    path("<int:petition_id>/edit/", views.petition_form, name="edit"),
    path("<int:petition_id>/decide/", views.decide, name="decide"),
    path("<int:petition_id>/communicate/", views.communicate, name="communicate"),
    path("<int:petition_id>/triage/", views.triage_answers, name="triage"),
    path(
        "<int:petition_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
