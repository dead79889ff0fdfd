"""The life of a record with states (a sale, a loan, an affidamento, a material request): its
states with their Italian names and the changes allowed between them, declared once.

A service that changes a record's state asks :meth:`Lifecycle.move`: a change the declaration
does not list raises a :class:`DomainError`, whatever the caller checked before.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import DomainError


@dataclass(frozen=True)
class Lifecycle:
    """``labels``: state -> Italian name, in the order of the life of the record;
    ``transitions``: state -> the states it may change to (a final state changes to none);
    ``open``: the states in which the record is still in progress."""

    what: str                                    # "la vendita", for the default message
    labels: Mapping[str, str]
    transitions: Mapping[str, frozenset[str]]
    initial: str
    open: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        states = set(self.labels)
        if set(self.transitions) != states or self.initial not in states:
            raise ValueError(f"{self.what}: every state needs its transitions")
        for source, targets in self.transitions.items():
            if not set(targets) <= states:
                raise ValueError(f"{self.what}: {source} -> {set(targets) - states}")
        if not set(self.open) <= states:
            raise ValueError(f"{self.what}: open states {set(self.open) - states}")

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.labels)

    @property
    def final(self) -> frozenset[str]:
        return frozenset(s for s, targets in self.transitions.items() if not targets)

    def label(self, state: str) -> str:
        return self.labels.get(state, state)

    def allows(self, current: str, target: str) -> bool:
        return target in self.transitions.get(current, ())

    def move(self, current: str, target: str, refusal: str | None = None) -> str:
        """``target`` if the declaration allows ``current`` -> ``target``; otherwise a
        DomainError with ``refusal`` (or a message naming both states)."""
        if not self.allows(current, target):
            raise DomainError(refusal or (
                f"Operazione non consentita: {self.what} è «{self.label(current)}» e non può "
                f"diventare «{self.label(target)}»."))
        return target
