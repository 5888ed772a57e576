# The verbs people type. The embedded default needs no services; see README for PostgreSQL + Redis.
.PHONY: run test lint format migrate bench worker beat check

run:
	./scripts/run-local.sh

test:
	./scripts/test.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python manage.py makemigrations --check --dry-run

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

migrate:
	.venv/bin/python manage.py migrate

worker:
	.venv/bin/celery -A config worker -l info

beat:
	.venv/bin/celery -A config beat -l info

bench:
	for script in bench/*.py; do .venv/bin/python $$script || exit 1; done

check:
	.venv/bin/python manage.py check
