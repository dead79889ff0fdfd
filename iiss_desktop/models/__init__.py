"""ORM models; importing this package registers every table on ``Base.metadata``."""
from .base import Base
from .core import (AppUser, AuditHead, AuditLog, Counter, DbProtection, RegisterEntry,
                   RegisterEntryLine, UserRoleGrant)
from .inventory import (Assignment, AssignmentItem, CustodyRole, DepreciationRate, Handover,
                        HandoverRegister, InventoryCheck, InventoryCheckLine, InventoryDischarge,
                        InventoryDischargeItem, InventoryItem, InventoryMovement, Loan, LoanItem,
                        MaintenanceRecord, RegisterSeries, RenewalMapEntry, Sale, SaleItem,
                        SaleOffer)
from .school import CalendarDay, Room, School, Site
from .staff import Employee
from .warehouse import (Article, Balance, Lot, Movement, MovementLine, Request, RequestLine,
                        Storeroom)

__all__ = ["Base", "AppUser", "AuditHead", "AuditLog", "Counter", "DbProtection", "RegisterEntry",
           "RegisterEntryLine", "UserRoleGrant", "InventoryItem", "InventoryMovement", "InventoryDischarge",
           "InventoryDischargeItem", "Loan", "LoanItem", "CustodyRole", "Assignment",
           "AssignmentItem", "MaintenanceRecord", "InventoryCheck", "InventoryCheckLine",
           "DepreciationRate", "RegisterSeries", "RenewalMapEntry", "Sale", "SaleItem", "SaleOffer",
           "Handover", "HandoverRegister", "CalendarDay", "Room",
           "School", "Site", "Employee", "Article", "Balance", "Lot", "Movement", "MovementLine",
           "Request", "RequestLine", "Storeroom"]
