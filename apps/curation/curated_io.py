"""Export and import of curated data (reported figures with sources, claim decisions, history) by natural keys.

Articles are matched by content hash, then canonical URL; claims by their article's story and fingerprint;
people by username; countries, missions and categories by their codes. Database ids never leave the file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.deployments.models import Country, Mission, TargetCategory
from apps.ingest.models import Article, Claim

FORMAT = "peacekeeping-curated/1"
FIGURE_FIELDS = ("unit", "personnel_total", "women", "women_percent", "scope", "as_of", "as_of_precision", "note")
DECIDED = (Claim.Review.ACCEPTED, Claim.Review.REJECTED, Claim.Review.EDITED)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _user(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _article_key(article: Article) -> dict[str, Any]:
    return {"content_hash": article.content_hash, "url": article.url}


def _claim_key(claim: Claim) -> dict[str, Any]:
    return {"article": _article_key(claim.article), "fingerprint": claim.fingerprint}


def _figure_values(obj: Any) -> dict[str, Any]:
    return {
        **{f: _plain(getattr(obj, f)) for f in FIGURE_FIELDS},
        "country": obj.country.iso3 if obj.country_id else None,
        "target_category": obj.target_category.code if obj.target_category_id else None,
        "created_by": _user(obj.created_by),
        "created_at": _plain(obj.created_at),
    }


def curated_export() -> dict[str, Any]:
    """Every claim decision and reported figure (with sources and history) as a JSON-ready dict."""
    claims = [
        {
            **_claim_key(c),
            "review_state": c.review_state,
            "reviewed_by": _user(c.reviewed_by),
            "reviewed_at": _plain(c.reviewed_at),
            "review_note": c.review_note,
        }
        for c in Claim.objects.filter(review_state__in=DECIDED).select_related("article", "reviewed_by").order_by("pk")
    ]
    figures = []
    for fig in ReportedFigure.objects.select_related("country", "target_category", "created_by").order_by("pk"):
        figures.append(
            {
                **_figure_values(fig),
                "missions": sorted(fig.missions.values_list("acronym", flat=True)),
                "sources": [
                    {
                        "article": _article_key(s.article),
                        "claim": _claim_key(s.claim),
                        "quote": s.quote,
                        "start": s.start,
                        "end": s.end,
                        "added_by": _user(s.added_by),
                        "added_at": _plain(s.added_at),
                    }
                    for s in fig.sources.select_related("article", "claim__article", "added_by").order_by("pk")
                ],
                "history": [
                    {
                        **_figure_values(h),
                        "history_date": _plain(h.history_date),
                        "history_type": h.history_type,
                        "history_user": _user(h.history_user),
                        "history_change_reason": h.history_change_reason,
                    }
                    for h in fig.history.select_related(
                        "country", "target_category", "created_by", "history_user"
                    ).order_by("history_date", "history_id")
                ],
            }
        )
    return {"format": FORMAT, "claims": claims, "figures": figures}


class _Resolver:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self._users: dict[str, Any] = {}

    def user(self, username: str | None) -> Any:
        if not username:
            return None
        if username not in self._users:
            # Attribution survives: a curator missing here is kept as an inactive account that cannot log in.
            user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_active": False})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self._users[username] = user
        return self._users[username]

    def article(self, key: dict[str, Any]) -> Article | None:
        found = None
        if key.get("content_hash"):
            found = Article.objects.filter(content_hash=key["content_hash"]).first()
        if found is None and key.get("url"):
            found = Article.objects.filter(url=key["url"]).first()
        if found is None:
            self.problems.append(f"article not found: {key.get('url') or key.get('content_hash')}")
        return found

    def claim(self, key: dict[str, Any]) -> Claim | None:
        article = self.article(key["article"])
        if article is None:
            return None
        found = Claim.objects.filter(story_id=article.story_id, fingerprint=key["fingerprint"]).first()
        if found is None:
            self.problems.append(f"claim not found: {key['fingerprint']} in {key['article'].get('url')}")
        return found


def _figure_fields(data: dict[str, Any], resolve: _Resolver) -> dict[str, Any]:
    values: dict[str, Any] = {f: data.get(f) for f in FIGURE_FIELDS}
    values["as_of"] = parse_date(data["as_of"]) if data.get("as_of") else None
    values["women_percent"] = Decimal(data["women_percent"]) if data.get("women_percent") is not None else None
    values["note"] = data.get("note") or ""
    values["country"] = Country.objects.filter(iso3=data.get("country")).first()
    values["target_category"] = TargetCategory.objects.filter(code=data.get("target_category")).first()
    values["created_by"] = resolve.user(data.get("created_by"))
    return values


@transaction.atomic
def curated_import(payload: dict[str, Any]) -> dict[str, Any]:
    """Re-apply an export on a database where the same articles were ingested; running it twice adds nothing."""
    if payload.get("format") != FORMAT:
        raise ValueError(f"not a curated-data export (format {payload.get('format')!r}, expected {FORMAT!r})")
    resolve = _Resolver()
    counts = {"claims": 0, "figures": 0, "figures already present": 0, "sources": 0, "history": 0}
    for item in payload.get("claims", []):
        claim = resolve.claim(item)
        if claim is None:
            continue
        Claim.objects.filter(pk=claim.pk).update(
            review_state=item["review_state"],
            reviewed_by=resolve.user(item.get("reviewed_by")),
            reviewed_at=parse_datetime(item["reviewed_at"]) if item.get("reviewed_at") else None,
            review_note=item.get("review_note") or "",
        )
        counts["claims"] += 1
    history_model = ReportedFigure.history.model
    for data in payload.get("figures", []):
        sources = [(s, resolve.article(s["article"]), resolve.claim(s["claim"])) for s in data.get("sources", [])]
        sources = [(s, a, c) for s, a, c in sources if a is not None and c is not None]
        if not sources:
            resolve.problems.append(f"figure of {data.get('country')} skipped: none of its sources is here")
            continue
        if ReportedFigureSource.objects.filter(claim__in=[c for _, _, c in sources]).exists():
            counts["figures already present"] += 1
            continue
        values = _figure_fields(data, resolve)
        if values["country"] is None:
            resolve.problems.append(f"figure skipped: unknown country {data.get('country')!r}")
            continue
        figure = ReportedFigure.objects.create(**values)
        figure.missions.set(Mission.objects.filter(acronym__in=data.get("missions") or []))
        missing = set(data.get("missions") or []) - set(figure.missions.values_list("acronym", flat=True))
        if missing:
            resolve.problems.append(f"figure {figure.pk}: unknown missions {', '.join(sorted(missing))}")
        for s, article, claim in sources:
            ReportedFigureSource.objects.create(
                figure=figure,
                claim=claim,
                article=article,
                quote=s["quote"],
                start=s.get("start"),
                end=s.get("end"),
                added_by=resolve.user(s.get("added_by")),
            )
            counts["sources"] += 1
        # The recorded past replaces the rows the import itself just wrote; timestamps as they were.
        ReportedFigure.objects.filter(pk=figure.pk).update(
            created_at=parse_datetime(data["created_at"]) if data.get("created_at") else figure.created_at
        )
        figure.history.all().delete()
        for h in data.get("history", []):
            fields = _figure_fields(h, resolve)
            history_model.objects.create(
                id=figure.pk,
                **{k: v for k, v in fields.items() if k != "created_by"},
                created_by=fields["created_by"],
                created_at=parse_datetime(h["created_at"]) if h.get("created_at") else figure.created_at,
                updated_at=parse_datetime(h["history_date"]),
                history_date=parse_datetime(h["history_date"]),
                history_type=h["history_type"],
                history_user=resolve.user(h.get("history_user")),
                history_change_reason=h.get("history_change_reason"),
            )
            counts["history"] += 1
        counts["figures"] += 1
    return {"counts": counts, "problems": resolve.problems}
