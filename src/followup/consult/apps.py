from django.apps import AppConfig


class ConsultConfig(AppConfig):
    name = "followup.consult"
    label = "consult"
    verbose_name = "Consultations"
    default_auto_field = "django.db.models.BigAutoField"
