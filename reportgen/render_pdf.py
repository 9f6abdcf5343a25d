"""Render HTML to a tagged PDF with WeasyPrint (which lives here only).

The URL fetcher serves `data:` URIs and files inside our bundled `templates/` folder, and
nothing else: WeasyPrint's default fetcher reads `file://` and would attach local files.

WeasyPrint's `pdf/ua-1` variant tags the document (headings, lists, tables with THead/TBody,
TD /Headers pointing at TH /IDs, figures with /Alt, captions, Lang, Title, DisplayDocTitle,
bookmarks from h1-h6). `finish_tagging` then fills what WeasyPrint 70 leaves out:

- every TH gets a /Scope (Column in the header row group, Row elsewhere, as our templates
  write `scope`), so a checker or reader needs no guessing from cell positions;
- the text of page margin boxes (running title, "Page n of m", "Confidential") is marked
  content whose structure elements WeasyPrint leaves out of the tree: it becomes a
  /Pagination artifact, which is what page furniture is;
- the viewer opens with the bookmarks panel shown.

A pack is the pages of its documents: each document is laid out once, and written twice,
as itself and, with only its page margins laid out again (`write_part`), as its part of the
pack, numbered on through it; `merge_pdfs` joins the parts into one tagged PDF. A long
report's chunks are joined the same way.

WeasyPrint 70 tags a table that crosses pages as one Table per page (its issues #2902 and
#2903). The stylesheet repeats the header row on every page, so each part has its own
THead and every data cell still points at the header cells on its own page.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pikepdf
import weasyprint
import weasyprint.document
from weasyprint import HTML
from weasyprint.document import Document, Page
from weasyprint.formatting_structure.boxes import MarginBox
from weasyprint.layout.background import layout_box_backgrounds
from weasyprint.layout.page import make_margin_boxes
from weasyprint.urls import FatalURLFetchingError, URLFetcher

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}


def _cached_page_references(self):
    """pydyf's `PDF.page_references`, rebuilt only when a page has been added.

    WeasyPrint's PDF/UA tagger reads `page_references[n]` once per tagged box, and pydyf
    rebuilds the tuple of every page on each read: tagging is then O(boxes x pages), 41% of a
    4,000-measure build (benchmarks/README.md). The PDF bytes are unchanged.
    """
    kids = self.pages["Kids"]
    cache = self.__dict__.get("_reportgen_page_references")
    if cache is None or cache[0] != len(kids):
        cache = (len(kids), tuple(f"{n} 0 R".encode("ascii") for n in kids[::3]))
        self.__dict__["_reportgen_page_references"] = cache
    return cache[1]


def _patch_pydyf() -> bool:
    """Install the cached `page_references` on the pydyf versions it was checked against."""
    import pydyf

    version = tuple(int(x) for x in pydyf.__version__.split(".")[:2])
    if version != (0, 13) or not isinstance(pydyf.PDF.__dict__.get("page_references"), property):
        return False
    pydyf.PDF.page_references = property(_cached_page_references)
    return True


PATCHED = _patch_pydyf()


def _keep_layout_context() -> bool:
    """Keep each render's layout context on its `HTML` object (`html._reportgen_context`),
    so that a pack or a chunk can lay out its page margins again without laying out the
    pages (`write_part`). Checked against WeasyPrint 70, whose `Document._render` calls
    `layout_document(html, root_box, context)` and keeps `html` as `document._html`."""
    original = getattr(weasyprint.document, "layout_document", None)
    if int(weasyprint.__version__.split(".")[0]) != 70 or original is None:
        return False

    def layout_document(html, root_box, context, *args, **kwargs):
        html._reportgen_context = context
        return original(html, root_box, context, *args, **kwargs)

    weasyprint.document.layout_document = layout_document
    return True


KEEPS_CONTEXT = _keep_layout_context()


class BundledOnlyFetcher(URLFetcher):
    """Fetch `data:` URIs and files under `root`; refuse everything else, and record asks."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.root = root.resolve()
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(url, headers)
        raise FatalURLFetchingError(f"reportgen does not fetch {url!r}: only bundled assets")


