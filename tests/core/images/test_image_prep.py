"""Preparing images to send: orientation, scaling, format choice, and clear refusals."""

from __future__ import annotations

import base64
import hashlib
import zlib

import pytest
from PIL import Image, JpegImagePlugin

from app.core.errors import InputError
from app.core.images import source as image_source
from app.core.images.prepare import (
    PreparedImage,
    make_thumbnail,
    prepare_image,
    probe_image,
)
from tests.imagegen import (
    BLUE,
    RED,
    animated_gif,
    decode,
    encode,
    halves,
    jpeg_with_orientation,
    near,
    photo,
    screenshot,
    transparent_png,
)


def test_exif_orientation_is_applied_and_stripped():
    # Stored 40×20, left red / right blue; orientation 6 means "turn 90° clockwise to show".
    data = jpeg_with_orientation(halves((40, 20)), 6)
    result = prepare_image(data, name="phone.jpg")
    shown = decode(result.data)
    assert (result.width, result.height) == (20, 40) == shown.size
    assert (result.original_width, result.original_height) == (20, 40)
    assert near(shown.getpixel((10, 5)), RED) and near(shown.getpixel((10, 35)), BLUE)
    assert 0x0112 not in shown.getexif()  # no second rotation by whoever shows it


def test_orientation_with_reduced_decoding_of_a_large_jpeg():
    data = jpeg_with_orientation(halves((4000, 3000)), 8)  # 90° anticlockwise
    result = prepare_image(data)
    shown = decode(result.data)
    assert (result.width, result.height) == (1536, 2048)
    assert (result.original_width, result.original_height) == (3000, 4000)
    assert near(shown.getpixel((700, 1900)), RED) and near(shown.getpixel((700, 100)), BLUE)


def test_large_photo_is_scaled_to_2048_and_sent_as_jpeg(tmp_path):
    path = tmp_path / "holiday.png"
    path.write_bytes(encode(photo((2400, 800)), "PNG", compress_level=1))
    result = prepare_image(path)
    assert isinstance(result, PreparedImage) and result.name == "holiday.png"
    assert (result.mime, result.width, result.height) == ("image/jpeg", 2048, 683)
    assert (result.original_width, result.original_height) == (2400, 800) and result.scaled
    assert decode(result.data).format == "JPEG" and len(result.data) < path.stat().st_size / 3
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    assert base64.b64decode(result.data_url.split(",", 1)[1]) == result.data
    assert result.data_url.startswith("data:image/jpeg;base64,")


def test_jpeg_is_decoded_at_reduced_scale(monkeypatch):
    drafts = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        drafts.append(size)
        return original(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    data = encode(Image.new("RGB", (6000, 4000), (90, 120, 150)), "JPEG")
    assert prepare_image(data).width == 2048 and drafts[-1] == (2048, 1365)
    thumb = make_thumbnail(data)
    assert (thumb.width, thumb.height) == (256, 171) and drafts[-1] == (256, 170)
    assert (thumb.original_width, thumb.original_height) == (6000, 4000)


def test_small_images_are_never_upscaled():
    result = prepare_image(encode(photo((300, 200)), "JPEG"))
    assert (result.width, result.height, result.mime) == (300, 200, "image/jpeg")
    assert not result.scaled
    thumb = make_thumbnail(encode(photo((100, 60)), "JPEG"))
    assert (thumb.width, thumb.height) == (100, 60)


def test_transparency_keeps_png_with_alpha():
    result = prepare_image(transparent_png((2100, 2100)))
    image = decode(result.data)
    assert (result.mime, image.format, image.mode) == ("image/png", "PNG", "RGBA")
    assert (result.width, result.height) == (2048, 2048)
    assert image.getpixel((0, 0))[3] == 0 and image.getpixel((1024, 1024))[3] == 255
    assert make_thumbnail(transparent_png((600, 600))).mime == "image/png"


def test_opaque_alpha_channel_is_not_transparency():
    rgba = photo((1500, 1000)).convert("RGBA")  # alpha everywhere 255
    assert prepare_image(encode(rgba, "PNG", compress_level=1)).mime == "image/jpeg"


def test_screenshot_stays_sharp_png():
    result = prepare_image(encode(screenshot((1280, 800)), "PNG"), name="screen.png")
    assert (result.mime, result.width, result.height) == ("image/png", 1280, 800)
    assert decode(result.data).getpixel((5, 5)) == (40, 60, 90)  # exact, not JPEG-smudged


def test_jpeg_photo_stays_jpeg_and_drops_metadata():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    result = prepare_image(encode(photo((800, 600)), "JPEG", exif=exif.tobytes(), quality=95))
    image = decode(result.data)
    assert result.mime == "image/jpeg" and image.mode == "RGB"
    assert b"CameraMaker" not in result.data and not image.getexif()


def test_colour_profiles_are_applied_not_sent(monkeypatch):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    # The same colours under another name: converted through littlecms, unchanged.
    renamed = srgb.replace("sRGB".encode("utf-16-be"), "xRGB".encode("utf-16-be"))
    calls = []
    real = ImageCms.profileToProfile

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ImageCms, "profileToProfile", spy)
    for icc in (srgb, renamed, b"not a real ICC profile"):
        result = prepare_image(encode(halves((300, 200)), "PNG", icc_profile=icc))
        shown = decode(result.data)
        assert (result.width, result.mime) == (300, "image/png")
        assert "icc_profile" not in shown.info and near(shown.getpixel((10, 10)), RED, 3)
    assert calls == [1]  # only the profile that is not sRGB was applied


