"""The import streams a file in chunks (issue 7, memory): results do not depend on the chunk size."""

from __future__ import annotations

import random

import pytest

from apps.deployments import importers, services
from apps.deployments.models import Contribution, ContributionChange, DataRelease
from tests.deployments.conftest import UN_HEADER, write_csv

TYPES = ["Troops", "Staff Officer", "Experts on Mission", "Individual Police", "Formed Police Units"]
COUNTRIES = ["VNM", "GHA", "JPN", "NPL", "IND", "BGD", "RWA"]
MISSIONS = ["UNISFA", "UNMISS", "UNIFIL", ""]


def _line(month: int, iso3: str, mission: str, ptype: str, female: int, male: int) -> str:
    return (
        f"2022-{month:02d}-28,{mission},{iso3} name,{iso3},{iso3} printed,{ptype},{ptype},"
        f"{female},{male},{female + male},p{month}.pdf,"
    )


def _file(tmp_path, name: str, *, seed: int, bad_every: int = 0) -> tuple:
    """A file of random rows: some repeat an earlier key (far back too, across chunks), some are bad."""
    rng = random.Random(seed)
    keys = [(m, c, mi, t) for m in range(1, 13) for c in COUNTRIES for mi in MISSIONS for t in TYPES]
    rng.shuffle(keys)
    lines, firsts, expected = [], {}, []
    for key in keys[:300] + rng.sample(keys[:300], 40):
        line_no = len(lines) + 2
        if bad_every and line_no % bad_every == 0:
            lines.append(_line(*key, 1, 1).replace(",1,1,2,", ",x,1,2,"))
            expected.append((line_no, "bad"))
            continue
        lines.append(_line(*key, rng.randint(0, 9), rng.randint(1, 99)))
        if key in firsts:
            expected.append((line_no, f"duplicate of line {firsts[key]} (same country, mission, type, month)"))
        else:
            firsts[key] = line_no
    return write_csv(tmp_path / name, UN_HEADER, *lines), expected, len(firsts)


def test_seen_keys_agree_with_a_dict_across_chunks():
    rng = random.Random(7)
    seen, naive = importers.SeenKeys(), {}
    line = 1
    for _ in range(40):
        size = rng.choice([0, 1, 5, 50, 300])
        keys = [rng.randrange(2_000) << 16 for _ in range(size)]
        lines = list(range(line, line + size))
        line += size
        got = seen.add(keys, lines).tolist()
        want = []
        for key, ln in zip(keys, lines, strict=True):
            want.append(naive.get(key, 0))
            naive.setdefault(key, ln)
        assert got == want
    assert len(seen) == len(naive) and seen.nbytes == 12 * len(naive)
    assert len(seen._runs) <= 12  # binary-counter merging keeps the runs few


def test_chunks_hold_at_most_chunk_rows_and_rejections_stay_in_line_order(tmp_path):
    path, expected, distinct = _file(tmp_path, "f.csv", seed=1, bad_every=17)
    with importers.RowStream(path, chunk_rows=7) as stream:
        sizes = [len(chunk) for chunk in stream.chunks()]
    assert max(sizes) <= 7 and sum(sizes) == distinct
    got = [(r.line, "bad" if "whole number" in r.reason else r.reason) for r in stream.rejections]
    assert got == expected
    assert stream.rows_read == 340 and len(stream.seen) == distinct


@pytest.mark.django_db
@pytest.mark.parametrize("chunk_rows", [3, 64, importers.CHUNK_ROWS])
def test_the_import_gives_the_same_result_whatever_the_chunk_size(tmp_path, chunk_rows):
    path, expected, distinct = _file(tmp_path, "first.csv", seed=2, bad_every=23)
    summary = services.contributions_import(path=path, chunk_rows=chunk_rows)
    assert (summary.created, summary.updated, summary.unchanged) == (distinct, 0, 0)
    assert [r.line for r in summary.rejections] == [line for line, _ in expected]
    assert Contribution.objects.count() == distinct
    release = DataRelease.objects.get()
    assert (release.created, release.rejected, release.rows_read) == (distinct, len(expected), 340)

    again = services.contributions_import(path=path, chunk_rows=chunk_rows)
    assert (again.created, again.updated, again.unchanged, again.already_imported) == (0, 0, distinct, True)
    assert DataRelease.objects.count() == 1

    # A revision: every tenth stored row gets one more woman (and total), and one new row is added.
    text = path.read_text().splitlines()
    revised, changed = [text[0]], 0
    for n, line in enumerate(text[1:], start=2):
        fields = line.split(",")
        if n % 10 == 0 and len(fields) == 12 and fields[7].isdigit() and n not in {ln for ln, _ in expected}:
            fields[7], fields[9] = str(int(fields[7]) + 1), str(int(fields[9]) + 1)
            changed += 1
        revised.append(",".join(fields))
    revised.append("2021-06-30,UNMISS,Ghana,GHA,Ghana,Troops,Troops,1,1,2,n.pdf,")
    newer = tmp_path / "revised.csv"
    newer.write_text("\n".join(revised) + "\n")
    summary = services.contributions_import(path=newer, chunk_rows=chunk_rows)
    assert (summary.created, summary.updated, summary.unchanged) == (1, changed, distinct - changed)
    assert ContributionChange.objects.filter(release_id=summary.release_id).count() == changed
    assert all(
        set(c.changes) == {"female", "total"} and c.changes["female"][1] == c.changes["female"][0] + 1
        for c in ContributionChange.objects.all()
    )
    assert Contribution.objects.filter(release_id=summary.release_id).count() == changed + 1


@pytest.mark.django_db
def test_a_failure_in_a_late_chunk_keeps_nothing_from_the_earlier_ones(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "f.csv", UN_HEADER, *(_line(m, "VNM", "UNISFA", "Troops", 1, 2) for m in range(1, 13)))
    calls = {"n": 0}
    original = services._Resolver.records

    def failing(self, rows):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("boom in chunk 3")
        return original(self, rows)

    monkeypatch.setattr(services._Resolver, "records", failing)
    with pytest.raises(RuntimeError, match="chunk 3"):
        services.contributions_import(path=path, chunk_rows=4)
    assert not Contribution.objects.exists() and not DataRelease.objects.exists()
