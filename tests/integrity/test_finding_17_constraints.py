"""Finding 17: ``constraints.txt`` pinned older versions than the ones tested (Django 5.2.19 while
5.2.20 ran), nothing regenerated or compared it, and ``defusedxml`` (openpyxl's XML safety) was
no declared dependency."""

import re
import runpy
import tomllib
from importlib import metadata
from pathlib import Path

import openpyxl.xml

ROOT = Path(__file__).resolve().parents[2]


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[normalise(name)] = version
    return pins


def test_the_installed_versions_are_the_pinned_ones():
    pins = constraints()
    assert "django" in pins and "defusedxml" in pins
    installed = {
        normalise(distribution.metadata["Name"]): distribution.version
        for distribution in metadata.distributions()
    }
    different = {
        name: (version, installed[name])
        for name, version in pins.items()
        if name in installed and installed[name] != version
    }
    assert different == {}, "run `make constraints` after testing the installed versions"


def test_defusedxml_is_declared_and_openpyxl_uses_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {
        normalise(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }
    assert "defusedxml" in declared
    assert openpyxl.xml.DEFUSEDXML is True


def test_the_ci_check_names_each_differing_pin(tmp_path):
    tool = runpy.run_path(str(ROOT / ".ci" / "constraints.py"))
    stale = tmp_path / "constraints.txt"
    stale.write_text("# old\nDjango==5.2.0\nnot-installed-anywhere==1.0\n")
    environment = {
        "django": ("Django", "5.2.20"),
        "typing-extensions": ("typing_extensions", "4.16.0"),
    }
    assert tool["differences"](environment, tool["pinned"](stale)) == [
        "- Django==5.2.0",
        "+ Django==5.2.20",
        "- not-installed-anywhere==1.0",
        "+ typing_extensions==4.16.0",
    ]
    # The same spelling of a name, differently written, is no difference.
    stale.write_text("django==5.2.20\ntyping-extensions==4.16.0\n")
    assert tool["differences"](environment, tool["pinned"](stale)) == []


def test_ci_runs_the_check_after_installing():
    run = (ROOT / ".ci" / "run").read_text()
    after_install = run[run.index("make install-test\n") :]
    assert ".venv/bin/python .ci/constraints.py check" in after_install