def lay_out(html: str, template_dir: Path, fetcher: BundledOnlyFetcher | None = None,
            combinable: bool = False) -> Document:
    """Return `html` laid out in pages (WeasyPrint's `Document`), ready to write.

    `combinable` keeps the layout context (styles, page states) for `write_part`; otherwise it
    is let go at once (writing the PDF does not need it).
    """
    fetcher = fetcher or BundledOnlyFetcher(template_dir)
    source = HTML(string=html, base_url=str(template_dir) + "/", url_fetcher=fetcher)
    document = source.render(**PDF_OPTIONS)
    if not combinable:
        source.__dict__.pop("_reportgen_context", None)
    return document


def write_pdf(document: Document) -> bytes:
    """Return the laid-out `document` as a PDF/UA-1 tagged PDF."""
    return finish_tagging(document.write_pdf(**PDF_OPTIONS))


def render_pdf(html: str, template_dir: Path, fetcher: BundledOnlyFetcher | None = None) -> bytes:
    """Return `html` laid out as a PDF/UA-1 tagged PDF."""
    return write_pdf(lay_out(html, template_dir, fetcher))


def running_strings(document: Document) -> dict[str, str]:
    """The last value of each running string (`string-set`, e.g. the title in the page
    header) set in `document`, which a document that continues it inherits."""
    store = document._html._reportgen_context.string_set
    return {name: pages[max(pages)][-1] for name, pages in store.items() if pages}


def write_part(document: Document, first: int, total: int,
               inherited: dict[str, str] | None = None, title: str | None = None) -> bytes:
    """Return `document`, one part of a longer document, as a PDF whose pages are numbered
    `first`.. of `total`, and whose page headers continue the running strings `inherited`
    from the parts before it until it sets its own. The parts join with `merge_pdfs`, which
    keeps the first part's properties: give that one the whole's `title`. Only the page
    margin boxes are laid out again; `document` itself is unchanged (it can be written
    whole too)."""
    context = document._html._reportgen_context
    for name, value in (inherited or {}).items():
        context.string_set[name].setdefault(1, [value])
    pages = [Page(_renumbered(context, page._page_box, index + 1, first + index, total))
             for index, page in enumerate(document.pages)]
    part = document.copy(pages)
    if title is not None:
        part.metadata = copy.copy(document.metadata)
        part.metadata.title = title
    return write_pdf(part)


def _renumbered(context, page_box, own_number: int, number: int, total: int):
    """Return a copy of `page_box` whose margin boxes say page `number` of `total`."""
    context.current_page = own_number  # running strings (the document title) of this page
    state = copy.deepcopy(context.page_maker[own_number][3])
    counters = state[1]
    counters["page"], counters["pages"] = [number], [total]
    body = tuple(child for child in page_box.children if not isinstance(child, MarginBox))
    margins = tuple(make_margin_boxes(context, page_box, state))
    for margin in margins:
        layout_box_backgrounds(page_box, margin, context.get_image_from_uri)
    return page_box.copy_with_children(body + margins)


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(element, parent_type: str | None = None):
    """Yield (structure element, its parent's type) for `element` and everything below it."""
    if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
        return
    yield element, parent_type
    for kid in _kids(element):
        yield from _walk(kid, str(element.S))


