"""Reload a screen when the data it shows change, once, and only when it can be seen.

A change names its area (``AppEvents.data_changed``). A screen reloads when the area is its
own or one its area depends on (room and plesso names come from "school"); a screen in a
tab not in view only notes that it is out of date and reloads when its tab is shown. So a
warehouse movement never reloads the 100,000-row inventory grid.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

HOME = "home"
ALL_AREAS = "*"   # e.g. another user logged in: what each screen may show has changed


def shown_areas(area: str) -> frozenset[str]:
    from ...areas import AREAS
    from ...areas import area as area_of

    if area == HOME:   # the start page shows a little of every area, backups included
        return frozenset(a.name for a in AREAS) | {HOME}
    try:
        return frozenset({area, *area_of(area).depends_on})
    except KeyError:
        return frozenset({area})


class RefreshOnChange(QObject):
    """Connects ``widget.refresh()`` to the changes of the areas ``widget.area`` shows."""

    def __init__(self, widget: QWidget, events, area: str):
        super().__init__(widget)
        self.widget = widget
        self.areas = shown_areas(area)
        self.stale = False
        self.reloads = 0          # how many times a change reloaded the screen
        events.data_changed.connect(self._on_data_changed)
        widget.installEventFilter(self)

    def _in_background(self) -> bool:
        stack = self.widget.parentWidget()
        return isinstance(stack, QStackedWidget) and stack.currentWidget() is not self.widget

    def _on_data_changed(self, area: str) -> None:
        if area != ALL_AREAS and area not in self.areas:
            return
        if self._in_background():
            self.stale = True
        else:
            self._reload()

    def _reload(self) -> None:
        self.stale = False
        self.reloads += 1
        self.widget.refresh()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.widget and event.type() == QEvent.Show and self.stale:
            self._reload()
        return False
