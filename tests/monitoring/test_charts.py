"""The trend chart's date labels stay inside the chart."""

import datetime as dt
import re

from hatecrime.monitoring.charts import LEFT, WIDTH, trend_svg
from hatecrime.monitoring.selectors import TrendPoint


def test_the_first_and_last_dates_are_anchored_inside_the_chart():
    start = dt.date(2024, 12, 9)
    points = [TrendPoint(period=start + dt.timedelta(weeks=i), observed=i % 7) for i in range(105)]
    svg = str(trend_svg(points, title="Trend", description="Weekly reports"))
    labels = re.findall(
        r'<text x="([\d.]+)" y="\d+" text-anchor="(\w+)"[^>]*>(\d{4}-\d\d-\d\d)<', svg
    )
    assert [(anchor, date) for _, anchor, date in labels] == [
        ("start", "2024-12-09"),
        ("middle", points[52].period.isoformat()),
        ("end", points[104].period.isoformat()),
    ]
    first_x, last_x = float(labels[0][0]), float(labels[-1][0])
    assert (
        first_x == LEFT and last_x <= WIDTH
    )  # the text runs right from the first, left from the last
