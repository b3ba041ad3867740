"""Fixtures for the answer-renderer tests: a rich sample answer and an HTML safety checker."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

RICH_SAMPLE = r"""# Quadratic equations 二次方程

A quadratic $ax^2+bx+c=0$ has roots \(x = \frac{-b \pm \sqrt{b^2-4ac}}{2a}\).
The price is $5 and $10.

$$
x = \frac{-b \pm \sqrt{b^2-4ac}}{2a}
$$

\[
\int_0^1 x^2\,dx = \frac{1}{3}
\]

## Steps
1. Compute the **discriminant** $\Delta = b^2 - 4ac$.
2. If it is positive:
   - two real roots
   - nested item

- [ ] todo item
- [x] done item

| Method | Speed |
|:--|--:|
| Formula | fast |
| 配方法 | `slow` |

```python
def roots(a, b, c):
    return (-b + (b*b - 4*a*c) ** 0.5) / (2*a)  # < & >
```

```mermaid
graph TD; A-->B
```

> A quote with *emphasis* and a [link](https://example.com/notes).

學生常見錯誤：**注意：**判別式必須先計算。這是**「重點」**內容（全形標點），Mixed English 與中文。

![whiteboard photo](https://example.com/board.png) and <script>alert(1)</script> and [bad](javascript:alert(1)).

---
Done ~~wrong~~ right.
"""

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "a", "img",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "span", "b",
}
ALLOWED_ATTRS = {
    "style", "href", "src", "width", "height", "align", "bgcolor", "border", "cellspacing",
    "cellpadding", "title", "start",
}
LINK_PREFIXES = ("http://", "https://", "mailto:", "parley-copy:", "parley-image:")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name not in ALLOWED_ATTRS:
                self.problems.append(f"attribute {name}= on <{tag}>")
            if name == "href" and not value.lower().startswith(LINK_PREFIXES):
                self.problems.append(f"href {value!r}")
            if name == "src" and not (tag == "img" and value.startswith("parley-math:")):
                self.problems.append(f"src {value!r} on <{tag}>")
            if name == "style" and ("url(" in value or "expression" in value):
                self.problems.append(f"style {value!r}")

    handle_startendtag = handle_starttag


def html_problems(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


@pytest.fixture
def rich_sample() -> str:
    return RICH_SAMPLE


@pytest.fixture
def assert_safe():
    """Checks that HTML uses only our tags and attributes, and only allowed link targets."""
    def check(html: str) -> None:
        problems = html_problems(html)
        assert not problems, problems

    return check
