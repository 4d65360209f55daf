"""The audit log is append-only."""
import pytest
from sqlalchemy import select

from service.audit.log import record
from service.audit.models import AuditEntry, AuditLogIsAppendOnly
from service.auth.models import User
from service.extensions import db


@pytest.fixture
def entry_id(app, demo):
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(username="admin"))
        entry = record("test.recorded", user=user, note="kept")
        db.session.commit()
        return entry.id


def test_record_adds_an_entry_with_details(app, entry_id):
    with app.app_context():
        entry = db.session.get(AuditEntry, entry_id)
        assert (entry.action, entry.user.username, entry.details) == ("test.recorded", "admin", {"note": "kept"})


def test_entries_cannot_be_changed(app, entry_id):
    with app.app_context():
        db.session.get(AuditEntry, entry_id).details = {"note": "changed"}
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEntry, entry_id).details == {"note": "kept"}


def test_entries_cannot_be_deleted(app, entry_id):
    with app.app_context():
        db.session.delete(db.session.get(AuditEntry, entry_id))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEntry, entry_id) is not None


def test_times_come_from_the_clock_and_are_utc(app, demo, clock):
    clock.advance(days=3)
    with app.app_context():
        entry = record("test.clocked")
        db.session.commit()
        assert db.session.get(AuditEntry, entry.id).created_at == clock.now()
