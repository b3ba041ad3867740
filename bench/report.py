"""The benchmark report: normalising what sections return, and the text and markdown tables.

Columns: section, figure, value, baseline, ratio (value / baseline), target, met?. A figure
without a value was not measured (the reason is in its note); "met?" is blank for figures
that have no target.
"""

from __future__ import annotations

from typing import Any

from .common import figure

COLUMNS = ("section", "figure", "value", "baseline", "ratio", "target", "met?")


def normalise(result: Any) -> dict[str, Any]:
    """A section's result as ``{"figures": [...], "notes": [...], ...}``. Accepts the
    common shape, or a plain dict of numbers (each becomes a figure without a baseline), so
    a section written apart (image) shows up whatever it returns."""
    if not isinstance(result, dict):
        return {"figures": [], "notes": [f"section returned {type(result).__name__}"]}
    if isinstance(result.get("figures"), list):
        figures = []
        for item in result["figures"]:
            if isinstance(item, dict) and "name" in item:
                full = figure(str(item["name"]), item.get("value"), str(item.get("unit", "")))
                full.update(item)
                figures.append(full)
        return {**result, "figures": figures, "notes": list(result.get("notes", []))}
    figures = []

    def add(prefix: str, data: dict) -> None:
        for key, value in data.items():
            if isinstance(value, bool):
                continue
            if isinstance(value, (int, float)):
                figures.append(figure(f"{prefix}{key}", float(value), ""))
            elif isinstance(value, dict) and not prefix:
                add(f"{key}: ", value)

    add("", result)
    note = "figures as the section returned them (no baselines or targets attached)"
    return {"figures": figures, "notes": [note], "raw": result}


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "events/s":
        return f"{value:,.0f} ev/s"
    if unit == "×":
        return f"{value:.1f}×"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}".strip()


def fmt_target(item: dict) -> str:
    target = item.get("target")
    if not target:
        return ""
    op, limit = target
    return f"{'≤' if op == '<=' else '≥'} {fmt_value(limit, item.get('unit', ''))}"


def fmt_met(item: dict) -> str:
    if item.get("met") is None:
        return "" if item.get("value") is not None or not item.get("target") else "n/a"
    return "yes" if item["met"] else "NO"


def rows(sections: dict[str, dict]) -> list[tuple[str, ...]]:
    out = []
    for name, section in sections.items():
        status = section.get("status", "ok")
        if status != "ok":
            out.append((name, status, "", "", "", "", ""))
            continue
        for item in section.get("figures", []):
            ratio = item.get("ratio")
            baseline = item.get("baseline")
            is_self = baseline is not None and baseline == item.get("value") and ratio == 1.0
            out.append((
                name, item["name"], fmt_value(item.get("value"), item.get("unit", "")),
                "" if baseline is None else fmt_value(baseline, item.get("unit", "")),
                "" if ratio is None or is_self else f"{ratio:.3g}×",
                fmt_target(item), fmt_met(item)))
    return out


def print_table(sections: dict[str, dict], out=None) -> None:
    """The plain-text table (stdout by default), with each section's notes below it."""
    import sys

    out = out or sys.stdout
    table = [COLUMNS, *rows(sections)]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    widths[1] = min(widths[1], 70)
    for i, row in enumerate(table):
        cells = [row[0].ljust(widths[0]), row[1][:70].ljust(widths[1])]
        cells += [c.rjust(w) for c, w in zip(row[2:], widths[2:], strict=False)]
        print("  ".join(cells).rstrip(), file=out)
        if i == 0:
            print("  ".join("-" * w for w in widths), file=out)
    for name, section in sections.items():
        for note in section.get("notes", []):
            print(f"note ({name}): {note}", file=out)
        if section.get("error"):
            print(f"error ({name}): {section['error']}", file=out)


def markdown(sections: dict[str, dict]) -> str:
    """The same table in markdown, with the baseline's name and the figure's note."""
    lines = ["| section | figure | value | baseline | ratio | target | met? |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    figures = {(n, f["name"]): f for n, s in sections.items() for f in s.get("figures", [])}
    for row in rows(sections):
        item = figures.get((row[0], row[1]), {})
        name = row[1]
        if item.get("note"):
            name += f" <br><small>{item['note']}</small>"
        baseline = row[3]
        if baseline and item.get("baseline_name"):
            baseline += f" <br><small>{item['baseline_name']}</small>"
        met = {"yes": "✅ yes", "NO": "❌ **no**"}.get(row[6], row[6])
        cells = [row[0], name, row[2], baseline, row[4], row[5], met]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
