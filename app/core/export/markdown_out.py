"""A conversation as Markdown: each message's own text as the model or the user wrote it
(maths stays ``$…$``, code stays fenced), under a heading that says who wrote it. Images go
in a folder beside the file and are linked relatively (``Title_files/1-photo.png``), so any
Markdown viewer shows them; without a folder (standard output) a note names each image.

Pure function; any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.export.document import ExportDocument, missing_note
from app.core.images.formats import extension_for, sniff_image_type


@dataclass(frozen=True)
class MarkdownExport:
    """The text, and the images to write into the folder it links to (name → bytes)."""

    text: str
    files: dict[str, bytes] = field(default_factory=dict)


def _safe_name(name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)
    stem = re.sub(r"[^\w\-]+", "-", stem, flags=re.UNICODE).strip("-")
    return stem[:40] or "image"


def _link_target(folder: str, name: str) -> str:
    # Spaces and brackets would end a Markdown link; <…> keeps them (CommonMark).
    return f"<{folder}/{name}>" if re.search(r"[\s()<>]", folder + name) else f"{folder}/{name}"


def markdown_export(doc: ExportDocument, folder: str | None = None) -> MarkdownExport:
    """``folder``: the name of the folder beside the file that will hold the images (None:
    no images written, a note in their place)."""
    lines = [f"# {doc.title}", "", f"*{doc.subtitle}*", ""]
    if doc.system_prompt:
        lines += [f"> **System:** {doc.system_prompt}", ""]
    files: dict[str, bytes] = {}
    for message in doc.messages:
        lines += [f"## {message.heading}", ""]
        if message.text:
            lines += [message.text.rstrip(), ""]
        for image in message.images:
            if image.data is None or folder is None:
                note = missing_note(image) if image.data is None else f"[image: {image.name}]"
                lines += [f"*{note}*", ""]
                continue
            mime = sniff_image_type(image.data) or image.mime
            name = f"{len(files) + 1}-{_safe_name(image.name)}{extension_for(mime)}"
            files[name] = image.data
            alt = image.name.replace("[", "(").replace("]", ")")
            lines += [f"![{alt}]({_link_target(folder, name)})", ""]
            if image.revised_prompt:
                lines += [f"*{image.revised_prompt}*", ""]
        lines += [line for file in message.files for line in (f"*{file.line}*", "")]
        if message.note:
            lines += [f"*{message.note}*", ""]
    return MarkdownExport("\n".join(lines).rstrip() + "\n", files)
