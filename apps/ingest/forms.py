"""The curators' "Add articles" form: a file upload or pasted text."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings

UPLOAD_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson")


class AddArticlesForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text="A .txt or .html article, or a .json/.jsonl batch ({url, title, text} per article).",
    )
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https", help_text="The article's address.")
    title = forms.CharField(required=False, max_length=1000)
    published = forms.CharField(required=False, max_length=100, help_text="YYYY-MM-DD, if known.")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 16, "cols": 100}))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(f"Upload one of: {', '.join(UPLOAD_SUFFIXES)}.")
        if upload.size > settings.INGEST_MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {settings.INGEST_MAX_BYTES} bytes.")
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip() and not data.get("url"):
            raise forms.ValidationError("Upload a file, paste a text, or give a URL to fetch.")
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError("Either upload a file or paste a text, not both.")
        return data
