"""Markup drift: realistic edits a WordPress news site makes to its article pages.

Each transformation is a function ``html -> html`` registered with :func:`transformation`
under a name and an expectation:

- ``"same"``: the extracted item must not change at all (every reviewed field of the
  fixture's ``expected.json``);
- ``"renamed:<field>,..."``: a container is gone or renamed; those fields may come from
  their next source (JSON-LD, ``<meta>``, the generic extractor) and must say so in
  ``field_sources``; every other field must not change.

Add one: write a function that edits the page (string edits for text-level noise,
:func:`edit_tree` for structure), decorate it, and run ``pytest tests/pages/test_drift.py``: it
runs on every Inquirer fixture page. A page the edit does not apply to (no such element)
comes back unchanged, which the suite accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

Transform = Callable[[str], str]


@dataclass(frozen=True)
class Transformation:
    name: str
    apply: Transform
    expect: str  # "same" or "renamed:<field>,<field>"

    @property
    def renamed_fields(self) -> tuple[str, ...]:
        return tuple(self.expect.split(":", 1)[1].split(",")) if ":" in self.expect else ()


TRANSFORMATIONS: dict[str, Transformation] = {}


def transformation(name: str, expect: str = "same") -> Callable[[Transform], Transform]:
    def register(function: Transform) -> Transform:
        TRANSFORMATIONS[name] = Transformation(name, function, expect)
        return function

    return register


# --- helpers ---------------------------------------------------------------------------
#: Body containers of every Inquirer layout, most specific first.
BODY_CONTAINERS = (
    "#FOR_target_content",
    "#TO_target_content",
    "#article-content",
    ".elementor-widget-theme-post-content > .elementor-widget-container",
    ".single-post-content",
    ".amp-wp-article-content",
)
_DOCTYPE = re.compile(r"^\s*(<!DOCTYPE[^>]*>)", re.I)


def edit_tree(html: str, edit: Callable[[HtmlElement], None]) -> str:
    """Parse the page, let ``edit`` change the tree, serialise it back (doctype kept)."""
    doctype = _DOCTYPE.match(html)
    root = lxml.html.document_fromstring(html)
    edit(root)
    text = lxml.html.tostring(root, encoding="unicode", method="html")
    return (doctype.group(1) + "\n" if doctype else "") + text


def body_container(root: HtmlElement) -> HtmlElement | None:
    for selector in BODY_CONTAINERS:
        found = root.cssselect(selector)
        if found:
            return found[0]  # type: ignore[no-any-return]
    return None


def fragment(markup: str) -> list[HtmlElement]:
    return lxml.html.fragments_fromstring(markup)  # type: ignore[no-any-return]


def body_paragraphs(root: HtmlElement) -> list[HtmlElement]:
    """The direct-child paragraphs of the body container."""
    body = body_container(root)
    return [c for c in body if c.tag == "p"] if body is not None else []


def insert_after(node: HtmlElement, markup: str) -> None:
    for new in reversed(fragment(markup)):
        node.addnext(new)


def wrap(nodes: list[HtmlElement], tag: str = "div", **attrs: str) -> HtmlElement | None:
    """Wrap consecutive siblings in a new element."""
    if not nodes:
        return None
    wrapper = etree.Element(tag, **attrs)
    nodes[0].addprevious(wrapper)
    for node in nodes:
        wrapper.append(node)  # the tail travels with the node
    return wrapper  # type: ignore[no-any-return]


def runs(items: list[HtmlElement], size: int) -> Iterator[list[HtmlElement]]:
    """Runs of up to ``size`` items that are next to each other in the tree."""
    run: list[HtmlElement] = []
    for item in items:
        if run and (item.getprevious() is not run[-1] or len(run) == size):
            yield run
            run = []
        run.append(item)
    if run:
        yield run


def by_id(root: HtmlElement, name: str) -> HtmlElement | None:
    found = root.xpath(f"//*[@id='{name}']")
    return found[0] if found else None


def rename_ids(html: str, *names: str) -> str:
    for name in names:
        html = html.replace(f'id="{name}"', f'id="x-{name.lower().replace("_", "-")}-v2"')
    return html


# --- body wrappers ---------------------------------------------------------------------
@transformation("wrap-paragraph-pairs")
def wrap_paragraph_pairs(html: str) -> str:
    def edit(root: HtmlElement) -> None:
        for pair in list(runs(body_paragraphs(root), 2)):
            wrap(pair, "div", **{"class": "wp-block-group__inner-container"})

    return edit_tree(html, edit)


@transformation("wrap-whole-body")
def wrap_whole_body(html: str) -> str:
    def edit(root: HtmlElement) -> None:
        body = body_container(root)
        if body is not None and len(body):
            wrap(list(body), "div", **{"class": "entry-content clearfix"})

    return edit_tree(html, edit)


@transformation("nested-wrappers")
def nested_wrappers(html: str) -> str:
    def edit(root: HtmlElement) -> None:
        body = body_container(root)
        if body is not None and len(body):
            inner = wrap(list(body), "section", **{"class": "article-body"})
            assert inner is not None
            middle = wrap([inner], "div", **{"class": "td-post-content"})
            assert middle is not None
            wrap([middle], "div", **{"class": "inner-wrap"})

    return edit_tree(html, edit)


# --- inserts between paragraphs --------------------------------------------------------
AD_SLOT = (
    '<div class="ad-slot inq-ad" id="div-gpt-ad-1700000000{n}-0">'
    '<span class="adlbl">ADVERTISEMENT</span>'
    "<script>googletag.cmd.push(function(){{googletag.display('div-gpt-ad-1700000000{n}-0');}});"
    "</script></div>"
)


@transformation("ad-slots-with-scripts")
def ad_slots(html: str) -> str:
    def edit(root: HtmlElement) -> None:
        for n, paragraph in enumerate(body_paragraphs(root)[:-1]):
            if n % 2 == 1:
                insert_after(paragraph, AD_SLOT.format(n=n))

    return edit_tree(html, edit)


def _after_paragraph(index: int, markup: str) -> Transform:
    def apply(html: str) -> str:
        def edit(root: HtmlElement) -> None:
            paragraphs = body_paragraphs(root)
            if len(paragraphs) > index + 1:
                insert_after(paragraphs[index], markup)

        return edit_tree(html, edit)

    return apply


LINK = '<a href="https://newsinfo.inquirer.net/2230001/{slug}">{title}</a>'
STORY_A = LINK.format(slug="senate-oks-budget", title="Senate OKs P6.3-trillion budget")
STORY_B = LINK.format(slug="pagasa-amihan", title="Pagasa: Amihan season has begun")

transformation("read-insert-line")(_after_paragraph(0, f"<p><strong>READ:</strong> {STORY_A}</p>"))
transformation("read-more-insert-plain")(_after_paragraph(1, f"<p>READ MORE: {STORY_B}</p>"))
transformation("related-stories-link-list")(
    _after_paragraph(
        1, f"<p><strong>RELATED STORIES:</strong></p><ul><li>{STORY_A}</li><li>{STORY_B}</li></ul>"
    )
)
transformation("related-inline-with-breaks")(
    _after_paragraph(0, f"<p><strong>RELATED STORIES:</strong><br>{STORY_A}<br>{STORY_B}</p>")
)
transformation("related-list-relative-links-with-dates")(
    _after_paragraph(
        1,
        "<p>RELATED STORIES</p><ul>"
        '<li><a href="/2230001/senate-oks-budget">Senate OKs budget</a> (Nov. 20)</li>'
        '<li><a href="/2230002/pagasa-amihan">Pagasa: Amihan season has begun</a> (Nov. 21)</li>'
        "</ul>",
    )
)
transformation("also-read-box")(
    _after_paragraph(
        1,
        '<div class="also-read-box"><h4>ALSO READ</h4>'
        f"<ul><li>{STORY_A}</li><li>{STORY_B}</li></ul></div>",
    )
)

# --- embeds -----------------------------------------------------------------------------
transformation("embedded-tweet")(
    _after_paragraph(
        1,
        '<blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">Traffic'
        " advisory for tonight's lighting ceremony, motorists are advised to take"
        ' alternate routes <a href="https://t.co/abc">pic.twitter.com/abc</a></p>'
        "&mdash; MMDA (@MMDA) "
        '<a href="https://twitter.com/MMDA/status/1">November 27, 2026</a></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
    )
)
transformation("embedded-video")(
    _after_paragraph(
        0,
        '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube'
        ' wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">'
        '<iframe title="Residents return to flooded homes" width="500" height="281"'
        ' src="https://www.youtube.com/embed/xyz?feature=oembed" frameborder="0"></iframe>'
        "</div><figcaption>Residents return to their flooded homes on Thursday.</figcaption>"
        "</figure>",
    )
)
transformation("embedded-facebook-post")(
    _after_paragraph(
        1,
        '<div class="fb-post" data-href="https://www.facebook.com/dost/posts/1" data-width="500">'
        '<blockquote cite="https://www.facebook.com/dost/posts/1" class="fb-xfbml-parse-ignore">'
        "<p>Stay safe, everyone! Here is the latest track of the storm.</p>Posted by "
        '<a href="https://www.facebook.com/dost">DOST</a> on Thursday</blockquote></div>',
    )
)


# --- whitespace and attributes ---------------------------------------------------------
@transformation("paragraphs-as-divs")
def paragraphs_as_divs(html: str) -> str:
    """A theme that prints each paragraph as a ``<div>``."""

    def edit(root: HtmlElement) -> None:
        for paragraph in body_paragraphs(root):
            paragraph.tag = "div"

    return edit_tree(html, edit)


@transformation("pretty-printed")
def pretty_printed(html: str) -> str:
    def edit(root: HtmlElement) -> None:
        etree.indent(root, space="  ")

    return edit_tree(html, edit)


@transformation("odd-whitespace")
def odd_whitespace(html: str) -> str:
    """CRLF line ends, tabs and blank lines between tags, runs of spaces inside text."""
    html = re.sub(r">\s*\n\s*<", ">\r\n\t\t\r\n  <", html)
    return re.sub(r"(?<=[a-z,]) (?=[a-z])", "  ", html)


@transformation("attribute-and-class-noise")
def attribute_noise(html: str) -> str:
    def edit(root: HtmlElement) -> None:
        body = body_container(root)
        if body is None:
            return
        body.set("class", (body.get("class", "") + " clearfix entry-content-v3").strip())
        body.set("data-io-article-url", "https://newsinfo.inquirer.net/")
        for node in body.iter("p", "h2", "h3", "div", "ul", "li"):
            classes = node.get("class", "")
            node.set("class", (classes + " has-text-align-left has-medium-font-size").strip())
            node.set("data-block-id", "b7f3")
            node.set("style", (node.get("style", "") + ";margin-bottom:1em").strip(";"))

    return edit_tree(html, edit)


@transformation("gutenberg-block-comments")
def gutenberg_comments(html: str) -> str:
    """The block editor's comments around paragraphs, headings and lists, and its classes."""
    html = re.sub(r"(<p[ >])", r"<!-- wp:paragraph -->\n\1", html)
    html = re.sub(r"(</p>)", r"\1\n<!-- /wp:paragraph -->", html)
    html = re.sub(r"<h([23])>", r'<!-- wp:heading -->\n<h\1 class="wp-block-heading">', html)
    return re.sub(r"(</h[23]>)", r"\1\n<!-- /wp:heading -->", html)


