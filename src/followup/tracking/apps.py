from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "followup.tracking"
    verbose_name = "Follow-up tracking"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import ratelimit

        # Every sign-in path goes through authenticate(), so every path is counted.
        user_login_failed.connect(ratelimit.on_login_failed, dispatch_uid="signin-throttle")
        user_logged_in.connect(ratelimit.on_logged_in, dispatch_uid="signin-throttle")
