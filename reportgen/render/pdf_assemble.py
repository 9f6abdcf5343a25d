"""Assemble laid-out PDFs with pikepdf (which lives here only): finish their tagging, join
the parts of a document (or the documents of a pack) into one tagged PDF, and stamp each page
with its running head and "Page n of N".

A body is laid out without page furniture (`render.pdf.lay_out_body`); `stamp` overlays each
page of an untagged margin-only sheet (`render.pdf.lay_out_sheet`: the same stylesheet's page
margin boxes, N pages) onto its body page as a form XObject inside an `/Artifact` marked-content
sequence, which is what page furniture is in PDF/UA. So a page is laid out and written once,
whichever documents it ends up in: its own document and the pack are the same bodies joined
and stamped with their own numbers.

WeasyPrint 70 tags a table that crosses pages as one Table per page (its issues #2902 and
#2903). The stylesheet repeats the header row on every page, so each part has its own
THead and every data cell still points at the header cells on its own page. A row that
breaks across pages is two rows in those tags, so a screen reader would read the first page's
part of every cell, then the next page's: `finish_tagging` joins them into one row whose
cells hold their content on both pages (`_join_split_rows`). It also tags every line of
text as a /Span that says nothing of its own: `finish_tagging` gives such a span's text to
the paragraph or cell holding it (`_unwrap_spans`), a third of the objects to join.
"""

from __future__ import annotations

import io
import itertools
import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Iterator

import pikepdf

SAVE = {"deterministic_id": True, "compress_streams": True,
        "object_stream_mode": pikepdf.ObjectStreamMode.generate}


@dataclass(frozen=True)
class Furniture:
    """What a page's margins show: the running head, a protective marking (e.g.
    "Confidential") and the page's orientation (the sheet's page must match the body's)."""

    title: str
    marking: str = ""
    landscape: bool = False


def page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _opened(pdf: bytes | pikepdf.Pdf):
    """`pdf` opened, if it is bytes (closed after), or as it is (left open)."""
    return nullcontext(pdf) if isinstance(pdf, pikepdf.Pdf) else pikepdf.open(io.BytesIO(pdf))


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **SAVE)
    return out.getvalue()


def furniture(body: bytes | pikepdf.Pdf, markings: list[str] | str = "") -> list[Furniture]:
    """Each page's furniture for `body` (a document, or a pack of them): the running head is
    the label of the first top-level bookmark (a document's h1) on the page, else the one
    before it (as CSS `string()` of the h1's `string-set`); `markings` gives each page's
    protective marking (or one for every page)."""
    with _opened(body) as pdf:
        outline = pdf.open_outline()  # read only: not a `with`, which writes it back
        index = {page.objgen: number for number, page in enumerate(pdf.pages)}
        starts: dict[int, str] = {}
        for item in outline.root:
            destination = item.destination
            if isinstance(destination, pikepdf.Array) and len(destination) and \
                    destination[0].objgen in index:
                starts.setdefault(index[destination[0].objgen], item.title)
        pages, title = [], ""
        for number, page in enumerate(pdf.pages):
            title = starts.get(number, title)
            box = [float(x) for x in page.MediaBox]
            mark = markings if isinstance(markings, str) else markings[number]
            pages.append(Furniture(title, mark, box[2] - box[0] > box[3] - box[1]))
        return pages


def stamp(body: bytes | pikepdf.Pdf, sheet: bytes, title: str | None = None) -> bytes:
    """Return `body` (bytes, or a PDF open here: it is changed) with each page of `sheet`
    (one for each body page, the same size) drawn over it as a pagination artifact; with
    `title`, the PDF's title (document information and XMP metadata) becomes `title` (a pack
    keeps its first document's otherwise)."""
    with _opened(body) as pdf, pikepdf.open(io.BytesIO(sheet)) as margins:
        if len(margins.pages) != len(pdf.pages):
            raise ValueError(f"a margin sheet of {len(margins.pages)} pages for a body of "
                             f"{len(pdf.pages)}")
        for page, margin in zip(pdf.pages, margins.pages):
            form = pdf.copy_foreign(margin.as_form_xobject())
            # WeasyPrint's pages share one resource dictionary: each page gets its own copy
            # (the same fonts and images), naming only its own furniture.
            resources = page.obj.get("/Resources", pikepdf.Dictionary())
            own = pikepdf.Dictionary({key: value for key, value in resources.items()})
            own.XObject = pikepdf.Dictionary(
                {key: value for key, value in resources.get("/XObject", {}).items()})
            own.XObject[FURNITURE] = form
            page.obj.Resources = own
            page.Contents = pdf.make_stream(
                b"q\n" + _contents(page) + b"\nQ\n" + PAGINATION + b"\nq " +
                FURNITURE.encode() + b" Do Q\nEMC\n")
        if title is not None:
            _retitle(pdf, title)
        return _saved(pdf)


