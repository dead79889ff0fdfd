"""The user the benchmarks work as: a DSGA who is also dirigente, on an archive without
passwords (as the tests do), so that every timed action passes its permission check."""
from __future__ import annotations


def act_as_bench(db):
    from iiss_desktop.domain.access import DIRIGENTE, DSGA, Grant
    from iiss_desktop.services.users import act_as, provision_user

    provision_user(db, "bench", "Prova di velocità", [Grant(DSGA), Grant(DIRIGENTE)])
    return act_as(db, "bench")
