"""PDF/A-2b (ISO 19005-2, level B) for the documents that go to the protocol and to the
conservation system: what ReportLab's open-source edition does not write by itself.

- an XMP metadata stream (uncompressed) with pdfaid:part=2 and conformance=B, dc:title,
  dc:creator, dc:description, pdf:Producer, pdf:Keywords, xmp:CreatorTool and the dates,
  the same values as the Info dictionary;
- an OutputIntent GTS_PDFA1 with an embedded sRGB ICC profile (Pillow's, built in memory);
- every font embedded (the DejaVu TrueType subsets of reports/base), no encryption, the
  trailer's /ID (ReportLab writes both).
Only the canvas is touched, when the document is saved (``PdfACanvas``).
"""
from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


class _RawStream(PDFStream):
    """A stream written as is: the metadata of a PDF/A is never compressed."""

    def format(self, document):
        content = self.content if isinstance(self.content, bytes) else \
            self.content.encode("utf-8")
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(content)
        from reportlab.pdfbase.pdfdoc import format as pdf_format

        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"\nendstream\n"


def _xmp_date(ts) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    return (f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"
            f"{'+' if ts.dhh >= 0 else '-'}{abs(ts.dhh):02d}:{ts.dmm:02d}")


def xmp_packet(doc) -> str:
    info = doc.info
    when = _xmp_date(doc._timeStamp)

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        '<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n'
        '</rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '<dc:format>application/pdf</dc:format>\n'
        f'<dc:title>{alt(info.title)}</dc:title>\n'
        f'<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>\n'
        f'<dc:description>{alt(info.subject)}</dc:description>\n'
        '</rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f'<pdf:Producer>{escape(info.producer)}</pdf:Producer>\n'
        f'<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>\n'
        '</rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f'<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>\n'
        f'<xmp:CreateDate>{when}</xmp:CreateDate>\n<xmp:ModifyDate>{when}</xmp:ModifyDate>\n'
        f'<xmp:MetadataDate>{when}</xmp:MetadataDate>\n'
        '</rdf:Description>\n'
        '</rdf:RDF>\n</x:xmpmeta>\n'
        + "\n".join(" " * 64 for _ in range(20))   # padding for in-place edits
        + '\n<?xpacket end="w"?>')


def make_pdfa(canv) -> None:
    """Before ``canv.save()``: the metadata and the output intent in the catalog."""
    doc = canv._doc
    catalog = doc.Catalog
    metadata = _RawStream(dictionary=PDFDictionary({"Type": PDFName("Metadata"),
                                                    "Subtype": PDFName("XML")}))

    class _Lazy(_RawStream):
        def format(self, document):
            self.content = xmp_packet(document).encode("utf-8")
            return super().format(document)

    metadata = _Lazy(dictionary=metadata.dictionary)
    catalog.Metadata = metadata
    icc = PDFStream(dictionary=PDFDictionary({"N": 3}), content=srgb_profile())
    intent = PDFDictionary({"Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
                            "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
                            "RegistryName": PDFString("http://www.color.org"),
                            "Info": PDFString(OUTPUT_CONDITION),
                            "DestOutputProfile": doc.Reference(icc)})
    catalog.OutputIntents = PDFArray([intent])
    if "OutputIntents" not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    doc.info.trapped = "False"
