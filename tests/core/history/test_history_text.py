"""Markdown as it reads, for search snippets: the marks go, the words stay."""

import pytest

from app.core.history.text import markdown_plain, snippet


@pytest.mark.parametrize("markdown, plain", [
    ("# Heading\n## Sub", "Heading\nSub"),
    ("Some **bold**, __strong__, *it*, _it_ and ~~gone~~.", "Some bold, strong, it, it and gone."),
    ("`code` and ``a ` b``", "code and a ` b"),
    ("$x^2$ and $$\\int_0^1 f$$ and \\(a\\) \\[b\\]", "x^2 and  \\int_0^1 f  and  a   b "),
    ("[the notes](https://e.org/a_(1)) ![a graph](g.png) <https://x.y>",
     "the notes a graph https://x.y"),
    ("- item\n* star\n+ plus\n1. one\n2) two\n- [x] done", "item\nstar\nplus\none\ntwo\ndone"),
    ("> quoted\n> > twice", "quoted\ntwice"),
    ("| a | b |\n|---|:-:|\n| 1 | 2 |", "  a   b  \n\n  1   2  "),
    ("```python\nprint(1)\n```", "\nprint(1)\n"),
    ("---\ntext\n***", "\ntext\n"),
])
def test_marks_go_words_stay(markdown, plain):
    assert markdown_plain(markdown).split() == plain.split()  # snippets collapse spaces


@pytest.mark.parametrize("text", [
    "snake_case and a*b and 2*3*4", "costs $5 and $10", "C++ is fine", "|x| = 3 in $|x|$?",
    "\\*not emphasis\\*", "<b>raw html is shown as text</b>", "x < y and z > w",
])
def test_what_is_not_a_mark_stays(text):
    plain = markdown_plain(text)
    for word in text.replace("\\", "").replace("$", " ").split():
        assert word.strip("$|") in plain, (word, plain)


def test_snippet_spans_point_at_the_matches():
    text, spans = snippet("**Integrals** and more integrals", ["integral"], markdown=True)
    assert text == "Integrals and more integrals"
    assert [text[a:b] for a, b in spans] == ["Integral", "integral"]
