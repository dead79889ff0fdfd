"""Inventory read side: the goods grid, consistenza, custody, loans, ricognizione, sale,
valuation, renewal, handover and the yearly summary."""
