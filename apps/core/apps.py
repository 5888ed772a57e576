from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.core import checks

        from apps.core.checks import check_static_files_collected
        from apps.core.proxies import check_proxy_settings

        checks.register(check_proxy_settings, checks.Tags.security)
        # Not tagged "staticfiles": collectstatic runs those checks first and would warn about itself.
        checks.register(check_static_files_collected, "deployment")
