"""The guide's models, one concept per module, re-exported here."""

from .aid_index_page import AidIndexPage
from .aid_inlines import AidContact, AidDocument, FinancialComponent
from .aid_page import AidPage, Recurrence
from .contact import Contact
from .organisation import Organisation
from .permanent_link import GonePath, PermanentLink
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
from .results_page import ResultsPage
from .settings import DEFAULT_REFERRAL_NOTE, GuideSettings, default_referral_note
from .staged_import import StagedImport
from .territory import Territory

__all__ = [
    "DEFAULT_REFERRAL_NOTE",
    "AidContact",
    "AidDocument",
    "AidIndexPage",
    "AidPage",
    "AidType",
    "Audience",
    "CompanySize",
    "Contact",
    "FinancialComponent",
    "FundingProgramme",
    "GonePath",
    "GuideSettings",
    "NationalAidType",
    "Organisation",
    "PermanentLink",
    "ProgrammeResult",
    "ProjectStage",
    "Recurrence",
    "ReferenceItem",
    "ResultsPage",
    "Sector",
    "StagedImport",
    "Territory",
    "default_referral_note",
]
