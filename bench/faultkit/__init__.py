"""Tools of bench/faults.py, shared with the test suite's several-node and fault tests: the
service's processes (gunicorn and `run_worker`, started as production starts them), a private
PostgreSQL cluster that may be stopped, and clients that send reports with Idempotency-Keys
and retry as a careful partner system does."""
