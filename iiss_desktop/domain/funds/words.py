"""The amount in words of a mandato di pagamento and of a reversale (D.I. 129/2018 art. 17 c.1
lett. c: «l'importo in cifre e in lettere»), as Italian schools and banks write it: the euro
in one word, a slash, the cents in figures: 1.234,50 € -> «milleduecentotrentaquattro/50»,
0,50 € -> «zero/50», 1.234.567,89 € -> «unmilioneduecentotrentaquattromilacinquecento
sessantasette/89» (no spaces, no «e» between millions and thousands, so that nothing can be
written in between). The numbers come from num2words (lang="it"); joining them is ours.
"""
from __future__ import annotations

from decimal import Decimal

from ..money import check_amount


def amount_in_words(amount: Decimal) -> str:
    value = check_amount(amount)
    if value < 0:
        raise ValueError("Un importo in lettere non può essere negativo")
    from num2words import num2words

    cents = int(value.scaleb(2))
    euros, rest = divmod(cents, 100)
    words = num2words(euros, lang="it")
    # "un milione e duecentotrentaquattromila…": one word, without the "e" num2words puts
    # after milioni and miliardi.
    words = words.replace(" e ", "").replace(" ", "")
    # num2words accents "ventitré" but not "centoventitre": the accent goes on a final "tre"
    # of a compound (Italian spelling), never inside a word ("ventitremila").
    words = words.replace("tré", "tre")
    if words.endswith("tre") and words != "tre":
        words = words[:-3] + "tré"
    return f"{words}/{rest:02d}"
