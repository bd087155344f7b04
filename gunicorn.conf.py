"""gunicorn settings for the dashboard: `gunicorn -c gunicorn.conf.py wsgi:application`.

Loopback by default, as `python app.py`: put a reverse proxy (nginx, with TLS) in front to serve
a network, or set XK_BIND (e.g. 0.0.0.0:8050) knowingly. Each worker loads the dataset and
caches merged uploads itself; XK_WORKERS sets how many (default 4).
"""
import os

bind = os.environ.get("XK_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("XK_WORKERS", "4"))
worker_class = "sync"
# Reading a workbook is bounded to 15 s (dashboard.data.importers.xlsx_safety); a request still
# running after this is killed with its worker, which gunicorn replaces.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow growth (caches of merged uploads) accumulates.
max_requests = 2000
max_requests_jitter = 200
# Dash links carry the view in the query (at most 2,000 characters are read): refuse longer
# request lines and floods of header fields before the app sees them.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
