"""ORM models; importing this package registers every table on ``Base.metadata``."""
from .base import Base
from .core import (AppUser, AuditHead, AuditLog, Counter, DbProtection, RegisterEntry,
                   RegisterEntryLine)
from .inventory import (Assignment, AssignmentItem, CustodyRole, DepreciationRate, Handover,
                        HandoverRegister, InventoryDischarge, InventoryDischargeItem,
                        InventoryItem, InventoryMovement, Loan, LoanItem, MaintenanceRecord,
                        RegisterSeries, RenewalMapEntry, Ricognizione, RicognizioneLine, Sale,
                        SaleItem, SaleOffer)
from .school import CalendarDay, Room, School, Site
from .staff import Employee
from .warehouse import (Article, Balance, Lot, Movement, MovementLine, Request, RequestLine,
                        Storeroom)

__all__ = ["Base", "AppUser", "AuditHead", "AuditLog", "Counter", "DbProtection", "RegisterEntry",
           "RegisterEntryLine", "InventoryItem", "InventoryMovement", "InventoryDischarge",
           "InventoryDischargeItem", "Loan", "LoanItem", "CustodyRole", "Assignment",
           "AssignmentItem", "MaintenanceRecord", "Ricognizione", "RicognizioneLine",
           "DepreciationRate", "RegisterSeries", "RenewalMapEntry", "Sale", "SaleItem", "SaleOffer",
           "Handover", "HandoverRegister", "CalendarDay", "Room",
           "School", "Site", "Employee", "Article", "Balance", "Lot", "Movement", "MovementLine",
           "Request", "RequestLine", "Storeroom"]
