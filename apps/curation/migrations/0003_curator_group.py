"""The "curator" group: review claims, keep reported figures, read articles and official data.

Curators get no user management and no delete permission on official data; admins are superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "curator"
PERMISSIONS = {
    "ingest": {
        "claim": ["view", "change"],
        "claimsource": ["view"],
        "article": ["view"],
        "story": ["view"],
        "source": ["view"],
        "citedtarget": ["view"],
    },
    "curation": {
        "reportedfigure": ["view", "add", "change"],
        "reportedfiguresource": ["view", "add", "change"],
        "discrepancy": ["view"],
    },
    "deployments": {
        "country": ["view"],
        "countryalias": ["view"],
        "mission": ["view"],
        "targetcategory": ["view"],
        "personneltype": ["view"],
        "datarelease": ["view"],
        "contribution": ["view"],
        "contributionchange": ["view"],
        "gendertarget": ["view"],
    },
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); create them now so the
    # group can be granted them in the same run on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = []
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
                )
    group.permissions.add(*wanted)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0002_discrepancy_proxy"),
        ("ingest", "0001_initial"),
        ("deployments", "0002_reference_categories"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
