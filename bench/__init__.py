"""Parley's benchmarks: ``python -m bench [--quick] [--only render,sse] [--json PATH]``.

One module per section, each with ``run(quick: bool) -> dict`` (see bench.common for the
figure record) and its own ``python bench/<module>.py`` command line:

- render: bench/ui_bench.py — streaming 10 KB / 100 KB answers through the app's widgets;
- renderer: bench/render_bench.py — the markdown renderer alone, without Qt;
- sse: bench/sse_bench.py — parsing a large recorded stream;
- startup: bench/startup_bench.py — launch to first painted window (bench/probe.py);
- history: bench/history_bench.py — content search, opening a 1,000-message conversation;
- image: bench/image_bench.py — a 24 MP JPEG to thumbnail and data URL (when present);
- memory: bench/memory_bench.py — resident memory idle and after opening a conversation.

The runner (bench/__main__.py) runs each section in a fresh process with its own
PARLEY_HOME and offscreen Qt, prints one table and writes JSON.
"""
