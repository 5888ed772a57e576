"""The PostgreSQL write path: COPY for new rows (bulk loads rebuild indexes and keys), a staged set-based diff."""

from __future__ import annotations

import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.deployments import import_postgres, services
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


def _schema(cur) -> tuple[list, list]:
    cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'deployments_contribution' ORDER BY 1")
    indexes = cur.fetchall()
    cur.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = 'deployments_contribution'::regclass ORDER BY 1"
    )
    return indexes, cur.fetchall()


def test_bulk_path_restores_every_index_and_constraint(un_file, monkeypatch):
    with connection.cursor() as cur:
        before = _schema(cur)
    monkeypatch.setattr(import_postgres, "BULK_MIN_ROWS", 1)
    err = io.StringIO()
    summary = services.contributions_import(path=un_file, stderr=err)
    assert summary.created == 5 and Contribution.objects.count() == 5
    assert "rebuilding" in err.getvalue()
    with connection.cursor() as cur:
        assert _schema(cur) == before
    # The rebuilt unique indexes and foreign keys are live.
    row = Contribution.objects.filter(mission__isnull=False).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(
            country_id=row.country_id,
            mission_id=row.mission_id,
            personnel_type_id=row.personnel_type_id,
            month=row.month,
            total=1,
            release_id=row.release_id,
            source_file="x",
            source_line=1,
        )


def test_diff_path_creates_and_updates_in_one_import(un_file, tmp_path):
    services.contributions_import(path=un_file)
    text = un_file.read_text().replace("Troops,Troops,5,40,45", "Troops,Troops,6,40,46")
    newer = tmp_path / "newer.csv"
    newer.write_text(text + "2023-01-31,UNMISS,Ghana,GHA,Ghana,Troops,Troops,1,9,10,n.pdf,\n")
    with CaptureQueriesContext(connection) as ctx:
        summary = services.contributions_import(path=newer)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 4)
    assert not any("DROP INDEX" in q["sql"] for q in ctx.captured_queries)  # small: no bulk rebuild
    added = Contribution.objects.get(country__iso3="GHA", mission__acronym="UNMISS")
    assert (added.total, added.source_line, added.release_id) == (10, 7, summary.release_id)
    assert ContributionChange.objects.get().release_id == summary.release_id


@pytest.mark.django_db(transaction=True)
def test_bulk_load_writes_row_by_row_when_a_reader_holds_the_table(un_file, monkeypatch):
    import psycopg

    monkeypatch.setattr(import_postgres, "BULK_MIN_ROWS", 1)
    monkeypatch.setattr(import_postgres, "BULK_LOCK_WAIT", "200ms")
    settings = connection.settings_dict
    reader = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )
    try:
        reader.execute("SELECT count(*) FROM deployments_contribution")  # holds ACCESS SHARE until rollback
        with CaptureQueriesContext(connection) as ctx:
            summary = services.contributions_import(path=un_file)
    finally:
        reader.rollback()
        reader.close()
    assert summary.created == 5 and Contribution.objects.count() == 5
    assert not any("DROP INDEX" in q["sql"] for q in ctx.captured_queries)
    with connection.cursor() as cur:
        cur.execute("SHOW lock_timeout")
        assert cur.fetchone()[0] == "0"


def test_new_months_are_copied_straight_in_and_stored_months_diffed_across_chunks(tmp_path, monkeypatch):
    """A first load whose bulk load is decided in a later chunk than the first; then a newer release with a month
    the table lacks (copied straight into it) and changed rows of stored months (staged and diffed), in chunks."""
    from apps.deployments import importers
    from apps.deployments.models import ContributionSummary
    from tests.deployments.test_summary import assert_summary_current, release_csv

    with connection.cursor() as cur:
        before = _schema(cur)
    monkeypatch.setattr(import_postgres, "BULK_MIN_ROWS", 25)
    err = io.StringIO()
    # A first load: its first chunks go in with the indexes, the one that crosses BULK_MIN_ROWS drops them.
    services.contributions_import(path=release_csv(tmp_path / "r0.csv"), stderr=err, chunk_rows=10)
    assert "rebuilding" in err.getvalue()
    newer = release_csv(tmp_path / "r1.csv", revision=1)
    summary = services.contributions_import(path=newer, chunk_rows=10)
    assert summary.created and summary.updated and summary.unchanged
    expected = {
        (r.iso3, r.mission, r.personnel_type, r.month): (r.female, r.male, r.total)
        for r in importers.read_rows(newer).rows
    }
    stored = {
        (c.country.iso3, c.mission.acronym if c.mission else None, c.personnel_type.code, c.month): (
            c.female,
            c.male,
            c.total,
        )
        for c in Contribution.objects.select_related("country", "mission", "personnel_type")
    }
    assert {k: stored[k] for k in expected} == expected
    new_month = max(m for *_, m in expected)
    assert ContributionSummary.objects.filter(month=new_month).exists()
    assert_summary_current()
    with connection.cursor() as cur:
        assert _schema(cur) == before
