"""The import service and command on small fixture files: created / updated / unchanged / rejected."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from apps.deployments import services
from apps.deployments.models import Contribution, ContributionChange, Country, CountryAlias, DataRelease, Mission
from tests.deployments.conftest import UN_HEADER, write_csv

pytestmark = pytest.mark.django_db


def test_un_file_imports_every_row_with_its_provenance(un_file):
    summary = services.contributions_import(path=un_file)
    assert (summary.created, summary.updated, summary.unchanged, summary.rejected) == (5, 0, 0, 0)
    row = Contribution.objects.get(country__iso3="VNM", mission__acronym="UNISFA", month=dt.date(2023, 1, 1))
    assert (row.female, row.male, row.total) == (5, 40, 45)
    assert (row.source_file, row.source_line, row.source_document) == ("un_monthly_small.csv", 2, "fixture_2023_01.pdf")
    assert row.release.layout == DataRelease.Layout.UN_MONTHLY and row.release.created == 5
    no_mission = Contribution.objects.get(country__iso3="VNM", mission__isnull=True)
    assert no_mission.quality_flags == "no_mission_breakdown_in_source"
    assert Contribution.objects.get(month=dt.date(2020, 8, 1)).female is None


def test_countries_missions_and_as_printed_aliases_come_from_the_file_and_the_reference(un_file):
    services.contributions_import(path=un_file)
    assert Country.objects.get(iso3="VNM").name == "Viet Nam"
    assert CountryAlias.objects.get(name="United Republic").country.iso3 == "TZA"
    assert CountryAlias.objects.get(name="United Republic").source == "un_pdf"
    assert CountryAlias.objects.get(name="Vietnam").source == "un_pdf"
    assert CountryAlias.objects.get(name="Tanzania").source == "ipi"  # from reference.py
    unmiss = Mission.objects.get(acronym="UNMISS")
    assert unmiss.kind == Mission.Kind.PEACEKEEPING and "South Sudan" in unmiss.host_place_list
    assert (unmiss.first_month, unmiss.last_month) == (dt.date(2020, 8, 1), dt.date(2023, 1, 1))


def test_reimporting_the_same_file_changes_nothing_and_says_so(un_file):
    services.contributions_import(path=un_file)
    out = io.StringIO()
    summary = services.contributions_import(path=un_file, stdout=out)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 5)
    assert summary.already_imported
    assert DataRelease.objects.count() == 1
    assert "already imported" in out.getvalue() and "created 0 · updated 0" in out.getvalue()


def test_a_newer_release_updates_in_place_and_records_the_change(un_file, tmp_path):
    services.contributions_import(path=un_file)
    original = Contribution.objects.get(country__iso3="VNM", mission__acronym="UNISFA")
    text = un_file.read_text().replace("Troops,Troops,5,40,45", "Troops,Troops,6,40,46")
    newer = tmp_path / "un_revised.csv"
    newer.write_text(text + "2023-02-28,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,6,40,46,f.pdf,\n")
    summary = services.contributions_import(path=newer)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 4)
    row = Contribution.objects.get(pk=original.pk)
    assert (row.female, row.total, row.source_file) == (6, 46, "un_revised.csv")
    change = ContributionChange.objects.get(contribution=row)
    assert change.changes == {"female": [5, 6], "total": [45, 46]}
    assert change.release.file_name == "un_revised.csv" and change.release_id == row.release_id
    assert Contribution.objects.count() == 6


def test_changes_record_empty_values_and_flags_and_a_second_release_builds_on_the_first(un_file, tmp_path):
    services.contributions_import(path=un_file)
    text = un_file.read_text()
    text = text.replace(
        "Staff Officer,,,4,fixture_2020_08.pdf,gender_split_garbled_in_source", "Staff Officer,1,3,4,f.pdf,"
    )
    text = text.replace("3,7,10,fixture_2018_11.pdf,no_mission_breakdown_in_source", "3,7,10,fixture_2018_11.pdf,x")
    (tmp_path / "r2.csv").write_text(text)
    summary = services.contributions_import(path=tmp_path / "r2.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 3)
    garbled = Contribution.objects.get(month=dt.date(2020, 8, 1))
    assert (garbled.female, garbled.male, garbled.total, garbled.quality_flags) == (1, 3, 4, "")
    by_month = {c.contribution.month: c.changes for c in ContributionChange.objects.select_related("contribution")}
    assert by_month == {
        dt.date(2020, 8, 1): {
            "female": [None, 1],
            "male": [None, 3],
            "quality_flags": ["gender_split_garbled_in_source", ""],
        },
        dt.date(2018, 11, 1): {"quality_flags": ["no_mission_breakdown_in_source", "x"]},
    }
    # Back to the first file: its sha256 has a release, but the rows differ now, so it is a new release.
    again = services.contributions_import(path=un_file)
    assert (again.created, again.updated, again.already_imported) == (0, 2, False)
    assert ContributionChange.objects.count() == 4 and DataRelease.objects.count() == 3


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_still_import(tmp_path):
    path = write_csv(
        tmp_path / "mixed.csv",
        UN_HEADER,
        "2023-01-31,UNISFA,Viet Nam,VNM,Viet Nam,Troops,Troops,5,40,45,a.pdf,",
        "2023-01-31,UNISFA,Ghana,GHA,Ghana,Troops,Troops,5,40,46,a.pdf,",
        "2023-01-31,UNISFA,Nowhere,QQQ,Nowhere,Troops,Troops,1,1,2,a.pdf,",
        "2023-01-31,UNIFIL,Ghana,GHA,Ghana,Troops,Troops,10,90,100,a.pdf,",
    )
    out = io.StringIO()
    summary = services.contributions_import(path=path, stdout=out)
    assert (summary.created, summary.rejected) == (2, 2)
    release = DataRelease.objects.get()
    assert release.rejections == [
        {"line": 3, "reason": "female 5 + male 40 ≠ total 46"},
        {"line": 4, "reason": "unknown country code 'QQQ'"},
    ]
    assert "line 3: female 5 + male 40 ≠ total 46" in out.getvalue()


def test_only_the_first_20_rejections_are_printed_but_all_are_stored(tmp_path):
    bad = [f"2023-01-31,UNISFA,Ghana,GHA,Ghana,Troops,Troops,1,1,{n},a.pdf," for n in range(3, 33)]
    path = write_csv(
        tmp_path / "many.csv", UN_HEADER, "2023-01-31,UNIFIL,Ghana,GHA,Ghana,Troops,Troops,1,1,2,a.pdf,", *bad
    )
    out = io.StringIO()
    services.contributions_import(path=path, stdout=out)
    assert "first 20 of 30" in out.getvalue() and out.getvalue().count("    line ") == 20
    assert len(DataRelease.objects.get().rejections) == 30


def test_ipi_file_keeps_un_names_and_adds_ipi_spellings_as_aliases(ipi_file):
    summary = services.contributions_import(path=ipi_file)
    assert (summary.created, summary.rejected) == (4, 1)
    assert summary.rejections[0].line == 6
    assert Country.objects.get(iso3="VNM").name == "Viet Nam"
    assert Country.objects.get(iso3="MKD").name == "North Macedonia"
    assert set(CountryAlias.objects.filter(country__iso3="MKD").values_list("name", flat=True)) >= {
        "Macedonia",
        "The former Yugoslav Republic of Macedonia",
    }
    assert Contribution.objects.filter(quality_flags="staff_officers_not_reported_separately").count() == 4


def test_the_un_file_renames_a_country_first_seen_under_another_spelling(tmp_path, un_file):
    ipi = write_csv(
        tmp_path / "ipi.csv",
        "date,contributor,contributor_iso3,mission,personnel_type,female,male,total",
        "2014-07-31,Japan (old spelling),JPN,UNMISS,Troops,4,200,204",
    )
    services.contributions_import(path=ipi)
    assert Country.objects.get(iso3="JPN").name == "Japan (old spelling)"
    services.contributions_import(path=un_file)
    assert Country.objects.get(iso3="JPN").name == "Japan"
    assert CountryAlias.objects.get(name="Japan (old spelling)").country.iso3 == "JPN"


def test_data_hub_layout_imports_and_warns_about_unknown_missions(hub_file):
    summary = services.contributions_import(path=hub_file)
    assert (summary.created, summary.rejected) == (4, 0)
    assert summary.warnings == [
        "mission 'UNXYZ' (first on line 5) is not in the reference list; created with kind 'other'"
    ]
    assert Mission.objects.get(acronym="UNXYZ").kind == Mission.Kind.OTHER
    assert DataRelease.objects.get().warnings == summary.warnings
    row = Contribution.objects.get(country__iso3="GHA", personnel_type__code="formed-police-units")
    assert (row.female, row.male, row.total) == (10, 50, 60)


def test_command_imports_several_files_and_prints_a_summary(un_file, hub_file):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_contributions", str(un_file), str(hub_file), stdout=out, stderr=err)
    assert "created 5 · updated 0 · unchanged 0 · rejected 0" in out.getvalue()
    assert "created 4 · updated 0 · unchanged 0 · rejected 0" in out.getvalue()
    assert "reading" in err.getvalue()


def test_command_refuses_a_file_with_wrong_columns_and_still_imports_the_others(tmp_path, un_file):
    wrong = write_csv(tmp_path / "wrong.csv", "a,b,c", "1,2,3")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_contributions", str(wrong), str(un_file), stdout=io.StringIO(), stderr=err)
    assert "unrecognised columns" in err.getvalue()
    assert Contribution.objects.count() == 5
