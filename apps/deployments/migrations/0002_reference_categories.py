"""The fixed vocabulary: the UGPS target categories and the five personnel types the UN reports."""

from django.db import migrations

CATEGORIES = [
    ("military_contingents", "Military contingents", 1, ""),
    ("military_observers_and_staff_officers", "Military observers and staff officers", 2,
     "Experts on Mission + Staff Officer. Before May 2017 staff officers were counted inside Troops."),
    ("formed_police_units", "Formed police units", 3, ""),
    ("individual_police_officers", "Individual police officers", 4, ""),
    ("justice_corrections_gpp", "Justice and corrections (government-provided personnel)", 5,
     "Not in the UN monthly contribution reports."),
]
TYPES = [
    ("troops", "Troops", "military_contingents", 1),
    ("staff-officer", "Staff Officer", "military_observers_and_staff_officers", 2),
    ("experts-on-mission", "Experts on Mission", "military_observers_and_staff_officers", 3),
    ("individual-police", "Individual Police", "individual_police_officers", 4),
    ("formed-police-units", "Formed Police Units", "formed_police_units", 5),
]


def load(apps, schema_editor):
    TargetCategory = apps.get_model("deployments", "TargetCategory")
    PersonnelType = apps.get_model("deployments", "PersonnelType")
    for code, name, order, note in CATEGORIES:
        TargetCategory.objects.update_or_create(code=code, defaults={"name": name, "order": order, "note": note})
    for code, name, category, order in TYPES:
        PersonnelType.objects.update_or_create(
            code=code,
            defaults={"name": name, "order": order, "target_category": TargetCategory.objects.get(code=category)},
        )


class Migration(migrations.Migration):
    dependencies = [("deployments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
