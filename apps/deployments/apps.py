from django.apps import AppConfig


class DeploymentsConfig(AppConfig):
    name = "apps.deployments"
    verbose_name = "Official deployments"

    def ready(self) -> None:
        from apps.core import response_cache
        from apps.deployments import selectors, summary

        summary.connect_signals()
        # Cached pages and series are keyed by a fingerprint of the tables they read; core cannot know them.
        response_cache.register_database_version(selectors.data_version)
