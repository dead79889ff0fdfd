"""Reading a ZIP of 1,000 FatturaPA invoices (issue 17: the whole import under 20 s): unwrap,
parse, validate against the official schema and read every field, against parsing the same
files with lxml alone, in the same run. The invoices are the Agenzia's FPA02 sample with
1,000 different numbers, half of them inside signed p7m envelopes."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "fatturapa" / \
    "IT01234567890_FPA02.xml"


def _signed(content: bytes) -> bytes:
    from asn1crypto import cms

    return cms.ContentInfo({
        "content_type": "signed_data",
        "content": cms.SignedData({"version": "v1", "digest_algorithms": [],
                                   "encap_content_info": {"content_type": "data",
                                                          "content": content},
                                   "signer_infos": []}),
    }).dump()


def build_zip(count: int) -> tuple[bytes, list[bytes]]:
    text = FIXTURE.read_text("utf-8")
    xmls = [text.replace("<Numero>123</Numero>", f"<Numero>{n}</Numero>").encode("utf-8")
            for n in range(1, count + 1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, xml in enumerate(xmls, start=1):
            if n % 2:
                archive.writestr(f"IT01234567890_{n:05d}.xml", xml)
            else:
                archive.writestr(f"IT01234567890_{n:05d}.xml.p7m", _signed(xml))
    return buffer.getvalue(), xmls


def bench_fatturapa(count: int = 1000) -> dict:
    from lxml import etree

    from iiss_desktop.domain.procurement.envelope import unwrap
    from iiss_desktop.domain.procurement.fatturapa import read_fatturapa
    from iiss_desktop.domain.procurement.schema_check import fatturapa_schema

    data, xmls = build_zip(count)
    fatturapa_schema()                      # loaded once per program, not per file
    start = time.perf_counter()
    for xml in xmls:
        etree.fromstring(xml)
    bare = time.perf_counter() - start
    start = time.perf_counter()
    files, _ = unwrap("lotto.zip", data)
    invoices = [inv for f in files for inv in read_fatturapa(f.data, f.name)]
    ours = time.perf_counter() - start
    assert len(invoices) == count and len({i.number for i in invoices}) == count
    return {"invoices": count, "read_s": round(ours, 3), "lxml_parse_only_s": round(bare, 3),
            "ratio": round(ours / bare, 1), "per_invoice_ms": round(ours / count * 1000, 2),
            "target_s": 20}
