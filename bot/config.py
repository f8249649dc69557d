"""Typed settings from the environment and `.env`, validated once at start."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.crypto import AnswerCipher, CipherError, parse_key
from storage.database import DatabaseUnavailable
from storage.engine import ensure_supported
from storage.models import Language
from storage.url import DatabaseUrl

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"


class ConfigError(Exception):
    """A setting is missing or invalid; the message is one line naming the variable."""


class Settings(BaseSettings):
    """Everything an operator can configure (see .env.example)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    # Where the data lives: DATABASE_URL (sqlite:///path) or DATABASE_PATH (a SQLite file).
    # With DATABASE_URL alone, database_path is filled in from it; read `database` instead.
    database_url: str | None = None
    database_path: Path = Path("data/sherpa.sqlite3")
    default_timezone: str = "Europe/Brussels"
    default_language: Language = "nl"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # How often the schedule reader looks for due check-ins, in seconds.
    schedule_interval: float = Field(default=20.0, gt=0, le=300)
    # Scheduled messages per second across all chats (Telegram allows about 30 in bulk;
    # above that it answers 429, which the bot obeys, so higher only suits a local server).
    outbox_rate: float = Field(default=25.0, gt=0, le=1000)
    # Scheduled messages in flight at once (also the most that can arrive twice after a crash).
    outbox_concurrency: int = Field(default=16, ge=1, le=256)
    # Seconds an instance holds an incoming update it stored; it renews them while it lives,
    # and another instance takes over what a dead one held once this ran out.
    inbox_lease: float = Field(default=30.0, ge=1, le=3600)
    # Processes drawing verrekijker pictures; unset: one per usable core, at most 4.
    chart_workers: int | None = Field(default=None, ge=1, le=32)
    # Webhook mode (`run --webhook`): Telegram posts updates to WEBHOOK_URL; every request
    # must carry WEBHOOK_SECRET in its X-Telegram-Bot-Api-Secret-Token header.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Seals answer texts at rest; older keys (comma-separated) still open what they sealed.
    answers_encryption_key: SecretStr | None = None
    answers_encryption_old_keys: SecretStr | None = None
    # The verrekijker as a Mini App (off without WEBAPP_URL): the bot serves it on
    # WEBAPP_LISTEN:WEBAPP_PORT, the operator's HTTPS proxy publishes it at WEBAPP_URL.
    webapp_url: str | None = None
    webapp_listen: str = "127.0.0.1"
    webapp_port: int = Field(default=8090, ge=0, le=65535)  # 0: any free port (tests)
    # How old Telegram's signed launch data may be, in seconds.
    webapp_max_age: int = Field(default=3600, ge=60, le=7 * 86400)
    # The operator's port (off when unset): /healthz, /readyz and Prometheus /metrics.
    ops_port: int | None = Field(default=None, ge=0, le=65535)  # 0: any free port (tests)
    ops_listen: str = "127.0.0.1"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            ensure_supported(DatabaseUrl.parse(value))
        except DatabaseUnavailable as error:  # one line naming the engine, never the password
            raise ValueError(error.reason) from None
        return value.strip()

    @model_validator(mode="before")
    @classmethod
    def _one_database(cls, data: Any) -> Any:
        """DATABASE_URL fills in DATABASE_PATH; both set must name the same file."""
        if not isinstance(data, dict) or not str(data.get("database_url") or "").strip():
            return data
        try:
            url = DatabaseUrl.parse(str(data["database_url"]))
        except ValueError:
            return data  # the field validator says what is wrong with it
        if url.engine != "sqlite" or url.path is None:
            return data
        if data.get("database_path") is None:
            return {**data, "database_path": url.path}
        if not url.same_file(data["database_path"]):
            raise ValueError(
                f"DATABASE_URL ({url.shown}) and DATABASE_PATH ({data['database_path']}) name"
                " different databases; set only one of them"
            )
        return data

    @property
    def database(self) -> DatabaseUrl:
        """The database to open, as one value (Storage.open, the instance lock, messages)."""
        if self.database_url:
            url = DatabaseUrl.parse(self.database_url)
            if url.engine != "sqlite" or url.same_file(self.database_path):
                return url
        return DatabaseUrl.sqlite(self.database_path)

    @field_validator("answers_encryption_key", "answers_encryption_old_keys")
    @classmethod
    def _keys_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        for part in value.get_secret_value().split(","):
            try:
                parse_key(part)
            except CipherError as error:
                raise ValueError(str(error)) from None
        return value

    @field_validator("webapp_url")
    @classmethod
    def _webapp_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return webapp_url(value.strip())

    def require_public_webapp(self) -> None:
        """A ConfigError when WEBAPP_URL is a local http address, which Telegram cannot open."""
        if self.webapp_url and not self.webapp_url.startswith("https://"):
            raise ConfigError(
                "WEBAPP_URL: Telegram opens Mini Apps only over https://"
                " (http://127.0.0.1 is for python -m bot try)"
            )

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value.get_secret_value()):
            raise ValueError(
                "must be 16-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)"
            )
        return value

    def require_webhook(self) -> tuple[str, str]:
        """The webhook URL and secret, or a ConfigError naming what is missing."""
        if not self.webhook_url or not self.webhook_url.startswith(("https://", "http://")):
            raise ConfigError("WEBHOOK_URL is not set: the public https address Telegram posts to")
        if self.webhook_secret is None:
            raise ConfigError(
                "WEBHOOK_SECRET is not set: 16+ random characters of A-Z, a-z, 0-9, _ and -"
            )
        return self.webhook_url, self.webhook_secret.get_secret_value()

    def answer_cipher(self) -> AnswerCipher:
        """The cipher for answer texts from the configured keys (no key: plain text)."""
        current = self.answers_encryption_key
        old = self.answers_encryption_old_keys
        return AnswerCipher(
            parse_key(current.get_secret_value()) if current else None,
            [parse_key(k) for k in old.get_secret_value().split(",")] if old else [],
        )

    def secrets(self) -> list[str]:
        """Every configured secret, to mask in logs."""
        values = [self.telegram_bot_token, self.answers_encryption_key]
        values += [self.answers_encryption_old_keys, self.webhook_secret]
        secrets = [v.get_secret_value() for v in values if v is not None]
        if self.database_url and (password := urlsplit(self.database_url).password):
            secrets.append(password)  # a PostgreSQL URL's password
        return secrets

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone {value!r}, e.g. Europe/Brussels") from None
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://, e.g. http://127.0.0.1:8081/bot")
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        bot_id, _, secret = value.get_secret_value().strip().partition(":")
        if not bot_id.isdigit() or not secret:
            # Never echo the value: it is a secret even when malformed.
            raise ValueError("does not look like a token from @BotFather (digits:letters)")
        return SecretStr(value.get_secret_value().strip())

    def require_token(self) -> str:
        """The bot token, or a ConfigError when it is missing."""
        if self.telegram_bot_token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in .env"
                " (or try the bot without one: python -m bot try)"
            )
        return self.telegram_bot_token.get_secret_value()


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def webapp_url(value: str) -> str:
    """WEBAPP_URL checked, its path ending in '/' (the page's files and data sit under it)."""
    wrong = (
        "must be an https:// address (Telegram opens Mini Apps only over HTTPS),"
        " e.g. https://sherpa.example.org/verrekijker/"
    )
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise ValueError(wrong) from None
    local = parts.scheme == "http" and host in LOCAL_HOSTS
    if not host or not (parts.scheme == "https" or local):
        raise ValueError(wrong)
    if parts.query or parts.fragment:
        raise ValueError("must not carry a query or a fragment")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation errors into one clear ConfigError line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if not first["loc"]:  # a rule over several settings names them itself
            raise ConfigError(message) from None
        raise ConfigError(f"{str(first['loc'][0]).upper()}: {message}") from None
