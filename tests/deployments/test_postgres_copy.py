"""The PostgreSQL write path: COPY for new rows, COPY into a temp table + UPDATE … FROM for changed rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.deployments import services
from apps.deployments.models import Contribution, ContributionChange

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_copy_path_creates_updates_and_then_changes_nothing(un_file, tmp_path):
    with CaptureQueriesContext(connection) as ctx:
        summary = services.contributions_import(path=un_file)
    assert summary.created == 5 and Contribution.objects.count() == 5
    assert not any(q["sql"].startswith('INSERT INTO "deployments_contribution"') for q in ctx.captured_queries)

    revised = tmp_path / "revised.csv"
    revised.write_text(un_file.read_text().replace("Troops,Troops,5,40,45", "Troops,Troops,7,40,47"))
    summary = services.contributions_import(path=revised)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 4)
    row = Contribution.objects.get(country__iso3="VNM", mission__acronym="UNISFA")
    assert (row.female, row.total, row.source_file) == (7, 47, "revised.csv")
    assert ContributionChange.objects.get(contribution=row).changes == {"female": [5, 7], "total": [45, 47]}

    again = services.contributions_import(path=revised)
    assert (again.created, again.updated, again.already_imported) == (0, 0, True)


def test_copy_path_enforces_the_database_constraints(un_file):
    services.contributions_import(path=un_file)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM deployments_contribution WHERE female IS NOT NULL AND female + male <> total")
        assert cur.fetchone()[0] == 0
