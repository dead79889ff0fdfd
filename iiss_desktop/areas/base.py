"""The shape every area of the office declares once (see ``iiss_desktop.areas``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.access import Permission


@dataclass(frozen=True)
class Area:
    """One area of the office: what the shared places (main window, print catalogue, demo,
    start page, permission matrix) need to know of it. Code is named by ``"module:attr"``
    strings and imported only when used, so declaring an area costs nothing at start-up."""

    name: str                 # the same name in every layer: services/<name>, ui/<name>…
    label: str                # Italian, as on the tab
    permissions: tuple[Permission, ...] = ()
    tab: str = ""             # "iiss_desktop.ui.<name>.tab:Class"; empty: no tab
    depends_on: tuple[str, ...] = ()
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def permission(self, code: str) -> Permission:
        for p in self.permissions:
            if p.code == code:
                return p
        raise KeyError(code)
