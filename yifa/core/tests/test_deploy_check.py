"""With DEBUG off, Django's deployment checklist is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_when_debug_is_off(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"YIFA_HTTPS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DEBUG="0", SECRET_KEY="x" * 20 + "-deploy-check-key-with-enough-entropy-9f8e7d6c5b4a",
               YIFA_VAR_DIR=str(tmp_path), ALLOWED_HOSTS="fzzf.example.gov.cn")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
