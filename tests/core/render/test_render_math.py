"""LaTeX maths: four delimiters, typeset to SVG, cached by key; prices stay prices."""

import re

import pytest

from app.core.render import DARK, LIGHT, MarkdownRenderer, MathCache
from app.core.render.mathsvg import MIDDLE_LIFT, math_key

IMG = re.compile(r'<img src="(parley-math:[0-9a-f]+)" width="(\d+)" height="(\d+)"')


def images(html):
    return IMG.findall(html)


@pytest.mark.parametrize("source, display", [
    ("Energy $E=mc^2$ here.", False),
    (r"Energy \(E=mc^2\) here.", False),
    ("$$\nE=mc^2\n$$", True),
    ("$$E=mc^2$$", True),
    ("\\[\nE=mc^2\n\\]", True),
    (r"\[E=mc^2\]", True),
    ("Inline display \\[E=mc^2\\] inside text.", False),  # inside a line: text-sized
    ("Inline $$E=mc^2$$ inside text.", False),
    ("Text before\n$$\nE=mc^2\n$$\nand after.", True),
])
def test_all_four_delimiters_are_typeset(source, display):
    renderer = MarkdownRenderer()
    html = renderer.render(source)
    found = images(html)
    assert len(found) == 1, html
    url, width, height = found[0]
    assert int(width) > 0 and int(height) > 0
    assert "E=mc^2" not in re.sub(r' title="[^"]*"', "", html)  # typeset, not shown as source
    assert 'title="E=mc^2"' in html  # the source rides along as a tooltip
    svg = renderer.resource(url)
    assert svg is not None and b"<svg" in svg and LIGHT.text.encode() in svg
    size = LIGHT.math_px if display else LIGHT.inline_math_px
    assert url == "parley-math:" + math_key("E=mc^2", display, LIGHT.text, size)


def test_display_blocks_are_centred_and_inline_is_vertically_middled():
    html = MarkdownRenderer().render("$$\nx^2\n$$\n\nand $y$.")
    assert re.search(r'<p align="center"[^>]*><img src="parley-math:', html)
    assert html.count('style="vertical-align: middle;"') == 2


def test_inline_svg_is_centred_where_qt_puts_a_middle_image():
    # Qt puts a vertical-align:middle image's centre a quarter x-height above the text
    # baseline; the formula's baseline (y = 0 in ziamath's coordinates) must sit that far
    # below the image's centre.
    cache = MathCache()
    image = cache.image("x_i^2", False, "#000000", 17)
    svg = cache.resource(image.url).decode()
    _x, top, _w, height = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    assert top + height / 2 == pytest.approx(-MIDDLE_LIFT * 17, abs=0.01)
    assert int(re.search(r'height="(\d+)"', svg).group(1)) == image.height


@pytest.mark.parametrize("source", [
    "It costs $5 and $10.",
    "Pay $5, $10, or $15.",
    "Between $5-$10 per item.",
    "US$5 and US$10.",
    "It costs $5 (was $7).",
    "Salaries of $100k and $200k.",
    "The range $5.99 to $ 10.",
    r"Escaped \$x\$ stays.",
    "Full-width ＄5 and ＄10.",
    "Code `$x$` is code.",
])
def test_prices_and_escapes_are_not_maths(source):
    html = MarkdownRenderer().render(source)
    assert "parley-math:" not in html, html


@pytest.mark.parametrize("source, shown", [
    (r"Bad $\frac{a}{$ here", r"$\frac{a}{$"),
    ("\\[\n\\begin{nonsense}\n\\]", r"\[\begin{nonsense}\]"),
    ("$$\\left( x$$", "$$\\left( x$$"),
])
def test_invalid_latex_shows_its_source_as_an_error(source, shown):
    html = MarkdownRenderer().render(source)
    assert "parley-math:" not in html
    assert f'<code style="color: {LIGHT.error};' in html
    assert shown in html


@pytest.mark.parametrize("source", ["$\\$", "$}{$", "$\\\\\\\\$", "$" + "{" * 300 + "$",
                                    "$x" + "^x" * 50 + "$", "$\\begin{matrix}$", "$\u0000$"])
def test_garbage_never_raises(source):
    MarkdownRenderer().render(source)


def test_keys_depend_on_source_display_colour_and_size():
    keys = {math_key("x", False, LIGHT.text, 17), math_key("x", True, LIGHT.text, 17),
            math_key("x", False, DARK.text, 17), math_key("x", False, LIGHT.text, 20),
            math_key("y", False, LIGHT.text, 17)}
    assert len(keys) == 5
    assert math_key("x", False, LIGHT.text, 17) == math_key("x", False, LIGHT.text, 17)
    light = images(MarkdownRenderer(LIGHT).render("$x$"))[0][0]
    dark = images(MarkdownRenderer(DARK).render("$x$"))[0][0]
    assert light != dark


def test_cache_typesets_once_and_resolves_evicted_urls_again():
    cache = MathCache(budget_bytes=1)  # holds no SVG at all
    first = cache.image("a+b", False, "#000000", 17)
    assert cache.image("a+b", False, "#000000", 17) is first
    second = cache.image("c+d", False, "#000000", 17)  # evicts the first SVG
    assert cache.resource(first.url) is not None  # typeset again on demand
    assert cache.resource(second.url) is not None
    assert cache.resource("parley-math:unknown") is None
    assert cache.resource("https://example.com/x.svg") is None
    assert cache.resource(None) is None  # type: ignore[arg-type]


def test_an_inline_integral_is_the_size_of_the_text_not_of_a_display():
    """ziamath stretches ∫ to the height of its limits; inside a line it must stay small."""
    html = MarkdownRenderer().render(r"The area $\int_0^1 x^2\,dx$ is small." "\n\n"
                                     r"$$\int_0^1 x^2\,dx$$")
    (_, _, inline_height), (_, _, display_height) = images(html)
    assert int(inline_height) < 0.75 * int(display_height)
    assert int(inline_height) <= 2.5 * LIGHT.inline_math_px