FURNITURE = "/ReportgenFurniture"  # each page's furniture form, in its own resources


def _retitle(pdf: pikepdf.Pdf, title: str) -> None:
    """Set the title in the document information and the XMP metadata (PDF/UA reads dc:title),
    changing nothing else of the metadata."""
    pdf.docinfo[pikepdf.Name.Title] = title
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


# Structure elements that hold no table cell (HTML's <p>, <span>, <a>, headings and figures
# cannot hold a <table>): a search for header cells need not look inside them.
NO_CELLS = frozenset(f"/{name}" for name in ("P", "Span", "Link", "Figure", "Lbl", "H1", "H2",
                                               "H3", "H4", "H5", "H6"))


def _walk(element, parent_type: str | None = None, skip: frozenset = frozenset()):
    """Yield (structure element, its parent's type) for `element` and everything below it,
    not looking below elements whose type is in `skip`."""
    if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
        return
    yield element, parent_type
    kind = str(element.S)
    if kind not in skip:
        for kid in _kids(element):
            yield from _walk(kid, kind, skip)


def finish_tagging(data: bytes) -> bytes:
    """Return the PDF `data` with TH scopes, page furniture as artifacts and bookmarks shown.

    The same input gives the same bytes (the file identifier is derived from the content).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        _join_split_rows(pdf, root)
        in_tree, row_group, headers, owner = set(), {}, [], {}
        for top in _kids(root):
            for element, parent_type in _walk(top):  # the walk goes on into the new kids
                _unwrap_spans(element, owner)
                in_tree.add(element.objgen)
                if str(element.S) == "/TR":
                    row_group[element.objgen] = parent_type
                elif str(element.S) == "/TH":
                    headers.append(element)
        _repoint(root, owner)
        for element in headers:
            group = row_group.get(element.P.objgen) if "/P" in element else None
            attributes = element.get("/A")
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = element.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
            attributes.Scope = pikepdf.Name.Column if group == "/THead" else pikepdf.Name.Row
        _furniture_to_artifacts(pdf, root, in_tree)
        if "/Outlines" in pdf.Root:
            pdf.Root.PageMode = pikepdf.Name.UseOutlines
        return _saved(pdf)


# What a /Span has when it says nothing of its own (no attributes, language, alternate or
# actual text): WeasyPrint tags every inline box so, two thirds of a body's objects.
PLAIN_SPAN = frozenset({"/K", "/P", "/Pg", "/S", "/Type"})


def _unwrap_spans(element, owner: dict) -> None:
    """Give each plain /Span's content in `element` to `element` (`owner`: span → element,
    for `_repoint`): the same text in the same reading order with a third of the objects, so
    joining a document's parts takes less memory and time. An element whose content would
    then mix text with elements (a paragraph opening with a bold word) keeps its spans, as
    readers that take an element's own text before its children's would misplace the words."""
    spans, content = [], []
    _flatten(_kids(element), element.get("/Pg"), spans, content)
    if not spans or len({isinstance(kid, pikepdf.Dictionary) and "/S" in kid
                         for kid, _ in content}) > 1:
        return
    for span in spans:
        owner[span.objgen] = element
    for kid, moved in content:
        if moved and isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kid.P = element
    element.K = pikepdf.Array([kid for kid, _ in content])


def _repoint(root, owner: dict) -> None:
    """Point the parent tree's entries for the spans `owner` names at their new elements."""
    nums = root.ParentTree.get("/Nums") if "/ParentTree" in root else None
    if not owner or nums is None:
        return
    for i in range(1, len(nums), 2):
        value = nums[i]
        if isinstance(value, pikepdf.Array):
            for mcid, element in enumerate(value):
                if isinstance(element, pikepdf.Dictionary) and element.objgen in owner:
                    value[mcid] = owner[element.objgen]
        elif isinstance(value, pikepdf.Dictionary) and value.objgen in owner:
            nums[i] = owner[value.objgen]


