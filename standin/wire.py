"""Reading Bot API requests off the wire: query string plus a form, multipart or JSON body."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .models import JSON, ApiError, UploadedFile

_INT = re.compile(r"-?\d+")
_ATTACH = re.compile(r"attach://([A-Za-z0-9_.\-]+)")
# Without a spec these top-level parameters stay text even when they look like JSON ("123").
_TEXT_PARAMS = frozenset(
    {
        "action",
        "business_connection_id",
        "callback_query_id",
        "caption",
        "description",
        "document",
        "emoji",
        "inline_message_id",
        "language_code",
        "message_effect_id",
        "name",
        "parse_mode",
        "photo",
        "short_description",
        "sticker",
        "text",
        "title",
        "url",
        "voice",
    }
)


@dataclass
class WireRequest:
    """One request as sent: raw parameters plus the file parts named by attach:// URIs."""

    params: dict[str, Any]  # str for form values, UploadedFile for direct uploads
    attachments: dict[str, UploadedFile]


async def read_request(request: web.Request) -> WireRequest:
    """Collect parameters the way Telegram does: query string, then the body."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: JSON request body must be an object")
        params.update(body)
    elif request.can_read_body:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                with value.file:  # aiohttp spools parts to temp files; close them promptly
                    data = value.file.read()
                files[name] = UploadedFile(name, value.filename, value.content_type, data)
            else:
                params[name] = value
    referenced = set(_ATTACH.findall(json.dumps(params)))
    attachments = {name: f for name, f in files.items() if name in referenced}
    params.update({name: f for name, f in files.items() if name not in referenced})
    return WireRequest(params, attachments)


def _loads_or_text(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_value(name: str, value: Any, types: tuple[str, ...] | None) -> Any:
    """Turn one raw form value into a Python value, guided by the declared types if known."""
    if not isinstance(value, str):
        return value
    if types is None:
        return value if name in _TEXT_PARAMS else _loads_or_text(value)
    if "Integer" in types and _INT.fullmatch(value):
        return int(value)
    if "Float" in types:
        try:
            return float(value)
        except ValueError:
            pass
    if "Boolean" in types and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if "String" in types or "InputFile" in types:
        return value
    return _loads_or_text(value)


def decode_params(
    params: dict[str, Any], types_of: Callable[[str], tuple[str, ...] | None] | None
) -> JSON:
    """Decode every parameter; types_of gives a parameter's declared types (None: guess)."""
    return {
        name: decode_value(name, value, types_of(name) if types_of else None)
        for name, value in params.items()
    }
