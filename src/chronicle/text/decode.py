"""Turning bytes into text: UTF-8 first, then detection, so Latin-1 and cp1252 news ingests.

ING006 is raised when no encoding gives believable text.
"""
from __future__ import annotations

from chronicle.errors import InputError


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). BOMs are honoured; invalid UTF-8 falls back to detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("ING006", "declares UTF-16 but does not decode as UTF-16", path) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # English news with a few accented letters or curly quotes: Western code pages. A detector
    # guesses between cp1250/cp1252/latin-1 poorly on so few non-ASCII bytes.
    non_ascii = sum(1 for b in data[:200_000] if b > 127)
    if non_ascii <= max(3, len(data[:200_000]) // 10):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else None
    if encoding and encoding.lower().replace("-", "_") not in {"utf_8"}:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    # Western news that is not UTF-8 is nearly always cp1252/Latin-1; cp1252 never fails on
    # the bytes that matter and maps 0x80-0x9F to the curly quotes such text uses.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
