from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "apps.curation"
    verbose_name = "Curated news figures"