# --- figures and crossheads ------------------------------------------------------------
@transformation("html5-figure-figcaption")
def html5_figures(html: str) -> str:
    """``div.wp-caption`` + ``p.wp-caption-text`` become ``figure`` + ``figcaption``."""

    def edit(root: HtmlElement) -> None:
        for div in root.xpath("//div[contains(concat(' ', @class, ' '), ' wp-caption ')]"):
            div.tag = "figure"
            div.set("class", "wp-block-image size-large")
            for caption in div.xpath(".//*[contains(@class, 'wp-caption-text')]"):
                caption.tag = "figcaption"
                caption.set("class", "wp-element-caption")

    return edit_tree(html, edit)


def _crossheads(make: Callable[[HtmlElement], None]) -> Transform:
    def apply(html: str) -> str:
        def edit(root: HtmlElement) -> None:
            body = body_container(root)
            if body is not None:
                for heading in [h for h in body.iter("h2", "h3") if h.text_content().strip()]:
                    make(heading)

        return edit_tree(html, edit)

    return apply


def _as_h3(heading: HtmlElement) -> None:
    heading.tag = "h3"


def _as_p_strong(heading: HtmlElement) -> None:
    text = heading.text_content()
    heading.clear()
    heading.tag = "p"
    strong = etree.SubElement(heading, "strong")
    strong.text = text