def finish_tagging(data: bytes) -> bytes:
    """Return the PDF `data` with TH scopes, page furniture as artifacts and bookmarks shown.

    The same input gives the same bytes (the file identifier is derived from the content).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        in_tree = set()
        row_group = {}
        for top in _kids(root):
            for element, parent_type in _walk(top):
                in_tree.add(element.objgen)
                if str(element.S) == "/TR":
                    row_group[element.objgen] = parent_type
        for top in _kids(root):
            for element, _ in _walk(top):
                if str(element.S) == "/TH":
                    group = row_group.get(element.P.objgen) if "/P" in element else None
                    attributes = element.get("/A")
                    if not isinstance(attributes, pikepdf.Dictionary):
                        attributes = element.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
                    attributes.Scope = pikepdf.Name.Column if group == "/THead" \
                        else pikepdf.Name.Row
        _furniture_to_artifacts(pdf, root, in_tree)
        if "/Outlines" in pdf.Root:
            pdf.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


_MARKED = re.compile(rb"/[A-Za-z0-9]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
PAGINATION = b"/Artifact <</Type /Pagination>> BDC"


def _contents(page) -> bytes:
    """The page's content stream, decoded (joined, if it is an array of streams)."""
    contents = page.obj.Contents
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def _furniture_to_artifacts(pdf: pikepdf.Pdf, root, in_tree: set) -> None:
    """Turn marked content whose structure element is outside the tree into artifacts."""
    nums = root.ParentTree.get("/Nums")
    if nums is None:
        return
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index, page in enumerate(pdf.pages):
        key = page.obj.get("/StructParents")
        mapping = parents.get(int(key)) if key is not None else None
        if not isinstance(mapping, pikepdf.Array):
            continue
        orphans = {mcid for mcid, element in enumerate(mapping)
                   if isinstance(element, pikepdf.Dictionary) and element.objgen not in in_tree}
        if not orphans:
            continue
        # Byte substitution rather than parsing the stream into operators and back: that
        # was 65% of this pass. WeasyPrint writes each marked-content start as
        # "/Tag <</MCID n>> BDC"; its text is hex strings, so the pattern cannot be inside one.
        def artifact(match, orphans=orphans):
            return PAGINATION if int(match.group(1)) in orphans else match.group(0)

        page.Contents = pdf.make_stream(_MARKED.sub(artifact, _contents(page)))
        for mcid in orphans:
            mapping[mcid] = pikepdf.Object.parse(b"null")


def merge_pdfs(parts: list[bytes], nest: bool | list[bool] = True) -> bytes:
    """Return one tagged PDF of the tagged PDFs `parts` (each from `write_part`), in order.

    WeasyPrint tags each page as its own subtree under the /Document element, so the parts'
    page subtrees are moved under the first part's /Document in order; the parent tree, the
    pages' /StructParents and the annotations' /StructParent keys are shifted past the first
    part's; header-cell /IDs (and the /Headers naming them) get a prefix per part, as their
    numbers are only unique within a part; a part's bookmarks go under the top bookmark (the
    document title) of the part before it when `nest` (chunks of one document), else beside
    it (documents of a pack); `nest` may also say so for each part. Named destinations are
    merged; with several documents, each document's get the prefix "d<n>-", as in the pack
    laid out from one HTML. The same parts give the same bytes.
    """
    if len(parts) == 1:
        return parts[0]
    sources = []  # QPDF copies stream data from a source when saving: keep them open till then
    nested = nest if isinstance(nest, list) else [False] + [nest] * (len(parts) - 1)
    try:
        return _merge(parts, sources, nested)
    finally:
        for source in sources:
            source.close()


