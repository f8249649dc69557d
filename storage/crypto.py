"""Authenticated encryption of answer texts at rest (AES-256-GCM); keys never enter the database.

A stored answer is either plain text (key_id NULL) or base64(nonce + ciphertext) with the id of
the key that sealed it. The owner's user id is bound in as associated data, so a ciphertext
copied onto another user's row fails to open instead of showing someone else's words.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12


class CipherError(ValueError):
    """A key is malformed, missing or does not open what is stored."""


def new_key() -> str:
    """A fresh random key, as the text to put in ANSWERS_ENCRYPTION_KEY."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()


def parse_key(text: str) -> bytes:
    """The key bytes of a configured key text; CipherError when it is not one of ours."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError):
        raise CipherError("is not a key made by `python -m bot new-key` (not base64)") from None
    if len(key) != KEY_BYTES:
        raise CipherError(f"is not a key made by `python -m bot new-key` ({len(key)} bytes)")
    return key


def key_id(key: bytes) -> str:
    """A short public fingerprint of a key, stored beside each sealed text."""
    return hashlib.sha256(b"sherpa answer key " + key).hexdigest()[:12]


class AnswerCipher:
    """Seals new texts with the current key; opens texts sealed with any known key."""

    def __init__(self, current: bytes | None = None, previous: Sequence[bytes] = ()) -> None:
        self.current_id = key_id(current) if current else None
        self._keys = {key_id(k): AESGCM(k) for k in (*previous, *([current] if current else []))}

    @property
    def enabled(self) -> bool:
        """Whether new texts are encrypted."""
        return self.current_id is not None

    def known(self, kid: str) -> bool:
        """Whether texts sealed with this key id can be opened."""
        return kid in self._keys

    def seal(self, text: str, owner: int) -> tuple[str, str | None]:
        """(stored text, key id) for a new text; plain text when no key is configured."""
        if self.current_id is None:
            return text, None
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keys[self.current_id].encrypt(nonce, text.encode(), _aad(owner))
        return base64.b64encode(nonce + sealed).decode(), self.current_id

    def open(self, stored: str, kid: str | None, owner: int) -> str:
        """The text of a stored value; CipherError for an unknown key or a tampered text."""
        if kid is None:
            return stored
        if kid not in self._keys:
            raise CipherError(f"an answer is sealed with key {kid}, which is not configured")
        raw = base64.b64decode(stored)
        try:
            plain = self._keys[kid].decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(owner))
        except InvalidTag:
            raise CipherError(
                f"an answer sealed with key {kid} failed its integrity check"
            ) from None
        return plain.decode()


def _aad(owner: int) -> bytes:
    return f"sherpa answer of {owner}".encode()
