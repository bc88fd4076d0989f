"""
Reads a PDF with pikepdf (Debian's python3-pikepdf, which .ci/run installs) and prints as JSON
what the machine-checkable part of PDF/UA-1 asks about it. It reports; pdf.test.ts judges.

    /usr/bin/python3 site/test/pdf-structure.py file.pdf
"""

import json
import sys
import xml.etree.ElementTree as ET

import pikepdf

# ISO 32000-1, Tables 333 to 340.
STANDARD = set(
    """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
    P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
    Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split()
)
TEXT = {"Tj", "TJ", "'", '"'}
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def text(value):
    return str(value) if value is not None else None


def name(value):
    return str(value)[1:] if isinstance(value, pikepdf.Name) else None


def xmp(pdf):
    stream = pdf.Root.get("/Metadata")
    if stream is None:
        return None
    root = ET.fromstring(stream.read_bytes())

    def first(path):
        found = root.find(path, NS)
        return found.text if found is not None else None

    # The claim may be written as an element or as an attribute of its rdf:Description.
    part = first(".//pdfuaid:part")
    for description in root.iterfind(".//rdf:Description", NS):
        part = part or description.get("{%s}part" % NS["pdfuaid"])
    return {
        "pdfuaPart": part,
        "title": first(".//dc:title/rdf:Alt/rdf:li"),
        "language": first(".//dc:language/rdf:Bag/rdf:li"),
    }


def number_tree(node, into):
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            into[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, into)
    return into


def structure(pdf):
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return None
    role_map = {k[1:]: name(v) for k, v in tree.get("/RoleMap", {}).items()}
    elements, seen = [], set()

    def visit(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                visit(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            key = node.objgen if node.is_indirect else id(node)
            if key in seen:
                return
            seen.add(key)
            elements.append(node)
            if "/K" in node:
                visit(node.K)

    visit(tree.get("/K"))
    types = sorted({name(e.S) for e in elements})
    resolved = {t: role_map.get(t, t) for t in types}
    figures = [{"alt": text(e.get("/Alt"))} for e in elements if resolved[name(e.S)] == "Figure"]
    return {
        "types": types,
        "roleMap": role_map,
        "notStandard": sorted(t for t, r in resolved.items() if r not in STANDARD),
        "figures": figures,
        "parentTree": number_tree(tree.get("/ParentTree", pikepdf.Dictionary()), {}),
        "resolved": resolved,
    }


def content(page):
    """Text shown and objects painted outside any structure-tagged (MCID) or artifact sequence."""
    untagged, artifact_text, mcids, stack = [], 0, [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BMC", "BDC"):
            tag = name(operands[0])
            props = operands[1] if op == "BDC" else None
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            if mcid is not None:
                mcids.append(int(mcid))
            stack.append("artifact" if tag == "Artifact" else "tagged" if mcid is not None else "marked")
        elif op == "EMC":
            stack.pop()
        elif op in TEXT or op in PAINT:
            if "tagged" in stack:
                continue
            if "artifact" in stack:
                artifact_text += op in TEXT
            else:
                untagged.append(op)
    return untagged, artifact_text, mcids


def fonts(pdf):
    found = {}
    for page in pdf.pages:
        for _, font in page.Resources.get("/Font", {}).items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            embedded = name(font.Subtype) == "Type3" or (
                descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            )
            found[name(font.get("/BaseFont"))] = embedded
    return [{"name": k, "embedded": v} for k, v in sorted(found.items())]


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    tree = structure(pdf)
    pages, links = [], []
    for number, page in enumerate(pdf.pages, start=1):
        untagged, artifact_text, mcids = content(page)
        parents = tree["parentTree"].get(int(page.obj.get("/StructParents", -1))) if tree else None
        orphans = [m for m in mcids if parents is None or m >= len(parents) or parents[m] is None]
        pages.append(
            {
                "page": number,
                "tabs": name(page.obj.get("/Tabs")),
                "untagged": untagged,
                "artifactText": artifact_text,
                "mcidsWithoutElement": orphans,
            }
        )
        for annot in page.obj.get("/Annots", []):
            if name(annot.get("/Subtype")) != "Link":
                continue
            action = annot.get("/A")
            parent = tree["parentTree"].get(int(annot.StructParent)) if tree and "/StructParent" in annot else None
            links.append(
                {
                    "page": number,
                    "uri": text(action.get("/URI")) if action is not None else None,
                    "contents": text(annot.get("/Contents")),
                    "element": tree["resolved"].get(name(parent.S)) if parent is not None else None,
                }
            )
    prefs = root.get("/ViewerPreferences", {})
    mark_info = root.get("/MarkInfo", {})
    report = {
        "version": pdf.pdf_version,
        "lang": text(root.get("/Lang")),
        "marked": bool(mark_info.get("/Marked", False)),
        "displayDocTitle": bool(prefs.get("/DisplayDocTitle", False)),
        "infoTitle": text(pdf.docinfo.get("/Title")),
        "xmp": xmp(pdf),
        "structure": {k: v for k, v in tree.items() if k not in ("parentTree", "resolved")} if tree else None,
        "pages": pages,
        "links": links,
        "fonts": fonts(pdf),
    }
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
