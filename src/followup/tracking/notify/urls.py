from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("notifications/<int:notification_id>/read/", views.mark_read, name="mark_read"),
    path("notifications/settings/", views.choices, name="settings"),
    path("follow/", views.follow, name="follow"),
    path("unfollow/", views.unfollow, name="unfollow"),
]
