FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
# collectstatic at build: the image alone serves its static files with DEBUG off (whitenoise, hashed names).
# DEBUG=1 only so that this one command needs no secret key (it writes the same files either way); compose runs
# collectstatic again at start, into the volume nginx serves.
RUN pip install --no-cache-dir -e . && DJANGO_DEBUG=1 python manage.py collectstatic --no-input -v 0
ENV WEB_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"]
