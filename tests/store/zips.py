"""Hand-made archives, including hostile ones, for the archive and version tests."""

from __future__ import annotations

import io
import stat
import struct
import zipfile


def make_zip(members: dict[str, bytes], *, symlinks: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)  # ZipInfo keeps the name as given, "../" and all
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def understate_sizes(data: bytes, declared: int) -> bytes:
    """The same archive with every member's uncompressed size rewritten to
    ``declared``, as a bomb would lie to pass a size check."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (start := patched.find(signature, start)) != -1:
            struct.pack_into("<I", patched, start + offset, declared)
            start += 4
    return bytes(patched)
