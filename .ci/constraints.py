"""constraints.txt, the exact versions ``make install`` and ``make install-test`` install, as pins
of the environment the tests ran in (run it with the virtualenv's Python):

- ``write`` (``make constraints``): rewrites constraints.txt from the installed distributions,
  as ``pip freeze`` would (name==version, sorted), leaving out the project itself, editable
  installs, and pip's own tools (pip, setuptools, wheel), which pip freeze leaves out too;
- ``check`` (CI, after ``make install-test``): prints the lines where the environment and
  constraints.txt differ, and fails when there is one. Pins older than what was tested would
  otherwise go unnoticed: CI would test one set of versions and a deployment install another.

Names compare as PEP 503 normalises them (``Django`` = ``django``, ``typing_extensions`` =
``typing-extensions``). Only the standard library: it runs before anything else is installed.
"""

import json
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
PROJECT = "guide-des-aides-gosb"
NOT_PINNED = {"pip", "setuptools", "wheel", "distribute"}
HEADER = """\
# Exact versions for `make run` / `make test`: the pins of the environment the tests ran in,
# written by `make constraints` (.ci/constraints.py); CI fails when .venv differs from them.
# To upgrade: bump the ranges in pyproject.toml, reinstall, test, and run `make constraints`.
"""


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def is_editable(distribution):
    direct_url = distribution.read_text("direct_url.json")
    if not direct_url:
        return False
    return bool(json.loads(direct_url).get("dir_info", {}).get("editable"))


def installed():
    """{normalised name: (name, version)} of the environment running this script."""
    pins = {}
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if not name:
            continue
        key = normalise(name)
        if key in NOT_PINNED or key == PROJECT or is_editable(distribution):
            continue
        pins[key] = (name, distribution.version)
    return pins


def pinned(path=CONSTRAINTS):
    """{normalised name: (name, version)} of constraints.txt."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[normalise(name.strip())] = (name.strip(), version.strip())
    return pins


def pin(name_and_version):
    return "{}=={}".format(*name_and_version)


def differences(environment, constraints):
    """The lines that differ: ``- pin`` in constraints.txt only, ``+ pin`` installed only."""
    lines = []
    for key in sorted(set(environment) | set(constraints)):
        version = environment.get(key, (None, None))[1]
        if version == constraints.get(key, (None, None))[1]:
            continue
        if key in constraints:
            lines.append(f"- {pin(constraints[key])}")
        if key in environment:
            lines.append(f"+ {pin(environment[key])}")
    return lines


def write():
    pins = installed()
    CONSTRAINTS.write_text(HEADER + "".join(f"{pin(pins[key])}\n" for key in sorted(pins)))
    print(f"{CONSTRAINTS.name}: {len(pins)} pins.")
    return 0


def check():
    lines = differences(installed(), pinned())
    if not lines:
        print(f"{CONSTRAINTS.name} pins exactly the installed versions.")
        return 0
    print(f"{CONSTRAINTS.name} (-) differs from the installed versions (+):")
    print("\n".join(lines))
    print("Test with the versions you mean to ship, then run `make constraints` and commit.")
    return 1


if __name__ == "__main__":
    commands = {"write": write, "check": check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: {sys.argv[0]} write|check")
    sys.exit(commands[sys.argv[1]]())
