# SPDX-License-Identifier: MIT
"""Screen images: read the PPM that QEMU's screendump writes, write PNG (for docs/), standard
library only (zlib and struct are all PNG needs)."""

import struct
import zlib


class Image:
    def __init__(self, width, height, rgb):
        self.width, self.height, self.rgb = width, height, rgb

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.rgb[i:i + 3])


def read_ppm(path):
    """A binary PPM (P6, maxval 255), as QEMU's screendump writes it."""
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval; '#' comments allowed between
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b'P6' or fields[3] != b'255':
        raise ValueError(f'{path}: not a P6 PPM with maxval 255')
    width, height = int(fields[1]), int(fields[2])
    rgb = data[pos + 1:pos + 1 + width * height * 3]
    if len(rgb) != width * height * 3:
        raise ValueError(f'{path}: truncated')
    return Image(width, height, rgb)


def write_png(path, image):
    def chunk(kind, body):
        return (struct.pack('>I', len(body)) + kind + body
                + struct.pack('>I', zlib.crc32(kind + body) & 0xFFFFFFFF))

    row = image.width * 3
    raw = b''.join(b'\0' + image.rgb[y * row:(y + 1) * row] for y in range(image.height))
    header = struct.pack('>IIBBBBB', image.width, image.height, 8, 2, 0, 0, 0)  # 8-bit RGB
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header)
                + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
