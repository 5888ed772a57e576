"""Parsing and validation, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.deployments import importers
from tests.deployments.conftest import UN_HEADER, gzip_copy, write_csv


def test_each_layout_is_recognised_by_its_header(un_file, ipi_file, hub_file):
    assert importers.read_rows(un_file).layout == importers.UN_MONTHLY
    assert importers.read_rows(ipi_file).layout == importers.IPI_LONG
    assert importers.read_rows(hub_file).layout == importers.DATA_HUB


def test_wrong_columns_are_a_layout_error_naming_what_is_missing(tmp_path):
    path = write_csv(tmp_path / "x.csv", "date,country,mission,women,men", "2023-01-31,VNM,UNISFA,1,2")
    with pytest.raises(importers.LayoutError, match="also needs"):
        importers.read_rows(path)


def test_an_empty_file_is_a_layout_error(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(importers.LayoutError, match="empty"):
        importers.read_rows(tmp_path / "empty.csv")


def test_un_rows_become_first_of_month_with_mission_and_gender(un_file):
    rows = importers.read_rows(un_file).rows
    first = rows[0]
    assert (first.iso3, first.mission, first.personnel_type, first.month) == (
        "VNM",
        "UNISFA",
        "troops",
        dt.date(2023, 1, 1),
    )
    assert (first.female, first.male, first.total, first.country_as_printed) == (5, 40, 45, "Vietnam")
    no_mission = rows[3]
    assert no_mission.mission is None and no_mission.quality_flags == "no_mission_breakdown_in_source"
    garbled = rows[4]
    assert (garbled.female, garbled.male, garbled.total) == (None, None, 4)


def test_data_hub_total_is_female_plus_male_and_dates_in_three_formats(hub_file):
    rows = importers.read_rows(hub_file).rows
    assert [r.total for r in rows] == [46, 4, 60, 3]
    assert {r.month for r in rows} == {dt.date(2024, 5, 1)}
    assert rows[0].source_document == "contribution_id 1001"


BAD_LINES = [
    ("2023-01-31,UNISFA,Nowhere,XXX,Nowhere,Troops,Troops,1,2,3,a.pdf,", "unknown country code 'XXX'"),
    ("2023-01-31,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,-1,2,1,a.pdf,", "female is negative (-1)"),
    ("2023-01-31,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,one,2,3,a.pdf,", "female is not a whole number ('one')"),
    ("2023-01-31,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,1,2,4,a.pdf,", "female 1 + male 2 ≠ total 4"),
    ("2023-01-31,UNISFA,Viet Nam,VNM,Viet Nam,Cooks,Cooks,1,2,3,a.pdf,", "unknown personnel type 'Cooks'"),
    ("2023-13-31,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,1,2,3,a.pdf,", "unparsable date '2023-13-31'"),
    ("2023-01-31,UNISFA,Viet Nam,VNM", "expected 12 fields, found 4"),
    (
        "2023-01-31,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,1,,3,a.pdf,",
        "female and male must both be given or both be empty",
    ),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_a_bad_row_is_rejected_with_its_line_number_and_reason(tmp_path, line, reason):
    good = "2023-01-31,UNMISS,Japan,JPN,Japan,Troops,Troops,1,2,3,a.pdf,"
    path = write_csv(tmp_path / "bad.csv", UN_HEADER, good, line, good.replace("Troops,Troops", "Staff Officer,Staff"))
    parsed = importers.read_rows(path)
    assert [(r.line, r.reason[: len(reason)]) for r in parsed.rejections] == [(3, reason)]
    assert len(parsed.rows) == 2 and parsed.rows_read == 3


def test_a_repeated_key_in_one_file_is_rejected_as_a_duplicate(tmp_path):
    good = "2023-01-31,UNMISS,Japan,JPN,Japan,Troops,Troops,1,2,3,a.pdf,"
    parsed = importers.read_rows(write_csv(tmp_path / "dup.csv", UN_HEADER, good, good))
    assert [(r.line, r.reason[:20]) for r in parsed.rejections] == [(3, "duplicate of line 2 ")]


def test_gzip_is_read_transparently_and_hashes_like_the_plain_file(un_file, tmp_path):
    gz = gzip_copy(un_file, tmp_path / "un.csv.gz")
    assert importers.read_rows(gz).rows == importers.read_rows(un_file).rows
    assert importers.file_sha256(gz) == importers.file_sha256(un_file)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2023-01-31", dt.date(2023, 1, 1)),
        ("31-Jan-22", dt.date(2022, 1, 1)),
        ("28-Feb-2021", dt.date(2021, 2, 1)),
        ("2024-05-31T00:00:00", dt.date(2024, 5, 1)),
    ],
)
def test_month_formats(text, month):
    assert importers.parse_month(text) == month


@pytest.mark.parametrize("text", ["", "01/31/2023", "2023-02-30", "Jan 2023", "2023-01-31x"])
def test_unparsable_months(text):
    with pytest.raises(importers.RowError):
        importers.parse_month(text)
