"""Every model of the service, imported together so that SQLAlchemy and Alembic see all tables."""
from .audit.models import AuditEntry
from .auth.models import Role, RoleAssignment, User
from .case_file.models import SectionVersion
from .councils.models import CouncilMinutes
from .catalogue.models import Fair, PointOfSale, ProductPhoto
from .criteria.models import CriteriaSheet, Criterion, CriterionOption
from .cases.models import Attachment, Case, Certificate, CertificateCounter, Comment, WorkflowState
from .directory.models import (AdministrativeUnit, Council, CouncilMember, DocumentRequirement, ProducingEntity, Product,
                               ProductGroup)
from .imports.models import ImportJob
from .incidents.models import Incident
from .library.models import ProgrammeDocument
from .notifications.models import Notification
from .plan.models import LeadingProduct, PlanTarget
from .process_models.models import ProcessModel, ProcessModelFile
from .recognition.models import Recognition, RecognitionDecision
from .reports.models import ReportJob
from .support.models import SupportRecord
from .survey.models import SurveyItem
from .tasks.models import CouncilScore, HumanTask
from .training.models import TrainingAttendee, TrainingSession

__all__ = [
    "AdministrativeUnit", "Attachment", "AuditEntry", "Case", "Certificate", "CertificateCounter", "Comment",
    "Council", "CouncilMember", "CouncilMinutes", "CouncilScore", "CriteriaSheet", "Criterion", "CriterionOption",
    "DocumentRequirement", "Fair", "HumanTask", "ImportJob", "Incident", "LeadingProduct", "Notification", "PlanTarget",
    "PointOfSale", "ProcessModel", "ProcessModelFile", "ProducingEntity", "Product", "ProductGroup", "ProductPhoto",
    "ProgrammeDocument", "Recognition", "RecognitionDecision", "ReportJob", "Role", "RoleAssignment",
    "SectionVersion", "SupportRecord", "SurveyItem", "TrainingAttendee", "TrainingSession", "User", "WorkflowState",
]
