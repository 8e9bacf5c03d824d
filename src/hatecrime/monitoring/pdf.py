"""PDF documents (community packs, tension briefings) made by WeasyPrint from an HTML template.

Tagged for screen readers (PDF/UA-1: structure tree, document language, title, alt text), with
fonts found by fontconfig through Pango: any script some installed font covers is printed and
extractable. Fonts are a system need (README, "PDF packs"; docs/adr/0912-pdf-packs-weasyprint.md):
DejaVu Sans (in the base image) covers Latin, Welsh, Greek, Cyrillic, Arabic and Hebrew; the
Noto fonts (`fonts-noto-core`, `fonts-noto-cjk`) add Bengali, Gujarati, Gurmukhi, Tamil, Thai,
Khmer, Burmese, Chinese, Japanese and Korean. A character no installed font has is drawn as an
empty box, its text still extractable.
"""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def svg_data_uri(svg: str) -> str:
    """An SVG chart as an image source, so the PDF gives it its alt text (a tagged figure)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    # Only data: URIs (the charts): a pack never fetches anything from the network or disk.
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