def _flatten(kids: list, page, spans: list, content: list, moved: bool = False) -> None:
    """Add to `content` (kid, whether it comes out of a span) for `kids`, reading through
    plain spans on `page` (added to `spans`). A span on another page (a cell's rest, in a
    row broken across pages) stays: its marked content would need its page named (/MCR),
    which some readers (pdfplumber) take as on the cell's page."""
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Span" \
                and set(kid.keys()) <= PLAIN_SPAN and page is not None \
                and kid.get("/Pg", page).objgen == page.objgen:
            spans.append(kid)
            _flatten(_kids(kid), page, spans, content, True)
        else:
            content.append((kid, moved))


def _marks(element) -> bool:
    """Whether `element` or anything below it holds marked content (text drawn on a page)."""
    return any(not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid or _marks(kid)
               for kid in _kids(element))


def _body_rows(root) -> list:
    """Every TR of a table body, in the tree's order (the reading order)."""
    return [element for top in _kids(root) for element, parent in _walk(top)
            if str(element.S) == "/TR" and parent == "/TBody"]


def _join_split_rows(pdf: pikepdf.Pdf, root) -> None:
    """Join each row that broke across a page into the row it continues.

    A page's first body row continues the last row of the page before when its row header
    cell (the measure's name) has nothing on its page: a row that starts on a page starts
    with its name (`_continues`). WeasyPrint may leave out a cell that has nothing on a
    page, so cells are matched by column, read from the header cells they name (/Headers
    "table-row-column", /ID on a header cell). The continuing row's cells give their content
    to the same column's cell of the row it continues (one made if that part had none), and
    the row goes; their marked content is re-pointed in the parent tree."""
    nums = root.ParentTree.get("/Nums")
    if nums is None:
        return
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    page_of = {page.obj.objgen: page.obj for page in pdf.pages}
    rows = _body_rows(root)
    target = rows[0] if rows else None
    for row in rows[1:]:
        if not _continues(target, row):
            target = row
            continue
        cells = _columns(target)
        for column, rest in _columns(row).items():
            cell = cells.get(column) or _new_cell(pdf, target, rest, column, cells)
            _give(rest, cell, parents, page_of)  # a row over three pages: all in the first
        _remove(row)


def _remove(element) -> None:
    """Take `element` out of its parent; a table body left empty goes too, and a table part
    left with only its (repeated) header row: that header's marked content, no longer in the
    tree, becomes an artifact (`_furniture_to_artifacts`), as a repeated header is."""
    parent = element.P
    parent.K = pikepdf.Array([kid for kid in _kids(parent) if kid.objgen != element.objgen])
    if str(parent.S) == "/TBody" and not _kids(parent):
        _remove(parent)
    elif str(parent.S) == "/Table" and not any(
            str(kid.get("/S")) in ("/TBody", "/TR", "/TFoot") for kid in _kids(parent)
            if isinstance(kid, pikepdf.Dictionary)) and "/P" in parent:
        _remove(parent)


def _columns(row) -> dict[int, object]:
    """The row's cells by column (cells whose column cannot be read are left out)."""
    found = {}
    for cell in _kids(row):
        if not isinstance(cell, pikepdf.Dictionary):
            continue
        if str(cell.get("/S")) == "/TH" and "/ID" in cell:
            names = [cell.ID]
        else:
            attributes = cell.get("/A")
            headers = attributes.get("/Headers") if isinstance(attributes,
                                                               pikepdf.Dictionary) else None
            names = list(headers)[-1:] if isinstance(headers, pikepdf.Array) else []
        for name in names:  # the last header named is the column's (row headers come first)
            parts = str(name).split("-")
            if len(parts) == 3 and parts[2].isdigit():
                found[int(parts[2])] = cell
    return found


def _continues(before, row) -> bool:
    """Whether `row` is the rest of `before`, broken at a page: see `_join_split_rows`.
    `row` opens its table part and `before` closes the part before, and the row header cell
    (`<th scope="row">`, the measure's name) of `before` has text where `row`'s has none.
    Only such rows break (report.css: a tall row starts where each cell has room for three
    lines, so a name is never left overleaf); a table without row headers (a Narrative
    table, whose rows never break) is never joined."""
    if before is None or before.get("/Pg") is None or row.get("/Pg") is None \
            or before.Pg.objgen == row.Pg.objgen or "/P" not in before or "/P" not in row:
        return False
    if _kids(row.P)[0].objgen != row.objgen or _kids(before.P)[-1].objgen != before.objgen:
        return False
    earlier, cells = _columns(before), _columns(row)
    if not earlier or len(earlier) != len(_kids(before)):
        return False
    headers = [c for c, cell in earlier.items() if str(cell.get("/S")) == "/TH"]
    return bool(headers) and all(
        _marks(earlier[c]) and (c not in cells or not _marks(cells[c])) for c in headers)


