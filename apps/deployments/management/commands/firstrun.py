"""First run on a laptop: load the official data snapshot once and make sure a local admin exists."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".local-admin"


class Command(BaseCommand):
    help = "Load the official data snapshot (skipped when loaded) and create a local admin account."

    # Loads data and creates a user: the system checks (half a second of start-up) are for runserver, which
    # run-local.sh starts next.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default=os.environ.get("LOCAL_ADMIN_USERNAME", "admin"))
        parser.add_argument("--skip-data", action="store_true", help="do not load the official data snapshot")

    def handle(self, *args, username: str, skip_data: bool, **options) -> None:
        if not skip_data:
            call_command("load_snapshot", stdout=self.stdout, stderr=self.stderr)
        password = self._ensure_admin(username)
        base = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nDashboard:       {base}/\n"
                f"Curators' desk:  {base}/admin/\n"
                f"Log in as:       {username} / {password}\n"
                f"(stored in {CREDENTIALS_FILE.name}; change it with: python manage.py changepassword {username})"
            )
        )

    def _ensure_admin(self, username: str) -> str:
        """Create the admin once with a random password kept in a git-ignored file beside manage.py."""
        user_model = get_user_model()
        stored = CREDENTIALS_FILE.read_text().strip() if CREDENTIALS_FILE.exists() else ""
        if user_model.objects.filter(username=username).exists():
            return stored or "(the password you set earlier)"
        password = os.environ.get("LOCAL_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email="", password=password)
        CREDENTIALS_FILE.write_text(password + "\n")
        CREDENTIALS_FILE.chmod(0o600)
        return password
