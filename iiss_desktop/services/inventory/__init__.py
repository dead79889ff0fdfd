"""Inventory use cases: carico, movements, discharge, loans (comodato d'uso), custody, sale,
ricognizione, handover, valuation, renewal and import/export."""
