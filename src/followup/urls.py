from django.contrib import admin
from django.urls import include, path

from followup.api import api
from followup.tracking.ratelimit import throttled
from followup.tracking.views import LoginView, register, verify_email
from followup.web.health import health

urlpatterns = [
    path("health/", health, name="health"),
    # Both sign-in pages go through the one throttle (declared before admin/ to take its login).
    path("admin/login/", throttled(admin.site.login)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", throttled(LoginView.as_view()), name="login"),
    path("accounts/register/", register, name="register"),
    path("accounts/verify/<str:token>/", verify_email, name="verify_email"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("petitions/", include("followup.petitions.urls")),
    path("measures/", include("followup.measures.urls")),
    path("consult/", include("followup.consult.urls")),
    path("", include("followup.tracking.notify.urls")),
    path("", include("followup.tracking.urls")),
    path("", include("followup.web.urls")),
]

# The error pages use the site's frame (templates 400.html, 403.html, 404.html and 500.html);
# the 500 page is rendered without the database, which may be what failed.
handler500 = "followup.web.errors.server_error"
