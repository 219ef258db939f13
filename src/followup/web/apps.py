from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "followup.web"
    verbose_name = "Web"
