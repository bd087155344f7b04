"""Share-link secrets. A token is 256 random bits, URL-safe; only its SHA-256 is stored, so
neither the database nor a backup of it can open a workspace."""
from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{43}\Z")   # token_urlsafe(32): 43 characters


def new_token() -> str:
    return secrets.token_urlsafe(32)


def valid_token(token: object) -> bool:
    return isinstance(token, str) and TOKEN_PATTERN.match(token) is not None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()
