"""The lines of a variation typed one a line (domain/funds/variation_lines.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds.variation_lines import TypedLine, parse_lines


def test_revenue_and_spending_lines_with_signs_and_loose_codes():
    text = "03/06 12.480,35\n\n a1 02 12.480,35 \nA02 03 -600,00\na03/1 3 +600\n3/6 1,5"
    assert parse_lines(text) == [
        TypedLine("03/06", "", "", Decimal("12480.35")),
        TypedLine("", "A01", "02", Decimal("12480.35")),
        TypedLine("", "A02", "03", Decimal("-600.00")),
        TypedLine("", "A03/1", "03", Decimal("600.00")),
        TypedLine("03/06", "", "", Decimal("1.50"))]


@pytest.mark.parametrize(("text", "message"), [
    ("", "Indicare almeno una riga della variazione."),
    ("03/06", "Riga 1: per un'entrata scrivere la voce e l'importo, ad esempio «03/06 "
              "12.480,35»."),
    ("A01 02\nA01 1.000,00", "Riga 1: per una spesa scrivere la destinazione, il tipo di "
                             "spesa e l'importo, ad esempio «A01 02 1.500,00»."),
    ("A01 02 12.5", "Riga 1: «12.5» non è un importo valido: usare la virgola per i decimali "
                    "(esempio: 1.234,56)."),
    ("A01 02 1,00\nXYZ 5", "Riga 2: «XYZ» non è una voce di entrata (03/06) né una "
                           "destinazione (A01)."),
])
def test_a_wrong_line_is_named(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_lines(text)
    assert caught.value.errors == {"lines": message}
