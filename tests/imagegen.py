"""Images made on the fly for tests (nothing big is committed): photo-like, flat, halves of
two colours to see orientation, transparent, animated, and their encodings."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw

RED, BLUE = (220, 20, 20), (20, 20, 220)


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def photo(size: tuple[int, int], seed_sigma: int = 60) -> Image.Image:
    """Smooth shapes plus fine grain: many colours, like a camera picture."""
    w, h = size
    small = Image.merge("RGB", [Image.effect_noise((max(2, w // 40), max(2, h // 40)),
                                                   seed_sigma + 15 * i) for i in range(3)])
    base = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 10).convert("RGB")
    return ImageChops.add(base, grain, scale=1.0, offset=-128)


def halves(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=RED)
    return image


def screenshot(size: tuple[int, int]) -> Image.Image:
    """Flat panels and a few lines of 'text': few colours, sharp edges."""
    image = Image.new("RGB", size, (246, 246, 246))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 40), fill=(40, 60, 90))
    for row in range(60, size[1] - 20, 24):
        draw.text((20, row), "def prepare_image(source): return 42", fill=(20, 20, 20))
    return image


def jpeg_with_orientation(image: Image.Image, orientation: int, **options) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(image, "JPEG", exif=exif.tobytes(), quality=90, **options)


def transparent_png(size: tuple[int, int]) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, size[0] - 1, size[1] - 1), fill=(200, 30, 30, 255))
    return encode(image, "PNG")


def animated_gif(colours=(RED, BLUE), size=(40, 30)) -> bytes:
    frames = [Image.new("RGB", size, c) for c in colours]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100,
                  loop=0)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def near(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=False))
