"""A writer process for the crash and concurrency tests: records entries through the real service.

    python tests/helpers/writer.py DB [--count N] [--user NAME] [--lines K]

With ``--count 0`` (the default) it writes forever and prints "pronto" after the first commit
(the crash test kills it with SIGKILL). With ``--wait`` it opens the database, prints "attesa"
and starts only when it reads a line (so that the test can start the next writer while it
checks the file). With ``--count N`` it writes N entries and prints one
JSON line: {"written": ..., "errors": ..., "messages": [...]}. Every DomainError is counted and
reported, never retried: the test asserts that no error reaches the user.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

# Run as a script: make the repository importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from iiss_desktop.domain.errors import DomainError  # noqa: E402
from iiss_desktop.domain.registers import RegisterSpec, define_register  # noqa: E402

REGISTER = "prova"
# A fixed date in the past: deterministic year, never "in the future", never before the last entry.
ENTRY_DATE = date(2025, 3, 14)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--user", default="scrittore")
    parser.add_argument("--lines", type=int, default=2)
    parser.add_argument("--wait", action="store_true",
                        help='after opening the database print "attesa" and wait for a line')
    args = parser.parse_args(argv)

    define_register(RegisterSpec("prova", "Registro di prova", "Test"))
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.registers import LineInput, register_entry
    from tests.helpers.users import act_as_office

    db = open_database(args.db)
    act_as_office(db, args.user)
    if args.wait:
        print("attesa", flush=True)
        if not sys.stdin.readline():
            return 0
    lines = [LineInput(f"riga {k}", k, Decimal("1.25") * k) for k in range(1, args.lines + 1)]
    written = errors = 0
    messages: list[str] = []
    i = 0
    while args.count == 0 or i < args.count:
        i += 1
        try:
            register_entry(db, register=REGISTER, entry_date=ENTRY_DATE,
                           description=f"{args.user} registrazione {i}",
                           amount=Decimal("10.50"), lines=lines)
        except DomainError as exc:
            errors += 1
            if len(messages) < 5:
                messages.append(f"{type(exc).__name__}: {exc.message}")
            continue
        written += 1
        if written == 1 and args.count == 0:
            print("pronto", flush=True)
    db.dispose()
    print(json.dumps({"written": written, "errors": errors, "messages": messages}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
