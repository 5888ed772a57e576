"""The curators' desk: the claim review queue (claims), and reported figures with their history and the
discrepancies with the official data (figures). Importing the package registers both with the admin site."""

from apps.curation.admin import claims, figures  # noqa: F401
