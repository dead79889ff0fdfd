"""One picker for every long list (rooms, people, articles, goods; later suppliers and budget
lines): the clerk types any part of the name, the place or the code, in any order, accents and
case ignored, and sees the matches ranked; Enter or a click picks one.

Why not an editable QComboBox: its completion matches the start of the whole text, and every
room's text starts with its plesso, so "Segreteria" picked the first room of the first plesso.
Ranking: an exact code or name first, then the words that start a word of the name, then of
the place, then any substring; within a rank the recently used first (remembered per kind).
"""
from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from .table_model import fold

RECENT_KEPT = 8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Choice:
    value: Hashable
    name: str            # what the clerk calls it: the room, the person, the article
    detail: str = ""     # where or what else: the plesso, the role, the unit
    code: str = ""       # an exact code is ranked first (an article, a good's number)
    text: str = ""       # the line shown, if not "name – detail"

    @property
    def label(self) -> str:
        if self.text:
            return self.text
        return f"{self.name} – {self.detail}" if self.detail else self.name


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


class Catalog:
    """The choices of a picker, folded once, ranked for each query."""

    def __init__(self, choices: Iterable[Choice]):
        self.choices = list(choices)
        self._keys = []
        for c in self.choices:
            name_words = _words(c.name)
            all_words = name_words + _words(c.detail) + _words(c.code) + _words(c.text)
            self._keys.append((fold(c.code), fold(c.name), name_words, all_words,
                               fold(" ".join((c.name, c.detail, c.code, c.text)))))
        self._by_value = {c.value: c for c in self.choices}

    def get(self, value) -> Choice | None:
        return self._by_value.get(value)

    SUBSTRING = 3   # the rank of a match inside a word only

    def rank(self, query: str, recent: Sequence[Hashable] = ()) -> list[Choice]:
        return [c for _tier, c in self.ranked(query, recent)]

    def ranked(self, query: str, recent: Sequence[Hashable] = ()) -> list[tuple[int, Choice]]:
        """(rank, choice) best first: 0 exact code or name, 1 words starting words of the
        name, 2 of the place or code, 3 inside a word."""
        words = _words(query)
        where = {v: i for i, v in enumerate(recent)}
        last = len(where)
        if not words:
            order = sorted(range(len(self.choices)),
                           key=lambda i: where.get(self.choices[i].value, last))
            return [(0, self.choices[i]) for i in order]
        whole = " ".join(words)
        scored = []
        for i, (code, name, name_words, all_words, hay) in enumerate(self._keys):
            if whole == code or whole == " ".join(_WORD.findall(name)):
                tier = 0
            elif all(any(w.startswith(q) for w in name_words) for q in words):
                tier = 1
            elif all(any(w.startswith(q) for w in all_words) for q in words):
                tier = 2
            elif all(q in hay for q in words):
                tier = 3
            else:
                continue
            scored.append((tier, where.get(self.choices[i].value, last), i))
        scored.sort()
        return [(t, self.choices[i]) for t, _r, i in scored]


class RecentChoices:
    """The values last picked for a kind of list, most recent first (QSettings)."""

    def __init__(self, kind: str):
        self.key = f"scelte_recenti/{kind}"

    def values(self, catalog: Catalog) -> list[Hashable]:
        from .settings import app_settings

        stored = app_settings().value(self.key, []) or []
        if isinstance(stored, str):
            stored = [stored]
        # Stored as text: matched back to the values of the choices offered now.
        by_text = {str(c.value): c.value for c in catalog.choices}
        return [by_text[s] for s in stored if s in by_text]

    def add(self, value: Hashable) -> None:
        from .settings import app_settings

        settings = app_settings()
        stored = settings.value(self.key, []) or []
        if isinstance(stored, str):
            stored = [stored]
        stored = [str(value)] + [s for s in stored if s != str(value)]
        settings.setValue(self.key, stored[:RECENT_KEPT])
        settings.sync()


