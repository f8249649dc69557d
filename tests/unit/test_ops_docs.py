"""The operator's examples name what Sherpa really serves: every metric an alert or the README
uses exists in the registry /metrics exposes."""

from __future__ import annotations

import re
from pathlib import Path

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot.ops.metrics import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy"


def served_names() -> set[str]:
    """Every sample name /metrics can serve (a labelled metric has no sample before its first
    use, so each family's own suffixes count too)."""
    text = generate_latest(REGISTRY).decode()
    suffixes = ("", "_total", "_count", "_sum", "_bucket", "_created")
    return {f.name + end for f in text_string_to_metric_families(text) for end in suffixes}


def test_every_metric_the_alerts_and_readme_use_is_served():
    used = set()
    for source in (DEPLOY / "sherpa-alerts.yml", ROOT / "README.md"):
        used |= set(re.findall(r"\bsherpa_[a-z_]+", source.read_text()))
    served = served_names()
    missing = {name for name in used if name not in served}
    assert not missing, missing


def test_the_alerts_are_the_two_the_readme_promises():
    alerts = re.findall(r"- alert: (\w+)", (DEPLOY / "sherpa-alerts.yml").read_text())
    assert alerts == ["SherpaOutboxBackingUp", "SherpaTelegramRateLimited"]
    assert "sherpa-alerts.yml" in (DEPLOY / "prometheus.yml").read_text()
