"""hatecrime: report hate crime, work each case through its Community Safety Unit, watch trends."""
