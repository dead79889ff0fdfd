"""Inventory prints: labels, buoni di carico and di scarico, custody verbali, ricognizione,
values and rinnovo, discharge decree and sale, comodato, handover and the yearly summary."""
