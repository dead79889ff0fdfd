"""ORM models; importing this package registers every table on ``Base.metadata``."""
from .base import Base
from .core import (AppUser, AuditHead, AuditLog, Counter, DbProtection, RegisterEntry,
                   RegisterEntryLine)
from .inventory import (InventoryDischarge, InventoryDischargeItem, InventoryItem,
                        InventoryMovement, Loan, LoanItem)
from .school import CalendarDay, Room, School, Site
from .staff import Employee

__all__ = ["Base", "AppUser", "AuditHead", "AuditLog", "Counter", "DbProtection", "RegisterEntry",
           "RegisterEntryLine", "InventoryItem", "InventoryMovement", "InventoryDischarge",
           "InventoryDischargeItem", "Loan", "LoanItem", "CalendarDay", "Room",
           "School", "Site", "Employee"]
