from django.apps import AppConfig


class DeploymentsConfig(AppConfig):
    name = "apps.deployments"
    verbose_name = "Official deployments"

    def ready(self) -> None:
        from apps.deployments import summary

        summary.connect_signals()
