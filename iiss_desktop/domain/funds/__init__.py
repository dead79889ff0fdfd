"""Fondi (D.I. 129/2018 Titolo I, arts. 1-28): the chart of accounts, the rules of the
Programma Annuale, the variations, the earmarked funds and the spending cycle. Importing the
package defines the area's registers (impegni, liquidazioni, mandati, reversali) and the
labels of its columns. [U] items are listed in each module's docstring.
"""
from . import fields, labels, rules  # noqa: F401 - registers and column labels come into being here
