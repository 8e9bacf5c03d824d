"""Staff case pages: they validate with a form and delegate to the case domain's actions;
reads go through its selectors and access functions."""
