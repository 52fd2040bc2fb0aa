from django.test import override_settings


def test_healthz_answers_200_while_the_database_and_cache_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens here: the cache is down.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
)
def test_healthz_answers_503_when_the_cache_is_down(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "down"}


def test_every_response_carries_a_permissions_policy(client, db):
    policy = client.get("/").headers["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
