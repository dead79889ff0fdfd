"""Budget vs committed vs paid per destination (issue 15 item 8): grouped horizontal bars
painted with QPainter (Qt Charts is not needed for three bars a row)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ...domain.money import format_money
from ...queries.funds_cash import BudgetBar, budget_bars

SERIES = (("Previsione definitiva", "#4e79a7"), ("Impegnato", "#f28e2b"),
          ("Pagato", "#59a14f"))


class BudgetChart(QWidget):
    ROW = 54
    LABEL = 70
    VALUE = 110

    def __init__(self, bars: list[BudgetBar], parent=None):
        super().__init__(parent)
        self.bars = bars
        self.setMinimumHeight(40 + self.ROW * max(1, len(bars)))
        self.setMinimumWidth(640)

    def paintEvent(self, event):   # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        x = 10
        for label, color in SERIES:   # legend
            p.fillRect(QRectF(x, 8, 12, 12), QColor(color))
            p.setPen(QColor("black"))
            p.drawText(QRectF(x + 16, 4, 160, 20), Qt.AlignVCenter, label)
            x += 180
        if not self.bars:
            p.drawText(QRectF(10, 30, self.width() - 20, 30), Qt.AlignVCenter,
                       "Nessuna destinazione con previsioni nell'esercizio.")
            return
        top = max(max(b.definitive, b.committed, b.paid) for b in self.bars) or Decimal(1)
        span = self.width() - self.LABEL - self.VALUE - 20
        for i, b in enumerate(self.bars):
            y = 32 + i * self.ROW
            p.setPen(QColor("black"))
            p.drawText(QRectF(10, y, self.LABEL - 10, 45), Qt.AlignVCenter, b.code)
            for j, (value, (_, color)) in enumerate(zip((b.definitive, b.committed, b.paid),
                                                        SERIES)):
                yy = y + j * 15
                width = float(value / top) * span
                p.fillRect(QRectF(self.LABEL, yy, max(width, 1), 12), QColor(color))
                p.drawText(QRectF(self.LABEL + width + 6, yy - 2, self.VALUE + 40, 16),
                           Qt.AlignVCenter, format_money(value))


class BudgetChartDialog(QDialog):
    def __init__(self, db, year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Previsione, impegnato e pagato per destinazione – {year}")
        layout = QVBoxLayout(self)
        self.chart = BudgetChart(budget_bars(db, year), self)
        layout.addWidget(self.chart)
        self.resize(820, self.chart.minimumHeight() + 30)
