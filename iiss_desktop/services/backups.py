"""Encrypted backups from the GUI: settings, passphrase, on-demand and scheduled copies,
restore. Each needs ``school.backup`` (DSGA, amministratore tecnico).

The passphrase is never stored (db/backup_crypto.py explains the design): ``set_passphrase``
and ``unlock_backups`` return a ``BackupKey`` that the caller (the main window) keeps in
memory for the session and hands to ``backup_now`` and ``scheduled_backup``.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..areas.school import BACKUP
from ..db import backup_crypto as crypto
from ..db import backup_settings
from ..db.access import requires
from ..db.engine import Database
from ..domain.backup_rotation import Retention
from ..domain.errors import StorageError, ValidationError

BackupSettings = backup_settings.BackupSettings
archive_id_of = backup_settings.archive_id_of


def _settings(db: Database) -> BackupSettings:
    return backup_settings.load(archive_id_of(db))


@requires(BACKUP)
def backup_settings_of(db: Database) -> BackupSettings:
    """The encrypted backups' settings of this archive on this PC (defaults if none)."""
    return _settings(db)


@requires(BACKUP)
def save_backup_settings(db: Database, *, folder: str, second_folder: str = "",
                         retention: Retention | None = None) -> BackupSettings:
    """The folder (empty: the data folder's), the second folder (a USB disk; empty: none)
    and the numbers of daily, weekly and monthly copies kept."""
    errors = {}
    folder, second_folder = (folder or "").strip(), (second_folder or "").strip()
    if folder and not Path(folder).is_dir():
        errors["folder"] = f"La cartella «{folder}» non esiste."
    if second_folder and folder and Path(second_folder) == Path(folder):
        errors["second_folder"] = "La seconda cartella deve essere diversa dalla prima."
    if errors:
        raise ValidationError(errors)
    current = _settings(db)
    updated = replace(current, folder=folder, second_folder=second_folder,
                      retention=retention or current.retention)
    backup_settings.save(archive_id_of(db), updated)
    return updated


@requires(BACKUP)
def set_passphrase(db: Database, passphrase: str, repeated: str, *,
                   current: str | None = None) -> crypto.BackupKey:
    """Set (or change, giving the ``current`` one) the passphrase; the key for the session.
    Only a verifier is stored. The backups already made keep their own passphrase."""
    settings = _settings(db)
    if settings.configured:
        _unlock(settings, current or "")
    crypto.check_passphrase(passphrase)
    if passphrase != repeated:
        raise ValidationError({"repeated": "Le due passphrase non coincidono."})
    key = crypto.derive_key(passphrase)
    backup_settings.save(archive_id_of(db), settings.with_key(key))
    return key


def _unlock(settings: BackupSettings, passphrase: str) -> crypto.BackupKey:
    if not settings.configured:
        raise StorageError("La passphrase dei backup cifrati non è ancora stata impostata "
                           "(Strumenti › Backup cifrato…).")
    key = crypto.derive_key(passphrase or "-", settings.kdf_params)
    if not key.matches(settings.verifier):
        raise ValidationError({"passphrase": "Passphrase errata."})
    return key


@requires(BACKUP)
def unlock_backups(db: Database, passphrase: str) -> crypto.BackupKey:
    """The key of the passphrase set, if ``passphrase`` is it (for this session only)."""
    return _unlock(_settings(db), passphrase)


def _make(db: Database, key: crypto.BackupKey, kind: str, now: datetime | None
          ) -> crypto.EncryptedBackup:
    if not isinstance(key, crypto.BackupKey):
        raise StorageError("Backup cifrato: inserire prima la passphrase.")
    settings = _settings(db)
    if not settings.configured or not key.matches(settings.verifier):
        raise StorageError("La passphrase dei backup è cambiata: inserirla di nuovo.")
    folder = settings.main_folder
    try:
        if db.is_sqlite:
            made = crypto.backup_sqlite(db.path, folder, key, kind=kind, now=now)
        else:
            made = crypto.backup_postgres(db, folder, key, kind=kind, now=now)
    except StorageError as exc:
        backup_settings.save(archive_id_of(db), replace(settings, last_error=exc.message))
        raise
    warnings, copy = [], None
    archive_id = made.header.archive_id
    removed = crypto.rotate(folder, archive_id, settings.retention)
    if settings.second_folder:
        try:
            copy = crypto.copy_to(made.path, Path(settings.second_folder))
            removed += crypto.rotate(Path(settings.second_folder), archive_id,
                                     settings.retention)
        except StorageError as exc:    # a USB disk not plugged in: a warning, not a failure
            warnings.append(exc.message)
    backup_settings.save(archive_id_of(db), replace(
        settings, last_ok=made.header.data["created"], last_path=str(made.path),
        last_error="; ".join(warnings)))
    return replace(made, copy=copy, warnings=tuple(warnings), removed=tuple(removed))


@requires(BACKUP)
def backup_now(db: Database, key: crypto.BackupKey) -> crypto.EncryptedBackup:
    """An encrypted backup now (Strumenti › Backup cifrato › Esegui backup ora), verified,
    copied to the second folder if set, then the rotation."""
    return _make(db, key, "manuale", None)


@requires(BACKUP)
def scheduled_backup(db: Database, key: crypto.BackupKey, *, now: datetime | None = None
                     ) -> crypto.EncryptedBackup | None:
    """The day's automatic backup, if no backup of this archive was made today in the main
    folder (the GUI calls it at start-up and every hour); None when there is one."""
    if not isinstance(key, crypto.BackupKey):
        raise StorageError("Backup cifrato: inserire prima la passphrase.")
    now = now or datetime.now()
    settings = _settings(db)
    today = [h for _p, h in crypto.list_backups(settings.main_folder, archive_id_of(db))
             if h.created.date() == now.date()]
    if today:
        return None
    return _make(db, key, "automatico", now)


@requires(BACKUP)
def list_encrypted_backups(db: Database) -> list[tuple[Path, crypto.BackupHeader]]:
    """The encrypted backups of this archive in the main folder, newest first."""
    return crypto.list_backups(_settings(db).main_folder, archive_id_of(db))


@requires(BACKUP)
def describe_backup(db: Database, path: Path) -> crypto.BackupHeader:
    """What a backup holds (date, school, counts, audit head): its clear header, no
    passphrase needed."""
    return crypto.read_header(Path(path))


@requires(BACKUP)
def restore_backup(db: Database, path: Path, passphrase: str, *,
                   dry_run: bool = False) -> crypto.RestoreResult:
    """Decrypt and verify the backup, then (unless ``dry_run``) replace this archive with it,
    the current one first kept aside. ``db`` is closed before the replacement: the program
    must then be restarted."""
    path = Path(path)
    crypto.read_header(path)   # a wrong file is refused before anything is closed
    if not passphrase:
        raise ValidationError({"passphrase": "Indicare la passphrase del backup."})
    if db.is_sqlite:
        # Once decrypted: this program's own connections would make the archive look in use.
        # Should the verification then refuse the copy, the engine simply connects again.
        return crypto.restore_sqlite(path, db.path, passphrase=passphrase, dry_run=dry_run,
                                     before_replace=db.dispose)
    return crypto.restore_postgres_file(db, path, passphrase=passphrase, dry_run=dry_run)
