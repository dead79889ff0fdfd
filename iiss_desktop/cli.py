"""Command line: the GUI by default, headless subcommands for IT staff and scripts.

Every failure prints a clear Italian message on stderr and exits non-zero;
no traceback reaches the user (it goes to the log file).
"""
from __future__ import annotations

import argparse
import errno
import logging
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .domain.errors import DomainError

log = logging.getLogger("iiss_desktop.cli")

EXIT_OK, EXIT_ERROR, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 3, 2

_ARGPARSE_IT = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "the following arguments are required: %s": "mancano gli argomenti obbligatori: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "scelta non valida: %(value)r (scegliere tra %(choices)s)",
    "expected one argument": "manca il valore",
    "invalid %(type)s value: %(value)r": "valore non valido: %(value)r",
    "show program's version number and exit": "mostra la versione ed esce",
    "subcommands": "comandi",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "opzione ambigua: %(option)s può essere %(matches)s",
    "expected at most one argument": "al massimo un valore",
    "expected at least one argument": "almeno un valore",
    "not allowed with argument %s": "non ammesso insieme a %s",
    "ignored explicit argument %r": "valore non previsto: %r",
    "one of the arguments %s is required": "serve uno degli argomenti %s",
}
_ARGPARSE_IT_PLURAL = {"expected %s argument": ("atteso %s valore", "attesi %s valori")}


def _italian_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_IT.get(text, text)  # argparse looks `_` up at call time

    def ngettext(one: str, many: str, n: int) -> str:
        if one in _ARGPARSE_IT_PLURAL:
            one, many = _ARGPARSE_IT_PLURAL[one]
        return one if n == 1 else many

    argparse.ngettext = ngettext


USER_HELP = ("utente che esegue il comando; la password si legge dalla variabile "
             "d'ambiente IISS_PASSWORD o viene chiesta (sull'archivio dimostrativo: "
             "facoltativo, predefinito il DSGA)")
NO_USERS = ("L'archivio «{name}» non ha ancora utenti: avviare il programma (iiss-desktop) e "
            "creare il primo utente, il dirigente scolastico o il DSGA; poi ripetere il comando "
            "con --utente NOME.")


def _db_arg(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--db", metavar="PERCORSO", required=required,
                   help="file dell'archivio SQLite oppure indirizzo postgresql://…")
    # Also after the command (iiss-desktop verify --db x --utente y); SUPPRESS keeps the value
    # given before the command when this one is absent.
    p.add_argument("--utente", metavar="NOME", default=argparse.SUPPRESS, help=USER_HELP)


def _import_parser(sub, name: str, help_text: str, description: str):
    """An «importa-…» command: FILE and --prova; errors list and exit 3, nothing imported."""
    p = sub.add_parser(name, help=help_text,
                       description=f"{description} Con errori non importa nulla, li elenca ed "
                                   "esce con codice 3.")
    _db_arg(p)
    p.add_argument("file", metavar="FILE", help="file .csv o .xlsx da importare")
    p.add_argument("--prova", action="store_true",
                   help="solo controllo (prova): elenca gli errori senza importare nulla")
    return p


