from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "followup.petitions"
    verbose_name = "Petitions and precautionary measures"
