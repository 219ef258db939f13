from django.urls import path

from . import analyst, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("data-dictionary/", views.data_dictionary, name="data_dictionary"),
    path("bodies/<int:body_id>/", views.body_detail, name="body_detail"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:document_id>/", views.document_detail, name="document_detail"),
    path("items/", views.item_list, name="item_list"),
    path("items/<int:item_id>/", views.item_detail, name="item_detail"),
    path("items/<int:item_id>/edit/", analyst.item_edit, name="item_edit"),
    path(
        "items/<int:item_id>/evidence/", analyst.decide_evidence_many, name="decide_evidence_many"
    ),
    path("documents/upload/", analyst.upload_documents, name="upload_documents"),
    path("documents/upload/progress/", analyst.upload_progress, name="upload_progress"),
    path("review/labels/", analyst.review_labels, name="review_labels"),
    path("review/evidence/", analyst.review_evidence, name="review_evidence"),
    path(
        "items/<int:item_id>/evidence/<int:action_id>/<str:decision>/",
        views.decide_evidence,
        name="decide_evidence",
    ),
    path("items/<int:item_id>/obligation/", views.schedule_reporting, name="schedule_reporting"),
]
