"""The Markdown export reads as plain text and renders as what the user wrote: escaped only where a
character would otherwise become markup, and blanks that read as blanks both ways."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from tests.reliability.test_hostile_input import MARKUP, WORDS
from tests.test_export import HOSTILE, export
from workbook.export import Format
from workbook.export.blocks import Blank, Heading, Items, Paragraph, Quote, Table, clean, one_line
from workbook.export.markdown import render_block
from workbook.store import Store

PARSER = MarkdownIt("js-default").use(tasklists_plugin)
CHECKBOX = '<input class="task-list-item-checkbox"'
PROSE = [
    "Well-being - 1. first #3",
    "Lead a team of 5 (maybe 6) - soon! + a budget",
    "Q3: ship it; 50% done, C# and F# too",
    "snake_case names and 2 * 3 = 6",
    "R&D at a < b and c > d, 9.30-10.00",
    "It's [sic] my 'plan' (v2), see page 3.",
]
MARKUP_CHARACTERS = "\\`*_{}[]()#+-.!|<>&~=:;\"' \n"
hostile_text = st.text(alphabet=st.sampled_from([*MARKUP_CHARACTERS, "a", "B", "1", "é", "中", "\u00a0", "x", "X"]),
                       max_size=24)
CORPUS = [*HOSTILE, MARKUP, WORDS, *PROSE, "&#x41; &copy; &", "***", "___", "- [ ] not a box", "[x] no", "[a]: /url",
          "| - | - |", "--- | ---", "==", "1) one", "~~gone~~", "<http://x.org>", "x\\", "\\*", "*a*b*", "a_b_",
          "_a_", "#", "# x #", "+", "> >", "\\\\", "![i](x)", "`a` ``b``"]


def inline_text(markdown: str, *, boxes: int = 0, emphasis: bool = False) -> list[str]:
    """The text of each paragraph, heading, item or cell as rendered; fails if anything became markup."""
    tokens = PARSER.parse(markdown)
    texts: list[str] = []
    for token in tokens:
        if token.type != "inline":
            assert token.type.split("_")[0] in {"paragraph", "heading", "blockquote", "bullet", "list", "table",
                                                "thead", "tbody", "tr", "th", "td"}, token.type
            continue
        parts = []
        for child in token.children or []:
            if child.type == "text":
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type == "html_inline" and child.content.startswith(CHECKBOX) and boxes:
                boxes -= 1
            elif child.type in ("em_open", "em_close") and emphasis:
                pass
            else:
                raise AssertionError(f"{child.type} in {markdown!r}")
        texts.append("".join(parts).strip())
    assert boxes == 0, f"a box to tick is missing in {markdown!r}"
    return texts


def paragraph_lines(text: str) -> str:
    return "\n".join(line.strip() for line in clean(text).split("\n") if line.strip())


@settings(max_examples=300, deadline=None)
@given(text=hostile_text)
@example(text="\n".join(CORPUS))
def test_rendered_markdown_says_exactly_what_the_user_wrote(text: str) -> None:
    lines = paragraph_lines(text)
    line = one_line(text)
    if lines:
        assert inline_text(render_block(Paragraph(lines))) == [lines]
        assert inline_text(render_block(Paragraph(lines, emphasis=True)), emphasis=True) == [lines]
        assert inline_text(render_block(Quote(lines))) == [lines]
    if line:
        assert inline_text(render_block(Heading(3, line))) == [line]
        assert inline_text(render_block(Items(((None, line), (None, "Next"))))) == [line, "Next"]
        assert inline_text(render_block(Items(((False, line), (True, "Done")))), boxes=2) == [line, "Done"]
        assert inline_text(render_block(Table((line, "B"), ((line, "x"), ("y", line))))) == [
            line, "B", line, "x", "y", line]


@pytest.mark.parametrize("text", CORPUS)
def test_each_hostile_string_of_the_corpus_renders_as_itself(text: str) -> None:
    test_rendered_markdown_says_exactly_what_the_user_wrote.hypothesis.inner_test(text=text)


@pytest.mark.parametrize("prose", PROSE)
def test_ordinary_prose_is_written_without_a_backslash(sample_catalog, store_path, prose: str) -> None:
    for block in (Paragraph(prose), Heading(3, prose), Items(((None, prose),)), Items(((False, prose),)), Quote(prose)):
        assert "\\" not in render_block(block)
    with Store(store_path) as store:
        store.set_answer("sample", "headline", prose)
        store.set_answer("sample", "story", f"{prose}\n{prose}")
        store.set_answer("sample", "strengths", [prose])
        markdown = export(sample_catalog, store, Format.MARKDOWN)
    assert f"\n{prose}\n" in markdown and f"\n{prose}  \n{prose}\n" in markdown and f"\n- {prose}\n" in markdown


def test_blanks_read_as_blanks_as_text_and_rendered(sample_catalog, store_path) -> None:
    with Store(store_path) as store:
        markdown = export(sample_catalog, store, Format.MARKDOWN)
    assert "\\" not in markdown  # no escaped underscore, no backslash line break
    assert re.search(r"^### Your headline\n\n_{40}\s*$", markdown, re.MULTILINE)
    assert re.search(r"^- _{40}\s*\n- _{40}\s*\n- _{40}\s*$", markdown, re.MULTILINE)  # the list to fill in
    rendered = PARSER.render(markdown)
    assert "<hr" not in rendered and "<em>_" not in rendered and "<strong>" not in rendered
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert len(re.findall(r"^_{40}\s*$", text, re.MULTILINE)) >= 1 + 3 + 3 + 1  # headline, story, strengths, date
    assert len(inline_text(render_block(Blank(3)))) == 1 and PARSER.render(render_block(Blank(3))).count("<br>") == 2
