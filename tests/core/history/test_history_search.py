"""Search: titles and text, English and Chinese, literal queries, index kept in sync."""

from __future__ import annotations

import pytest

from app.core.history import search as search_module


def texts(hits):
    return [h.snippet for h in hits]


@pytest.fixture(params=["newest", "index", "scan"])
def short_path(request, monkeypatch):
    """A query of short terms is answered by a LIKE scan of the newest messages, then
    from the index, or — for a term too common to expand — by a LIKE scan of the older
    ones. Test databases are small, so force each way in turn."""
    if request.param != "newest":
        monkeypatch.setattr(search_module, "PROBE_ROWS", 0)
    if request.param == "scan":
        monkeypatch.setattr(search_module, "EXPAND_LIMIT", 0)
    return request.param


def test_english_is_case_insensitive_and_all_terms_must_match(store, chat):
    conv, (q, a) = chat("Tell me about The Quick Brown Fox", "It jumps over the lazy dog.")
    hits = store.search("QUICK brown")
    assert [(h.conversation_id, h.message_id) for h in hits] == [(conv.id, q.id)]
    assert hits[0].marked() == "Tell me about The «Quick» «Brown» Fox"
    assert [h.message_id for h in store.search("lazy DOG")] == [a.id]
    assert store.search("quick dog") == []  # not in one message


def test_chinese_substrings_of_every_length(store, chat, short_path):
    conv, (q, a) = chat("請問微積分的基本定理是什麼？", "微積分基本定理連結了導數與積分。我喜歡微積")
    other, _ = chat("線性代數的矩陣乘法")
    assert [h.message_id for h in store.search("微積")] == [a.id]  # newest, one per conversation
    assert {h.message_id for h in store.search("微積", per_conversation=5)} == {q.id, a.id}
    assert [h.message_id for h in store.search("基本定理")] == [a.id]
    assert [h.conversation_id for h in store.search("矩陣")] == [other.id]
    assert [h.conversation_id for h in store.search("乘")] == [other.id]
    assert store.search("微分") == [] and store.search("鯨") == []
    hit = store.search("基本定理")[0]
    assert hit.marked().startswith("微積分«基本定理»連結")


def test_short_terms_at_the_very_end_and_alone(store, chat, short_path):
    conv, (end, alone) = chat("我喜歡微積", "AI")
    assert [h.message_id for h in store.search("微積", per_conversation=2)] == [end.id]
    assert [h.message_id for h in store.search("積", per_conversation=2)] == [end.id]
    assert [h.message_id for h in store.search("ai", per_conversation=2)] == [alone.id]
    assert [h.message_id for h in store.search("I", per_conversation=2)] == [alone.id]


def test_short_and_long_terms_together(store, chat, short_path):
    conv, (q, a) = chat("Python 的 list 怎麼排序？", "用 sorted() 或 list.sort()。")
    assert [h.message_id for h in store.search("排序 python")] == [q.id]
    assert [h.message_id for h in store.search("list 用")] == [a.id]


QUERIES = ['"', '""', "'", "AND", "OR", "NOT", "NEAR", "NEAR(a b)", "a OR b", "foo*", "*",
           "(x", ")", "^start", "col:umn", "messages_fts:x", "-x", "+", "\\", "%", "_", "%_%",
           "\x00", "\ud800bad", "🙂", "a\tb\nc", " ", "", "{x}", "[", "NEAR/2"]


@pytest.mark.parametrize("query", QUERIES)
def test_odd_queries_never_raise(store, chat, query):
    chat('Quote " and star * and (parens) AND OR NEAR ^caret 100% snake_case 🙂')
    assert isinstance(store.search(query), list)


def test_special_characters_are_literal(store, chat):
    conv, (msg,) = chat('C++ and "quoted" text, 100% sure, snake_case, a*b (x) ^top')
    for query in ["C++", '"quoted"', "100%", "snake_case", "a*b", "(x)", "^top", "AND"]:
        assert [h.message_id for h in store.search(query)] == [msg.id], query
    assert store.search("1_0") == [] and store.search("snake%case") == []
    assert store.search("NEAR") == [] and store.search("quoted*") == []


def test_titles_are_found_with_no_message(store):
    conv = store.create_conversation(title="Trip to 台北 planning")
    hits = store.search("台北")
    assert [(h.conversation_id, h.message_id) for h in hits] == [(conv.id, None)]
    assert hits[0].marked() == "Trip to «台北» planning"
    assert store.search("PLANNING")[0].conversation_id == conv.id


def test_checkpoints_update_the_index(store, chat):
    conv, _ = chat("question")
    answer = store.begin_answer(conv.id)
    store.checkpoint(answer.id, "first draft mentions aardvark")
    assert [h.message_id for h in store.search("aardvark")] == [answer.id]
    store.checkpoint(answer.id, "rewritten about 穿山甲")
    assert store.search("aardvark") == []
    assert [h.message_id for h in store.search("穿山甲")] == [answer.id]
    store.finish_answer(answer.id, "final: pangolin")
    assert store.search("穿山甲") == [] and store.search("pangolin")
    store._conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")


def test_deleted_conversations_are_not_found(store, chat, short_path):
    conv, (msg,) = chat("secret 秘密 zebra")
    store.rename(conv.id, "zebra title")
    store.delete(conv.id)
    assert store.search("zebra") == [] and store.search("秘密") == []
    store.restore(conv.id)
    assert [h.message_id for h in store.search("zebra")] == [msg.id]  # message over title
    assert store.search("秘密")


