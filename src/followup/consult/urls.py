from django.urls import path

from . import views

app_name = "consult"
urlpatterns = [
    path("", views.consultation_list, name="consultation_list"),
    path("new/", views.consultation_new, name="consultation_new"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/decide/", views.moderate, name="moderate"),
    path("notifications/", views.notifications, name="notifications"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/support/", views.support, name="support"),
    path("proposals/<int:proposal_id>/comment/", views.comment, name="comment"),
    path("proposals/<int:proposal_id>/follow/", views.follow, name="follow"),
    path("proposals/<int:proposal_id>/review/", views.review, name="review"),
    path("proposals/<int:proposal_id>/project/", views.make_project, name="make_project"),
    path("proposals/<int:proposal_id>/assess/", views.assess, name="assess"),
    path("comments/<int:comment_id>/vote/", views.vote, name="vote"),
    path("flag/<str:kind>/<int:target_id>/", views.flag, name="flag"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/<str:what>/", views.project_add, name="project_add"),
    path("<slug:slug>/", views.consultation_detail, name="consultation_detail"),
    path("<slug:slug>/propose/", views.proposal_new, name="proposal_new"),
    path("<slug:slug>/similar/", views.similar_titles, name="similar_titles"),
    path("<slug:slug>/follow/", views.follow_consultation, name="follow_consultation"),
    path("<slug:slug>/<str:table>.<str:export_format>", views.export, name="export"),
]
