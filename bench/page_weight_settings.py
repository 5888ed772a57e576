"""Settings for bench/page_weight.py's server: the project's, with static files collected outside the work tree."""

from __future__ import annotations

import os
from pathlib import Path

from config.settings import *  # noqa: F403

# A collected manifest in the work tree would make the test suite's pages ask for hashed names its live server
# (which serves from the finders) does not know.
STATIC_ROOT = Path(os.environ.get("PAGE_WEIGHT_STATIC_ROOT", "/tmp/page_weight_static"))
