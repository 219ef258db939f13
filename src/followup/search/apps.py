from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "followup.search"
    verbose_name = "Search"
