from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("", views.jurisdiction_list, name="jurisdiction_list"),
    path("compare/", views.compare, name="compare"),
    path("map/", views.americas_map, name="map"),
    path("codebooks/", views.codebook_list, name="codebooks"),
    path("log/<int:measure_id>/", views.measure_detail, name="measure_detail"),
    path("mobility/<str:iso3>/", views.mobility_page, name="mobility"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path(
        "questionnaires/<int:questionnaire_id>/",
        views.questionnaire_detail,
        name="questionnaire_detail",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/answers.<str:export_format>",
        views.questionnaire_export,
        name="questionnaire_export",
    ),
    path("<str:code>/", views.jurisdiction_detail, name="jurisdiction_detail"),
    path("<str:code>/record/", views.record_measure, name="record_measure"),
    path("<str:code>/scenarios/", views.scenarios_page, name="scenarios"),
    path("<str:code>/indices.svg", views.chart_svg, name="chart_svg"),
    path("<str:code>/indices.<str:export_format>", views.indices_download, name="indices_download"),
    path(
        "<str:code>/measures.<str:export_format>", views.measures_download, name="measures_download"
    ),
    path(
        "<str:code>/situation.<str:export_format>",
        views.situation_download,
        name="situation_download",
    ),
]