def test_newest_first_and_limit(store, chat):
    convs = [chat(f"note {i} about otters")[0] for i in range(6)]
    hits = store.search("otters", limit=4)
    assert [h.conversation_id for h in hits] == [c.id for c in reversed(convs)][:4]


def test_hit_on_another_branch_opens_there(store, chat):
    conv, (q, a1) = chat("question", "answer with ocelot")
    a2 = store.begin_answer(conv.id, parent_id=q.id)
    store.finish_answer(a2.id, "answer without it")
    (hit,) = store.search("ocelot")
    path = store.switch_branch(hit.message_id)
    assert hit.message_id in [m.id for m in path]


def test_snippet_is_short_and_centred(store, chat):
    long = "lorem ipsum " * 40 + "needle in the haystack " + "dolor sit " * 40
    chat(long)
    (hit,) = store.search("needle")
    assert len(hit.snippet) <= 82 and hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "«needle»" in hit.marked()


def test_short_terms_found_partly_in_newest_and_partly_in_index(store, chat, monkeypatch):
    monkeypatch.setattr(search_module, "PROBE_ROWS", 3)
    convs = [chat(f"第{i}個筆記：鯨魚很大", "noted")[0] for i in range(4)]
    assert [h.conversation_id for h in store.search("鯨魚")] == [c.id for c in convs[::-1]]


def test_a_query_out_of_time_returns_what_it_found(store, monkeypatch):
    for i in range(30):
        store.add_message(store.create_conversation(title="notes").id, "user", f"otter {i}")
    assert len(store.search("otter")) == 30
    monkeypatch.setattr(search_module, "BUDGET_SECONDS", -1.0)  # already out of time
    assert len(store.search("otter")) <= 1  # stopped at once, no exception


def test_a_slow_expansion_falls_back_to_like(store, chat, monkeypatch):
    conv, (q, a) = chat("Python 的 list 怎麼排序？", "用 sorted() 或 list.sort()。")
    monkeypatch.setattr(search_module, "PROBE_ROWS", 0)
    monkeypatch.setattr(search_module, "PROGRESS_STEPS", 1)  # check the clock constantly
    monkeypatch.setattr(search_module, "EXPAND_SECONDS", -1.0)  # every expansion is late
    assert [h.message_id for h in store.search("排序 python")] == [q.id]
    assert [h.message_id for h in store.search("排序")] == [q.id]


def test_an_answers_snippet_reads_as_shown_not_as_markdown(store, chat):
    """The snippet of an answer is the text as the transcript shows it — no ``**``, ``#``,
    backticks or ``$$``; a link as its words — around the match, not its start."""
    answer = ("# Revision notes\n\nSome opening words that go on for a while before anything "
              "of interest is said, padding the start of the answer.\n\n"
              "The **chain rule** says `d/dx f(g(x))` is $$f'(g(x))g'(x)$$ — see "
              "[the notes](https://example.org/notes_(1)) and ~~not~~ *this*.")
    conv, (q, a) = chat("what is the **chain rule**? `really`", answer)
    hit = next(h for h in store.search("chain rule", per_conversation=2)
               if h.message_id == a.id)
    for mark in ("**", "#", "`", "$$", "](", "https://", "~~"):
        assert mark not in hit.snippet, (mark, hit.snippet)
    assert hit.marked().startswith("…")  # not the answer's start
    assert "The «chain» «rule» says d/dx f(g(x)) is f'(g(x))g'(x) — see the notes" \
        in hit.marked()
    question = next(h for h in store.search("chain rule", per_conversation=2)
                    if h.message_id == q.id)
    assert question.snippet == "what is the **chain rule**? `really`"  # shown as typed


def test_a_match_only_in_the_marks_still_shows_where_it_was_found(store, chat):
    conv, (q, a) = chat("question", "Use **bold** sparingly.")
    (hit,) = store.search("**bold")
    assert hit.message_id == a.id and hit.marked() == "Use «**bold»** sparingly."


def test_a_chinese_hit_shows_the_words_around_it(store, chat):
    """40 columns is 20 Chinese characters: the lead before a Chinese match is counted in
    columns, so the match comes early in a narrow list, with its context around it."""
    lead = "線性代數是大學一年級的必修科目，" * 3
    conv, (q, a) = chat("矩陣", lead + "矩陣乘法不滿足**交換律**，要小心。" + "之後再談行列式。" * 10)
    (hit,) = store.search("交換律")
    text = hit.snippet
    assert text.startswith("…") and text.endswith("…")
    assert "**" not in text
    start, end = hit.spans[0]
    assert text[start:end] == "交換律"
    assert 8 <= start <= 14  # about 12 characters (24 columns) of context before it
    assert sum(2 for _ in text) <= 84  # about 80 columns in all


def test_latin_snippets_cut_between_words(store, chat):
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
    chat(words * 3 + "needle " + words * 3)
    (hit,) = store.search("needle")
    assert not hit.snippet.startswith("… ") and not hit.snippet.endswith(" …")
    inner = hit.snippet.strip("…")
    assert inner.split()[0] in words.split() and inner.split()[-1] in words.split()


def test_the_words_found_in_a_title_are_marked_too(store, chat):
    conv, (q, a) = chat("how do I integrate by parts?", "Choose u and dv.")
    store.rename(conv.id, "Integrate by parts 積分")
    (hit,) = store.search("integrate")
    assert hit.message_id == q.id  # the message hit stands for the conversation
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["Integrate"]
    (hit,) = store.search("積分")
    assert hit.message_id is None and [hit.title[s:e] for s, e in hit.title_spans] == ["積分"]
