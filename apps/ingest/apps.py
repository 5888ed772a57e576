from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "apps.ingest"
    verbose_name = "News ingestion"

    def ready(self) -> None:
        # Register the tasks in every process, not only in workers (Celery's autodiscovery runs at worker start):
        # apps.ingest.dispatch sends them by name and runs them inline when no broker is configured.
        from apps.ingest import tasks  # noqa: F401
