"""pytest plugin loaded first (``-p yifa.testenv``): environment the test settings need.

It runs before pytest-django imports the settings, which a conftest.py would be too late for.
"""

import os

# Tests talk plain http to the test client and the live server.
os.environ.setdefault("YIFA_HTTPS", "0")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Test-only settings: fast password hashing, no fsync on the SQLite test database.
os.environ.setdefault("YIFA_TESTING", "1")
