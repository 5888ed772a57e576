#!/usr/bin/env bash
# The embedded default: a virtual environment, SQLite, Celery tasks inline, the official data loaded once.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e .
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py firstrun
exec .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
