"""Model output is untrusted: no raw HTML, no dangerous links, no remote images, ever."""

import re

import pytest

from app.core.render import IncrementalRenderer, MarkdownRenderer, image_source

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="file:///etc/passwd">local</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{background:url(https://evil/x)}</style>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java&#x73;cript:alert(1))",
    "[x](file:///etc/passwd)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox)",
    "[x](parley-copy:0)",
    "[x](custom-scheme://do/thing)",
    "[x](relative/page.html)",
    "[x](#anchor)",
    "<javascript:alert(1)>",
    "<file:///etc/passwd>",
    "![a](http://evil/x.png)",
    "![a](https://evil/x.png \"title\")",
    "![a](javascript:alert(1))",
    "![a](data:image/png;base64,iVBORw0KGgo=)",
    "![a](file:///home/me/secret.png)",
    "![a](//evil/x.png)",
    "[![inner](https://evil/i.png)](https://example.com)",
    '[a](http://x.example/"onmouseover="alert(1))',
    '[a](http://x.example "t\\" onmouseover=\\"alert(1)")',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "```python\" onclick=\"alert(1)\nprint(1)\n```",
    "$<script>alert(1)</script>$",
    "`<b>not bold</b>`",
    "&lt;script&gt; &#60;script&#62;",
    "www.example.com/\"onmouseover=alert(1)",
    "https://example.com/<script>",
]


@pytest.mark.parametrize("source", ATTACKS)
def test_output_uses_only_safe_tags_attributes_and_targets(source, assert_safe):
    html = MarkdownRenderer().render(source)
    assert_safe(html)
    assert "<script" not in html and "<iframe" not in html and "<style" not in html


def test_raw_html_is_shown_as_text():
    html = MarkdownRenderer().render("<script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html


@pytest.mark.parametrize("source", [
    "[x](javascript:alert(1))", "[x](file:///etc/passwd)", "[x](custom-scheme://do/thing)",
    "[x](data:text/html,hi)", "[x](relative/page.html)",
])
def test_disallowed_links_stay_plain_text(source):
    html = MarkdownRenderer().render(source)
    assert "<a " not in html
    assert "[x](" in html  # the user still sees what the model wrote


@pytest.mark.parametrize("source, href", [
    ("[x](https://example.com/a?b=1&c=2)", "https://example.com/a?b=1&amp;c=2"),
    ("[x](http://example.com)", "http://example.com"),
    ("[x](mailto:someone@example.edu)", "mailto:someone@example.edu"),
    ("<https://example.com>", "https://example.com"),
    ("see www.example.com now", "http://www.example.com"),
    ("mail me: someone@example.edu", "mailto:someone@example.edu"),
])
def test_http_https_mailto_links_are_clickable(source, href):
    assert f'<a href="{href}"' in MarkdownRenderer().render(source)


def test_refused_autolink_scheme_keeps_its_text():
    # gfm_autolink drops the scheme word when validation refuses it; we put it back.
    html = MarkdownRenderer().render("chat on xmpp:someone@example.org today")
    assert "xmpp:someone@example.org" in html and "<a " not in html


def test_images_become_click_to_load_placeholders():
    html = MarkdownRenderer().render("![whiteboard photo](https://evil.example/x.png?a=1&b=2)")
    match = re.search(r'<a href="(parley-image:[^"]+)"[^>]*>🖼 whiteboard photo — click to load</a>',
                      html)
    assert match, html
    assert image_source(match.group(1).replace("&amp;", "&")) == \
        "https://evil.example/x.png?a=1&b=2"
    assert "<img" not in html


def test_no_remote_src_anywhere_in_rich_output(rich_sample, assert_safe):
    renderer = IncrementalRenderer()
    for cut in range(1, len(rich_sample) + 1, 97):
        update = renderer.update(rich_sample[:cut])
        for piece in [*update.frozen, update.tail]:
            assert_safe(piece)
    html = MarkdownRenderer().render(rich_sample)
    assert_safe(html)
    for src in re.findall(r'src="([^"]*)"', html):
        assert src.startswith("parley-math:")


def test_image_source_refuses_foreign_urls():
    assert image_source("parley-image:javascript%3Aalert(1)") is None
    assert image_source("parley-math:abc") is None
    assert image_source("https://example.com/x.png") is None
    assert image_source("parley-image:https%3A%2F%2Fexample.com%2Fx.png") == \
        "https://example.com/x.png"


def test_image_inside_link_is_words_only():
    html = MarkdownRenderer().render("[![inner](https://evil/i.png)](https://example.com)")
    assert "parley-image:" not in html
    assert '<a href="https://example.com"' in html and "🖼 inner" in html
