"""The public web pages of the reporting app: information pages, the report journey, drafts,
submitting, and tracking a report. Views validate and delegate (actions, payload, selectors)."""
