"""Gender targets import and the snapshot loader (on small files laid out like data/)."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.deployments import services
from apps.deployments.importers import LayoutError
from apps.deployments.models import Contribution, DataRelease, GenderTarget
from tests.deployments.conftest import gzip_copy, write_csv

pytestmark = pytest.mark.django_db

TARGETS_HEADER = "year,category,target_percent,source"


@pytest.fixture
def targets_file(tmp_path):
    return write_csv(
        tmp_path / "targets.csv",
        TARGETS_HEADER,
        '2021,military_contingents,8,"a test source, quoted"',
        "2028,formed_police_units,20,another test source",
    )


def test_targets_import_only_the_rows_the_file_states(targets_file):
    summary = services.targets_import(path=targets_file)
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert GenderTarget.objects.count() == 2  # no year in between is filled in
    target = GenderTarget.objects.get(year=2021)
    assert (target.category.code, target.percent, target.source) == (
        "military_contingents",
        Decimal("8"),
        "a test source, quoted",
    )


def test_targets_reimport_is_unchanged_and_a_new_figure_updates(targets_file):
    services.targets_import(path=targets_file)
    assert services.targets_import(path=targets_file).unchanged == 2
    targets_file.write_text(targets_file.read_text().replace(",8,", ",9,"))
    assert services.targets_import(path=targets_file).updated == 1
    assert GenderTarget.objects.get(year=2021).percent == Decimal("9")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2021,cooks,8,src", "unknown category 'cooks'"),
        ("2021,military_contingents,eight,src", "target_percent 'eight' is not a number"),
        ("2021,military_contingents,120,src", "target_percent 120 is outside 0-100"),
        ("20x1,military_contingents,8,src", "year '20x1' is not a year"),
        ("2021,military_contingents,8,", "source is empty"),
    ],
)
def test_bad_target_rows_are_rejected_with_line_numbers(tmp_path, line, reason):
    path = write_csv(tmp_path / "t.csv", TARGETS_HEADER, "2028,formed_police_units,20,src", line)
    summary = services.targets_import(path=path)
    assert summary.created == 1
    assert summary.rejections[0].line == 3 and summary.rejections[0].reason.startswith(reason)


def test_targets_file_with_wrong_columns_is_refused(tmp_path):
    with pytest.raises(LayoutError):
        services.targets_import(path=write_csv(tmp_path / "t.csv", "year,percent", "2021,8"))


@pytest.fixture
def snapshot_dir(tmp_path, un_file, ipi_file, targets_file):
    folder = tmp_path / "data"
    folder.mkdir()
    gzip_copy(ipi_file, folder / services.SNAPSHOT_CONTRIBUTIONS[0])
    gzip_copy(un_file, folder / services.SNAPSHOT_CONTRIBUTIONS[1])
    shutil.copy(targets_file, folder / services.SNAPSHOT_TARGETS)
    return folder


def test_load_snapshot_loads_once_then_skips(snapshot_dir):
    out = io.StringIO()
    call_command("load_snapshot", dir=snapshot_dir, stdout=out, stderr=io.StringIO())
    assert "2 file(s) loaded, 0 already loaded, 9 contributions created" in out.getvalue()
    assert (Contribution.objects.count(), DataRelease.objects.count(), GenderTarget.objects.count()) == (9, 2, 2)
    out = io.StringIO()
    call_command("load_snapshot", dir=snapshot_dir, stdout=out, stderr=io.StringIO())
    assert "0 file(s) loaded, 2 already loaded, 0 contributions created" in out.getvalue()
    assert DataRelease.objects.count() == 2


def test_load_snapshot_names_missing_files(tmp_path):
    with pytest.raises(Exception, match="snapshot file"):
        call_command("load_snapshot", dir=tmp_path, stdout=io.StringIO())
