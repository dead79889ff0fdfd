"""Demo inventory: ``carico.generate_inventory`` (registered in ``demo.AREA_GENERATORS``) takes
the goods in charge and then runs the other modules of this package."""
