"""The one limiter (``zumo.policy.security.ratelimit``) as its users count
with it: submissions of a form in a sliding window, failed logins (and
sign-up mails) blocked longer with each failure."""

from zumo.policy.forms import mitmachen as forms
from zumo.policy.security import logins
from zumo.policy.security.ratelimit import RateLimiter


def test_submissions_over_the_limit_are_refused_until_the_window_passes():
    limiter = RateLimiter(window=60, max_keys=forms.MAX_SENDERS)
    assert limiter.allow("a", 2, now=0)
    assert limiter.allow("a", 2, now=1)
    assert not limiter.allow("a", 2, now=2)
    assert limiter.allow("b", 2, now=2)
    assert limiter.allow("a", 2, now=61)


def test_the_throttle_blocks_longer_with_each_failure():
    throttle = RateLimiter(
        logins.WINDOW,
        logins.MAX_ENTRIES,
        block=logins.BLOCK,
        max_block=logins.MAX_BLOCK,
    )
    key = ("pair", "127.0.0.1", "x")
    for _attempt in range(logins.PAIR_LIMIT - 1):
        throttle.fail(key, logins.PAIR_LIMIT, now=1000)
    assert throttle.blocked(key, now=1000) == 0
    throttle.fail(key, logins.PAIR_LIMIT, now=1000)
    assert throttle.blocked(key, now=1000) == logins.BLOCK
    throttle.fail(key, logins.PAIR_LIMIT, now=1000)
    assert throttle.blocked(key, now=1000) == 2 * logins.BLOCK
    for _attempt in range(20):
        throttle.fail(key, logins.PAIR_LIMIT, now=1000)
    assert throttle.blocked(key, now=1000) == logins.MAX_BLOCK
    assert throttle.blocked(key, now=1000 + logins.MAX_BLOCK) == 0
    throttle.succeed(key)
    assert throttle.blocked(key, now=1000) == 0


def test_failures_count_anew_after_the_window_unless_blocked():
    throttle = RateLimiter(60, 10, block=30, max_block=120)
    throttle.fail("k", 2, now=0)
    throttle.fail("k", 2, now=61)
    assert throttle.blocked("k", now=61) == 0
    throttle.fail("k", 2, now=62)
    assert throttle.blocked("k", now=62) == 30


def test_the_key_counted_first_is_forgotten_beyond_the_most_keys():
    limiter = RateLimiter(window=60, max_keys=2)
    assert limiter.allow("first", 1, now=0)
    assert limiter.allow("second", 1, now=1)
    assert limiter.allow("third", 1, now=2)
    assert limiter.allow("first", 1, now=3)
    assert not limiter.allow("third", 1, now=4)
