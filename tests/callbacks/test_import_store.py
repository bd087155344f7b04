"""Imported rows kept on the server under a random key; merged datasets cached by bytes."""
from __future__ import annotations

import os

import pytest

from dashboard.callbacks.import_store import ByteBoundedCache, ImportStore, valid_key

ROWS = [{"area_code": "530000", "indicator_id": "urbanisation", "year": 2010, "value": 36.5}]


def test_put_returns_a_random_key_that_reads_the_rows_back(tmp_path) -> None:
    store = ImportStore(tmp_path)
    first, second = store.put(ROWS), store.put(ROWS)
    assert first != second and valid_key(first) and valid_key(second)
    assert store.get(first) == ROWS
    assert [p.name for p in tmp_path.iterdir()] and all(p.name.endswith(".json.gz") for p in tmp_path.iterdir())


@pytest.mark.parametrize("key", ["../../etc/passwd", "/etc/passwd", "a" * 31, "a" * 33, "a" * 31 + "/",
                                 "a" * 31 + ".", None, 12, ["x"], "a" * 31 + "\n"])
def test_a_key_the_server_did_not_make_never_reaches_the_file_system(tmp_path, key, monkeypatch) -> None:
    store = ImportStore(tmp_path)
    opened = []
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: opened.append(self) or b"")
    assert store.get(key) is None and opened == []


def test_a_folder_made_by_someone_else_first_is_not_used(tmp_path, monkeypatch) -> None:
    """Under a shared temporary directory another account could create the folder (or a link)
    first and read every import; the store writes only into a directory of its own user."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(PermissionError):
        ImportStore(tmp_path / "link").put(ROWS)
    monkeypatch.setattr("os.getuid", lambda: os.stat(tmp_path).st_uid + 1)   # as if owned by another
    with pytest.raises(PermissionError):
        ImportStore(tmp_path / "other").put(ROWS)
    assert not list(elsewhere.iterdir()) and not list((tmp_path / "other").iterdir())


def test_an_open_folder_of_its_own_is_made_private(tmp_path) -> None:
    folder = tmp_path / "imports"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    ImportStore(folder).put(ROWS)
    assert oct(os.stat(folder).st_mode & 0o777) == oct(0o700)


def test_an_unknown_well_formed_key_reads_nothing(tmp_path) -> None:
    assert ImportStore(tmp_path).get("A" * 32) is None


def test_the_folder_is_capped_by_bytes_dropping_the_least_recently_used(tmp_path) -> None:
    big = [dict(ROWS[0], note=os.urandom(2000).hex())]       # hardly compressible: ~2 KB on disk each
    store = ImportStore(tmp_path, max_bytes=10**9)
    old, used = store.put(big), store.put(big)
    one = (tmp_path / f"{old}.json.gz").stat().st_size
    store.max_bytes = int(one * 2.5)                           # room for two
    os.utime(tmp_path / f"{old}.json.gz", (1, 1))
    os.utime(tmp_path / f"{used}.json.gz", (2, 2))
    assert store.get(used) == big                              # reading marks it recently used
    new = store.put(big)
    assert store.get(old) is None and store.get(used) == big and store.get(new) == big
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= store.max_bytes


def test_merged_cache_is_bounded_by_bytes_not_count() -> None:
    made = []
    cache = ByteBoundedCache(max_bytes=100, size_of=len)
    for key in "abcd":
        cache.get_or_make(key, lambda key=key: made.append(key) or key * 40)
    assert cache.total_bytes <= 100 and len(cache) == 2        # c and d (40 bytes each); a, b evicted
    cache.get_or_make("d", lambda: made.append("d again") or "")
    assert "d again" not in made
    cache.get_or_make("huge", lambda: "x" * 500)               # larger than the cap: returned, not kept
    assert len(cache) == 2 and cache.total_bytes == 80
