from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_edit, name="report_new"),
    path("reports/items/", views.item_options, name="item_options"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:report_id>/evidence/", views.report_evidence, name="report_evidence"),
    path(
        "reports/<int:report_id>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path(
        "reports/<int:report_id>/evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("reports/<int:report_id>/links/", views.report_link, name="report_link"),
    path(
        "reports/<int:report_id>/<str:action>/", views.report_transition, name="report_transition"
    ),
    path("compliance/", views.compliance, name="compliance"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("obligations/", views.obligation_list, name="obligations"),
    path("obligations/<int:obligation_id>/", views.obligation_edit, name="obligation_edit"),
    path("import/", views.import_view, name="import"),
    path("items/<int:item_id>/status/", views.item_status, name="item_status"),
]
