"""Use cases, one sub-package per area with several modules (``inventory``, ``warehouse``).

The pair rule: ``foo(db, …)`` is one user action and opens its own transaction
(``unit_of_work``); ``foo_in(session, …)`` does the same work inside a transaction the caller
already holds, and neither commits nor rolls back.

The permission rule: every public ``foo(db, …)`` carries ``@requires(PERMISSION)``
(``db/access.py``), checked before it reads or writes; an action on one plesso also calls
``require_at``/``require`` once the plesso is known, before writing. The ``foo_in(session, …)``
variants, ``discharge_items_in`` and the other helpers taking a session (or a connection)
check nothing: they run inside a caller's transaction and are guarded by that caller (a
guarded service, or the demo generator acting as a named user). The few public services
that must stay open (the login, the first user) say why with ``@unguarded(...)``;
``tests/services/test_permissions.py`` fails for one that is neither.
"""
