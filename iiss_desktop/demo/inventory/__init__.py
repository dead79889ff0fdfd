"""Demo inventory: ``carico.generate_inventory`` (named in the area's descriptor,
iiss_desktop/areas/inventory.py) takes the goods in charge and then runs the other modules of
this package."""
