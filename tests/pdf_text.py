"""The text of a PDF as a screen reader or a copy and paste gets it: each font's ToUnicode map
applied to the text drawn (pikepdf is a dependency already; no text extraction library)."""

import io
import re

import pikepdf


def pdf_text(data: bytes) -> str:
    """The text of a PDF, read through each font's ToUnicode map (what a screen reader or a
    copy and paste gets)."""
    pdf = pikepdf.open(io.BytesIO(data))
    out = []
    for page in pdf.pages:
        maps = {}
        for name, font in page.Resources.Font.items():
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            pairs = re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]+)>", cmap)
            maps[name] = {
                int(code, 16): "".join(chr(int(u[k : k + 4], 16)) for k in range(0, len(u), 4))
                for code, u in pairs
            }
        font: dict[int, str] = {}
        for operands, operator in pikepdf.parse_content_stream(page):
            if operator == pikepdf.Operator("Tf"):
                font = maps.get(str(operands[0]), {})
            elif operator in (pikepdf.Operator("Tj"), pikepdf.Operator("TJ")):
                items = operands[0] if operator == pikepdf.Operator("TJ") else [operands[0]]
                for item in items:
                    if isinstance(item, pikepdf.String):
                        raw = bytes(item)
                        out.append("".join(font.get(int.from_bytes(raw[k : k + 2]), "")
                                           for k in range(0, len(raw), 2)))  # fmt: skip
            elif str(operator) in ("Td", "TD", "Tm", "T*", "BT"):
                out.append(" ")
    return "".join(out)