def build_parser() -> argparse.ArgumentParser:
    _italian_argparse()
    parser = argparse.ArgumentParser(
        prog="iiss-desktop",
        description="Gestionale della segreteria scolastica. Senza comandi apre il programma.")
    parser.add_argument("--version", action="version", version=f"iiss_desktop {__version__}",
                        help="mostra la versione ed esce")
    parser.add_argument("--demo", action="store_true",
                        help="apre il programma sull'archivio dimostrativo (creato al primo uso)")
    parser.add_argument("--db", metavar="PERCORSO",
                        help="archivio da aprire (predefinito: quello nella cartella dati utente)")
    parser.add_argument("--utente", metavar="NOME", help=USER_HELP)
    sub = parser.add_subparsers(dest="command", title="comandi", metavar="COMANDO")

    p = sub.add_parser("demo", help="crea l'archivio dimostrativo",
                       description="Crea l'archivio dimostrativo (sempre uguale a parità di "
                                   "versione). Non sovrascrive un file esistente senza --force.")
    _db_arg(p)
    p.add_argument("--size", choices=("small", "large"), default="small",
                   help="dimensione: small (istituto tipico) o large (per le prove di velocità)")
    p.add_argument("--force", action="store_true", help="sostituisce il file se esiste già")

    p = sub.add_parser("verify", help="verifica l'integrità dell'archivio",
                       description="Controlla struttura del file, riferimenti, numerazione "
                                   "dei registri e catena del registro delle modifiche.")
    _db_arg(p)

    p = sub.add_parser("print", help="stampa un documento in PDF",
                       description="Produce in PDF una delle stampe del programma "
                                   "(elenco con --list).")
    p.add_argument("report", nargs="?", metavar="STAMPA", help="nome della stampa")
    p.add_argument("--list", action="store_true", help="elenca le stampe disponibili")
    _db_arg(p, required=False)
    p.add_argument("--out", metavar="FILE.pdf", help="file PDF da creare")
    p.add_argument("--anno", metavar="AAAA", help="anno di riferimento")
    p.add_argument("--registro", metavar="CODICE", help="codice del registro")
    p.add_argument("--numero", metavar="N", help="numero del documento")
    p.add_argument("--layout", metavar="FORMATO", help="formato delle etichette (3x8, 3x7, 2x7)")
    _report_options(p)

    p = sub.add_parser("protocollo", help="registra il protocollo di un documento stampato",
                       description="Registra il numero e la data di protocollo che un documento "
                                   "numerato (buono, verbale, contratto) ha ricevuto: da allora "
                                   "la stampa li riporta. Un protocollo già registrato si "
                                   "corregge con --motivo.")
    p.add_argument("report", metavar="STAMPA", help="la stampa del documento (es. buono-carico)")
    _db_arg(p)
    p.add_argument("--anno", metavar="AAAA", help="anno del documento (predefinito: quest'anno)")
    p.add_argument("--numero", metavar="N", required=True, help="numero del documento")
    p.add_argument("--prot", metavar="NUMERO", required=True,
                   help="numero di protocollo (es. 0001234 o 0001234/VI.3)")
    p.add_argument("--data", metavar="GG/MM/AAAA", required=True, help="data del protocollo")
    p.add_argument("--motivo", metavar="TESTO",
                   help="correzione di un protocollo già registrato: il motivo")

    p = sub.add_parser("backup", help="crea una copia di sicurezza verificata",
                       description="Copia l'archivio con l'API di backup di SQLite (anche "
                                   "mentre è in uso) e verifica la copia. Con "
                                   "--passphrase-file la copia è cifrata (AES-256-GCM, chiave "
                                   "dalla passphrase con scrypt) in un file "
                                   "iiss-AAAAMMGG-HHMMSS-manuale.iissbak nella cartella --out; "
                                   "anche per PostgreSQL (pg_dump, verificato con pg_restore "
                                   "--list).")
    _db_arg(p)
    p.add_argument("--out", metavar="FILE|CARTELLA", required=True,
                   help="file della copia (con --passphrase-file: la cartella dei backup)")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="file di testo con la passphrase dei backup cifrati (prima riga)")
    p.add_argument("--ruota", action="store_true",
                   help="con --passphrase-file: conserva nella cartella solo 7 backup "
                        "giornalieri, 4 settimanali e 12 mensili di questo archivio")

    p = sub.add_parser("restore", help="ripristina una copia di sicurezza",
                       description="Sostituisce l'archivio con una copia verificata; "
                                   "l'archivio attuale viene conservato a parte. Un backup "
                                   "cifrato (.iissbak) chiede --passphrase-file; con --dry-run "
                                   "viene solo decifrato e verificato.")
    p.add_argument("file", metavar="COPIA", help="file della copia di sicurezza")
    _db_arg(p)
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="file di testo con la passphrase del backup cifrato (prima riga)")
    p.add_argument("--dry-run", action="store_true",
                   help="decifra e verifica il backup cifrato senza sostituire nulla")

    p = sub.add_parser("chiave", help="esporta o importa la chiave del registro delle modifiche",
                       description="La chiave che firma il registro delle modifiche è fuori "
                                   "dall'archivio, nella cartella dell'utente. Un altro PC che "
                                   "usa lo stesso archivio (PostgreSQL) ne ha bisogno: "
                                   "esportarla qui e importarla là. Va custodita come una "
                                   "password.")
    p.add_argument("azione", choices=("esporta", "importa"))
    p.add_argument("file", metavar="FILE", help="file della chiave (.json)")
    _db_arg(p)

    _import_parser(sub, "importa-inventario", "importa i beni da un file CSV o XLSX",
                   "Controlla il file e, se non ha errori, importa i beni mantenendo i numeri "
                   "d'inventario.")

    _import_parser(sub, "importa-personale",
                   "importa il personale ATA e i contratti da un file CSV o XLSX",
                   "Controlla il file (una riga per contratto, le colonne della persona "
                   "ripetute su ogni suo contratto) e, se non ha errori, importa persone e "
                   "contratti; una persona già in archivio con lo stesso codice fiscale non "
                   "viene duplicata.")

    _import_parser(sub, "importa-fornitori", "importa i fornitori da un file CSV o XLSX",
                   "Controlla il file (partita IVA, codice fiscale, PEC, doppioni) e, se non ha "
                   "errori, registra i fornitori nell'albo.")

    p = _import_parser(
        sub, "importa-programma",
        "importa le previsioni del Programma Annuale da un file CSV o XLSX",
        "Controlla il file (colonne Parte, Codice, Tipo di spesa, Importo, Descrizione: una "
        "previsione per riga; voci, destinazioni e tipi di spesa del piano dei conti; "
        "equilibrio e fondo di riserva) e, se non ha errori, registra le previsioni nel "
        "Programma Annuale dell'anno, creato come proposta se manca.")
    p.add_argument("--anno", type=int, required=True, metavar="AAAA",
                   help="esercizio finanziario del Programma Annuale")

    p = _import_parser(
        sub, "importa-residui",
        "importa i residui attivi e passivi dell'esercizio in corso da un file CSV o XLSX",
        "Controlla il file (colonne Tipo, Anno di provenienza, Codice, Tipo di spesa, "
        "Debitore o creditore, Causale, Importo: un residuo per riga) e, se non ha errori, "
        "registra i residui come riportati nell'esercizio dall'anno precedente, chiuso nel "
        "programma usato prima.")
    p.add_argument("--anno", type=int, required=True, metavar="AAAA",
                   help="esercizio finanziario in cui si gestiscono i residui")
    _import_parser(
        sub, "importa-assenze",
        "importa le assenze dell'anno scolastico in corso e i saldi di ferie e permessi "
        "riportati da un file CSV o XLSX",
        "Controlla il file (colonne Tipo, Codice fiscale, Causa o saldo, Dal, Al, Ore, "
        "Quantità, Note: un'assenza già fruita o un saldo riportato per riga) con i controlli "
        "di ogni assenza (profilo, orario, sovrapposizioni, saldo) e, se non ha errori, lo "
        "registra nel saldo ferie e permessi.")

    _import_parser(
        sub, "importa-timbrature",
        "importa le timbrature del personale dal file del terminale (CSV o XLSX)",
        "Controlla il file (le colonne del dipendente, della data, dell'ora e del verso come "
        "indicate nelle impostazioni delle presenze: una timbratura per riga) e, se non ha "
        "errori, registra le timbrature; quelle già in archivio si saltano.")

    p = sub.add_parser("esporta-personale",
                       help="esporta il personale ATA e i contratti in un file CSV o XLSX",
                       description="Scrive l'anagrafica del personale ATA con i contratti nel "
                                   "formato di scambio, reimportabile con importa-personale.")
    _db_arg(p)
    p.add_argument("file", metavar="FILE", help="file .csv o .xlsx da creare")

    p = sub.add_parser("import", help="importa documenti ricevuti (fatture elettroniche)",
                       description="Importa documenti ricevuti da altri sistemi.")
    kinds = p.add_subparsers(dest="kind", metavar="TIPO", required=True)
    f = kinds.add_parser(
        "fatturapa", help="importa fatture elettroniche (.xml, .xml.p7m, .zip)",
        description="Legge le fatture, le controlla con lo schema ufficiale FatturaPA e le "
                    "registra nel registro unico delle fatture. Un file rifiutato (illeggibile, "
                    "duplicato, non conforme allo schema senza --accept-schema-errors) non "
                    "registra nulla ed esce con codice 3.")
    _db_arg(f)
    f.add_argument("files", metavar="FILE", nargs="+", help="file .xml, .xml.p7m o .zip")
    f.add_argument("--json", action="store_true",
                   help="scrive su standard output un elenco JSON delle fatture importate")
    f.add_argument("--accept-schema-errors", action="store_true",
                   help="importa anche i file non conformi allo schema (l'avvertenza resta "
                        "sulla fattura)")
    f.add_argument("--prova", action="store_true",
                   help="solo lettura e controllo: non registra nulla")
    f.add_argument("--ricevuta-il", metavar="GG/MM/AAAA", default=None,
                   help="data di ricezione (predefinita: oggi)")

    p = sub.add_parser("esporta-inventario", help="esporta i beni in un file CSV o XLSX",
                       description="Scrive i beni degli inventari nel formato di scambio, "
                                   "reimportabile con importa-inventario.")
    _db_arg(p)
    p.add_argument("file", metavar="FILE", help="file .csv o .xlsx da creare")
    p.add_argument("--registro", metavar="CODICE",
                   help="solo un inventario (es. inv-mobili); predefinito: tutti")

    p = sub.add_parser("esporta-trasparenza",
                       help="esporta le procedure d'acquisto per Amministrazione trasparente",
                       description="Scrive in CSV o XLSX, per le procedure dell'anno, i dati "
                                   "da pubblicare (L. 190/2012 art. 1 c.32): CIG, struttura "
                                   "proponente, oggetto, procedura di scelta, operatori "
                                   "invitati, aggiudicatario, importo di aggiudicazione, tempi "
                                   "di completamento, somme liquidate.")
    _db_arg(p)
    p.add_argument("file", metavar="FILE", help="file .csv o .xlsx da creare")
    p.add_argument("--anno", type=int, required=True, metavar="AAAA",
                   help="anno delle determine")
    p = sub.add_parser("turni", help="turni del personale ATA",
                       description="Turni del personale ATA.")
    actions = p.add_subparsers(dest="action", metavar="AZIONE", required=True)
    t = actions.add_parser(
        "proponi", help="propone i turni di un periodo (non registra nulla)",
        description="Propone i turni dei collaboratori per il periodo: copertura dei plessi "
                    "negli orari di apertura, ore del contratto, celle fissate, assenze e "
                    "chiusure, rotazione equa. Non registra nulla. Se un plesso non si può "
                    "coprire dice perché ed esce con codice 3.")
    _db_arg(t)
    t.add_argument("--dal", required=True, metavar="AAAA-MM-GG", help="primo giorno")
    t.add_argument("--al", required=True, metavar="AAAA-MM-GG", help="ultimo giorno")
    t.add_argument("--secondi", type=float, default=10.0, metavar="N",
                   help="tempo massimo di calcolo (predefinito 10)")
    t.add_argument("--json", action="store_true",
                   help="scrive la proposta in JSON su standard output")
    return parser


