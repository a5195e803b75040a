"""Plain text for the open data: Wagtail's stored rich text read as paragraphs and bullets."""

import re
from html.parser import HTMLParser

BULLET = "• "
ELLIPSIS = "…"
# French typography puts no-break spaces in amounts ("15 000 €"): plain spaces in the data.
NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "ul", "ol"}
EXTERNAL_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def clean_inline(text):
    """One line: no-break spaces made plain, runs of white space collapsed."""
    return " ".join(text.translate(NO_BREAK_SPACES).split())


class _PlainTextParser(HTMLParser):
    """Blocks become paragraphs separated by a blank line, list items lines starting with a
    bullet (or their number), ``<br>`` a line break. An external link keeps its address after
    its text, since the reader of plain text cannot follow it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # each block is a list of lines
        self.lines = []
        self.current = []
        self.lists = []  # a stack of counters: None for <ul>, the next number for <ol>
        self.links = []

    def flush_line(self):
        line = clean_inline("".join(self.current))
        self.current = []
        if line:
            self.lines.append(line)

    def flush_block(self):
        self.flush_line()
        if self.lines:
            self.blocks.append(self.lines)
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.flush_line()
            counter = self.lists[-1] if self.lists else None
            if counter is None:
                self.current.append(BULLET)
            else:
                self.current.append(f"{counter}. ")
                self.lists[-1] = counter + 1
        elif tag in ("ul", "ol"):
            if not self.lists:
                self.flush_block()
            else:
                self.flush_line()
            self.lists.append(1 if tag == "ol" else None)
        elif tag in BLOCK_TAGS:
            self.flush_block()
        elif tag == "br":
            self.flush_line()
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href, len("".join(self.current))))

    def handle_endtag(self, tag):
        if tag == "li":
            self.flush_line()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.flush_block()
            else:
                self.flush_line()
        elif tag in BLOCK_TAGS:
            self.flush_block()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = clean_inline("".join(self.current)[start:])
            if EXTERNAL_LINK.match(href) and href.removeprefix("mailto:") not in label:
                self.current.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data):
        self.current.append(data)

    def text(self):
        self.flush_block()
        return "\n\n".join("\n".join(lines) for lines in self.blocks)


def rich_text_to_plain(html):
    """Wagtail's stored HTML as plain text (paragraphs, bullets), without any markup."""
    if not html:
        return ""
    parser = _PlainTextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


def shorten(text, limit):
    """``text`` cut at a word boundary to at most ``limit`` characters, ending with "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ""
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut.strip() else cut[:-1]
    return cut.rstrip(" ,;:.\n") + ELLIPSIS


def join_sections(sections, limit):
    """Non-empty sections joined by a blank line, within ``limit`` characters.

    ``sections``: (text, may_shorten) pairs. When the whole is too long, the shortenable
    sections give up characters in their order, the first one first (down to nothing if need
    be); the others are kept whole.
    """
    texts = [text for text, _flexible in sections]
    flexible = [index for index, (_text, may) in enumerate(sections) if may]

    def joined():
        return "\n\n".join(text for text in texts if text)

    for index in flexible:
        excess = len(joined()) - limit
        if excess <= 0:
            break
        texts[index] = shorten(texts[index], max(len(texts[index]) - excess, 0))
    return joined()
