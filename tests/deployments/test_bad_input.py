"""Bad CSV input (issue 8): every kind of bad row is reported with its file, line and reason, nothing crashes,
and the good rows of the same file still land. The files are written here, in tmp_path."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from apps.deployments import importers, services
from apps.deployments.models import Contribution, DataRelease, Mission
from tests.deployments.conftest import UN_HEADER, write_csv

pytestmark = pytest.mark.django_db

GOOD = "2023-01-31,UNMISS,Japan,JPN,Japan,Troops,Troops,1,2,3,a.pdf,"


def _month_end(first: dt.date) -> str:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (following - dt.timedelta(days=1)).isoformat()


THIS_MONTH = importers.current_month()
NEXT_MONTH = (THIS_MONTH.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def un_line(
    *,
    date: str = "2023-01-31",
    mission: str = "UNISFA",
    iso3: str = "VNM",
    ptype: str = "Troops",
    female: str = "5",
    male: str = "40",
    total: str = "45",
) -> str:
    return f"{date},{mission},Viet Nam,{iso3},Viet Nam,{ptype},{ptype},{female},{male},{total},a.pdf,"


# (kind, bad line, reason as reported)
BAD_ROWS = [
    ("missing field", "2023-01-31,UNISFA,Viet Nam,VNM", "expected 12 fields, found 4"),
    ("extra field", un_line() + ",extra", "expected 12 fields, found 13"),
    ("empty date", un_line(date=""), "the date is empty"),
    ("empty country code", un_line(iso3=""), "the country code is empty"),
    ("empty personnel type", un_line(ptype=""), "the personnel type is empty"),
    ("empty total", un_line(total=""), "total is empty"),
    ("only female given", un_line(male=""), "female and male must both be given or both be empty"),
    ("no counts at all", un_line(female="", male="", total=""), "total is empty"),
    ("negative count", un_line(female="-5", total="35"), "female is negative (-5)"),
    ("negative total", un_line(total="-45"), "total is negative (-45)"),
    ("non-numeric count", un_line(male="forty"), "male is not a whole number ('forty')"),
    ("decimal count", un_line(female="5.0"), "female is not a whole number ('5.0')"),
    ("female + male ≠ total", un_line(total="46"), "female 5 + male 40 ≠ total 46"),
    ("unknown country", un_line(iso3="QQQ"), "unknown country code 'QQQ'"),
    ("unknown personnel type", un_line(ptype="Cooks"), "unknown personnel type 'Cooks'"),
    ("impossible date", un_line(date="2023-02-30"), "unparsable date '2023-02-30' (expected YYYY-MM-DD or DD-Mon-YY)"),
    ("not a date", un_line(date="soon"), "unparsable date 'soon' (expected YYYY-MM-DD or DD-Mon-YY)"),
    (
        "month in the future",
        un_line(date=_month_end(NEXT_MONTH)),
        f"month {NEXT_MONTH:%Y-%m} is in the future (latest accepted: {THIS_MONTH:%Y-%m})",
    ),
    ("duplicate row", GOOD, "duplicate of line 2 (same country, mission, type, month)"),
    (
        "same key, other numbers",
        GOOD.replace(",1,2,3,", ",2,2,4,"),
        "duplicate of line 2 (same country, mission, type, month)",
    ),
]


@pytest.mark.parametrize(("kind", "line", "reason"), BAD_ROWS, ids=[kind for kind, _, _ in BAD_ROWS])
def test_a_bad_row_is_rejected_with_its_line_and_the_good_rows_land(tmp_path, kind, line, reason):
    other = GOOD.replace("Troops,Troops", "Staff Officer,Staff")
    path = write_csv(tmp_path / "bad.csv", UN_HEADER, GOOD, line, other)
    out = io.StringIO()
    summary = services.contributions_import(path=path, stdout=out)
    assert [(r.line, r.reason) for r in summary.rejections] == [(3, reason)]
    assert (summary.rows_read, summary.created, summary.rejected) == (3, 2, 1)
    assert Contribution.objects.count() == 2
    assert DataRelease.objects.get().rejections == [{"line": 3, "reason": reason}]
    report = out.getvalue()
    assert report.startswith("bad.csv: ") and f"    line 3: {reason}" in report


def test_the_current_month_is_accepted_and_the_next_one_is_not(tmp_path):
    path = write_csv(
        tmp_path / "months.csv",
        UN_HEADER,
        un_line(date=_month_end(THIS_MONTH)),
        un_line(date=_month_end(NEXT_MONTH)),
        un_line(date="2031-12-31"),
    )
    summary = services.contributions_import(path=path)
    assert summary.created == 1 and Contribution.objects.get().month == THIS_MONTH
    assert [r.line for r in summary.rejections] == [3, 4]
    assert all("is in the future" in r.reason for r in summary.rejections)


def test_future_months_are_rejected_in_the_other_layouts_too(tmp_path):
    future = _month_end(NEXT_MONTH)
    hub = write_csv(
        tmp_path / "hub.csv",
        "contribution_id,contributing_country,isocode3,mission_acronym,personnel_type,male_personnel,"
        "female_personnel,last_reporting_date",
        "1,Ghana,GHA,UNIFIL,Troops,9,1,2024-05-31",
        f"2,Ghana,GHA,UNIFIL,Staff Officer,9,1,{future}",
    )
    ipi = write_csv(
        tmp_path / "ipi.csv",
        "date,contributor,contributor_iso3,mission,personnel_type,female,male,total",
        f"{future},Ghana,GHA,UNMISS,Troops,1,9,10",
        "2014-07-31,Ghana,GHA,UNMISS,Troops,1,9,10",
    )
    assert [r.line for r in services.contributions_import(path=hub).rejections] == [3]
    assert [r.line for r in services.contributions_import(path=ipi).rejections] == [2]
    assert Contribution.objects.count() == 2


def test_an_unknown_mission_is_kept_with_a_warning_naming_its_line(tmp_path):
    # Not a rejection: the UN opens missions the reference list does not know yet, and dropping their rows
    # would lose official data. The row lands, the mission is created as 'other', the warning says where.
    path = write_csv(tmp_path / "new_mission.csv", UN_HEADER, GOOD, un_line(mission="UNNEW"))
    out = io.StringIO()
    summary = services.contributions_import(path=path, stdout=out)
    assert (summary.created, summary.rejected) == (2, 0)
    assert summary.warnings == [
        "mission 'UNNEW' (first on line 3) is not in the reference list; created with kind 'other'"
    ]
    assert Mission.objects.get(acronym="UNNEW").kind == Mission.Kind.OTHER
    assert "  warning: mission 'UNNEW' (first on line 3)" in out.getvalue()


def test_one_file_with_every_kind_of_bad_row_among_good_ones(tmp_path):
    good = [
        GOOD,
        un_line(),
        un_line(iso3="GHA", mission="UNIFIL", female="10", male="90", total="100"),
        un_line(mission="", ptype="Individual Police", female="1", male="1", total="2"),
        un_line(date=_month_end(THIS_MONTH), iso3="NPL", female="0", male="7", total="7"),
        un_line(mission="UNNEW", iso3="IND", female="", male="", total="12"),  # no gender split: allowed
    ]
    bad = [line for _, line, _ in BAD_ROWS]
    lines: list[str] = []
    expected: list[tuple[int, str]] = []
    # Good and bad interleaved, so that a bad row is never only at the end or the start.
    for i in range(max(len(good), len(bad))):
        if i < len(good):
            lines.append(good[i])
        if i < len(bad):
            lines.append(bad[i])
            expected.append((len(lines) + 1, BAD_ROWS[i][2]))
    # Both duplicates repeat GOOD, which is line 2.
    path = write_csv(tmp_path / "everything.csv", UN_HEADER, *lines)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_contributions", str(path), stdout=out, stderr=err)
    release = DataRelease.objects.get()
    assert [(r["line"], r["reason"]) for r in release.rejections] == expected
    assert release.rejected == len(bad) and release.created == len(good)
    assert release.rows_read == len(good) + len(bad)
    stored = {(c.country.iso3, c.mission.acronym if c.mission else None, c.total) for c in Contribution.objects.all()}
    assert stored == {
        ("JPN", "UNMISS", 3),
        ("VNM", "UNISFA", 45),
        ("GHA", "UNIFIL", 100),
        ("VNM", None, 2),
        ("NPL", "UNISFA", 7),
        ("IND", "UNNEW", 12),
    }
    report = out.getvalue()
    assert report.startswith("everything.csv: ")
    assert f"rejected {len(bad)}" in report
    for line, reason in expected:
        assert f"    line {line}: {reason}\n" in report


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("date,country,mission,women,men", "unrecognised columns"),
        (UN_HEADER.replace("contributor_iso3", "iso"), "also needs contributor_iso3"),
        (UN_HEADER.replace(",total,", ",sum,"), "also needs total"),
        ("", "the file is empty"),
    ],
    ids=["other columns", "renamed iso3 column", "no total column", "empty file"],
)
def test_a_file_with_wrong_columns_is_refused_whole_naming_the_file(tmp_path, un_file, header, message):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(header + ("\n" + GOOD + "\n" if header else ""), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_contributions", str(wrong), str(un_file), stdout=io.StringIO(), stderr=err)
    assert f"{wrong}: " in err.getvalue() and message in err.getvalue()
    assert Contribution.objects.count() == 5 and DataRelease.objects.get().file_name == un_file.name


def test_a_file_that_turns_unreadable_midway_keeps_nothing_and_says_where(tmp_path, un_file):
    path = tmp_path / "binary.csv"
    # Enough good rows that the bad bytes come after the first block the reader decodes.
    rows = [un_line(date=_month_end(dt.date(year, month, 1))) for year in range(1990, 2020) for month in range(1, 13)]
    path.write_bytes("\n".join([UN_HEADER, *rows, ""]).encode() + b"\xff\xfe\x00garbage\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_contributions", str(path), stdout=io.StringIO(), stderr=err)
    # The line that holds the bad bytes, not the last line decoded before them (issue 16).
    line = len(rows) + 2
    assert f"file unreadable at line {line}, field month_end: not UTF-8 text (byte 0xff)" in err.getvalue()
    assert not Contribution.objects.exists() and not DataRelease.objects.exists()


def test_a_missing_file_is_named_and_the_others_still_import(tmp_path, un_file):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_contributions", str(tmp_path / "nope.csv"), str(un_file), stdout=io.StringIO(), stderr=err)
    assert f"{tmp_path / 'nope.csv'}: no such file" in err.getvalue()
    assert Contribution.objects.count() == 5


def test_a_database_failure_mid_import_is_a_clear_message_and_the_next_file_still_imports(
    tmp_path, un_file, monkeypatch
):
    from django.db import OperationalError

    failing = write_csv(tmp_path / "first.csv", UN_HEADER, GOOD)
    original = services._Resolver.records

    def lose_connection(self, rows):
        if rows and rows[0].iso3 == "JPN":
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, rows)

    monkeypatch.setattr(services._Resolver, "records", lose_connection)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_contributions", str(failing), str(un_file), stdout=out, stderr=err)
    assert f"{failing}: database " in err.getvalue()
    assert "during import; nothing from this file was kept; run the command again" in err.getvalue()
    assert "server closed the connection unexpectedly" in err.getvalue()
    assert DataRelease.objects.get().file_name == un_file.name and Contribution.objects.count() == 5
