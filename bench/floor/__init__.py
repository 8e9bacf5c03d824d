"""bench/intake.py's floor: a separate tiny Django project whose one view inserts one row of the
size of a report, served by gunicorn exactly as hatecrime is, on the same database."""
