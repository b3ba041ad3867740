"""Streaming render cost: IncrementalRenderer against re-rendering the whole text per delta.

    python bench/render_bench.py [--quick]

Builds realistic 10 KB and 100 KB answers (prose in English and Chinese, lists, code blocks,
tables, inline and display maths), cuts each into token-sized deltas (1–8 characters, ~4 on
average, as gateways send them) and feeds the successive prefixes, as the UI does, to

  (a) IncrementalRenderer.update, then finish();
  (b) MarkdownRenderer.render of the whole prefix (the quadratic baseline).

CPU is time.process_time. (b) on 100 KB would take over an hour, so it is measured on evenly
spaced sample prefixes and its total extrapolated (marked "est."); so is 10 KB with --quick. (a) runs first with an empty
maths cache ("cold": every formula typeset once, as in real use) and again with it filled
("warm": the renderer's own cost). --quick uses fewer samples and one repeat;
``python -m bench --smoke`` 1 KB and 3 KB answers and 3 samples (the path works, nothing more).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.render import IncrementalRenderer, MarkdownRenderer, MathCache

SECTION = """## {n}. Solving quadratic equations, part {n}

A quadratic equation $ax^2 + bx + c = 0$ with $a \\neq 0$ has the roots
$x = \\frac{{-b \\pm \\sqrt{{b^2-4ac}}}}{{2a}}$. The discriminant $\\Delta_{n} = b^2 - 4ac$ decides
how many real roots there are. A calculator costs $5 and a textbook $10, so plan ahead.

二次方程的判別式決定實數根的數目。**注意：**當 $\\Delta < 0$ 時，方程沒有實數根（但有兩個共軛複數根）。
請先化簡，再代入公式。

1. Move every term to one side so the equation reads $ax^2 + bx + c = 0$.
2. Compute the discriminant and check its sign.
   - If it is positive, there are two roots.
   - If it is zero, there is one repeated root.
3. Substitute into the formula and simplify.

$$
x_{{1,2}} = \\frac{{-b \\pm \\sqrt{{b^2 - 4ac}}}}{{2a}} \\quad (n = {n})
$$

| Method | When to use | Speed |
|:--|:--|--:|
| Factorising | small integer roots | fast |
| Completing the square | deriving the formula | medium |
| Formula | always works | {n} s |

```python
import math

def roots_{n}(a: float, b: float, c: float) -> tuple[float, float]:
    \"\"\"Real roots of a*x**2 + b*x + c = 0 (section {n}).\"\"\"
    d = b * b - 4 * a * c  # the discriminant
    if d < 0:
        raise ValueError("no real roots")
    r = math.sqrt(d)
    return (-b + r) / (2 * a), (-b - r) / (2 * a)

print(roots_{n}(1, -3, 2))
```

