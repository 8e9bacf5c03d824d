"""Forms of the staff case pages. They parse what the browser sent; the rules live in the case
domain's actions and in `reporting.payload`."""
