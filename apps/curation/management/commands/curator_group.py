"""python manage.py curator_group — create or re-sync the "curator" group's permissions (idempotent)."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# One list, kept with the data migration that first created the group.
_migration = importlib.import_module("apps.curation.migrations.0003_curator_group")
GROUP: str = _migration.GROUP
PERMISSIONS: dict[str, dict[str, list[str]]] = _migration.PERMISSIONS


class Command(BaseCommand):
    help = 'Create the "curator" group, or reset its permissions to the documented set.'

    def handle(self, *args, **options) -> None:
        for label in PERMISSIONS:
            create_permissions(apps.get_app_config(label), verbosity=0)
        group, created = Group.objects.get_or_create(name=GROUP)
        wanted = [
            Permission.objects.get(content_type__app_label=label, codename=f"{action}_{model}")
            for label, models in PERMISSIONS.items()
            for model, actions in models.items()
            for action in actions
        ]
        group.permissions.set(wanted)
        self.stdout.write(f"{'created' if created else 'updated'} group {GROUP!r} with {len(wanted)} permissions")
