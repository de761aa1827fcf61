"""Write static/img/favicon.ico, the 32 px icon of static/img/icon.svg, for browsers and crawlers that ask
for /favicon.ico. Run once after changing the icon; standard library only (an ICO holding one PNG)."""

import struct
import zlib
from pathlib import Path

SIZE = 32
SAMPLES = 4  # per pixel side, for smooth edges
RED = (0x8F, 0x1D, 0x21)
WHITE = (0xFF, 0xFF, 0xFF)
# The circles of icon.svg (viewBox 0 0 32 32): centre x, centre y, radius, colour; later ones on top.
CIRCLES = [(16, 16, 15, RED)] + [(x, y, 3.2, WHITE) for x, y in ((16, 9), (16, 23), (9, 16), (23, 16))]
CIRCLES.append((16, 16, 1.6, WHITE))


def pixel(px, py):
    """RGBA of one pixel, averaged over SAMPLES² points."""
    total = [0, 0, 0, 0]
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x, y = px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES
            colour = None
            for cx, cy, r, fill in CIRCLES:
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                    colour = fill
            if colour:
                for i in range(3):
                    total[i] += colour[i]
                total[3] += 255
    n = SAMPLES * SAMPLES
    alpha = total[3] // n
    if not alpha:
        return (0, 0, 0, 0)
    return tuple(round(c * 255 / total[3]) for c in total[:3]) + (alpha,)


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + bytes(value for rgba in row for value in rgba) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(image):
    # ICONDIR (one image), then its ICONDIRENTRY, then the PNG itself.
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 22) + image


if __name__ == "__main__":
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    target = Path(__file__).resolve().parent.parent / "static" / "img" / "favicon.ico"
    target.write_bytes(ico(png(SIZE, SIZE, rows)))
    print(f"wrote {target} ({target.stat().st_size} bytes)")