def _merge(parts: list[bytes], sources: list, nested: list[bool]) -> bytes:
    with pikepdf.open(io.BytesIO(parts[0])) as pdf:
        root = pdf.Root.StructTreeRoot
        document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
        nums = root.ParentTree.Nums
        next_key = max(int(nums[i]) for i in range(0, len(nums), 2)) + 1
        # A pack's documents each name their anchors alike ("m-M1", "legend"): prefixed per
        # document, as the pack from one HTML does ("d2-m-M1"); a document's chunks share names.
        owner = list(itertools.accumulate(0 if n else 1 for n in nested))  # document numbers
        prefix = [f"d{d}-" if owner[-1] > 1 else "" for d in owner]
        names = {prefix[0] + name: value for name, value in _dest_names(pdf).items()}
        with pdf.open_outline() as outline:
            title = outline.root[0] if outline.root else None
            for number, data in enumerate(parts[1:], start=2):
                other = pikepdf.open(io.BytesIO(data))
                sources.append(other)
                first_page = len(pdf.pages)
                pdf.pages.extend(other.pages)
                other_root = other.Root.StructTreeRoot
                other_document = other_root.K[0] if isinstance(other_root.K, pikepdf.Array) \
                    else other_root.K
                for kid in _kids(other_document):
                    copied = pdf.copy_foreign(kid)
                    copied.P = document
                    document.K.append(copied)
                    _prefix_ids(copied, f"p{number}-")
                other_nums = other_root.ParentTree.Nums
                for i in range(0, len(other_nums), 2):
                    nums.append(int(other_nums[i]) + next_key)
                    nums.append(_copy(pdf, other_nums[i + 1]))
                for page in pdf.pages[first_page:]:
                    if "/StructParents" in page.obj:
                        page.obj.StructParents = int(page.obj.StructParents) + next_key
                    for annotation in page.obj.get("/Annots", []):
                        if "/StructParent" in annotation:
                            annotation.StructParent = int(annotation.StructParent) + next_key
                next_key += max(int(other_nums[i]) for i in range(0, len(other_nums), 2)) + 1
                page_index = {page.objgen: index for index, page in enumerate(other.pages)}
                with other.open_outline() as other_outline:
                    items = [_copy_item(item, page_index, first_page)
                             for item in other_outline.root]
                if nested[number - 1] and title is not None:
                    title.children.extend(items)
                else:
                    outline.root.extend(items)
                    if not nested[number - 1]:  # a new document: its title heads its chunks
                        title = items[0] if items else None
                for name, destination in _dest_names(other).items():
                    names.setdefault(prefix[number - 1] + name, _copy(pdf, destination))
        if "/ParentTreeNextKey" in root:
            root.ParentTreeNextKey = next_key
        if names:
            flat = pikepdf.Array()
            for name in sorted(names):
                flat.append(pikepdf.String(name))
                flat.append(names[name])
            pdf.Root.Names.Dests = pdf.make_indirect(pikepdf.Dictionary(Names=flat))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _copy(pdf: pikepdf.Pdf, value):
    """Copy `value` from another PDF into `pdf`: indirect objects (and what they refer to)
    once each, direct arrays and dictionaries item by item."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(pdf, item) for key, item in value.items()})
    return value


def _dest_names(pdf: pikepdf.Pdf) -> dict:
    """The named destinations of `pdf` (WeasyPrint writes one flat /Names array)."""
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    flat = dests.get("/Names") if dests is not None else None
    if flat is None:
        return {}
    return {str(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def _prefix_ids(element, prefix: str) -> None:
    """Prefix the /ID of every header cell under `element`, and the /Headers naming them."""
    for child, _ in _walk(element):
        if "/ID" in child:
            child.ID = pikepdf.String(prefix + str(child.ID))
        attributes = child.get("/A")
        for attribute in (attributes if isinstance(attributes, pikepdf.Array)
                          else [attributes] if attributes is not None else []):
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array(
                    [pikepdf.String(prefix + str(h)) for h in attribute.Headers])


def _copy_item(item, page_index: dict, first_page: int):
    """Return a copy of the bookmark `item` (and its children) pointing into the merged PDF."""
    destination = item.destination
    if isinstance(destination, pikepdf.Array) and len(destination) >= 4:
        page = first_page + page_index[destination[0].objgen]
        copied = pikepdf.OutlineItem(item.title, page, "XYZ", left=float(destination[2]),
                                     top=float(destination[3]))
    else:
        copied = pikepdf.OutlineItem(item.title)
    copied.is_closed = item.is_closed
    copied.children.extend(_copy_item(child, page_index, first_page) for child in item.children)
    return copied
