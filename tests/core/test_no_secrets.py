"""No secret in the repository: tracked (and about-to-be-tracked) files hold no private key, cloud or service
token, or literal password in settings; local credentials and databases are ignored; the secret key is never a
literal outside local DEBUG runs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import missing

REPO = Path(__file__).resolve().parents[2]

# Built from pieces so this file does not match itself.
PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE" + r" KEY(?: BLOCK)?-----")
TOKENS = {
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"(?i)aws_?secret_?access_?key\s*[=:]\s*['\"]?[A-Za-z0-9/+=]{40}"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe live key": re.compile(r"\b[sr]k_live_[0-9A-Za-z]{16,}"),
    "URL with a password": re.compile(
        r"\b(?:postgres(?:ql)?|mysql|redis|amqp)://[^:/\s'\"]+:(?!peacekeeping@)[^@\s'\"$]+@"
    ),
}
# A password, secret or token setting given a value: KEY = "value" / KEY: value / KEY=value (not inside ${...}).
SECRET_SETTING = re.compile(
    r"(?i)(?<![{$\w])[A-Z_]*(?:PASSWORD|SECRET|SECRET_KEY|API_KEY|TOKEN)\b\s*[=:]\s*(['\"][^'\"]*['\"]|\$\{[^}]*\}|[^\s#]+)"
)
COMPOSE_DEFAULT = re.compile(r"^\$\{[A-Z_]+:-(.*)\}$")
# Local defaults that are not secrets: compose's database on the compose network only (no published port).
ALLOWED_LITERALS = {"docker-compose.yml": {"peacekeeping"}}


def _literal(value: str, *, python: bool) -> str | None:
    """The literal secret in a setting's value, or None when it comes from the environment or code."""
    value = value.strip().rstrip(",")
    default = COMPOSE_DEFAULT.match(value)
    if default:
        return default.group(1) or None  # ${VAR:-literal}: the default is a literal
    if value.startswith("${"):
        return None  # ${VAR} or ${VAR:?message}: required from the environment
    if value[:1] in "'\"":
        value = value[1:-1]  # a quoted string is a literal, unless it is a shell variable
        return None if not value or value.startswith("$") else value
    if python and (value.startswith(("os.environ", "env_", "secrets.", "get_random")) or value.isidentifier()):
        return None  # read from the environment, or assigned from a name
    if value.startswith("$"):
        return None  # a shell variable
    return value


VENDORED = ("static/vendor/",)


def _git_files() -> list[str]:
    try:
        tracked = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        missing(f"needs a git checkout with git installed: {exc}")
    return sorted({name for name in tracked.decode().split("\0") if name and (REPO / name).is_file()})


@pytest.fixture(scope="module")
def files() -> list[str]:
    return _git_files()


def _text(name: str) -> str | None:
    data = (REPO / name).read_bytes()
    if b"\0" in data[:8192]:
        return None  # binary (compressed data snapshot)
    return data.decode("utf-8", errors="replace")


def test_no_private_keys_or_service_tokens_in_the_repository(files):
    found = []
    scanned = 0
    for name in files:
        text = _text(name)
        if text is None:
            continue
        scanned += 1
        if PRIVATE_KEY.search(text):
            found.append((name, "private key"))
        for label, pattern in TOKENS.items():
            for match in pattern.finditer(text):
                found.append((name, label, match.group(0)[:12] + "…"))
    assert scanned > 50, "the scan saw almost nothing: is this the repository?"
    assert found == []


def test_no_literal_passwords_or_secrets_in_settings_and_deployment_files(files):
    candidates = [
        n
        for n in files
        if not n.startswith(("tests/", *VENDORED))
        and (n.startswith("config/") or n.endswith((".yml", ".yaml", ".toml", ".ini", ".cfg", ".env", "Dockerfile")))
        or n in (".env.example", ".ci/run", "Makefile")
        or n.startswith("scripts/")
    ]
    assert "config/settings.py" in candidates
    found = []
    for name in candidates:
        text = _text(name) or ""
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            for match in SECRET_SETTING.finditer(line):
                literal = _literal(match.group(1), python=name.endswith(".py"))
                if literal is None or literal in ALLOWED_LITERALS.get(name, set()):
                    continue
                if literal == "django-insecure-local-development-only":
                    continue  # the DEBUG-only fallback (see the test below)
                found.append(f"{name}:{lineno}: {line.strip()[:100]}")
    assert found == []


@pytest.mark.parametrize(
    ("line", "python", "literal"),
    [
        ('DB_PASSWORD = "hunter2"', True, "hunter2"),
        ("API_TOKEN=abc123", False, "abc123"),
        ("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-s3cret}", False, "s3cret"),
        ("DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?set it}", False, None),
        ('SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")', True, None),
        ("password = password_from_vault", True, None),
        ('PGPASSWORD="$PASSWORD" psql', False, None),
    ],
)
def test_the_literal_detector_itself(line, python, literal):
    """The scan above finds nothing; this shows it would find something."""
    match = next(SECRET_SETTING.finditer(line))
    assert _literal(match.group(1), python=python) == literal


@pytest.mark.parametrize("name", [".local-admin", ".env", "db.sqlite3"])
def test_local_credentials_and_databases_are_ignored_not_tracked(files, name):
    assert name not in files
    ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=REPO, timeout=60)
    assert ignored.returncode == 0, f"{name} is not in .gitignore"


def test_the_secret_key_is_never_a_literal_outside_local_debug_runs():
    source = (REPO / "config" / "settings.py").read_text()
    literals = re.findall(r"^(\s*)SECRET_KEY\s*=\s*['\"]([^'\"]*)['\"]", source, flags=re.M)
    # The only literal is the development fallback, indented under the "not set" branch that raises without DEBUG.
    assert [value for _, value in literals] == ["django-insecure-local-development-only"]
    assert all(indent for indent, _ in literals)
    assert 'raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")' in source
    compose = (REPO / "docker-compose.yml").read_text()
    assert "DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?" in compose  # compose refuses to start without one
    assert re.search(r"^DJANGO_SECRET_KEY=\s*(#|$)", (REPO / ".env.example").read_text(), flags=re.M)
