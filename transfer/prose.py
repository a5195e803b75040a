"""Rich text as an editor reads it in a spreadsheet cell, and back.

The export writes a rich-text field (description, how to apply) as readable text: paragraphs
separated by a blank line, list items as « - » (or « 1. ») lines, a heading as « ### » line,
bold as ``**gras**``, italic as ``_italique_``, a link as ``[texte](https://…)`` (a page link
``[texte](page:12)``, a document ``[texte](document:3)``), a line break inside a paragraph as
a line break. The import reads that text back into Wagtail's rich text (``text_to_html``).

The export only writes the text when reading it back gives the same rich text
(``HtmlCodec.readable``); otherwise (anything this text cannot say) it writes Wagtail's HTML,
which the import still reads as HTML: nothing is ever lost by a round trip.
"""

import re
from html import escape
from html.parser import HTMLParser

HTML_START = re.compile(
    r"<(p|h[1-6]|ul|ol|li|div|blockquote|a|b|i|strong|em|br|hr|img|embed)\b", re.IGNORECASE
)
HEADING = re.compile(r"(#{2,4}) +(.*)")
BULLET = re.compile(r"[-•] +(.*)")
NUMBERED = re.compile(r"\d{1,3}[.)] +(.*)")
LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
ITALIC = re.compile(r"(?<![\w*])_(\S(?:.*?\S)?)_(?![\w*])")
INTERNAL_LINK = re.compile(r"(page|document):(\d+)")
SAFE_TARGET = re.compile(r"(https?://|mailto:|tel:|/)", re.IGNORECASE)


def looks_like_html(text):
    """Whether a cell holds Wagtail's HTML (an older export, or what the export writes when
    the readable text could not say everything) rather than readable text."""
    return bool(HTML_START.match(text or ""))


# HTML → text --------------------------------------------------------------------------------


class _Reader(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "li"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # finished blocks: ("p"|"h3"|"ul"|"ol", text or [items])
        self.current = None  # text of the block being read
        self.lists = []  # open lists: [kind, items]
        self.links = []  # open links: their target
        self.unknown = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("ul", "ol"):
            if self.lists or self.current is not None:
                self.unknown = True  # nested lists: not said by the text
            self.lists.append([tag, []])
        elif tag in self.BLOCKS:
            if self.current is not None or (tag == "li") != bool(self.lists):
                self.unknown = True
            self.current = ""
            self.block_tag = tag
        elif tag in ("b", "strong"):
            self.write("**")
        elif tag in ("i", "em"):
            self.write("_")
        elif tag == "a":
            if attrs.get("linktype") in ("page", "document") and attrs.get("id"):
                target = f"{attrs['linktype']}:{attrs['id']}"
            elif attrs.get("href") and "linktype" not in attrs:
                target = attrs["href"]
            else:
                target, self.unknown = "", True
            self.links.append(target)
            self.write("[")
        else:
            self.unknown = True

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.write("\n")
        else:
            self.unknown = True

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            if self.lists:
                kind, items = self.lists.pop()
                self.blocks.append((kind, items))
        elif tag in self.BLOCKS:
            text, self.current = self.current or "", None
            if tag == "li" and self.lists:
                self.lists[-1][1].append(text)
            else:
                self.blocks.append((tag, text))
        elif tag in ("b", "strong"):
            self.write("**")
        elif tag in ("i", "em"):
            self.write("_")
        elif tag == "a":
            self.write(f"]({self.links.pop() if self.links else ''})")

    def handle_data(self, data):
        if self.current is None:
            if data.strip():
                self.unknown = True  # text outside a block
            return
        self.write(data)

    def write(self, text):
        if self.current is None:
            self.unknown = True
        else:
            self.current += text


def html_to_text(html):
    """The readable text of Wagtail's rich text; ``None`` when it holds something the text
    cannot say (a nested list, an embed, text outside a paragraph...)."""
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    if reader.unknown or reader.lists or reader.current is not None:
        return None
    parts = []
    for kind, content in reader.blocks:
        if kind in ("ul", "ol"):
            marks = ("- " if kind == "ul" else f"{number}. " for number in range(1, 1000))
            parts.append("\n".join(mark + item for mark, item in zip(marks, content, strict=False)))
        elif kind == "p":
            parts.append(content)
        else:
            parts.append("#" * int(kind[1]) + " " + content)
    return "\n\n".join(parts)


# Text → HTML --------------------------------------------------------------------------------


def inline_html(text):
    """One block's text with its links, bold and italic, escaped."""
    pieces = []
    position = 0
    for match in LINK.finditer(text):
        pieces.append(_marks(text[position : match.start()]))
        label, target = match.groups()
        internal = INTERNAL_LINK.fullmatch(target)
        if internal:
            opening = f'<a linktype="{internal.group(1)}" id="{internal.group(2)}">'
        elif SAFE_TARGET.match(target):
            opening = f'<a href="{escape(target)}">'
        else:  # javascript:, data:... stay text
            pieces.append(_marks(match.group(0)))
            position = match.end()
            continue
        pieces.append(f"{opening}{_marks(label)}</a>")
        position = match.end()
    pieces.append(_marks(text[position:]))
    return "".join(pieces).replace("\n", "<br/>")


def _marks(text):
    html = escape(text, quote=False)
    html = BOLD.sub(r"<b>\1</b>", html)
    return ITALIC.sub(r"<i>\1</i>", html)


def text_to_html(text):
    """Wagtail-style HTML of readable text (the rich-text conversion cleans it afterwards)."""
    blocks = [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text or "")]
    html = []
    for block in blocks:
        if not block.strip():
            continue
        lines = block.split("\n")
        heading = HEADING.fullmatch(lines[0]) if len(lines) == 1 else None
        if heading:
            level = len(heading.group(1))
            html.append(f"<h{level}>{inline_html(heading.group(2))}</h{level}>")
            continue
        html += [_run_html(kind, run) for kind, run in _runs(lines)]
    return "".join(html)


def _kind(line):
    for pattern, tag in ((BULLET, "ul"), (NUMBERED, "ol")):
        match = pattern.fullmatch(line)
        if match:
            return tag, match.group(1)
    return "p", line


def _runs(lines):
    """A block's lines grouped in runs of the same kind: a paragraph typed just above its list
    (no blank line between them) is a paragraph, then a list."""
    runs = []
    for line in lines:
        kind, text = _kind(line)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(text)
        else:
            runs.append((kind, [text]))
    return runs


def _run_html(kind, texts):
    if kind == "p":
        paragraph = "\n".join(texts)
        return f"<p>{inline_html(paragraph)}</p>"
    return f"<{kind}>" + "".join(f"<li>{inline_html(text)}</li>" for text in texts) + f"</{kind}>"
