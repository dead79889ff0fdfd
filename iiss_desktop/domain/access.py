"""Who may do what: roles, permissions and the check every public service makes.

A user holds one or more roles, each optionally limited to some plessi. An area declares its
permissions (``iiss_desktop.areas``), each with the roles that hold it; the matrix of roles and
permissions is the union of those declarations. The check runs in the services, before they
read protected data or write anything: hiding a button is not the check.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import DomainError

DIRIGENTE = "dirigente"
DSGA = "dsga"
ASSISTENTE_AMMINISTRATIVO = "assistente_amministrativo"
ASSISTENTE_TECNICO = "assistente_tecnico"
COLLABORATORE = "collaboratore_scolastico"
SOLA_LETTURA = "sola_lettura"
AMMINISTRATORE_TECNICO = "amministratore_tecnico"

ROLES: dict[str, str] = {
    DIRIGENTE: "Dirigente scolastico",
    DSGA: "DSGA",
    ASSISTENTE_AMMINISTRATIVO: "Assistente amministrativo",
    ASSISTENTE_TECNICO: "Assistente tecnico",
    COLLABORATORE: "Collaboratore scolastico",
    SOLA_LETTURA: "Sola lettura",
    AMMINISTRATORE_TECNICO: "Amministratore tecnico",
}

# Roles that may be the first user of a new archive: who answers for it.
FIRST_USER_ROLES = (DIRIGENTE, DSGA)

# Every office role reads the areas; the technical administrator never sees personal data.
OFFICE = frozenset(ROLES) - {AMMINISTRATORE_TECNICO}


@dataclass(frozen=True)
class Permission:
    """One power in one area, e.g. ``inventory.carico``; ``roles`` hold it by default."""

    code: str
    label: str
    roles: frozenset[str]
    personal_data: bool = False   # never to the technical administrator
    description: str = ""

    @property
    def area(self) -> str:
        return self.code.partition(".")[0]

    def __post_init__(self):
        unknown = set(self.roles) - set(ROLES)
        if unknown:
            raise ValueError(f"{self.code}: ruoli sconosciuti {sorted(unknown)}")
        if self.personal_data and AMMINISTRATORE_TECNICO in self.roles:
            raise ValueError(f"{self.code}: dati personali all'amministratore tecnico")


@dataclass(frozen=True)
class Grant:
    """A role held by a user; ``site_ids`` limits it to some plessi (empty: every plesso)."""

    role: str
    site_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Principal:
    """The user working now, with the roles read at login."""

    id: int | None
    username: str
    full_name: str = ""
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(g.role for g in self.grants)

    @property
    def roles_label(self) -> str:
        return ", ".join(ROLES[r] for r in self.roles) or "nessun ruolo"


class PermissionDenied(DomainError):
    """The current user lacks a permission: nothing has been read or written."""

    def __init__(self, message: str, permission: Permission):
        super().__init__(message)
        self.permission = permission


def allowed(principal: Principal | None, permission: Permission,
            site_id: int | None = None) -> bool:
    """Whether ``principal`` holds ``permission``, for ``site_id`` when the action has a plesso."""
    if principal is None:
        return False
    for grant in principal.grants:
        if grant.role not in permission.roles:
            continue
        if not grant.site_ids or site_id is None or site_id in grant.site_ids:
            return True
    return False


def check(principal: Principal | None, permission: Permission, site_id: int | None = None,
          site_name: str = "") -> None:
    """Raise ``PermissionDenied`` with a message naming the permission, unless allowed."""
    if allowed(principal, permission, site_id):
        return
    what = f"«{permission.label}»"
    if principal is None:
        raise PermissionDenied(f"Operazione non consentita: nessun utente collegato. Serve il "
                               f"permesso {what}.", permission)
    holds = any(g.role in permission.roles for g in principal.grants)
    if holds and site_id is not None:
        place = f"il plesso «{site_name}»" if site_name else "questo plesso"
        raise PermissionDenied(
            f"Operazione non consentita: l'utente «{principal.username}» ha il permesso {what} "
            f"solo per altri plessi, non per {place}.", permission)
    raise PermissionDenied(
        f"Operazione non consentita: serve il permesso {what}. L'utente "
        f"«{principal.username}» ha il ruolo: {principal.roles_label}.", permission)
