"""Static files storage: hashed, compressed names in production, plain names wherever no manifest exists yet."""

from __future__ import annotations

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's manifest storage (gzip + brotli copies, content-hashed names served with a ten-year cache).

    Before any collectstatic (the test suite, a fresh checkout with DEBUG off) there is no manifest, and the
    manifest storage would fail every {% static %}: those names fall back to the plain URL, which whitenoise serves
    from the finders when WHITENOISE_USE_FINDERS is on. After collectstatic every name is hashed.
    """

    def url(self, name: str | None, force: bool = False) -> str:
        try:
            return super().url(name, force)
        except ValueError:
            return StaticFilesStorage.url(self, name)
