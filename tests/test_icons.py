"""The app icon: one hand-drawn SVG, rendered to PNGs, a Windows .ico and a macOS .icns.

The containers are parsed here from their published layouts, not with the writer's code, so a
mistake in the writer cannot be repeated by the check."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "icons.py"
SVG = ROOT / "resources" / "icons" / "apology-composer.svg"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICNS_SIZES = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}


def load_script():
    # packaging/ is a folder of build scripts, not a package: the name is the third-party
    # library's, so the script is loaded by its path
    spec = importlib.util.spec_from_file_location("apology_composer_icons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(qapp, tmp_path_factory):
    out = tmp_path_factory.mktemp("icons")
    return out, load_script().render(out)


def png_header(data: bytes) -> tuple[int, int, int, int]:
    """(width, height, bit depth, colour type) from a PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


def test_every_png_has_its_size_transparent_corners_and_an_opaque_centre(rendered):
    from PySide6.QtGui import QImage

    out, written = rendered
    for size in PNG_SIZES:
        path = out / f"apology-composer-{size}.png"
        assert written[path.name] == path
        width, height, depth, colour = png_header(path.read_bytes())
        assert (width, height) == (size, size)
        assert colour in (4, 6), f"{size}: the PNG has no alpha channel"
        image = QImage(str(path))
        assert image.hasAlphaChannel()
        last = size - 1
        for x, y in [(0, 0), (last, 0), (0, last), (last, last)]:
            assert image.pixelColor(x, y).alpha() == 0, f"{size}: corner {x},{y} not transparent"
        assert image.pixelColor(size // 2, size // 2).alpha() == 255, f"{size}: centre not opaque"


def test_the_ico_holds_seven_png_entries_of_the_right_sizes(rendered):
    out, _ = rendered
    data = (out / "apology-composer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 6 + 16 * (index + 1)]
        width, height, colours, zero, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", entry
        )
        width, height = width or 256, height or 256
        assert width == height
        assert (colours, zero) == (0, 0)
        assert planes in (0, 1) and bits in (0, 32)
        assert offset >= 6 + 16 * count and offset + length <= len(data)
        payload = data[offset : offset + length]
        assert png_header(payload)[:2] == (width, height)
        assert payload.endswith(b"IEND\xaeB`\x82"), f"the {width} entry is cut short"
        sizes.append(width)
    assert sorted(sizes) == ICO_SIZES


def test_the_icns_holds_png_entries_whose_types_match_their_sizes(rendered):
    out, _ = rendered
    data = (out / "apology-composer.icns").read_bytes()
    magic, total = struct.unpack(">4sI", data[:8])
    assert magic == b"icns"
    assert total == len(data)
    seen = {}
    position = 8
    while position < total:
        kind, length = struct.unpack(">4sI", data[position : position + 8])
        assert length > 8 and position + length <= total
        assert kind in ICNS_SIZES, f"unexpected icns type {kind!r}"
        payload = data[position + 8 : position + length]
        width, height, _, _ = png_header(payload)
        assert (width, height) == (ICNS_SIZES[kind], ICNS_SIZES[kind]), kind
        assert payload.endswith(b"IEND\xaeB`\x82")
        seen[kind] = width
        position += length
    assert position == total
    assert seen == ICNS_SIZES


def test_the_16_pixel_icon_is_not_blank(rendered):
    from PySide6.QtGui import QImage

    out, _ = rendered
    image = QImage(str(out / "apology-composer-16.png"))
    opaque = [
        image.pixelColor(x, y)
        for y in range(16)
        for x in range(16)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert len(opaque) >= 100, "the background barely shows"
    assert len({colour.rgb() for colour in opaque}) >= 12, "too few colours to show a picture"
    # the envelope (pale) and the heart (red) both survive at this size
    assert any(min(c.red(), c.green(), c.blue()) >= 220 for c in opaque), "no envelope"
    assert any(c.red() >= 170 and c.green() <= 90 and c.blue() <= 110 for c in opaque), "no heart"


def test_the_scalable_icon_is_the_svg_itself_and_draws_without_text_or_bitmaps(rendered):
    out, _ = rendered
    assert (out / "apology-composer.svg").read_bytes() == SVG.read_bytes()
    source = SVG.read_text(encoding="utf-8")
    assert 'viewBox="0 0 512 512"' in source
    for forbidden in ("<image", "<text", "@font-face", "data:"):
        assert forbidden not in source


def test_the_script_runs_from_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "apology-composer.icns").is_file()
    assert (tmp_path / "apology-composer-1024.png").is_file()
