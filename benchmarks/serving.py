"""Start a server for a benchmark and wait until it answers on 127.0.0.1 (shared by the scripts)."""
from __future__ import annotations

import subprocess
import time
import urllib.request


def wait_until_serving(process: subprocess.Popen, port: int, label: str, timeout: float) -> subprocess.Popen:
    """`process` once http://127.0.0.1:port/ answers; exits with a message if it dies or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{label} on port {port} exited") from None
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"{label} on port {port} did not answer within {timeout:.0f} s")
