"""The demo data: Lai Châu, the product groups, real producers, demo accounts; `flask ocop seed-demo`."""
import pytest
from sqlalchemy import func, select

from service import models
from service.demo.seed import find_unit, find_user, seed_demo_accounts, seed_reference_data
from service.extensions import db


def counts():
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (models.AdministrativeUnit, models.Role, models.ProductGroup, models.ProducingEntity,
                          models.Product, models.User, models.RoleAssignment, models.Council, models.CouncilMember)}


def test_lai_chau_and_its_districts(app, demo):
    with app.app_context():
        province = find_unit("Lai Châu")
        districts = db.session.scalars(select(models.AdministrativeUnit).filter_by(parent_id=province.id)
                                       .order_by(models.AdministrativeUnit.code)).all()
        assert province.code == "12"
        assert [(d.code, d.name) for d in districts][:2] == [("105", "Thành phố Lai Châu"), ("106", "Tam Đường")]
        assert len(districts) == 8
        commune = find_unit("Tam Đường/Bình Lư")
        assert (commune.district.name, commune.province.name) == ("Tam Đường", "Lai Châu")


def test_seeding_twice_changes_nothing(app, demo):
    with app.app_context():
        before = counts()
        seed_reference_data()
        seed_demo_accounts()
        db.session.commit()
        assert counts() == before
        assert before["ProductGroup"] > 6 and before["User"] == 19


def test_councils_and_their_members(app, demo):
    with app.app_context():
        councils = {council.level: council for council in db.session.scalars(select(models.Council))}
        assert councils["district"].unit.name == "Tam Đường"
        assert councils["province"].unit.name == "Lai Châu"
        assert councils["national"].unit is None
        assert [(m.user.username, m.position) for m in councils["province"].members] == [
            ("province-chair", "chair"), ("province-council-1", "member"), ("province-council-2", "member"),
            ("province-council-3", "secretary")]


def test_second_producer_and_district(app, demo):
    with app.app_context():
        assert find_user("producer-2").entity.commune.name == "Mường Mít"
        assert find_user("district-2").units_for("district_officer") == [find_unit("Than Uyên").id]
        assert all(user.is_demo for user in db.session.scalars(select(models.User)))


@pytest.fixture
def deployed(monkeypatch):
    """The engine's deployment, replaced: these tests are about the seed, not the diagrams."""
    calls = []
    monkeypatch.setattr("service.process_models.operations.deploy_bundled_process_models",
                        lambda: calls.append("deployed") or [])
    return calls


def test_seed_demo_command_loads_everything_and_can_run_again(app, runner, deployed):
    first = runner.invoke(args=["ocop", "seed-demo"])
    second = runner.invoke(args=["ocop", "seed-demo"])

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert deployed == ["deployed", "deployed"]
    with app.app_context():
        assert counts()["User"] == 19


def test_seed_demo_is_refused_in_production(make_app, deployed):
    from config import ProductionConfig

    app = make_app(OCOP_DEMO_MODE=ProductionConfig.OCOP_DEMO_MODE, TESTING=False)

    result = app.test_cli_runner().invoke(args=["ocop", "seed-demo"])

    assert result.exit_code == 1
    assert "Demo mode is off" in result.output
    assert deployed == []
    with app.app_context():
        assert counts()["User"] == 0
