"""CHART_WORKERS: checked once at start; unset, the pool takes one worker per usable core."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings
from bot.core.texts import Catalog
from bot.verrekijker.pool import ChartPool, default_workers


def test_chart_workers_out_of_range_is_a_one_line_config_error():
    with pytest.raises(ConfigError, match=r"^CHART_WORKERS: "):
        load_settings(_env_file=None, chart_workers=0)


def test_chart_workers_sizes_the_pool_and_unset_means_the_cores():
    texts = Catalog.load()
    assert (
        ChartPool(texts, load_settings(_env_file=None, chart_workers=3).chart_workers).workers == 3
    )
    unset = load_settings(_env_file=None).chart_workers
    assert unset is None and ChartPool(texts, unset).workers == default_workers()