class Picker(QLineEdit):
    """A line edit that searches its choices; ``value()`` is the picked choice's value (None
    while what is typed is not a choice). ``picked`` is emitted when the clerk picks one."""

    picked = Signal(object)
    SHOWN = 50   # matches listed at most: typing more narrows them

    def __init__(self, kind: str, choices: Iterable[Choice] = (), parent: QWidget | None = None,
                 *, placeholder: str = "Digitare per cercare…", show_code: bool = False,
                 enter_takes_first: bool = True):
        """``show_code``: the field shows the code of the choice picked, not its label (the
        article cell of a line grid). ``enter_takes_first``: Enter picks the first match (a
        barcode reader's Enter must not: the grid wants the exact code or nothing)."""
        super().__init__(parent)
        self.kind = kind
        self.recent = RecentChoices(kind)
        self.show_code = show_code
        self.enter_takes_first = enter_takes_first
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(not show_code)
        self._value = None
        self._shown: list[Choice] = []
        self._list = QStringListModel(self)
        self._completer = QCompleter(self._list, self)
        self._completer.setWidget(self)   # not setCompleter: the ranking is ours, not Qt's
        self._completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self._on_edited)
        self.set_choices(choices)

    # --- data --------------------------------------------------------------------------
    def set_choices(self, choices: Iterable[Choice]) -> None:
        self.catalog = Catalog(choices)
        longest = max((len(c.label) for c in self.catalog.choices), default=0)
        self._completer.popup().setMinimumWidth(
            min(720, max(360, self.fontMetrics().averageCharWidth() * (longest + 6))))
        if self._value is not None and self.catalog.get(self._value) is None:
            self.set_value(None)

    def value(self):
        return self._value

    def choice(self) -> Choice | None:
        return self.catalog.get(self._value) if self._value is not None else None

    def set_value(self, value) -> None:
        choice = self.catalog.get(value) if value is not None else None
        self._value = choice.value if choice is not None else None
        self.setText(self._text_of(choice) if choice is not None else "")

    def matches(self, text: str | None = None) -> list[Choice]:
        """The choices for ``text`` (what is typed) in the order shown."""
        return self.catalog.rank(self.text() if text is None else text,
                                 self.recent.values(self.catalog))

    def popup_texts(self) -> list[str]:
        """The lines of the list as shown (for tests and screenshots)."""
        return self._list.stringList() if self._completer.popup().isVisible() else []

    def pick(self, choice: Choice) -> None:
        self._value = choice.value
        self.setText(self._text_of(choice))
        self.recent.add(choice.value)
        self.picked.emit(choice.value)

    def _text_of(self, choice: Choice) -> str:
        return choice.code if self.show_code and choice.code else choice.label

    # --- the list ------------------------------------------------------------------------
    def show_list(self, highlight_first: bool | None = None) -> None:
        self._shown = self.matches()[:self.SHOWN]
        self._list.setStringList([c.label for c in self._shown])
        popup = self._completer.popup()
        if not self._shown:
            popup.hide()
            return
        self._completer.complete()
        first = self.enter_takes_first if highlight_first is None else highlight_first
        # The popup shows the completer's own model: its index, not ours. No line
        # highlighted otherwise: Enter then takes only what is typed (a scanned code).
        popup.setCurrentIndex(popup.model().index(0, 0) if first else QModelIndex())

    def _on_edited(self, text: str) -> None:
        choice = self.choice()
        if choice is not None and text != self._text_of(choice):
            self._value = None   # typing over a choice forgets it: no silent stale value
        if text.strip():
            self.show_list()
        else:
            self._value = None
            self._completer.popup().hide()

    def _on_activated(self, index: QModelIndex) -> None:
        """A click on a line of the list (Enter is seen by the field first: keyPressEvent)."""
        if 0 <= index.row() < len(self._shown):
            self.pick(self._shown[index.row()])

    def pick_highlighted(self) -> bool:
        """Enter with the list open: the line highlighted (the first, or where the arrows
        went). The completer hands the key to the field before acting on it itself."""
        popup = self._completer.popup()
        if not popup.isVisible():
            return False
        row = popup.currentIndex().row()
        popup.hide()
        if 0 <= row < len(self._shown):
            self.pick(self._shown[row])
            return True
        return False

    def exact(self) -> Choice | None:
        """The choice whose label or code is what is typed (a scanned code)."""
        typed = fold(self.text().strip())
        if not typed:
            return None
        for c in self.catalog.choices:
            if typed in (fold(c.code), fold(c.label)) and (c.code or typed == fold(c.label)):
                return c
        return None

    def only_match(self) -> Choice | None:
        """The one choice whose words start with what is typed. Not a match inside a word:
        a code read wrong ("ONER-1170") must not become the article that contains it."""
        found = self.catalog.ranked(self.text(), self.recent.values(self.catalog))
        if len(found) == 1 and found[0][0] < Catalog.SUBSTRING:
            return found[0][1]
        return None

    def keyPressEvent(self, event) -> None:   # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key_Return, Qt.Key_Enter):
            # Spent on picking, not on the dialog's default button.
            if self.pick_highlighted() or self._enter():
                event.accept()
                return
        elif (key == Qt.Key_Down or key == Qt.Key_F4) and not self._completer.popup().isVisible():
            self.show_list(highlight_first=True)
            event.accept()
            return
        super().keyPressEvent(event)

    def _enter(self) -> bool:
        """Enter with the list closed picks what is typed: True if it picked (the Enter is
        spent on that, not on the dialog's default button)."""
        if not self.text().strip() or self.choice() is not None:
            return False
        choice = self.exact() or self.only_match()
        if choice is None and self.enter_takes_first:
            found = self.matches()
            choice = found[0] if found else None
        if choice is None:
            return False
        self.pick(choice)
        return True

    def mousePressEvent(self, event) -> None:   # noqa: N802 - Qt override
        super().mousePressEvent(event)
        if not self.text() and event.button() == Qt.LeftButton:
            self.show_list(highlight_first=False)

    def focusOutEvent(self, event) -> None:   # noqa: N802 - Qt override
        # Leaving with a text that names one choice only, or exactly: that choice. Several
        # matches stay unpicked: the form says to choose one rather than guess.
        if self.text().strip() and self.choice() is None \
                and not self._completer.popup().isVisible():
            choice = self.exact() or self.only_match()
            if choice is not None:
                self.pick(choice)
        super().focusOutEvent(event)


def choices_of(pairs: Iterable[tuple[Any, str]]) -> list[Choice]:
    """Plain (value, text) pairs, as the choice fields of a form give them."""
    return [p if isinstance(p, Choice) else Choice(p[0], p[1]) for p in pairs]
