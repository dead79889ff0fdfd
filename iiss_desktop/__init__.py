"""iiss_desktop: gestionale per la segreteria di una scuola statale."""

__version__ = "0.1.0"
APP_NAME = "iiss_desktop"
