"""Render the app icon, drawn once as SVG, into what each platform wants.

    python packaging/icons.py OUTDIR

writes into OUTDIR:

* ``apology-composer-{16,24,32,48,64,128,256,512,1024}.png`` (Linux hicolor sizes, and the
  sources of the two containers below),
* ``apology-composer.ico`` (Windows: PNG-compressed entries 16 to 256, valid since Vista),
* ``apology-composer.icns`` (macOS: PNG entries, 16 to 1024 and the @2x variants),
* ``apology-composer.svg`` (the Linux hicolor "scalable" icon, a plain copy).

This is a script, not a module of a ``packaging`` package: that name belongs to the third-party
library that pip and setuptools import, and a package of ours by that name would shadow it.
Tests load it by file path.
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "apology-composer.svg"
NAME = "apology-composer"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types with PNG payloads, and the pixel size each one holds
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)

# the QGuiApplication this script had to create, kept alive while it renders
_app: object | None = None


def _ensure_gui() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication([sys.argv[0] or "icons", "-platform", "offscreen"])


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn antialiased onto a transparent size x size image, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ensure_gui()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # the stubs ask for the format as bytes; PySide6 6.11 itself accepts only str
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"Qt could not encode the {size}x{size} icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows ICO container (ICONDIR, ICONDIRENTRYs, then the PNG payloads), little-endian."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"an ICO entry cannot be {size} pixels")
        side = 0 if size == 256 else size  # the width/height byte: 0 means 256
        length = len(pngs[size])
        # width, height, colour count, reserved, planes, bits per pixel, bytes, offset
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, length, offset)
        offset += length
    return header + entries + b"".join(pngs[size] for size in sizes)


def icns_bytes(entries: list[tuple[bytes, bytes]]) -> bytes:
    """A macOS icns container: 'icns', total length, then (type, length, data) elements."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write every icon file into out_dir; returns them by file name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(svg, size) for size in PNG_SIZES}
    written: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        path = out_dir / name
        path.write_bytes(data)
        written[name] = path

    for size, data in pngs.items():
        write(f"{NAME}-{size}.png", data)
    write(f"{NAME}.ico", ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    write(f"{NAME}.icns", icns_bytes([(kind, pngs[size]) for kind, size in ICNS_TYPES]))
    scalable = out_dir / f"{NAME}.svg"
    shutil.copyfile(svg, scalable)
    written[scalable.name] = scalable
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python packaging/icons.py OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(args[0])).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