# What an operating-system error means, for the clerk (strerror is English on every system).
_OS_ERRORS = {
    errno.ENOENT: "il file o la cartella non esiste",
    errno.EACCES: "mancano i permessi, oppure il file è aperto in un altro programma",
    errno.EPERM: "mancano i permessi, oppure il file è aperto in un altro programma",
    errno.EISDIR: "è una cartella, non un file",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.ENOSPC: "il disco è pieno",
    errno.EROFS: "il disco è in sola lettura",
    errno.EEXIST: "il file esiste già",
    errno.ENAMETOOLONG: "il nome del file è troppo lungo",
}


def os_error_message(exc: OSError) -> str:
    """An OSError in Italian, naming the file: «Impossibile usare «x.csv»: è una cartella»."""
    reason = _OS_ERRORS.get(exc.errno, "errore di lettura o scrittura sul disco")
    name = exc.filename2 or exc.filename    # of a rename: the target the user named
    if name and Path(name).name.startswith("."):
        # A temporary file of ours (written beside the target, then renamed): the folder.
        return f"impossibile scrivere nella cartella «{Path(name).parent}»: {reason}."
    if name:
        return f"impossibile usare «{Path(name).name}» ({name}): {reason}."
    return f"operazione sul disco non riuscita: {reason}."


