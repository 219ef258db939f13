from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "followup.tracking"
    verbose_name = "Follow-up tracking"
