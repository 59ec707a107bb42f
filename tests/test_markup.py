"""Cleaning article text before layout: Markdown inline markup rendered, wiki citation markers removed,
editors' brackets in quotes kept."""

from index.markup import clean, render_markdown, strip_wiki_markers


def test_wiki_markers_glued_to_words_are_removed():
    text = "It is long.[1] It rises[a] in Alps,[note 3] they say.[citation needed] It ends.[edit]"
    assert strip_wiki_markers(text) == "It is long. It rises in Alps, they say. It ends."


def test_editors_brackets_in_quotes_stay():
    text = 'He said "[W]e will" and [sic] that the DPRK [Democratic People\'s Republic of Korea] sent [them].'
    assert strip_wiki_markers(text) == text


def test_markdown_links_emphasis_code_and_citation_links_render_to_text():
    text = (
        "**The** [Rhine](https://en.wikipedia.org/wiki/Rhine) is *long*.[[1]](#cite_note-1) See `x_y` "
        "and ![map](m.png)[ref link][2] or <https://example.org>.[^3]\n\n[2]: https://example.org/ref\n"
    )
    assert render_markdown(text) == "The Rhine is long. See x_y and ref link or https://example.org.\n\n"


def test_markdown_table_rule_rows_go_and_list_markers_stay():
    text = "| a | b |\n| --- | :---: |\n| 1 | 2 |\n\n- item one\n* item two\n"
    assert render_markdown(text) == "| a | b |\n| 1 | 2 |\n\n- item one\n* item two\n"


def test_plain_text_is_unchanged():
    text = "A plain news story. It says 2*3 is 6 and uses snake_case_names and [bracketed words] as they are.\n"
    assert clean(text, "story.txt") == text


def test_underlined_headings_become_headings_and_rules_go():
    text = "Rhine\n=====\n\nThe lead.\n\nHistory\n-------\n\nMore text.\n\n* * *\n\nEnd.\n"
    assert render_markdown(text) == "# Rhine\n\nThe lead.\n\n## History\n\nMore text.\n\n\nEnd.\n"


def test_blockquote_markers_go_and_the_quoted_text_stays():
    text = "# Title\n\n> ## Excerpt\n> The council met on Monday.\n>> It voted.\n\nBody text here.\n"
    assert render_markdown(text) == "# Title\n\n## Excerpt\nThe council met on Monday.\nIt voted.\n\nBody text here.\n"