def _database_error(exc: Exception):
    """A database error that reached the command outside a unit of work (a backup, a file
    opened by SQLite directly), in Italian; None if it is none of the known ones."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from .db.errors import translate

    if not isinstance(exc, (sqlite3.Error, SQLAlchemyError)):
        return None
    return translate(exc)


def _console_safe() -> None:
    """A console that cannot show a character of a message (a Windows console or a file in
    cp1252, a «Ț» in a name) shows "?" instead of failing the command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _out(msg: str) -> None:
    print(msg)


def _err(msg: str) -> None:
    print(f"Errore: {msg}", file=sys.stderr)


def _password(username: str) -> str:
    import getpass
    import os

    password = os.environ.get("IISS_PASSWORD")
    if password is not None:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        raise DomainError(f"Manca la password dell'utente «{username}»: indicarla nella "
                          "variabile d'ambiente IISS_PASSWORD oppure eseguire il comando da un "
                          "terminale, che la chiede.")
    try:
        return getpass.getpass(f"Password dell'utente «{username}»: ")
    except EOFError:
        raise DomainError("Password non indicata.") from None


def _authorize(db, args, permission):
    """The user running the command, logged in, holding ``permission`` (else DomainError).
    On the demo archive no password is asked and the user defaults to the demo DSGA."""
    from .demo import DEMO_USER
    from .domain.access import check
    from .services.users import act_as, has_configured_users, is_demo_archive, login

    name = getattr(args, "utente", None)
    if is_demo_archive(db):
        principal = act_as(db, name or DEMO_USER)
    else:
        if not has_configured_users(db):
            raise DomainError(NO_USERS.format(name=db.display_name))
        if not name:
            raise DomainError("Indicare l'utente con --utente NOME (la password si legge dalla "
                              "variabile d'ambiente IISS_PASSWORD oppure viene chiesta).")
        principal = login(db, name, _password(name), reason="Accesso da riga di comando")
    check(principal, permission)
    return principal


def _authorize_file(target, args, permission) -> None:
    """Log in on an archive opened only for that (backup, restore), left as it was."""
    from .db.schema import open_for_reading

    db = open_for_reading(target)
    try:
        _authorize(db, args, permission)
    finally:
        db.dispose()


def cmd_demo(args) -> int:
    from .db.engine import is_url
    from .demo import build_demo

    db = build_demo(args.db if is_url(args.db) else Path(args.db), size=args.size,
                    force=args.force)
    db.dispose()
    _out(f"Archivio dimostrativo creato: {args.db}")
    return EXIT_OK


