"""Headless Chromium (Debian's chromium + chromium-driver) through Selenium, at phone size.

Missing browser = a failing test with one line saying what to install: CI installs it
(.ci/run), and a browser test that skips silently would prove nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = os.environ.get("SHERPA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SHERPA_CHROMEDRIVER", "/usr/bin/chromedriver")
WIDTH, HEIGHT = 360, 740
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--window-size=360,740",
)
LIGHT = {"bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#707579",
         "button_color": "#3390ec", "button_text_color": "#ffffff",
         "secondary_bg_color": "#f4f4f5", "link_color": "#2678b6"}  # fmt: skip
DARK = {"bg_color": "#212121", "text_color": "#ffffff", "hint_color": "#aaaaaa",
        "button_color": "#8774e1", "button_text_color": "#ffffff",
        "secondary_bg_color": "#0f0f0f", "link_color": "#8774e1"}  # fmt: skip


def artifacts() -> Path:
    """Where screenshots go: $SHERPA_ARTIFACTS, or a folder in the temporary directory."""
    default = Path(tempfile.gettempdir()) / "sherpa-artifacts"
    folder = Path(os.environ.get("SHERPA_ARTIFACTS") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def launch_url(page: str, init_data: str, theme: dict[str, str] | None = None) -> str:
    """The page with Telegram's launch parameters in the fragment, as a Telegram client opens it."""
    fragment = "tgWebAppData=" + quote(init_data, safe="")
    if theme is not None:
        fragment += "&tgWebAppThemeParams=" + quote(json.dumps(theme), safe="")
    return f"{page}#{fragment}"


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium at 360 × 740 that records console errors."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).exists() or shutil.which(path)):
            pytest.fail(f"{path} is missing: apt-get install {package} (CI's .ci/run does)", False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # A phone's viewport: a desktop window cannot be narrower than about 500 px.
    metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    try:
        yield driver
    finally:
        driver.quit()
