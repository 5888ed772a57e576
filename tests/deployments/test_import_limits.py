"""Values the database cannot hold exactly are rejected before anything is written (issue 16, item 1).

Each case is a row that used to be stored wrong (a count above 2^31 wrapped to 32 bits by PostgreSQL's binary
COPY) or ended in a traceback (text longer than its column, NUL bytes, 5,000-digit numbers, a truncated .gz).
Now each is a rejection naming its line and field, and the rows beside it still land exactly as written.
These run on SQLite and, with DATABASE_URL set, on PostgreSQL (where the wrap happened).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.backends.base.operations import BaseDatabaseOperations

from apps.deployments import importers, services
from apps.deployments.models import Contribution, Country, CountryAlias, DataRelease, Mission
from tests.deployments.conftest import UN_HEADER, write_csv

pytestmark = pytest.mark.django_db

HUB_HEADER = (
    "contribution_id,contributing_country,isocode3,mission_acronym,personnel_type,male_personnel,"
    "female_personnel,last_reporting_date"
)
IPI_HEADER = "date,contributor,contributor_iso3,mission,personnel_type,female,male,total"
GOOD = "2023-01-31,UNMISS,Japan,JPN,Japan,Troops,Troops,1,2,3,a.pdf,"
LIMIT = 2_147_483_647


def un_line(
    *,
    date: str = "2023-01-31",
    mission: str = "UNISFA",
    name: str = "Viet Nam",
    printed: str = "Viet Nam",
    female: str = "5",
    male: str = "40",
    total: str = "45",
    pdf: str = "a.pdf",
    flags: str = "",
) -> str:
    return f"{date},{mission},{name},VNM,{printed},Troops,Troops,{female},{male},{total},{pdf},{flags}"


def test_the_count_limit_is_the_columns_range():
    assert importers.MAX_COUNT == BaseDatabaseOperations.integer_field_ranges["PositiveIntegerField"][1] == LIMIT


# (kind, bad line, reason as reported)
UN_CASES = [
    (
        "total 2^32 (stored as 0 women, 5 total before)",
        un_line(female="4294967291", male="5", total="4294967296"),
        "female 4294967291 is larger than a count can be (at most 2,147,483,647)",
    ),
    (
        "male 2^32",
        un_line(female="0", male="4294967296", total="4294967296"),
        "male 4294967296 is larger than a count can be (at most 2,147,483,647)",
    ),
    (
        "just over int4",
        un_line(female="0", male="2147483648", total="2147483648"),
        "male 2147483648 is larger than a count can be (at most 2,147,483,647)",
    ),
    (
        "total only, over int4",
        un_line(female="", male="", total="2147483648"),
        "total 2147483648 is larger than a count can be (at most 2,147,483,647)",
    ),
    (
        "5,000 digits",
        un_line(female="9" * 5000, male="0", total="9" * 5000),
        "female 99999999999999999999… (5000 digits) is larger than a count can be (at most 2,147,483,647)",
    ),
    (
        "flags over 300",
        un_line(flags="x" * 301),
        "quality_flags is longer than its column allows (301 > 300 characters)",
    ),
    (
        "printed name over 120",
        un_line(printed="y" * 121),
        "contributor_as_printed is longer than its column allows (121 > 120 characters)",
    ),
    ("name over 120", un_line(name="z" * 121), "contributor is longer than its column allows (121 > 120 characters)"),
    ("mission over 20", un_line(mission="M" * 21), "mission is longer than its column allows (21 > 20 characters)"),
    (
        "source pdf over 200",
        un_line(pdf="p" * 201),
        "source_pdf is longer than its column allows (201 > 200 characters)",
    ),
    ("NUL in a name", un_line(printed="Viet\x00Nam"), "contributor_as_printed contains a NUL byte"),
    ("NUL in the mission", un_line(mission="UN\x00ISFA"), "mission contains a NUL byte"),
    ("NUL in a count", un_line(female="5\x00"), "female contains a NUL byte"),
]


@pytest.mark.parametrize(("kind", "line", "reason"), UN_CASES, ids=[k for k, _, _ in UN_CASES])
def test_a_value_the_column_cannot_hold_is_rejected_with_line_and_field(tmp_path, kind, line, reason):
    other = GOOD.replace("Troops,Troops", "Staff Officer,Staff")
    path = write_csv(tmp_path / "limits.csv", UN_HEADER, GOOD, line, other)
    out = io.StringIO()
    call_command("import_contributions", str(path), stdout=out, stderr=io.StringIO())
    release = DataRelease.objects.get()
    assert release.rejections == [{"line": 3, "reason": reason}]
    assert f"    line 3: {reason}" in out.getvalue()
    # The rows beside it are stored exactly as written, and nothing of the bad row is.
    assert sorted(Contribution.objects.values_list("female", "male", "total")) == [(1, 2, 3), (1, 2, 3)]
    assert not Mission.objects.filter(acronym__startswith="MMM").exists()
    assert not any("\x00" in name for name in CountryAlias.objects.values_list("name", flat=True))


def test_data_hub_counts_and_their_sum_are_checked_too(tmp_path):
    path = write_csv(
        tmp_path / "hub.csv",
        HUB_HEADER,
        "1,Ghana,GHA,UNIFIL,Troops,9,1,2024-05-31",
        "2,Ghana,GHA,UNIFIL,Staff Officer,4294967296,1,2024-05-31",
        "3,Ghana,GHA,UNMISS,Troops,2000000000,2000000000,2024-05-31",
        f"{'9' * 190},Ghana,GHA,UNMISS,Staff Officer,1,1,2024-05-31",
    )
    summary = services.contributions_import(path=path)
    assert [(r.line, r.reason) for r in summary.rejections] == [
        (3, "male_personnel 4294967296 is larger than a count can be (at most 2,147,483,647)"),
        (4, "total (female + male) 4000000000 is larger than a count can be (at most 2,147,483,647)"),
        (5, "contribution_id is longer than its column allows (190 > 184 characters)"),
    ]
    assert list(Contribution.objects.values_list("female", "male", "total")) == [(1, 9, 10)]


def test_ipi_counts_are_checked_too(tmp_path):
    path = write_csv(
        tmp_path / "ipi.csv",
        IPI_HEADER,
        "2014-07-31,Ghana,GHA,UNMISS,Troops,1,9,10",
        "2014-07-31,Ghana,GHA,UNIFIL,Troops,0,4294967296,4294967296",
    )
    summary = services.contributions_import(path=path)
    assert [r.line for r in summary.rejections] == [3]
    assert "male 4294967296 is larger" in summary.rejections[0].reason
    assert list(Contribution.objects.values_list("total", flat=True)) == [10]


def test_the_largest_count_is_stored_exactly(tmp_path):
    path = write_csv(tmp_path / "max.csv", UN_HEADER, un_line(female="0", male=str(LIMIT), total=str(LIMIT)))
    summary = services.contributions_import(path=path)
    assert summary.rejected == 0
    assert Contribution.objects.get().total == LIMIT


def _many_rows(n: int) -> list[str]:
    months = [dt.date(1990 + i // 12, i % 12 + 1, 1) for i in range(n)]
    return [un_line(date=f"{m:%Y-%m}-28") for m in months]


def test_a_truncated_gz_is_refused_naming_the_line_and_nothing_is_kept(tmp_path, un_file):
    body = "\n".join([UN_HEADER, *_many_rows(300)]) + "\n"
    data = gzip.compress(body.encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_contributions", str(path), str(un_file), stdout=io.StringIO(), stderr=err)
    message = err.getvalue()
    assert f"{path}: line " in message and "the compressed file ends early" in message
    assert "Traceback" not in message
    assert DataRelease.objects.get().file_name == un_file.name and Contribution.objects.count() == 5


def test_a_damaged_gz_is_refused_too(tmp_path):
    data = bytearray(gzip.compress(("\n".join([UN_HEADER, *_many_rows(300)]) + "\n").encode()))
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "damaged.csv.gz"
    path.write_bytes(bytes(data))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_contributions", str(path), stdout=io.StringIO(), stderr=err)
    assert f"{path}: " in err.getvalue() and "compressed" in err.getvalue()
    assert not Contribution.objects.exists() and not DataRelease.objects.exists()


@pytest.mark.parametrize("at", [40, 700, 2900])
def test_a_bad_byte_far_into_a_file_is_reported_on_its_own_line_and_field(tmp_path, at):
    rows = _many_rows(3000)
    rows[at - 2] = un_line(date=rows[at - 2][:10], printed="Viet\udcffNam")  # placeholder, bytes below
    raw = "\n".join([UN_HEADER, *rows]).encode("utf-8", errors="surrogateescape") + b"\n"
    path = tmp_path / "latin1.csv"
    path.write_bytes(raw)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_contributions", str(path), stdout=io.StringIO(), stderr=err)
    assert f"line {at}, field contributor_as_printed: not UTF-8 text (byte 0xff)" in err.getvalue()
    assert not Contribution.objects.exists() and not DataRelease.objects.exists()


def test_country_names_are_not_created_from_a_rejected_row(tmp_path):
    path = write_csv(tmp_path / "names.csv", UN_HEADER, un_line(name="N" * 121))
    summary = services.contributions_import(path=path)
    assert summary.created == 0 and summary.rejected == 1
    assert not Country.objects.filter(iso3="VNM").exists()


def test_the_length_limits_are_the_models():
    from apps.deployments.models import Contribution

    def length(model, name):
        return model._meta.get_field(name).max_length

    assert importers.NAME_LENGTH == length(Country, "name") == length(CountryAlias, "name")
    assert importers.NAME_LENGTH == length(Contribution, "country_as_printed")
    assert importers.MISSION_LENGTH == length(Mission, "acronym")
    assert importers.FLAGS_LENGTH == length(Contribution, "quality_flags")
    assert importers.DOCUMENT_LENGTH == length(Contribution, "source_document")


def test_a_row_the_database_still_refuses_is_a_clear_message_not_a_traceback(tmp_path, monkeypatch, un_file):
    # Defence in depth: should a value slip past the checks, the database's refusal is reported per file.
    from django.db import DataError

    original = services._Resolver.records

    def refuse(self, rows):
        raise DataError("value too long for type character varying(20)")

    monkeypatch.setattr(services._Resolver, "records", refuse)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_contributions", str(un_file), stdout=io.StringIO(), stderr=err)
    assert f"{un_file}: the database refused a row" in err.getvalue()
    assert "nothing from this file was kept" in err.getvalue()
    monkeypatch.setattr(services._Resolver, "records", original)
    assert not Contribution.objects.exists() and not DataRelease.objects.exists()
