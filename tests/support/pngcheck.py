"""A small PNG reader for the report's screenshot test: stdlib zlib only, no Pillow.

Reads 8-bit, non-interlaced greyscale/RGB/RGBA PNGs (what Chromium writes) into rows
of pixel bytes, and summarises them: luminance variance and the colours present.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytes]

    def pixels(self, step: int = 1) -> list[tuple[int, int, int]]:
        """RGB of every ``step``-th pixel of every ``step``-th row."""
        n = self.channels
        out = []
        for row in self.rows[::step]:
            for x in range(0, self.width, step):
                px = row[x * n : (x + 1) * n]
                out.append((px[0], px[0], px[0]) if n < 3 else (px[0], px[1], px[2]))
        return out


def read_png(path: Path) -> Image:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a PNG")
    pos, idat, header = len(SIGNATURE), bytearray(), None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError(f"{path} has no IHDR")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace or colour not in CHANNELS:
        raise ValueError(
            f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}"
        )
    channels = CHANNELS[colour]
    return Image(
        width, height, channels, _unfilter(zlib.decompress(bytes(idat)), width, height, channels)
    )


def _unfilter(raw: bytes, width: int, height: int, bpp: int) -> list[bytes]:
    stride, rows, prev, pos = width * bpp, [], bytes(width * bpp), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += stride + 1
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise ValueError(f"bad PNG filter type {kind}")
        rows.append(bytes(line))
        prev = line
    return rows


def luminance_variance(pixels: list[tuple[int, int, int]]) -> float:
    values = [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in pixels]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def has_colour(
    pixels: list[tuple[int, int, int]], hex_colour: str, tolerance: int = 12, at_least: int = 20
) -> bool:
    """Whether at least ``at_least`` sampled pixels are within ``tolerance`` of the colour."""
    target = tuple(int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    hits = sum(
        1 for px in pixels if all(abs(a - b) <= tolerance for a, b in zip(px, target, strict=False))
    )
    return hits >= at_least
