"""Reading the HTML table pages of :meth:`gvcpanel.report.table.Table.to_html` in tests."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """Caption, header and body cells (text, colspan, rowspan), notes and details of an HTML
    table; the text of a cell or note is its text content (markup such as ``<i>`` dropped)."""

    def __init__(self) -> None:
        super().__init__()
        self.caption, self.head, self.body, self.notes, self.details = "", [], [], [], []
        self.tbodies, self.section, self.cell, self.external = 0, "", None, []
        self.in_note = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img") or "src" in a or "href" in a:
            self.external.append(tag)
        if tag in ("caption", "thead", "tbody") or (
            tag == "div" and a.get("class") in ("notes", "details")
        ):
            self.section = tag if tag != "div" else a["class"]
            self.tbodies += tag == "tbody"
        if tag == "tr":
            (self.head if self.section == "thead" else self.body).append([])
        if tag in ("th", "td"):
            self.cell = [tag, "", a.get("colspan", "1"), a.get("rowspan", "1")]
        if tag == "br" and self.cell is not None:
            self.cell[1] += " "
        if tag == "p" and self.section in ("notes", "details"):
            (self.notes if self.section == "notes" else self.details).append("")
            self.in_note = True

    def handle_endtag(self, tag):
        if tag in ("caption", "thead", "tbody"):
            self.section = ""
        if tag == "p":
            self.in_note = False
        if tag in ("th", "td"):
            (self.head if self.section == "thead" else self.body)[-1].append(tuple(self.cell[1:]))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data
        elif self.section == "caption":
            self.caption += data
        elif self.in_note:
            (self.notes if self.section == "notes" else self.details)[-1] += data


def parse_page(text: str) -> Page:
    """The parsed table page."""
    page = Page()
    page.feed(text)
    return page
