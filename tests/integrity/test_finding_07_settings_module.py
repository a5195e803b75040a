"""Finding 7: scheduled jobs ran with development settings (``manage.py`` defaults to
``config.settings.dev`` and neither the env template nor the systemd units set
``DJANGO_SETTINGS_MODULE``), so ``send_alerts`` printed recipients and unsubscribe tokens to the
journal and marked fiches as announced without sending."""

import os
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
ENV_TEMPLATE = ROOT / "deploy" / "env.template"
PRODUCTION = "config.settings.production"
# What says "production" to the development settings (config/settings/dev.py).
SIGNS = ("DJANGO_ENV", "BEHIND_TLS_PROXY", "CSRF_TRUSTED_ORIGINS", "EMAIL_HOST")


def read_env_file(path):
    """An EnvironmentFile: ``KEY=value`` lines, comments and blank lines aside."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().strip('"')
    return values


def service_section(path):
    """The [Service] section of a unit as (key, value) pairs, in order."""
    pairs, section = [], None
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs.append((key, value))
    return pairs


def unit_environment(path):
    """What a unit's commands see, as systemd builds it: ``Environment=`` first, then the
    ``EnvironmentFile=`` (here the template of /etc/guide/env), which overrides it."""
    environment, files = {}, []
    for key, value in service_section(path):
        if key == "Environment":
            environment.update(item.split("=", 1) for item in shlex.split(value))
        elif key == "EnvironmentFile":
            files.append(value.lstrip("-"))
    assert files == ["/etc/guide/env"], path.name
    environment.update(read_env_file(ENV_TEMPLATE))
    return environment


def test_every_unit_command_runs_with_the_production_settings():
    assert {unit.name for unit in UNITS} >= {
        "guide.service",
        "guide-alerts.service",
        "guide-daily.service",
        "guide-nightly.service",
        "guide-scheduled.service",
    }
    for unit in UNITS:
        commands = [value for key, value in service_section(unit) if key == "ExecStart"]
        assert commands, unit.name
        declared = dict(
            item.split("=", 1)
            for key, value in service_section(unit)
            if key == "Environment"
            for item in shlex.split(value)
        )
        # The unit says it itself, and the env file agrees.
        assert declared.get("DJANGO_SETTINGS_MODULE") == PRODUCTION, unit.name
        assert unit_environment(unit)["DJANGO_SETTINGS_MODULE"] == PRODUCTION, unit.name
        for command in commands:
            assert "manage.py" in command or "gunicorn" in command, command


def test_the_env_template_says_production():
    template = read_env_file(ENV_TEMPLATE)
    assert template["DJANGO_SETTINGS_MODULE"] == PRODUCTION
    assert template["DJANGO_ENV"] == "production"
    assert template["NUM_PROXIES"] == "1"  # finding 6: the client's address behind nginx


def test_gunicorn_loads_the_production_settings():
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert f"DJANGO_SETTINGS_MODULE={PRODUCTION}" in config["raw_env"]


def import_dev_settings(**variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", *SIGNS)
    }
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.dev"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_development_settings_start_where_nothing_says_production():
    result = import_dev_settings()
    assert result.returncode == 0, result.stderr


def env_file_without_the_settings_module():
    """The env file's content, with the settings module left out as the units used to."""
    template = read_env_file(ENV_TEMPLATE)
    del template["DJANGO_SETTINGS_MODULE"]
    return template


@pytest.mark.parametrize(
    "variables",
    [
        {"DJANGO_ENV": "production"},
        {"EMAIL_HOST": "smtp.example.fr"},
        {"BEHIND_TLS_PROXY": "1"},
        {"CSRF_TRUSTED_ORIGINS": "https://aides.example.fr"},
        None,
    ],
    ids=["DJANGO_ENV", "EMAIL_HOST", "BEHIND_TLS_PROXY", "CSRF_TRUSTED_ORIGINS", "env-file"],
)
def test_the_development_settings_refuse_a_production_environment(variables):
    result = import_dev_settings(**(variables or env_file_without_the_settings_module()))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "refuses to run in a production environment" in result.stderr
    assert f"DJANGO_SETTINGS_MODULE={PRODUCTION}" in result.stderr
