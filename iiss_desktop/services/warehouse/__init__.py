"""Magazzino use cases: carico, scarico against an approved request, transfer, stocktake
adjustment, DPI distribution, storno; articles, storerooms and material requests.

Every movement is one numbered entry of the yearly giornale «mag-giornale» (add_entry), its
lines, the stock per (article, storeroom) and the audit rows, in one transaction: a refused
movement (stock too low, expired lot, request not approved) leaves nothing but the refusal.

One module per job: ``master_data`` (storerooms, articles), ``requests`` (richieste di
materiale), ``movements`` (the use cases that post to the giornale), ``posting`` (numbering,
valuation at weighted average cost and stock) and ``lots``.
"""
