"""Fondi (D.I. 129/2018 Titolo I): the Programma Annuale and its variations (``programme``),
the spending cycle impegno → liquidazione → mandato (``spending``), the reversali
(``revenue``). Every write goes through ``unit_of_work``, which takes the write gate first:
the availability checks read under it, in the transaction that writes.
"""
