"""Telegram's initData check: only a fresh, untouched string signed with our token passes."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.webapp.init_data import InvalidInitData, for_user, sign, validate

TOKEN = "123456:TEST-token-for-the-mini-app"
NOW = 1_790_000_000.0


def fields(raw: str) -> list[tuple[str, str]]:
    return parse_qsl(raw, keep_blank_values=True)


def test_a_valid_init_data_names_its_user_and_language():
    raw = for_user(1001, TOKEN, now=NOW - 10, first_name="Ann", lang="en")
    user = validate(raw, TOKEN, now=NOW)
    assert (user.user_id, user.language_code, user.auth_date) == (1001, "en", int(NOW - 10))


def test_the_signature_follows_telegrams_documented_scheme():
    """Recomputed here from the documentation's words, independent of the module's helpers."""
    user = json.dumps({"id": 7, "first_name": "Bo"})
    data = {"query_id": "AAH", "user": user, "auth_date": str(int(NOW))}
    check = "\n".join(f"{k}={data[k]}" for k in sorted(data))
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    digest = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    assert validate(urlencode({**data, "hash": digest}), TOKEN, now=NOW).user_id == 7
    assert sign(data, TOKEN) == urlencode({**data, "hash": digest})


def test_a_changed_field_breaks_the_signature():
    raw = for_user(1001, TOKEN, now=NOW)
    changed = [(k, v.replace('"id":1001', '"id":1002')) for k, v in fields(raw)]
    assert changed != fields(raw)
    with pytest.raises(InvalidInitData, match="signature"):
        validate(urlencode(changed), TOKEN, now=NOW)
    added = [*fields(raw), ("start_param", "x")]  # an extra field is a change too
    with pytest.raises(InvalidInitData, match="signature"):
        validate(urlencode(added), TOKEN, now=NOW)


def test_another_bots_token_does_not_verify():
    raw = for_user(1001, "999:another-bot", now=NOW)
    with pytest.raises(InvalidInitData, match="signature"):
        validate(raw, TOKEN, now=NOW)


def test_an_old_init_data_has_expired():
    raw = for_user(1001, TOKEN, now=NOW - 3601)
    with pytest.raises(InvalidInitData, match="expired"):
        validate(raw, TOKEN, now=NOW)
    assert validate(for_user(1001, TOKEN, now=NOW - 3599), TOKEN, now=NOW).user_id == 1001
    assert validate(raw, TOKEN, now=NOW, max_age=7200).user_id == 1001  # the setting
    with pytest.raises(InvalidInitData, match="future"):
        validate(for_user(1001, TOKEN, now=NOW + 3600), TOKEN, now=NOW)


def test_without_a_hash_nothing_is_verified():
    raw = urlencode([(k, v) for k, v in fields(for_user(1001, TOKEN, now=NOW)) if k != "hash"])
    with pytest.raises(InvalidInitData, match="no hash"):
        validate(raw, TOKEN, now=NOW)


def test_a_duplicated_key_is_refused_even_when_one_copy_is_signed():
    raw = for_user(1001, TOKEN, now=NOW)
    other = json.dumps({"id": 2002})
    for extra in (("user", other), ("hash", "0" * 64)):
        with pytest.raises(InvalidInitData, match="twice"):
            validate(raw + "&" + urlencode([extra]), TOKEN, now=NOW)


@pytest.mark.parametrize(
    "raw",
    ["", "not a query string", "a=1&&b=2", "x" * 9000, "hash=é", "hash=abc&auth_date=now"],
)
def test_a_bad_format_is_invalid_not_an_error(raw):
    with pytest.raises(InvalidInitData):
        validate(raw, TOKEN, now=NOW)


def test_signed_data_without_a_user_is_refused():
    for data in ({"auth_date": str(int(NOW))}, {"auth_date": str(int(NOW)), "user": "[]"}):
        with pytest.raises(InvalidInitData, match="user"):
            validate(sign(data, TOKEN), TOKEN, now=NOW)
    no_id = sign({"auth_date": str(int(NOW)), "user": '{"id": true}'}, TOKEN)
    with pytest.raises(InvalidInitData, match="user"):
        validate(no_id, TOKEN, now=NOW)