def _new_cell(pdf: pikepdf.Pdf, row, like, column: int, cells: dict):
    """A cell for `row` in `column`, made like `like` (the part of the row before had nothing
    there), put among the row's cells in column order; `cells` gains it."""
    cell = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=like.S, P=row, Pg=row.Pg, K=pikepdf.Array()))
    for key in ("/A", "/ID"):
        if key in like:
            cell[key] = like[key]
    cells[column] = cell
    row.K = pikepdf.Array([cells[c] for c in sorted(cells)]
                          + [k for k in _kids(row) if k.objgen not in
                             {v.objgen for v in cells.values()}])
    return cell


def _give(cell, to, parents: dict, page_of: dict) -> None:
    """Move `cell`'s content (structure elements and marked content) to the end of `to`."""
    moved = []
    for kid in _kids(cell):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kid.P = to
            moved.append(kid)
            continue
        if isinstance(kid, pikepdf.Dictionary):  # a marked-content reference, /Pg its own
            page, mcid = kid.get("/Pg", cell.get("/Pg")), int(kid.MCID)
            reference = kid
        else:  # an MCID on the cell's page
            page, mcid = cell.get("/Pg"), int(kid)
            reference = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=mcid)
        mapping = parents.get(int(page_of[page.objgen].get("/StructParents", -1)))
        if isinstance(mapping, pikepdf.Array) and mcid < len(mapping):
            mapping[mcid] = to
        moved.append(reference)
    if moved:
        to.K = pikepdf.Array([*_kids(to), *moved])


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


@contextmanager
def joined(parts: list[bytes], nest: bool | list[bool] = True,
           lead: list[int] | None = None) -> Iterator[pikepdf.Pdf]:
    """One tagged PDF, open, of the tagged PDFs `parts` (bodies from `render.pdf.lay_out_body`)
    in order: saved once, after it is stamped (`stamp`).

    WeasyPrint tags each page as its own subtree under the /Document element, so the parts'
    page subtrees are moved under the first part's /Document in order; the parent tree, the
    pages' /StructParents and the annotations' /StructParent keys are shifted past the first
    part's; header-cell /IDs (and the /Headers naming them) get a prefix per part, as their
    numbers are only unique within a part; a part's bookmarks go under the top bookmark (the
    document title) of the part before it when `nest` (chunks of one document), else beside
    it (documents of a pack); `nest` may also say so for each part, and `lead` how many of a
    nested part's first bookmarks go under the last bookmark there (a section that part
    continues: a scorecard's outcome whose themes it goes on with). Named destinations are
    merged; with several documents, each document's get the prefix "d<n>-", as in the pack
    laid out as one HTML would. The same parts give the same bytes.
    """
    sources = []  # QPDF copies stream data from a source when saving: keep them open till then
    nested = nest if isinstance(nest, list) else [False] + [nest] * (len(parts) - 1)
    try:
        with pikepdf.open(io.BytesIO(parts[0])) as pdf:
            _merge(pdf, parts, sources, nested, lead or [0] * len(parts))
            yield pdf
    finally:
        for source in sources:
            source.close()


def _merge(pdf: pikepdf.Pdf, parts: list[bytes], sources: list, nested: list[bool],
           lead: list[int]) -> None:
    """Join `parts[1:]` onto `pdf`, which is `parts[0]` opened (`joined`)."""
    if len(parts) == 1:
        return
    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    nums = root.ParentTree.Nums
    next_key = max(int(nums[i]) for i in range(0, len(nums), 2)) + 1
    # A pack's documents each name their anchors alike ("m-M1", "legend"): prefixed per
    # document, as one HTML of them all would ("d2-m-M1"); a document's chunks share names.
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
            # Copied in one call (an indirect array: what it refers to comes along once).
            values = pdf.copy_foreign(other.make_indirect(pikepdf.Array(
                [other_nums[i + 1] for i in range(0, len(other_nums), 2)])))
            for i, value in zip(range(0, len(other_nums), 2), values):
                nums.append(int(other_nums[i]) + next_key)
                nums.append(value)
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
                count = lead[number - 1] if title.children else 0
                if count:
                    title.children[-1].children.extend(items[:count])
                title.children.extend(items[count:])
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
    for child, _ in _walk(element, skip=NO_CELLS):
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
