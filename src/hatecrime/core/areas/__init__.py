"""Forces and their areas as data: the files `hatecrime load_areas` reads (CSV or GeoJSON), the
action that loads them, and the files that ship (London's 32 boroughs; Kent's districts and
Medway as a second force's example). docs/adr/0760-areas-and-maps-as-data.md."""

from pathlib import Path

SHIPPED = Path(__file__).resolve().parent
LONDON = SHIPPED / "london.csv"  # the Metropolitan Police Service's boroughs (the default)
KENT = SHIPPED / "kent.csv"  # Kent Police's districts and Medway (an example of a county force)
