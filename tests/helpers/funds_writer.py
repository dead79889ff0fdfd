"""A PC committing spending on one destination, for the Fondi concurrency tests.

    python tests/helpers/funds_writer.py DB --user NAME --count N --amount 300.00

It opens the archive, prints "attesa", waits for a line on stdin, then tries N impegni of
``amount`` on A03 (tipo 02) of the PA 2026 and prints one JSON line: {"committed": …,
"refused": …, "errors": …, "messages": […]}. A refusal for lack of availability is expected;
any other DomainError is an error.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from iiss_desktop.domain.errors import DomainError, ValidationError  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--user", default="postazione")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--amount", default="300.00")
    args = parser.parse_args(argv)

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending
    from tests.helpers.users import act_as_office

    db = open_database(args.db)
    act_as_office(db, args.user)
    print("attesa", flush=True)
    if not sys.stdin.readline():
        return 0
    committed = refused = errors = 0
    messages: list[str] = []
    for i in range(args.count):
        try:
            commit_spending(db, CommitmentInput(2026, date(2026, 3, 10), "A03", "02",
                                                Decimal(args.amount),
                                                f"{args.user}: acquisto {i}"))
            committed += 1
        except ValidationError as exc:
            if "disponibilità" in exc.message:
                refused += 1
            else:
                errors += 1
                messages.append(exc.message)
        except DomainError as exc:
            errors += 1
            messages.append(f"{type(exc).__name__}: {exc.message}")
    db.dispose()
    print(json.dumps({"committed": committed, "refused": refused, "errors": errors,
                      "messages": messages[:5]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