def cmd_verify(args) -> int:
    from .areas.school import VERIFY
    from .db.errors import NotADatabaseError
    from .db.schema import open_for_reading
    from .db.verify import verify

    try:
        db = open_for_reading(args.db)  # a SQLite file is left byte for byte as it was
    except NotADatabaseError as exc:
        _err("l'archivio presenta 1 problema:")
        print(f"  - [archivio] {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        _authorize(db, args, VERIFY)
        report = verify(db)
    finally:
        db.dispose()
    _out(_verify_summary(report))
    if report.ok:
        _out(f"Archivio integro: {report.registers_checked} registri, "
             f"{report.entries_checked} registrazioni, {report.audit_rows} righe del registro "
             f"delle modifiche.\nImpronta della catena: {report.audit_head}")
        return EXIT_OK
    _err(f"l'archivio presenta {len(report.problems)} problemi:")
    for p in report.problems:
        print(f"  - [{p.check}] {p.message}", file=sys.stderr)
    return EXIT_PROBLEMS


def _verify_summary(report) -> str:
    """What was checked, how long each part took, what the head was compared with."""
    lines = ["Controlli eseguiti:"]
    lines += [f"  - {name}: {seconds:.2f} s".replace(".", ",") for name, seconds in
              report.timings]
    if report.keyed_from is not None:
        lines.append(f"Catena firmata con la chiave dell'archivio dalla riga "
                     f"{report.keyed_from + 1}.")
    lines += [f"Testa confrontata con: {source}" for source in report.anchors]
    return "\n".join(lines)


def _report_options(p) -> None:
    """Every other option of the catalogue's prints (e.g. --plesso, --articolo, --data)."""
    # The areas' declarations, which the catalogue lists: importing the catalogue would define
    # every register before the GUI's window shows (the archive's opening does it after).
    from .areas import all_reports

    known = {"anno", "registro", "numero", "layout"}
    for spec in all_reports():
        for opt in spec.options:
            if opt.name not in known:
                known.add(opt.name)
                metavar = {"int": "N", "date": "GG/MM/AAAA"}.get(opt.kind, "VALORE")
                p.add_argument(f"--{opt.name}", metavar=metavar, help=opt.help)


def _option_value(spec, opt, raw: str):
    """The text typed after --opzione, as the print expects it (number, date or text)."""
    from .domain.dates import parse_date
    from .domain.errors import ValidationError

    if opt.kind == "int" or opt.name == "anno":
        try:
            return int(raw)
        except ValueError:
            raise DomainError(f"--{opt.name}: atteso un numero intero, trovato «{raw}».") from None
    if opt.kind == "date":
        try:
            return parse_date(raw, opt.name)
        except ValidationError:
            raise DomainError(f"--{opt.name}: attesa una data GG/MM/AAAA, trovato «{raw}».") \
                from None
    return raw


class UsageError(DomainError):
    """A required option missing or a value that names nothing: exit code 2 (usage)."""


def _valid_values(db, spec) -> str:
    """The values the print's choosing options may take in this archive, in Italian."""
    from .queries.report_choices import LIMIT, report_choices

    choices = report_choices(db, spec)
    if choices is None:
        return ""
    if not choices:
        return "\nNell'archivio non c'è nulla da stampare con questa stampa."
    names = {o.name for o in spec.options}
    cut = len(choices) >= LIMIT and "registro" not in names
    head = ("\nValori validi in questo archivio"
            + ((f" (i primi {LIMIT})" if "persona" in names else f" (i {LIMIT} più recenti)")
               if cut else "") + ":")
    return head + "".join(f"\n  {c.command}    {c.text}" for c in choices)


def _example(db, spec, db_arg: str) -> str | None:
    """One command that prints ``spec`` from this archive (None: nothing to print)."""
    from .queries.report_choices import example_year, report_choices

    base = f"iiss-desktop print {spec.name} --db {db_arg} --out {spec.name}.pdf"
    choices = report_choices(db, spec, limit=1)
    if choices is None:
        year = example_year(db, spec)
        return base + (f" --anno {year}" if year else "")
    return f"{base} {choices[0].command}" if choices else None


def _print_list(args) -> int:
    from .reports.catalog import REPORTS

    width = max(len(r.name) for r in REPORTS)
    db = None
    if args.db:
        from .db.schema import open_for_reading

        db = open_for_reading(args.db)
    try:
        for r in REPORTS:
            opts = " ".join(f"--{o.name}" + ("" if o.required else "?") for o in r.options)
            _out(f"{r.name.ljust(width)}  {r.title}" + (f"  [{opts}]" if opts else ""))
            if db is not None:
                example = _example(db, r, args.db)
                _out("    esempio: " + (example or "nessun documento nell'archivio da "
                                                   "stampare con questa stampa"))
    finally:
        if db is not None:
            db.dispose()
    if db is None:
        _out("\nPer un esempio di comando per ogni stampa, con i valori dell'archivio: "
             "iiss-desktop print --list --db ARCHIVIO (ad esempio l'archivio dimostrativo).")
    return EXIT_OK


def cmd_print(args) -> int:
    from .reports.catalog import get_report

    if args.list:
        return _print_list(args)
    if not args.report:
        raise UsageError("Indicare il nome della stampa (elenco: iiss-desktop print --list).")
    spec = get_report(args.report)
    if not args.db or not args.out:
        raise UsageError("Indicare l'archivio (--db) e il file PDF da creare (--out).")
    options = {}
    for opt in spec.options:
        value = getattr(args, opt.name, None)
        if value is not None:
            options[opt.name] = _option_value(spec, opt, value)
    if "anno" in {o.name for o in spec.options}:
        options.setdefault("anno", date.today().year)
    out = Path(args.out)
    if not out.parent.exists():
        raise DomainError(f"La cartella «{out.parent}» non esiste.")
    from .db.schema import open_database, open_for_reading
    from .queries.report_choices import is_valid_choice
    from .reports.catalog import report_permission

    # A print that records its own reading (the extract for the ASL) writes the archive.
    db = open_database(args.db) if spec.records else open_for_reading(args.db)
    try:
        _authorize(db, args, report_permission(spec))
        missing = [o for o in spec.options if o.required and o.name not in options]
        if missing:
            raise UsageError(f"La stampa «{spec.name}» richiede "
                             + ", ".join(f"--{o.name} ({o.help})" for o in missing) + "."
                             + _valid_values(db, spec))
        if not is_valid_choice(db, spec, options):
            given = " ".join(f"--{k} {v}" for k, v in options.items()
                             if getattr(args, k, None) is not None)
            raise UsageError(f"La stampa «{spec.name}» con {given or 'i valori predefiniti'}"
                             f" non trova nulla nell'archivio"
                             + (f" (--anno predefinito: {options['anno']})"
                                if "anno" in options and args.anno is None else "") + "."
                             + _valid_values(db, spec))
        spec.build(db, out, **options)
    finally:
        db.dispose()
    _out(f"Stampa creata: {out}")
    return EXIT_OK


def cmd_protocol(args) -> int:
    from .areas.school import PROTOCOL
    from .db.schema import open_database
    from .domain.dates import parse_date
    from .services.protocol import correct_protocol, record_protocol

    def whole(value: str | None, name: str) -> int | None:
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise UsageError(f"--{name}: «{value}» non è un numero intero.") from None

    values = dict(report=args.report, year=whole(args.anno, "anno"),
                  number=whole(args.numero, "numero"), protocol_number=args.prot,
                  protocol_date=parse_date(args.data, "data"))
    db = open_database(args.db)
    try:
        _authorize(db, args, PROTOCOL)
        if args.motivo is not None:
            mark = correct_protocol(db, **values, reason=args.motivo)
        else:
            mark = record_protocol(db, **values)
    finally:
        db.dispose()
    _out(f"Registrato: {mark.text}.")
    return EXIT_OK


def _passphrase(args) -> str:
    path = Path(args.passphrase_file)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise DomainError(f"Il file della passphrase «{path}» non è un testo UTF-8.") from None
    if not lines or not lines[0]:
        raise DomainError(f"Il file della passphrase «{path}» è vuoto.")
    return lines[0]


def _header_lines(header) -> str:
    return "\n".join(f"  {label}: {value}" for label, value in header.summary())


def _encrypted_backup(args) -> int:
    from .areas.school import BACKUP
    from .db import backup_crypto
    from .db.engine import is_url
    from .domain.backup_rotation import Retention

    passphrase = backup_crypto.check_passphrase(_passphrase(args))
    out = Path(args.out)
    if not out.is_dir():
        raise DomainError(f"Con --passphrase-file, --out è la cartella dei backup: «{out}» "
                          "non è una cartella esistente.")
    key = backup_crypto.derive_key(passphrase)
    if is_url(args.db):
        from .db.schema import open_database

        db = open_database(args.db)
        try:
            _authorize(db, args, BACKUP)
            made = backup_crypto.backup_postgres(db, out, key)
        finally:
            db.dispose()
    else:
        _authorize_file(args.db, args, BACKUP)
        made = backup_crypto.backup_sqlite(Path(args.db), out, key)
    size = f"{made.size:,}".replace(",", ".")
    _out(f"Backup cifrato creato e verificato: {made.path} ({size} byte, "
         f"{made.seconds:.1f} s)\n{_header_lines(made.header)}")
    if args.ruota:
        for old in backup_crypto.rotate(out, made.header.archive_id, Retention()):
            _out(f"Rimosso dalla rotazione: {old.name}")
    return EXIT_OK


def _encrypted_restore(args) -> int:
    from .areas.school import BACKUP
    from .db import backup_crypto
    from .db.engine import is_url

    header = backup_crypto.read_header(Path(args.file))
    if not args.passphrase_file:
        raise UsageError(f"«{args.file}» è un backup cifrato:\n{_header_lines(header)}\n"
                         "Indicare la passphrase con --passphrase-file FILE.")
    passphrase = _passphrase(args)
    if is_url(args.db):
        from .db.schema import open_database

        db = open_database(args.db)
        try:
            _authorize(db, args, BACKUP)
            result = backup_crypto.restore_postgres_file(db, Path(args.file),
                                                         passphrase=passphrase,
                                                         dry_run=args.dry_run)
        finally:
            db.dispose()
    else:
        current = Path(args.db)
        # Whoever may restore the archive in use; if it is lost, the passphrase is the
        # credential (the backup's own users cannot be asked before it is decrypted).
        if current.exists() and current.stat().st_size:
            _authorize_file(current, args, BACKUP)
        result = backup_crypto.restore_sqlite(Path(args.file), current, passphrase=passphrase,
                                              dry_run=args.dry_run)
    _out(_header_lines(header))
    if args.dry_run:
        _out(f"Backup decifrato e verificato ({result.audit_rows} righe del registro delle "
             "modifiche): nulla è stato sostituito (--dry-run).")
        return EXIT_OK
    _out(f"Archivio ripristinato da {args.file}.")
    if result.previous:
        _out(f"L'archivio precedente è stato conservato in {result.previous}.")
    return EXIT_OK


def _is_encrypted(path: Path) -> bool:
    from .db.backup_crypto import MAGIC

    try:
        with open(path, "rb") as fh:
            return fh.read(7) == MAGIC[:7]
    except OSError:
        return path.suffix == ".iissbak"


def cmd_backup(args) -> int:
    from .areas.school import BACKUP
    from .db.backup import backup_file
    from .db.engine import is_url

    if args.passphrase_file:
        return _encrypted_backup(args)
    if args.ruota:
        raise UsageError("--ruota vale solo per i backup cifrati (--passphrase-file).")
    if is_url(args.db):
        raise DomainError("Per PostgreSQL usare gli strumenti del server (pg_dump).")
    _authorize_file(args.db, args, BACKUP)
    result = backup_file(Path(args.db), Path(args.out))
    size = f"{result.size:,}".replace(",", ".")
    _out(f"Copia di sicurezza creata e verificata: {result.path} ({size} byte)\n"
         f"Impronta SHA-256: {result.sha256}\nImpronta della catena: {result.audit_head}")
    return EXIT_OK


def cmd_restore(args) -> int:
    from .areas.school import BACKUP
    from .db.backup import restore_file

    if _is_encrypted(Path(args.file)):
        return _encrypted_restore(args)
    if args.dry_run or args.passphrase_file:
        raise UsageError("--dry-run e --passphrase-file valgono solo per i backup cifrati "
                         "(.iissbak).")
    # Whoever may restore the archive in use; if it is lost, whoever may in the copy.
    current = Path(args.db)
    _authorize_file(current if current.exists() and current.stat().st_size else args.file,
                    args, BACKUP)
    previous = restore_file(Path(args.file), Path(args.db))
    _out(f"Archivio ripristinato da {args.file}.")
    if previous:
        _out(f"L'archivio precedente è stato conservato in {previous}.")
    return EXIT_OK


def cmd_key(args) -> int:
    from .areas.school import BACKUP
    from .db import chain_key
    from .db.schema import open_database

    db = open_database(args.db)
    try:
        if args.azione == "esporta":
            _authorize(db, args, BACKUP)
            out = chain_key.export_key(db, Path(args.file))
            _out(f"Chiave dell'archivio esportata in {out}: custodirla come una password.")
        else:
            # No login: it would be recorded, which needs the key. The file is the credential
            # (it must be this archive's, and it only lets the users of the archive work).
            chain_key.import_key(db, Path(args.file))
            _out("Chiave dell'archivio importata: da questo PC si può di nuovo registrare.")
    finally:
        db.dispose()
    return EXIT_OK


def _run_import(args, permission, check, run) -> int:
    """Check the file (``check(db, path)``: a report with ``ok``, ``errors``, ``summary()``),
    list its errors (exit 3) or, unless --prova, import it (``run(db, path)``); a refusal of
    the import itself (a row written meanwhile by another PC) exits 3 too."""
    from .db.schema import open_database

    def refused(report) -> int:
        for e in report.errors:
            print(f"  - {e.message}", file=sys.stderr)
        return EXIT_PROBLEMS

    db = open_database(args.db)
    try:
        _authorize(db, args, permission)
        report = check(db, args.file)
        _out(report.summary())
        if not report.ok:
            return refused(report)
        if args.prova:
            return EXIT_OK
        done = run(db, args.file)
        if not getattr(done, "ok", True):
            return refused(done)
        _out(done.summary())
    finally:
        db.dispose()
    return EXIT_OK


def cmd_import_inventory(args) -> int:
    from .areas.inventory import IMPORT
    from .services.inventory.import_ import dry_run, import_file

    return _run_import(args, IMPORT, dry_run, import_file)


def cmd_import_suppliers(args) -> int:
    from .areas.procurement import PREPARE
    from .services.procurement.supplier_import import check_supplier_file, import_suppliers

    return _run_import(args, PREPARE, check_supplier_file, import_suppliers)


def cmd_import_programme(args) -> int:
    from functools import partial

    from .areas.funds import PROGRAMME
    from .services.funds.programme_import import check_programme_file, import_programme

    return _run_import(args, PROGRAMME, partial(check_programme_file, year=args.anno),
                       partial(import_programme, year=args.anno))


def cmd_import_punches(args) -> int:
    from .areas.staff import PREPARE
    from .services.staff.attendance import check_punch_file, import_punches

    return _run_import(args, PREPARE, check_punch_file, import_punches)


def cmd_import_residui(args) -> int:
    from functools import partial

    from .areas.funds import PROGRAMME
    from .services.funds.residui_import import check_residui_file, import_residui

    return _run_import(args, PROGRAMME, partial(check_residui_file, year=args.anno),
                       partial(import_residui, year=args.anno))


def cmd_export_inventory(args) -> int:
    from .areas.inventory import EXPORT
    from .db.schema import open_for_reading
    from .services.inventory.import_ import export_inventory

    db = open_for_reading(args.db)
    try:
        _authorize(db, args, EXPORT)
        count = export_inventory(db, args.file, registro=args.registro)
    finally:
        db.dispose()
    _out(f"Esportati {count} beni in {args.file}.")
    return EXIT_OK


def cmd_import_staff(args) -> int:
    from .areas.staff import REGISTRY
    from .services.staff.import_ import dry_run, import_staff

    return _run_import(args, REGISTRY, dry_run, import_staff)


def cmd_import_leave(args) -> int:
    from .areas.staff import PREPARE
    from .services.staff.leave_import import check_leave_file, import_leave_file

    return _run_import(args, PREPARE, check_leave_file, import_leave_file)


def cmd_export_staff(args) -> int:
    from .areas.staff import REGISTRY
    from .db.schema import open_for_reading
    from .domain.staff.import_ import contracts_text, persons_text
    from .services.staff.import_ import export_staff

    db = open_for_reading(args.db)
    try:
        _authorize(db, args, REGISTRY)
        people, contracts = export_staff(db, args.file)
    finally:
        db.dispose()
    _out(f"Esportati {persons_text(people)} e {contracts_text(contracts)} in {args.file}.")
    return EXIT_OK


def cmd_export_transparency(args) -> int:
    from .areas.procurement import READ
    from .db.schema import open_for_reading
    from .reports.procurement_monitoring import export_transparency

    db = open_for_reading(args.db)
    try:
        _authorize(db, args, READ)
        count = export_transparency(db, args.file, args.anno)
    finally:
        db.dispose()
    _out(f"Esportate {count} procedure del {args.anno} in {args.file}.")
    return EXIT_OK


def cmd_import(args) -> int:
    import json

    from .areas.procurement import INVOICES
    from .db.schema import open_database
    from .domain.dates import parse_date
    from .services.procurement.invoices import import_invoice_files, preview_invoice_files

    received = []
    for name in args.files:
        path = Path(name)
        try:
            received.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise DomainError(f"Il file «{name}» non si può leggere: {exc.strerror}.") from None
    if args.prova:
        report = preview_invoice_files(received,
                                       accept_schema_errors=args.accept_schema_errors)
    else:
        on = parse_date(args.ricevuta_il, "ricevuta_il") if args.ricevuta_il else None
        db = open_database(args.db)
        try:
            _authorize(db, args, INVOICES)
            report = import_invoice_files(db, received, received_on=on,
                                          accept_schema_errors=args.accept_schema_errors)
        finally:
            db.dispose()
    for outcome in report.files:
        if outcome.refused:
            print(f"Rifiutato «{outcome.file}»: {outcome.refused}", file=sys.stderr)
        elif outcome.schema_problems:
            print(f"Importato con difformità dallo schema «{outcome.file}»: "
                  + "; ".join(outcome.schema_problems), file=sys.stderr)
    for name in report.skipped:
        print(f"Ignorato «{name}»: non è una fattura elettronica.", file=sys.stderr)
    invoices = report.invoices
    if args.json:
        print(json.dumps([{"supplier_vat": i.supplier_vat, "supplier": i.supplier_name,
                           "number": i.number, "date": i.on.isoformat(),
                           "document_type": i.document_type, "total": f"{i.total:.2f}",
                           "payable": f"{i.payable:.2f}", "cig": i.cig, "cup": i.cup,
                           "file": i.file, "register_year": i.register_year,
                           "register_number": i.register_number, "warnings": list(i.warnings)}
                          for i in invoices], ensure_ascii=False, indent=2))
    else:
        verb = "Lette" if args.prova else "Importate"
        _out(f"{verb} {len(invoices)} fatture da {len(report.files)} file; "
             f"{report.refused_count} file rifiutati.")
    return EXIT_PROBLEMS if report.refused_count else EXIT_OK


def _iso_date(raw: str, name: str):
    from datetime import date

    from .domain.dates import parse_date
    from .domain.errors import ValidationError

    try:
        return date.fromisoformat(raw)
    except ValueError:
        try:
            return parse_date(raw, name)
        except ValidationError:
            raise DomainError(f"--{name}: attesa una data AAAA-MM-GG, trovato «{raw}».") \
                from None


def cmd_turni(args) -> int:
    import json

    from .areas.staff import PREPARE
    from .db.schema import open_for_reading
    from .domain.dates import WEEKDAYS_IT, format_date
    from .services.staff.proposal import propose_roster

    start, end = _iso_date(args.dal, "dal"), _iso_date(args.al, "al")
    db = open_for_reading(args.db)
    try:
        _authorize(db, args, PREPARE)
        result = propose_roster(db, start, end, time_limit=args.secondi)
    finally:
        db.dispose()
    p = result.proposal
    if args.json:
        print(json.dumps({
            "dal": start.isoformat(), "al": end.isoformat(), "stato": p.status,
            "obiettivo": p.objective, "limite": p.best_bound, "scarto": round(p.gap, 4),
            "secondi": round(p.seconds, 2),
            "scoperti": [{"plesso": b.plesso, "giorno": b.day.isoformat(),
                          "inizio": f"{b.start // 60:02d}:{b.start % 60:02d}",
                          "fine": f"{b.end // 60:02d}:{b.end % 60:02d}",
                          "servono": b.needed, "disponibili": b.available,
                          "messaggio": b.message, "proposte": list(b.suggestions)}
                         for b in p.blockers],
            "note": list(p.notes),
            "problemi": [{"persona_id": pr.person_id, "regola": pr.rule,
                          "messaggio": pr.message} for pr in p.problems],
            "turni": [{"persona_id": c.person_id, "persona": result.names.get(c.person_id, ""),
                       "giorno": c.day.isoformat(), "fasce": [
                           {"inizio": b.label.split("–")[0], "fine": b.label.split("–")[1],
                            "tipo": b.kind, "plesso": b.plesso} for b in c.bands],
                       "lavoro_agile": c.lavoro_agile, "fissato": c.fixed,
                       "motivo": c.reason} for c in p.cells]},
            ensure_ascii=False, indent=2))
    else:
        _out(f"Proposta dei turni dal {format_date(start)} al {format_date(end)}: {p.status} "
             f"(obiettivo {p.objective:g}, limite {p.best_bound:g}, {p.seconds:.1f} s).")
        for text in result.messages:
            _out(f"- {text}")
        for pr in p.problems:
            who = result.names.get(pr.person_id) if pr.person_id is not None else None
            _out(f"! {who}: {pr.message}" if who else f"! {pr.message}")
        by_person: dict = {}
        for c in p.cells:
            by_person.setdefault(c.person_id, []).append(c)
        for pid, cells in by_person.items():
            parts = []
            for c in cells:
                what = "; ".join(f"{b.label} {b.plesso or 'agile'}" for b in c.bands)
                what = what or c.reason or "riposo"
                parts.append(f"{WEEKDAYS_IT[c.day.weekday()][:3]} {c.day:%d/%m} {what}"
                             + (" (fissato)" if c.fixed else ""))
            _out(f"{result.names.get(pid, pid)}: " + ", ".join(parts))
    return EXIT_OK if p.feasible else EXIT_PROBLEMS


COMMANDS = {"demo": cmd_demo, "turni": cmd_turni, "verify": cmd_verify, "print": cmd_print,
            "protocollo": cmd_protocol,
            "backup": cmd_backup, "restore": cmd_restore, "chiave": cmd_key,
            "importa-inventario": cmd_import_inventory, "import": cmd_import,
            "esporta-inventario": cmd_export_inventory,
            "importa-personale": cmd_import_staff, "esporta-personale": cmd_export_staff,
            "importa-fornitori": cmd_import_suppliers,
            "esporta-trasparenza": cmd_export_transparency,
            "importa-programma": cmd_import_programme, "importa-residui": cmd_import_residui,
            "importa-assenze": cmd_import_leave,
            "importa-timbrature": cmd_import_punches}


def main(argv: list[str] | None = None) -> int:
    from .logs import setup_logging

    _console_safe()
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(db=args.db, demo=args.demo, user=args.utente)
    try:
        return COMMANDS[args.command](args)
    # Never a traceback on the console: it goes to the log.
    except UsageError as exc:
        _err(exc.message)
        return EXIT_USAGE
    except DomainError as exc:
        _err(exc.message)
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("operazione interrotta.")
        return EXIT_ERROR
    except OSError as exc:
        log.exception("Errore del sistema nel comando %s", args.command)
        _err(os_error_message(exc))
        return EXIT_ERROR
    except Exception as exc:
        known = _database_error(exc)
        if known is None:
            # The exception's own text is English (and may be a library's): only in the log.
            log.exception("Errore imprevisto nel comando %s", args.command)
            _err(f"errore imprevisto (codice {type(exc).__name__}): l'operazione non è stata "
                 "completata. I dettagli sono nel file di log del programma.")
            return EXIT_ERROR
        log.exception("Errore dell'archivio nel comando %s", args.command)
        _err(known.message)
        return EXIT_ERROR

