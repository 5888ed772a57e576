"""export_curated / import_curated: curated work survives a rebuild where the same articles are ingested again."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.curation.services import claim_accept, claim_reject
from apps.ingest.models import Article, Claim, ClaimSource, Story
from apps.ingest.services import article_ingest, article_process
from tests.curation.factories import CountryFactory, MissionFactory, curator

pytestmark = pytest.mark.django_db
A = (
    "Ghana has sent 140 peacekeepers, including 26 women, to the United Nations mission in South Sudan on "
    "Tuesday, the armed forces said. The engineers will repair roads near Malakal for twelve months."
)
B = (
    "Nepal has sent 160 peacekeepers, including 40 women, to the United Nations mission in the Central African "
    "Republic, the army said on Monday. The battalion will patrol roads near Bangui for twelve months."
)


def _ingest_all() -> None:
    for url, text in (("https://a.example.org/1", A), ("https://b.example.org/2", B)):
        article = article_ingest(url=url, text=text, via="command").article
        article_process(article_id=article.pk)
    assert Article.objects.filter(status=Article.Status.PROCESSED).count() == 2


def _snapshot() -> dict:
    """What must survive, in database-independent terms."""
    figures = []
    for fig in ReportedFigure.objects.order_by("personnel_total"):
        figures.append(
            {
                "country": fig.country.iso3,
                "missions": sorted(fig.missions.values_list("acronym", flat=True)),
                "numbers": (fig.unit, fig.personnel_total, fig.women, fig.women_percent, fig.scope, fig.note),
                "created": (fig.created_by.username, fig.created_at),
                "sources": [
                    (s.article.url, s.claim.fingerprint, s.quote, s.start, s.end, s.added_by.username)
                    for s in fig.sources.order_by("article__url")
                ],
                "history": [
                    (h.history_type, h.history_date, h.history_user.username, h.unit, h.note, h.personnel_total)
                    for h in fig.history.order_by("history_date", "history_id")
                ],
            }
        )
    claims = sorted(
        (
            c.article.url,
            c.fingerprint,
            c.review_state,
            getattr(c.reviewed_by, "username", None),
            c.reviewed_at,
            c.review_note,
        )
        for c in Claim.objects.select_related("article", "reviewed_by")
    )
    return {"figures": figures, "claims": claims}


def _wipe_curated_and_ingested() -> None:
    """A fresh database as far as curation goes: the rows (and their ids) are gone."""
    ReportedFigure.history.model.objects.all().delete()
    ReportedFigureSource.history.model.objects.all().delete()
    ReportedFigureSource.objects.all().delete()
    ReportedFigure.objects.all().delete()
    ClaimSource.objects.all().delete()
    Claim.objects.all().delete()
    Article.objects.all().delete()
    Story.objects.all().delete()


def test_curated_data_round_trips_through_export_and_import(tmp_path):
    CountryFactory(iso3="GHA", name="Ghana")
    CountryFactory(iso3="NPL", name="Nepal")
    MissionFactory(acronym="UNMISS", name="United Nations Mission in South Sudan")
    desk, lead = curator("desk"), curator("lead")
    _ingest_all()
    ghana = Claim.objects.get(personnel_total=140)
    nepal = Claim.objects.get(personnel_total=160)
    figure = claim_accept(claim=ghana, user=desk, edits={"unit": "engineering company"})
    figure.note = "Checked against the ministry's release."
    figure._history_user = lead
    figure.save()
    claim_reject(claim=nepal, user=lead, reason="A plan, not a deployment.")
    before = _snapshot()
    assert len(before["figures"]) == 1 and len(before["figures"][0]["history"]) >= 2
    old_ids = set(Claim.objects.values_list("pk", flat=True))

    path = tmp_path / "curated.json"
    out = io.StringIO()
    call_command("export_curated", str(path), stdout=out)
    assert "exported 1 reported figures and 2 claim decisions" in out.getvalue()
    exported = json.loads(path.read_text())
    assert "pk" not in json.dumps(exported) and exported["figures"][0]["sources"][0]["claim"]["fingerprint"]

    _wipe_curated_and_ingested()
    _ingest_all()  # the same articles again: new ids, same content hashes, same fingerprints
    assert not set(Claim.objects.values_list("pk", flat=True)) & old_ids
    assert not ReportedFigure.objects.exists()

    out = io.StringIO()
    call_command("import_curated", str(path), stdout=out)
    assert "not restored" not in out.getvalue(), out.getvalue()
    assert _snapshot() == before

    # Importing again adds nothing.
    out = io.StringIO()
    call_command("import_curated", str(path), stdout=out)
    assert "figures 0, figures already present 1" in out.getvalue()
    assert _snapshot() == before


def test_import_reports_what_it_cannot_place_and_refuses_a_foreign_file(tmp_path):
    CountryFactory(iso3="GHA", name="Ghana")
    desk = curator("desk")
    _ingest_all()
    claim_accept(claim=Claim.objects.get(personnel_total=140), user=desk)
    path = tmp_path / "curated.json"
    call_command("export_curated", str(path), stdout=io.StringIO())
    _wipe_curated_and_ingested()  # and the articles are not ingested again

    out = io.StringIO()
    call_command("import_curated", str(path), stdout=out)
    assert "not restored: article not found: https://a.example.org/1" in out.getvalue()
    assert not ReportedFigure.objects.exists()

    other = tmp_path / "other.json"
    other.write_text(json.dumps({"something": "else"}))
    with pytest.raises(Exception, match="not a curated-data export"):
        call_command("import_curated", str(other), stdout=io.StringIO())
