"""The encrypted backup of the large demo (issue 19 item 4, target < 30 s) against a bare
baseline in the same run: ``sqlite3.Connection.backup`` of the same file into another, with
nothing else (no verification, no compression, no encryption). Also the restore's decrypt +
verify (``restore --dry-run``) and the scrypt derivation alone.

    python bench/bench_backup.py [--db FILE]     # or: python bench/run.py --only backup

Without --db the large demo is built first (about 30 s, not timed).
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "passphrase del banco di prova"


def _bare_copy(src: Path, out: Path) -> float:
    if out.exists():
        out.unlink()
    start = time.perf_counter()
    source, target = sqlite3.connect(src), sqlite3.connect(out)
    try:
        source.backup(target, pages=-1)
    finally:
        target.close()
        source.close()
    return time.perf_counter() - start


def bench_backup(work: Path, size: str = "large", db: Path | None = None) -> dict:
    from iiss_desktop.db import backup_crypto

    if db is None:
        from iiss_desktop.demo import build_demo

        db = work / f"backup-{size}.db"
        if not db.exists():
            build_demo(db, size=size).dispose()
    folder = work / "backup-cifrati"
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    key = backup_crypto.derive_key(PASSPHRASE)
    kdf = time.perf_counter() - start
    # Alternated, so that both see the same cache and background load; best of three.
    apps, bares = [], []
    for i in range(3):
        bares.append(_bare_copy(db, work / "bare-copy.db"))
        start = time.perf_counter()
        made = backup_crypto.backup_sqlite(db, folder, key)
        apps.append(time.perf_counter() - start)
        if i < 2:
            made.path.unlink()
    target = work / "restore-target.db"
    start = time.perf_counter()
    checked = backup_crypto.restore_sqlite(made.path, target, passphrase=PASSPHRASE,
                                           dry_run=True)
    restore_check = time.perf_counter() - start
    app, bare = min(apps), min(bares)
    return {"db_mb": round(db.stat().st_size / 1e6, 1),
            "backup_mb": round(made.size / 1e6, 1),
            "audit_rows": checked.audit_rows,
            "encrypted_backup_s": round(app, 3), "bare_sqlite_backup_s": round(bare, 4),
            "ratio": round(app / bare, 1), "scrypt_s": round(kdf, 3),
            "restore_dry_run_s": round(restore_check, 3),
            "target": "encrypted backup of the large demo < 30 s",
            "within_target": app < 30}


if __name__ == "__main__":
    import argparse

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    work = Path(tempfile.mkdtemp(prefix="iiss-bench-backup-"))
    os.environ.setdefault("IISS_DATA_DIR", str(work / "data"))
    parser = argparse.ArgumentParser(description="Prova di velocità del backup cifrato")
    parser.add_argument("--db", metavar="FILE", help="archivio (predefinito: la demo grande)")
    args = parser.parse_args()
    print(json.dumps(bench_backup(work, db=Path(args.db) if args.db else None), indent=2))
