"""Links whose words name another host than they open are marked for a question first."""

import pytest

from app.core.render import MarkdownRenderer
from app.core.render.links import checked_link, misleading, named_host, unpack_checked_link


@pytest.mark.parametrize("words, href, shown", [
    ("https://www.eduhk.hk", "http://elsewhere.example", "www.eduhk.hk"),
    ("www.eduhk.hk/login", "https://eduhk.hk.evil.test/login", "www.eduhk.hk"),
    ("moodle.eduhk.hk", "https://moodle.eduhk.hk.attacker.io", "moodle.eduhk.hk"),
])
def test_misleading_links(words, href, shown):
    assert misleading(href, words) == shown


@pytest.mark.parametrize("words, href", [
    ("EduHK", "https://elsewhere.example"),          # words that are not an address
    ("www.eduhk.hk", "https://eduhk.hk/x"),           # www. or not: the same place
    ("https://www.eduhk.hk/a", "https://WWW.EDUHK.HK/b"),
    ("see section 3.2", "https://example.com"),
    ("mail me", "mailto:someone@example.com"),
])
def test_honest_links(words, href):
    assert misleading(href, words) is None


def test_the_rendered_link_carries_both_and_unpacks():
    html = MarkdownRenderer().render("[https://www.eduhk.hk](http://elsewhere.example/x?a=1)")
    assert 'href="parley-link:' in html and "http://elsewhere" not in html.split('"')[1]
    target = html.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert unpack_checked_link(target) == ("http://elsewhere.example/x?a=1", "www.eduhk.hk")


def test_only_web_targets_unpack():
    assert unpack_checked_link(checked_link("javascript:alert(1)", "x.com")) is None
    assert named_host("not an address") is None


def test_an_image_placeholder_names_its_host():
    html = MarkdownRenderer().render("![board](https://cdn.example.org/b.png)")
    assert "(cdn.example.org)" in html
