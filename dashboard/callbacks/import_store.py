"""Imported rows kept on the server, so that a tab's store holds a key instead of the rows
(a year change with a 20k-row import carried 4 MB in every request).

`ImportStore.put(rows) -> key`, `get(key) -> rows | None`. The key is a server-made random token
checked against a strict pattern before it names a file: nothing the user sends ever becomes
a path. Files live in one folder (shared by the gunicorn workers) whose total size is capped:
the least recently used imports are dropped first, and a dropped key reads as None (the data
view then asks for the file again). The workspaces issue (12) will make this permanent.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import secrets
import stat
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

KEY_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{32}\Z")
DEFAULT_MAX_BYTES = 256 * 1024 * 1024      # compressed bytes on disk, all imports together
SUFFIX = ".json.gz"


def default_folder() -> Path:
    """$XK_IMPORT_DIR, else a private folder under the system's temporary directory."""
    configured = os.environ.get("XK_IMPORT_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / f"xiaokang-imports-{os.getuid()}"


def valid_key(key: object) -> TypeGuard[str]:
    return isinstance(key, str) and KEY_PATTERN.match(key) is not None


class ImportStore:
    def __init__(self, folder: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        if not valid_key(key):
            raise ValueError("not an import key")
        return self.folder / f"{key}{SUFFIX}"

    def _own_folder(self) -> None:
        """Create the folder, or accept it only as a real directory of this user: under a shared
        temporary directory another account could have made it first, to read the imports."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(self.folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise PermissionError(f"import folder {self.folder} is not a directory of this user")
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(self.folder, 0o700)

    def put(self, rows: list[dict]) -> str:
        """Keep `rows` (JSON-able observation records); returns the new key. OSError when the
        rows cannot be written (disk full, a folder that is not this user's)."""
        self._own_folder()
        key = secrets.token_urlsafe(24)                     # 32 characters of [A-Za-z0-9_-]
        data = gzip.compress(json.dumps(rows, ensure_ascii=False, default=str).encode("utf-8"), compresslevel=5)
        path = self._path(key)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)                               # other workers never see half a file
        self._evict()
        return key

    def get(self, key: object) -> list[dict] | None:
        """The rows kept under `key`, or None when the key is malformed, unknown or dropped."""
        if not valid_key(key):
            return None
        path = self._path(key)
        try:
            rows = json.loads(gzip.decompress(path.read_bytes()))
            os.utime(path)                                  # recently used: evicted last
        except (OSError, ValueError, EOFError):
            return None
        return rows if isinstance(rows, list) else None

    def _evict(self) -> None:
        with self._lock:
            files = []
            for path in self.folder.glob(f"*{SUFFIX}"):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                files.append((stat.st_mtime, stat.st_size, path))
            total = sum(size for _, size, _ in files)
            for _, size, path in sorted(files):
                if total <= self.max_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size


class ByteBoundedCache:
    """A least-recently-used cache bounded by the bytes its values cost (not by their count):
    one large merged dataset must not be kept 16 times."""

    def __init__(self, max_bytes: int, size_of: Callable[[Any], int]) -> None:
        self.max_bytes = max_bytes
        self._size_of = size_of
        self._items: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        value = make()
        size = self._size_of(value)
        with self._lock:
            if key not in self._items and size <= self.max_bytes:
                self._items[key] = (value, size)
                self._total += size
                while self._total > self.max_bytes:
                    _, (_, dropped) = self._items.popitem(last=False)
                    self._total -= dropped
        return value

    @property
    def total_bytes(self) -> int:
        return self._total

    def __len__(self) -> int:
        return len(self._items)
