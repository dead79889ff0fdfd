"""Where and how the encrypted backups of an archive are made: a small JSON file per archive
in the user's data folder (``impostazioni-backup/<archive id>.json``).

Not in the database, on purpose: the folders are of this PC (a local folder, the letter of a
USB disk), and with PostgreSQL each office PC has its own; nor would a table of the archive
survive the loss of the archive, which is when the settings are needed. No migration. The
file holds no secret: the scrypt salt and parameters and a verifier of the passphrase
(db/backup_crypto.py), the folders, the retention counts and the last good backup.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..domain.backup_rotation import Retention
from ..domain.errors import StorageError
from .backup_crypto import BackupKey, KdfParams


@dataclass(frozen=True)
class BackupSettings:
    folder: str = ""           # empty: the data folder's backup/cifrati
    second_folder: str = ""    # empty: no second copy
    retention: Retention = field(default_factory=Retention)
    kdf: dict | None = None    # KdfParams.as_json() of the passphrase set
    verifier: str = ""
    passphrase_set_at: str = ""
    last_ok: str = ""          # ISO local time of the last verified backup
    last_path: str = ""
    last_error: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.kdf and self.verifier)

    @property
    def main_folder(self) -> Path:
        if self.folder:
            return Path(self.folder)
        from ..paths import backups_dir

        path = backups_dir() / "cifrati"
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def kdf_params(self) -> KdfParams | None:
        return KdfParams.from_json(self.kdf) if self.kdf else None

    @property
    def last_ok_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.last_ok) if self.last_ok else None
        except ValueError:
            return None

    def with_key(self, key: BackupKey) -> BackupSettings:
        return replace(self, kdf=key.kdf.as_json(), verifier=key.verifier(),
                       passphrase_set_at=datetime.now().isoformat(timespec="seconds"))


def archive_id_of(db) -> str | None:
    """The archive's id (audit_head.archive_id): the settings are per archive."""
    if getattr(db, "archive_id", None):
        return db.archive_id
    from sqlalchemy import text

    try:
        with db.read_engine.connect() as conn:
            row = conn.execute(text("SELECT archive_id FROM audit_head WHERE id = 1")).first()
    except Exception:   # noqa: BLE001 - an archive before migration 0011
        return None
    return row[0] if row else None


def settings_path(archive_id: str | None) -> Path:
    from ..paths import data_dir

    folder = data_dir() / "impostazioni-backup"
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(c for c in (archive_id or "senza-id") if c.isalnum() or c in "-_")
    return folder / f"{safe or 'senza-id'}.json"


def load(archive_id: str | None) -> BackupSettings:
    path = settings_path(archive_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BackupSettings()
    except (OSError, ValueError) as exc:
        raise StorageError(f"Impostazioni dei backup illeggibili ({path}): correggerle o "
                           "cancellare il file e impostarle di nuovo.") from exc
    retention = Retention(**(data.pop("retention", None) or {}))
    known = set(BackupSettings.__dataclass_fields__)
    return BackupSettings(retention=retention, **{k: v for k, v in data.items() if k in known})


def save(archive_id: str | None, settings: BackupSettings) -> Path:
    path = settings_path(archive_id)
    data = asdict(settings)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path
