"""Rate limits in a shared store: two limiters (two replicas) on one real Redis count together;
an unreachable store is a clear error at start and fails open while serving."""

from __future__ import annotations

import logging

import pytest

from assistant.errors import ConfigError
from assistant.web.api import RateLimited, RateLimiter

from .servers import RedisServer, free_port


def _allowed(limiter: RateLimiter, client: str, n: int) -> int:
    allowed = 0
    for _ in range(n):
        try:
            limiter.hit(client, "api")
            allowed += 1
        except RateLimited:
            pass
    return allowed


def test_two_limiters_on_one_redis_share_the_count(redis_server):
    first, second = RateLimiter("5/minute", redis_server.url), RateLimiter("5/minute", redis_server.url)
    first.check()
    assert _allowed(first, "203.0.113.1", 3) == 3 and _allowed(second, "203.0.113.1", 3) == 2
    with pytest.raises(RateLimited) as refused:
        first.hit("203.0.113.1", "api")
    assert 1 <= refused.value.retry_after <= 60
    assert _allowed(second, "203.0.113.2", 1) == 1  # another client has its own count
    assert _allowed(second, "203.0.113.1", 1) == 0 and _allowed(second, "203.0.113.3", 5) == 5


def test_memory_limiters_count_alone():
    first, second = RateLimiter("2/minute"), RateLimiter("2/minute")
    assert _allowed(first, "c", 3) == 2 and _allowed(second, "c", 3) == 2


def test_store_going_away_fails_open_with_one_warning(tmp_path, caplog):
    redis = RedisServer(tmp_path).start()
    limiter = RateLimiter("2/minute", redis.url)
    assert _allowed(limiter, "c", 3) == 2
    redis.stop()
    with caplog.at_level(logging.WARNING):
        assert _allowed(limiter, "c", 50) == 50  # fail open
    warnings = [r for r in caplog.records if "fail open" in r.getMessage()]
    assert len(warnings) == 1 and "redis://127.0.0.1" in warnings[0].getMessage()


@pytest.mark.parametrize("storage, needle", [
    ("memcache://x", "must start with"),
    ("redis://:secret@127.0.0.1:{port}", "cannot be reached"),
])
def test_bad_or_unreachable_store_is_a_config_error(storage, needle, tmp_path):
    from assistant.config import Settings

    storage = storage.format(port=free_port())
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(data_dir=tmp_path, rate_limit_storage=storage)
        RateLimiter("5/minute", storage).check()
    assert "ASSISTANT_RATE_LIMIT_STORAGE" in str(caught.value) and needle in str(caught.value)
    assert "secret" not in str(caught.value)
