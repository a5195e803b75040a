"""The guide's models, one concept per module, re-exported here."""

from .aid_index_page import AidIndexPage
from .aid_inlines import AidContact, AidDocument, FinancialComponent
from .aid_page import AidPage, Recurrence
from .contact import Contact
from .eligibility_case import EligibilityCase, Establishment
from .organisation import Organisation
from .programme import FundingProgramme, ProgrammeResult
from .reference import (
    AidType,
    Audience,
    CompanySize,
    NationalAidType,
    ProjectStage,
    ReferenceItem,
    Sector,
)
from .settings import GuideSettings, default_referral_note
from .team import EditorialTeam
from .territory import Territory

__all__ = [
    "AidContact",
    "AidDocument",
    "AidIndexPage",
    "AidPage",
    "AidType",
    "Audience",
    "CompanySize",
    "Contact",
    "EditorialTeam",
    "EligibilityCase",
    "Establishment",
    "FinancialComponent",
    "FundingProgramme",
    "GuideSettings",
    "NationalAidType",
    "Organisation",
    "ProgrammeResult",
    "ProjectStage",
    "Recurrence",
    "ReferenceItem",
    "Sector",
    "Territory",
    "default_referral_note",
]