def _as_h2_strong_in_div(heading: HtmlElement) -> None:
    text = heading.text_content()
    heading.clear()
    heading.tag = "div"
    heading.set("class", "crosshead")
    h2 = etree.SubElement(heading, "h2")
    strong = etree.SubElement(h2, "strong")
    strong.text = text


transformation("crosshead-h3")(_crossheads(_as_h3))
transformation("crosshead-p-strong")(_crossheads(_as_p_strong))
transformation("crosshead-wrapped-h2-strong")(_crossheads(_as_h2_strong_in_div))


# --- bylines ----------------------------------------------------------------------------
def _byline(edit_author: Callable[[HtmlElement], None]) -> Transform:
    def apply(html: str) -> str:
        def edit(root: HtmlElement) -> None:
            author = by_id(root, "art_author")
            if author is not None:
                edit_author(author)

        return edit_tree(html, edit)

    return apply


def _without_attribute(author: HtmlElement) -> None:
    author.attrib.pop("data-byline-strips", None)


def _by_prefix(author: HtmlElement) -> None:
    if not (author.get("data-byline-strips") or "").lower().startswith("by"):
        author.text = "By " + (author.text or "")
    author.attrib.pop("data-byline-strips", None)


def _printed_names(author: HtmlElement) -> str:
    """The byline's names: ``data-byline-strips``, else its ``/byline/`` links."""
    links = [a.text_content().strip() for a in author.iter("a") if "/byline/" in a.get("href", "")]
    return author.get("data-byline-strips") or ", ".join(links)


