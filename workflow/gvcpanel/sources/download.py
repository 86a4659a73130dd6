"""Download of raw inputs: fetch a URL to a path atomically and verify its SHA-256 checksum.

The file appears at ``dest`` only when the transfer completed and the checksum matched; otherwise
:class:`~gvcpanel.errors.DataError` names the destination, the check and the URL, and ``dest`` is
left as it was. The opener is injectable (any ``opener(url, timeout=...)`` returning a readable
binary response usable as a context manager, like :func:`urllib.request.urlopen`), so downloads can
be tested offline against recorded bytes, ``file://`` URLs or a loopback HTTP server.
"""

from __future__ import annotations

import hashlib
import shutil
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from gvcpanel.errors import DataError
from gvcpanel.io import atomic_path
from gvcpanel.io import sha256 as file_sha256

Opener = Callable[..., AbstractContextManager[IO[bytes]]]
CHUNK = 1 << 20


@dataclass(frozen=True)
class Remote:
    """A raw input published at ``url`` whose bytes have SHA-256 ``sha256`` (hex)."""

    url: str
    sha256: str


def check_download(path: str | Path, expected: str, url: str = "") -> None:
    """Raise :class:`DataError` unless the SHA-256 of ``path`` is ``expected``."""
    got = file_sha256(path)
    if got != expected.lower():
        detail = _mismatch(expected, got) + " (not the registered vintage; see data/sources.csv)"
        raise DataError(path, "sha256 checksum", [url or Path(path).name], detail)


def fetch(
    url: str,
    dest: str | Path,
    sha256: str | None = None,
    *,
    opener: Opener | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download ``url`` to ``dest`` (atomically) and check its SHA-256; return ``dest``.

    An existing ``dest`` whose checksum already matches is kept without a download. Without
    ``sha256`` only completeness is checked (against ``Content-Length`` when the server sends it).
    """
    dest = Path(dest)
    if sha256 is not None and dest.is_file() and file_sha256(dest) == sha256.lower():
        return dest
    open_url = opener or urllib.request.urlopen
    digest = hashlib.sha256()
    size = 0
    try:
        with atomic_path(dest) as tmp:
            with open_url(url, timeout=timeout) as response, open(tmp, "wb") as out:
                expected_size = _content_length(response)
                while block := response.read(CHUNK):
                    digest.update(block)
                    out.write(block)
                    size += len(block)
            if expected_size is not None and size != expected_size:
                raise DataError(
                    dest, "complete download", [url], f"got {size} of {expected_size} bytes"
                )
            if sha256 is not None and digest.hexdigest() != sha256.lower():
                detail = _mismatch(sha256, digest.hexdigest()) + "; the download was not kept"
                raise DataError(dest, "sha256 checksum", [url], detail)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DataError(dest, "download", [url], f"{type(exc).__name__}: {exc}") from exc
    return dest


def fetch_registered(remote: Remote, dest: str | Path, **kwargs: Any) -> Path:
    """Download a registered raw input to ``dest`` and verify it against its registered vintage.

    Publishers that ship a zip archive (the World Bank's bulk CSV downloads) are unpacked: the
    member whose name starts with ``dest``'s stem (``API_NY.GDP.MKTP.KD.ZG`` for
    ``API_NY.GDP.MKTP.KD.ZG.csv``) becomes ``dest``. A mismatch means the publisher's file is not
    the registered vintage: the error says so and nothing is kept.
    """
    dest = Path(dest)
    if dest.is_file() and file_sha256(dest) == remote.sha256.lower():
        return dest
    with atomic_path(dest.with_suffix(dest.suffix + ".download")) as archive:
        fetch(remote.url, archive, None, **kwargs)
        if not zipfile.is_zipfile(archive):
            with atomic_path(dest) as tmp:
                shutil.copyfile(archive, tmp)
                check_download(tmp, remote.sha256, remote.url)
            return dest
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.namelist() if Path(m).name.startswith(dest.stem)]
            if len(members) != 1:
                raise DataError(
                    dest,
                    "one archive member named like the file",
                    [remote.url],
                    f"members: {', '.join(zf.namelist())}",
                )
            with atomic_path(dest) as tmp:
                with zf.open(members[0]) as src, open(tmp, "wb") as out:
                    shutil.copyfileobj(src, out)
                check_download(tmp, remote.sha256, remote.url)
    return dest


def _content_length(response: IO[bytes]) -> int | None:
    headers = getattr(response, "headers", None)
    value = headers.get("Content-Length") if headers is not None else None
    return int(value) if value is not None and str(value).isdigit() else None


def _mismatch(expected: str, got: str) -> str:
    return f"expected {expected.lower()}, got {got}"
