from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.document_list, name="home"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:document_id>/", views.document_detail, name="document_detail"),
    path("items/", views.item_list, name="item_list"),
    path("items/<int:item_id>/", views.item_detail, name="item_detail"),
]
