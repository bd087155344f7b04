"""The WSGI entry point for a production server:

    gunicorn -c gunicorn.conf.py wsgi:application

`application` is the Flask server of the Dash app. The data folder comes from XK_DATA_DIR
(default: the bundled data/); host and port are the WSGI server's (gunicorn.conf.py).
"""
from __future__ import annotations

import os
from pathlib import Path

from app import create_app
from dashboard.config import Settings

_settings = Settings(data_dir=Path(os.environ.get("XK_DATA_DIR", Settings.data_dir)))
application = create_app(_settings).server
