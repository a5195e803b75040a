"""Print docs/security.md: the editorial roles' rights, one table per kind of action, generated
from the attack matrix of tests/integrity/test_attack_matrix.py (whose test asserts every cell
through the real URLs, and that docs/security.md is this script's output).

    .venv/bin/python tools/security_table.py > docs/security.md

Django is set up with the test settings (the matrix's module imports the project's models); no
database is touched.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from tests.integrity.test_attack_matrix import security_markdown  # noqa: E402

if __name__ == "__main__":
    sys.stdout.buffer.write(security_markdown().encode("utf-8"))
