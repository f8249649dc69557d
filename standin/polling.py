"""getUpdates, webhook and session methods."""

from __future__ import annotations

from typing import Any

from .methods import BotMethods, api_method
from .models import JSON, ApiError, UploadedFile


def _number(params: JSON, name: str, default: float) -> float:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ApiError(400, f"Bad Request: {name} must be a number")
    return value


@api_method("getUpdates")
async def _get_updates(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    if api.webhook_url:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    allowed = params.get("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise ApiError(400, "Bad Request: allowed_updates must be a list of strings")
    return await api._updates.get(
        offset=int(_number(params, "offset", 0)),
        limit=int(_number(params, "limit", 100)),
        timeout=_number(params, "timeout", 0),
        allowed_updates=allowed,
    )


@api_method("setWebhook")
async def _set_webhook(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    url = params.get("url")
    if not isinstance(url, str):
        raise ApiError(400, "Bad Request: url must be a string")
    if params.get("drop_pending_updates"):
        api._updates.clear()
    api.webhook_url = url  # nothing is ever posted to it; it only blocks getUpdates
    return True


@api_method("deleteWebhook")
async def _delete_webhook(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    if params.get("drop_pending_updates"):
        api._updates.clear()
    api.webhook_url = ""
    return True


@api_method("getWebhookInfo")
async def _webhook_info(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return {
        "url": api.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(api.pending_updates),
    }


@api_method("close")
async def _close(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return True


@api_method("logOut")
async def _log_out(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return True
