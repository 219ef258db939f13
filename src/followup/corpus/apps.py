from django.apps import AppConfig


class CorpusConfig(AppConfig):
    name = "followup.corpus"
    verbose_name = "Corpus"
