from tests.conftest import ci_database_problem


def test_ci_on_sqlite_is_refused():
    problem = ci_database_problem(environ={"CI": "true"}, vendor="sqlite")
    assert "DATABASE_URL" in problem


def test_ci_on_postgresql_is_accepted():
    assert ci_database_problem(environ={"CI": "true"}, vendor="postgresql") is None


def test_local_runs_may_use_sqlite():
    assert ci_database_problem(environ={}, vendor="sqlite") is None
