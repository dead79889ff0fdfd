"""Use cases, one sub-package per area with several modules (``inventory``, ``warehouse``).

The pair rule: ``foo(db, …)`` is one user action and opens its own transaction
(``unit_of_work``); ``foo_in(session, …)`` does the same work inside a transaction the caller
already holds, and neither commits nor rolls back.
"""
