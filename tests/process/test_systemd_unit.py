"""The README's systemd unit (docs/deploy/sherpa.service) passes `systemd-analyze verify`, and
keeps its sandbox: a dynamic user, the state directory as the only writable place, no new
privileges, restart on failure but not after a wrong setting (exit 2), the .env file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "docs" / "deploy" / "sherpa.service"
INSTALLED = "/opt/sherpa/.venv/bin/python"


def _analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        pytest.fail("systemd-analyze is not installed (apt-get install systemd)", pytrace=False)
    return found


def settings(unit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in unit.splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_keeps_its_sandbox():
    unit = settings(UNIT.read_text())
    expected = {
        "DynamicUser": "yes",
        "ProtectSystem": "strict",
        "StateDirectory": "sherpa",
        "NoNewPrivileges": "yes",
        "Restart": "on-failure",
        "RestartPreventExitStatus": "2",
        "EnvironmentFile": "/etc/sherpa/sherpa.env",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
    }
    for key, value in expected.items():
        assert unit.get(key) == [value], key
    assert unit["ExecStart"] == [f"{INSTALLED} -m bot run"]
    assert "ReadWritePaths" not in unit  # the state directory is the only writable place


def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    # verify checks that ExecStart's program exists: this test's Python stands in for the
    # installed one, and an empty file for the settings.
    env_file = tmp_path / "sherpa.env"
    env_file.write_text("")
    unit = UNIT.read_text().replace(INSTALLED, sys.executable)
    unit = unit.replace("/etc/sherpa/sherpa.env", str(env_file))
    path = tmp_path / "sherpa.service"
    path.write_text(unit)
    result = subprocess.run(
        [_analyze(), "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    problems = [line for line in result.stderr.splitlines() if "sherpa.service" in line]
    assert result.returncode == 0 and not problems, result.stderr
