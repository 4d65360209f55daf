"""Where a case stands between its approved results and the national outcome, as the figures count it
(the dashboard's and the reports'): one definition, here, beside the recognitions it reads."""
from sqlalchemy import select

from ..cases.models import Case
from ..cases.operations import RUNNING
from .models import Recognition


def potential_five():
    """Criteria on Case: a *potential 5★*, a case the province recognised 4★ "tiềm năng 5 sao" (a ≥90 score
    referred to the Ministry) that still runs, waiting for the national outcome; its province recognition may
    wait for its decision or hold its 4★ certificate already."""
    return [Case.status.in_(RUNNING), Case.id.in_(select(Recognition.case_id).where(Recognition.potential_five))]