def _plain_names(author: HtmlElement) -> None:
    """Names as plain text (no links, no spans), the desk label after a dash."""
    names = _printed_names(author)
    if not names:
        return
    author.clear()
    author.set("id", "art_author")
    author.text = f"{names} - Inquirer Visayas" if names else ""


def _ampersand_names(author: HtmlElement) -> None:
    names = _printed_names(author)
    if not names:
        return
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", names) if p.strip()]
    author.clear()
    author.set("id", "art_author")
    for index, name in enumerate(parts):
        link = etree.SubElement(author, "a", href=f"https://newsinfo.inquirer.net/byline/{index}")
        link.text = name
        link.tail = " & " if index < len(parts) - 1 else ""
    role = etree.SubElement(author, "span", **{"class": "art_role"})
    role.text = "INQUIRER.net"


transformation("byline-without-data-attribute")(_byline(_without_attribute))
transformation("byline-by-prefix")(_byline(_by_prefix))
transformation("byline-plain-names-desk-suffix")(_byline(_plain_names))
transformation("byline-ampersand-linked-names")(_byline(_ampersand_names))


# --- date lines -------------------------------------------------------------------------
def _date_line(edit_plat: Callable[[HtmlElement], None]) -> Transform:
    def apply(html: str) -> str:
        def edit(root: HtmlElement) -> None:
            plat = by_id(root, "art_plat")
            if plat is not None:
                edit_plat(plat)

        return edit_tree(html, edit)

    return apply


def _nbsp(plat: HtmlElement) -> None:
    for node in plat.iter():
        if node.tail and node is not plat:
            node.tail = node.tail.replace(" ", "\u00a0")
    plat.text = (plat.text or "").replace(" ", "\u00a0")


def _date_first(plat: HtmlElement) -> None:
    """``<a>Source</a> / DATE`` -> ``DATE | <a>Source</a>`` (an update line stays after)."""
    links = [a for a in plat if a.tag == "a"]
    if len(links) != 1 or (plat.text or "").strip():
        return
    link = links[0]
    before, sep, date = (link.tail or "").partition("/")
    if not sep or before.strip():
        return
    link.tail = ""
    plat.remove(link)
    plat.text = date.strip() + " | "
    plat.insert(0, link)


def _updated_label_variant(plat: HtmlElement) -> None:
    for node in [plat, *plat.iter()]:
        for attr in ("text", "tail"):
            value = getattr(node, attr)
            if value and "Updated as of:" in value:
                setattr(node, attr, value.replace("Updated as of:", "UPDATED AS OF"))


transformation("date-line-nbsp")(_date_line(_nbsp))
transformation("date-line-updated-label-variant")(_date_line(_updated_label_variant))
transformation("date-line-date-before-source")(_date_line(_date_first))


# --- renamed containers -----------------------------------------------------------------
@transformation("renamed-body-container", "renamed:body")
def renamed_body(html: str) -> str:
    return rename_ids(html, "FOR_target_content", "TO_target_content", "article_content")


@transformation("renamed-byline-container", "renamed:authors")
def renamed_byline(html: str) -> str:
    return rename_ids(html, "art_author")


@transformation("renamed-date-line", "renamed:published_at,updated_at,agency")
def renamed_date_line(html: str) -> str:
    return rename_ids(html, "art_plat")


@transformation("renamed-headline", "renamed:title")
def renamed_headline(html: str) -> str:
    """The head group and the headline's class renamed: the title from <meta>/JSON-LD."""
    html = rename_ids(html, "art-head-group")
    return html.replace('<h1 class="entry-title">', '<h1 class="post-headline">')


@transformation("renamed-breadcrumb", "renamed:section")
def renamed_breadcrumb(html: str) -> str:
    return rename_ids(html, "bc-share")


@transformation("renamed-tags-container", "renamed:tags")
def renamed_tags(html: str) -> str:
    return rename_ids(html, "article_tags")
