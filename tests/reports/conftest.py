"""Fixtures for the printing tests: a school heading and a tiny PNG logo (no Pillow needed)."""
from __future__ import annotations

import struct
import zlib

import pytest

from iiss_desktop.domain.school import SchoolHeading


def tiny_png(size: int = 8) -> bytes:
    """A valid size×size RGB PNG (dark blue square) built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes((20, 40, 120)) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


@pytest.fixture
def heading() -> SchoolHeading:
    return SchoolHeading(
        denominazione="Istituto di Istruzione Secondaria Superiore «Galileo Galilei»",
        codice_meccanografico="RMIS01200X",
        codice_fiscale="80012345678",
        indirizzo="Via della Scuola, 12",
        comune="00100 Roma (RM)",
        pec="rmis01200x@pec.istruzione.it",
        dirigente="Prof.ssa Maria Rossi",
        dsga="Dott. Ștefan Țurcanu",
    )


@pytest.fixture
def logo_png() -> bytes:
    return tiny_png()