> Tip: check your answer by substituting the roots back. See
> [the notes](https://example.edu/notes/{n}) for worked examples.

"""


def answer(size: int) -> str:
    parts, n = ["# Quadratic equations\n\n"], 1
    while sum(map(len, parts)) < size:
        parts.append(SECTION.format(n=n))
        n += 1
    return "".join(parts)[:size]


def deltas(text: str, seed: int = 7) -> list[int]:
    """Cut points: the end of each token-sized delta."""
    rng, cuts, pos = random.Random(seed), [], 0
    while pos < len(text):
        pos = min(len(text), pos + rng.randint(1, 8))
        cuts.append(pos)
    return cuts


def run_incremental(text: str, cuts: list[int], cache: MathCache) -> float:
    renderer = IncrementalRenderer(math_cache=cache)
    start = time.process_time()
    for cut in cuts:
        renderer.update(text[:cut])
    renderer.finish(text)
    return time.process_time() - start


def run_baseline(text: str, cuts: list[int], samples: int) -> tuple[float, bool]:
    """Total CPU of re-rendering every prefix; sampled and extrapolated if ``samples`` is less
    than the number of deltas. Returns (seconds, estimated)."""
    renderer = MarkdownRenderer(math_cache=MathCache())
    renderer.render(text)  # typeset the maths once: (a) pays for it, but only once, too
    chosen = cuts if samples >= len(cuts) else \
        [cuts[int(i * (len(cuts) - 1) / (samples - 1))] for i in range(samples)]
    start = time.process_time()
    for cut in chosen:
        renderer.render(text[:cut])
    spent = time.process_time() - start
    return spent * len(cuts) / len(chosen), len(chosen) < len(cuts)


def slicing_cost(text: str, cuts: list[int]) -> float:
    """CPU of taking the prefixes alone: the benchmark's own share of run_incremental."""
    start = time.process_time()
    for cut in cuts:
        text[:cut]  # measured on purpose
    return time.process_time() - start


def measure(quick: bool) -> list[tuple]:
    """(label, chars, deltas, cold s, warm s, baseline s, estimated) for 10 KB and 100 KB.
    Warm runs alternate between the sizes (best of 3 each), so drifting load on a shared
    machine hits both alike; --quick lets the cold run stand for the warm one."""
    from bench.common import smoke

    sizes = (("1 KB", 1_000), ("3 KB", 3_000)) if smoke() else \
        (("10 KB", 10_000), ("100 KB", 100_000))
    texts = {label: answer(size) for label, size in sizes}
    cuts = {label: deltas(text) for label, text in texts.items()}
    caches = {label: MathCache() for label in texts}
    own = {label: slicing_cost(texts[label], cuts[label]) for label in texts}
    cold = {label: run_incremental(texts[label], cuts[label], caches[label]) - own[label]
            for label in texts}
    warm = dict(cold)
    if not quick:
        warm = {label: float("inf") for label in texts}
        for _ in range(3):
            for label, text in texts.items():
                spent = run_incremental(text, cuts[label], caches[label]) - own[label]
                warm[label] = min(warm[label], spent)
    rows = []
    for label, size in sizes:
        # Full mode re-renders every 10 KB prefix for real; 100 KB is always sampled.
        samples = 3 if smoke() else 20 if quick else \
            (len(cuts[label]) if size <= 10_000 else 200)
        base, estimated = run_baseline(texts[label], cuts[label], samples)
        rows.append((label, len(texts[label]), len(cuts[label]), cold[label], warm[label],
                     base, estimated))
    return rows


def run(quick: bool = False) -> dict:
    """The renderer alone, without Qt: where streaming CPU goes before the widgets."""
    from bench.common import figure

    rows = measure(quick)
    base = "whole answer re-rendered per delta"
    figures = []
    for label, _chars, count, cold, warm, full, est in rows:
        name = base + (" (est.)" if est else "")
        figures.append(figure(f"renderer alone {label}: CPU per delta"
                              f" ({'cold' if quick else 'warm'} maths)",
                              warm / count * 1e3, "ms", baseline=full / count * 1e3,
                              baseline_name=name, note=f"cold maths {cold / count * 1e3:.3f} ms"))
    small, large = rows
    figures.append(figure(f"renderer alone {large[0]} / {small[0]}: CPU ratio",
                          large[4] / small[4], "×", baseline=large[5] / small[5],
                          baseline_name=base, target=("<=", 12.0),
                          note=f"cold {large[3] / small[3]:.1f}×"))
    return {"figures": figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples; under a minute")
    args = parser.parse_args()
    rows = measure(args.quick)

    print(f"{'answer':>7} {'deltas':>7} | {'(a) cold maths':>22} | {'(a) warm maths':>22} | "
          f"{'(b) full re-render':>26} | {'(a)/(b) cold':>12} {'warm':>7}")
    for label, _chars, count, cold, warm, base, est in rows:
        mark = "est." if est else ""
        print(f"{label:>7} {count:>7} | {cold:>7.2f} s {cold / count * 1e3:>7.3f} ms/Δ | "
              f"{warm:>7.2f} s {warm / count * 1e3:>7.3f} ms/Δ | "
              f"{base:>7.1f} s {mark:<4} {base / count * 1e3:>6.2f} ms/Δ | "
              f"{cold / base:>12.4f} {warm / base:>7.4f}")
    small, large = rows[0], rows[1]
    print(f"\n(a) 100 KB / 10 KB total CPU, for {large[1] / small[1]:.0f}x the text "
          f"(linear ~10x; target <= ~12x): cold {large[3] / small[3]:.1f}x, "
          f"warm {large[4] / small[4]:.1f}x")
    print(f"(a) at 1,000 deltas/s, warm: {small[4] / small[2] * 1e5:.0f}% of a core (10 KB), "
          f"{large[4] / large[2] * 1e5:.0f}% (100 KB)")


if __name__ == "__main__":
    main()
