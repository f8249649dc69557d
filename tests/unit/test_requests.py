"""The Bot API request over aiohttp: the environment's proxy, looked up once per host."""

from __future__ import annotations

import pytest

from bot.ops.requests import LeanRequest

API = "https://api.telegram.org/bot123:abc/sendMessage"


def test_the_environments_proxy_is_used_and_no_proxy_is_honoured(monkeypatch: pytest.MonkeyPatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    request = LeanRequest()
    assert request._proxy(API) == "http://proxy.example:3128"
    assert request._proxy("https://127.0.0.1:8081/bot123:abc/getMe") is None
    assert request._proxy("http://elsewhere.example/bot1:a/getMe") is None  # HTTPS_PROXY only


def test_without_a_proxy_in_the_environment_none_is_used(monkeypatch: pytest.MonkeyPatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    assert LeanRequest()._proxy(API) is None


async def test_a_form_is_sent_as_aiohttps_formdata_would_send_it():
    """The call's form is encoded by LeanRequest itself (urlencoded, UTF-8): the same bytes
    and type aiohttp's FormData made of it before."""
    from urllib.parse import urlencode

    import aiohttp
    from aiohttp.payload import BytesPayload

    from bot.ops.requests import FORM

    fields = {"chat_id": "7", "text": "Zo'n dag & meer: één?", "reply_markup": '{"a": [1]}'}
    made = aiohttp.FormData(fields)()
    ours = BytesPayload(urlencode(fields).encode(), content_type=FORM)
    assert made._value == ours._value
    assert made.content_type == ours.content_type
