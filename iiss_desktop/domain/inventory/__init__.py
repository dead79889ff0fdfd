"""Inventory rules (D.I. 28 agosto 2018 n. 129, artt. 29-35; Linee guida, Nota M.I. 4083/2021).

One module per concept: ``registers`` (the inventories and their series), ``carico`` (what is
inventoried, where and at what value), ``labels``, ``discharge`` (art. 33), ``sale`` (art. 34),
``loans`` (comodato d'uso), ``custody`` (art. 30 and 35), ``ricognizione``, ``handover``,
``valuation`` (ammortamento), ``renewal`` (rinnovo) and ``import_`` (files of other programs).

Importing this package defines every inventory register: the modules below call
``define_register`` when imported.
"""
from . import custody, handover, loans, registers, ricognizione  # noqa: F401 - define the registers
