"""The lists the pickers offer, from the queries: rooms and people of the school."""
from __future__ import annotations

from ...queries.school import list_rooms
from ...queries.staff import list_employees
from .picker import Choice


def room_choices(db, *, exclude=None) -> list[Choice]:
    """Active rooms: the room's name first (what the clerk types), its plesso beside it."""
    return [Choice(r.id, r.name, r.site_name, text=f"{r.name} – {r.site_name}")
            for r in list_rooms(db) if r.active and r.id != exclude]


def employee_choices(db) -> list[Choice]:
    return [Choice(e.id, f"{e.surname} {e.name}", e.role) for e in list_employees(db)]
