"""The same extraction on Apache Spark: `job.py` (the driver, also a spark-submit script), `tasks.py`
(what executors run: the native run's functions over Arrow batches), `schema.py` (the rows between
stages), `session.py` (a local session for `newsfacts spark` and the tests). Needs `pip install -e
'.[spark]'` and Java 17+; docs/scale.md has the cluster recipe."""
