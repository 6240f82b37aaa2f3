"""Each benchmark's results live in README.md between markers of its own; this writes them there."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def write_section(name: str, body: str, introduction: str = "") -> None:
    """Put `body` between `<!-- name start -->` and `<!-- name end -->`, replacing what was there; the first
    time, append it after `introduction` (a heading and a paragraph)."""
    text = README.read_text() if README.exists() else ""
    start, end = f"<!-- {name} start -->", f"<!-- {name} end -->"
    block = f"{start}\n{body}\n{end}"
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text += f"\n{introduction}{block}\n"
    README.write_text(text)