def test_greyscale_and_palette_images():
    grey = prepare_image(encode(photo((500, 400)).convert("L"), "JPEG"))
    assert decode(grey.data).mode == "L"
    palette = prepare_image(encode(screenshot((400, 300)).convert("P"), "BMP"))
    assert palette.mime == "image/png" and decode(palette.data).mode == "RGB"


def test_sixteen_bit_greyscale_is_scaled_not_clipped():
    deep = Image.new("I;16", (64, 32), 0x8000)  # mid-grey in 16 bits
    for source in (encode(deep, "PNG"), encode(deep, "TIFF")):
        result = prepare_image(source, name="scan.png")
        assert result.mime == "image/png"
        assert decode(result.data).getpixel((3, 3)) == 128


def test_animated_gif_sends_its_first_frame():
    result = prepare_image(animated_gif(), name="anim.gif")
    image = decode(result.data)
    assert result.mime == "image/png" and getattr(image, "n_frames", 1) == 1
    assert near(image.convert("RGB").getpixel((5, 5)), RED, tolerance=10)


def test_webp_and_tiff_are_accepted():
    assert prepare_image(encode(photo((300, 200)), "WEBP")).mime == "image/jpeg"
    assert prepare_image(encode(screenshot((300, 200)), "TIFF")).mime == "image/png"


def test_a_pillow_image_in_memory_is_accepted_and_left_open():
    pasted = screenshot((800, 500))  # e.g. a QImage's pixels wrapped by Image.frombuffer
    result = prepare_image(pasted)
    assert (result.name, result.mime, result.width) == ("pasted image", "image/png", 800)
    assert make_thumbnail(pasted, name="clip").name == "clip"
    assert pasted.getpixel((5, 5)) == (40, 60, 90)  # still usable: not closed, not changed


def test_probe_reads_the_header_only():
    assert probe_image(encode(halves((64, 32)), "PNG")) == ("image/png", 64, 32)


# ----- refusals name the file and say what is accepted -----------------------------------


def refusal(source, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        prepare_image(source, **kwargs)
    assert caught.value.exit_code == 10
    return str(caught.value)


def test_missing_empty_and_folder(tmp_path):
    assert "missing.jpg does not exist" in refusal(tmp_path / "missing.jpg")
    (tmp_path / "empty.png").write_bytes(b"")
    assert "empty.png is empty" in refusal(tmp_path / "empty.png")
    assert f"{tmp_path} is not a file" in refusal(tmp_path)
    assert "pasted image is empty" in refusal(b"")


def test_not_an_image(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("just words")
    message = refusal(notes)
    assert "notes.txt is not a supported image" in message and "PNG, JPEG" in message
    assert "clip.html is not a supported image" in refusal(b"<html>", name="clip.html")


def test_corrupt_and_truncated(tmp_path):
    whole = encode(photo((400, 300)), "JPEG")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "cut.jpg is damaged or incomplete" in refusal(cut)
    garbage = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert "broken.png is" in refusal(garbage, name="broken.png")
    png = encode(photo((200, 100)), "PNG")
    assert "half.png is damaged" in refusal(png[: len(png) // 2], name="half.png")
    assert "cut.jpg is damaged" in str(pytest.raises(InputError, make_thumbnail, cut).value)


def test_unsupported_formats_say_what_is_accepted(tmp_path):
    ppm = tmp_path / "scan.ppm"
    ppm.write_bytes(encode(halves((8, 8)), "PPM"))
    message = refusal(ppm)
    assert "scan.ppm is a PPM image, which cannot be sent" in message and "WebP" in message
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    assert "IMG_0001.HEIC is a HEIC/AVIF photo" in refusal(heic, name="IMG_0001.HEIC")


def test_oversize_file_and_decompression_bomb(tmp_path, monkeypatch):
    big = tmp_path / "huge.png"
    big.write_bytes(encode(halves((64, 64)), "PNG"))
    monkeypatch.setattr(image_source, "MAX_INPUT_BYTES", 100)
    assert "huge.png is 0.0 MB" in refusal(big) and "MB can be used" in refusal(big)
    monkeypatch.setattr(image_source, "MAX_INPUT_BYTES", 64 * 1024 * 1024)
    monkeypatch.setattr(image_source, "MAX_PIXELS", 1000)
    message = refusal(big)
    assert "huge.png is too large to open (64×64 pixels)" in message and "megapixels" in message


def test_a_header_claiming_gigapixels_is_refused_before_decoding():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (len(body).to_bytes(4, "big") + kind + body
                + zlib.crc32(kind + body).to_bytes(4, "big"))

    ihdr = (40000).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])  # 40000², 8-bit RGB
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")
    message = refusal(bomb, name="bomb.png")
    assert "bomb.png is too large to open" in message


def test_pillow_loads_only_when_an_image_is_prepared():
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, app.cli.ask, app.core.history, app.core.gateway.services;"
            "print([m for m in sys.modules if m.startswith('PIL')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[3]).stdout
    assert out.strip() == "[]"
