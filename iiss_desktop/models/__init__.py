"""ORM models; importing this package puts every area's tables on ``Base.metadata``.

Each area names its model modules in its descriptor (``iiss_desktop.areas``); import the
classes from their module (``from iiss_desktop.models.inventory import InventoryItem``).
"""
from ..areas import load_models
from .base import Base

load_models()
from . import guard  # noqa: E402,F401 - every text and amount is checked when assigned

__all__ = ["Base"]
