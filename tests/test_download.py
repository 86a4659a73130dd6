"""Downloads with checksums, offline: recorded bytes, file:// URLs and a loopback HTTP server."""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gvcpanel.errors import DataError
from gvcpanel.sources.download import Remote, check_download, fetch, fetch_registered

# FIPS 180-2, appendix B.1: SHA-256("abc").
ABC = b"abc"
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


class Recorded:
    """An opener that replays recorded responses and counts calls."""

    def __init__(self, responses: dict[str, bytes], headers: dict[str, str] | None = None):
        self.responses, self.headers, self.calls = responses, headers or {}, 0

    @contextmanager
    def __call__(self, url: str, timeout: float = 0) -> Iterator[io.BytesIO]:
        self.calls += 1
        body = io.BytesIO(self.responses[url])
        body.headers = self.headers  # type: ignore[attr-defined]
        yield body


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A loopback HTTP server on a free port serving ``tmp_path/www``."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "abc.txt").write_bytes(ABC)
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_recorded_fixture(tmp_path: Path) -> None:
    opener = Recorded({"https://example.org/abc.txt": ABC})
    dest = fetch(
        "https://example.org/abc.txt", tmp_path / "raw" / "abc.txt", ABC_SHA256, opener=opener
    )
    assert dest.read_bytes() == ABC
    # Second run: the file is there with the right checksum, nothing is fetched.
    fetch_registered(Remote("https://example.org/abc.txt", ABC_SHA256.upper()), dest, opener=opener)
    assert opener.calls == 1


def test_checksum_mismatch_leaves_destination_untouched(tmp_path: Path) -> None:
    dest = tmp_path / "abc.txt"
    dest.write_bytes(b"previous")
    opener = Recorded({"https://example.org/abc.txt": b"abd"})
    with pytest.raises(
        DataError, match=rf"abc.txt: check 'sha256 checksum'.*expected {ABC_SHA256}"
    ):
        fetch("https://example.org/abc.txt", dest, ABC_SHA256, opener=opener)
    assert dest.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["abc.txt"]  # no temporary left behind


def test_truncated_transfer(tmp_path: Path) -> None:
    opener = Recorded({"u": ABC}, headers={"Content-Length": "10"})
    with pytest.raises(DataError, match="complete download.*got 3 of 10 bytes"):
        fetch("u", tmp_path / "x", opener=opener)
    assert not (tmp_path / "x").exists()


def test_file_url(tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(ABC)
    dest = fetch(src.as_uri(), tmp_path / "out.bin", ABC_SHA256)
    assert dest.read_bytes() == ABC


def test_loopback_http(server: str, tmp_path: Path) -> None:
    dest = fetch(f"{server}/abc.txt", tmp_path / "abc.txt", ABC_SHA256, timeout=5)
    assert dest.read_bytes() == ABC
    with pytest.raises(DataError, match=r"check 'download' failed for keys: .*missing.txt.*404"):
        fetch(f"{server}/missing.txt", tmp_path / "missing.txt", timeout=5)
    assert not (tmp_path / "missing.txt").exists()


def test_check_download(tmp_path: Path) -> None:
    path = tmp_path / "abc.txt"
    path.write_bytes(ABC)
    check_download(path, ABC_SHA256)
    path.write_bytes(ABC + b"\n")
    with pytest.raises(DataError, match="sha256 checksum"):
        check_download(path, ABC_SHA256, url="https://example.org/abc.txt")
