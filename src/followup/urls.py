from django.contrib import admin
from django.urls import include, path

from followup.api import api
from followup.tracking.views import LoginView, register

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/register/", register, name="register"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("consult/", include("followup.consult.urls")),
    path("", include("followup.tracking.urls")),
    path("", include("followup.web.urls")),
]
