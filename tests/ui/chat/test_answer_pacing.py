"""Transcript updates while streaming: one per frame, fewer as each update gets dearer."""

from app.ui.chat.answer_stream import FRAME_MS, FramePacer


def test_cheap_updates_run_every_frame():
    assert FramePacer().delay_ms(0.002) == FRAME_MS


def test_dear_updates_take_at_most_a_third_of_the_loop():
    pacer = FramePacer()
    assert pacer.delay_ms(0.030) == 60  # 30 ms of work, then 60 ms free for input and paint
    assert pacer.delay_ms(0.015) < pacer.delay_ms(0.030)


def test_even_very_dear_updates_show_several_times_a_second():
    assert FramePacer().delay_ms(2.0) == 250
