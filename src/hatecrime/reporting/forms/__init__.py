"""The forms of the report journey's question pages (one topic per page)."""
