"""gunicorn settings for every production start (README, Dockerfile, docker-compose.yml): `gunicorn -c
deploy/gunicorn.conf.py config.wsgi`. Knobs from the environment: WEB_BIND, WEB_WORKERS, WEB_THREADS, WEB_TIMEOUT.

Threaded workers (gthread): with sync workers, two clients that open a connection and never finish their headers
(or two long CSV exports) held both workers and every other request waited (issue 16). With threads, a slow
request holds one thread of WEB_WORKERS x WEB_THREADS. nginx in front (deploy/nginx.conf) is the real guard against
slow clients: it reads whole requests before passing them on and takes responses as fast as the app writes them.
"""

from __future__ import annotations

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")  # behind nginx on the same host; compose binds 0.0.0.0
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Idle keep-alive connections are closed quickly: each one is watched by a worker's event loop.
keepalive = 5
# A request line or header block longer than these is refused (400) before any thread takes it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
