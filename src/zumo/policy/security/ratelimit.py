"""How often one key may do something: the one rate limiter of the network.

Each user keeps a :class:`RateLimiter` of its own, keyed as it needs:

* the forms at ``/mitmachen`` (:mod:`zumo.policy.forms.mitmachen`) count
  submissions per form (its UID) and client address in a sliding window
  (:meth:`~RateLimiter.allow`); "send this page"
  (:mod:`zumo.policy.security.sendto`) counts mails per user;
* logins (:mod:`zumo.policy.security.logins`) count failures per login name
  and client address and per client address, and block with a back-off
  (:meth:`~RateLimiter.fail`, :meth:`~RateLimiter.blocked`,
  :meth:`~RateLimiter.succeed`);
* sign-up (:mod:`zumo.policy.signup.accounts`) counts the mails sent to an
  address as failures, so that an address is flooded no more than a login.

A client address is ``request.getClientAddr()``: behind the cluster's
proxies the address they forward (``docs/reliability.md``). The counts
live in the memory of each process (a refused request writes
nothing to the database); in the cluster mode each process counts for
itself.
"""

from threading import Lock

import time


class RateLimiter:
    """Events per key and when they happened, safe for several threads.

    Events older than ``window`` seconds no longer count. A key that
    :meth:`fail` blocks stays blocked ``block`` seconds, doubled with each
    further failure, at most ``max_block``. At most ``max_keys`` keys are
    remembered: beyond, the key whose counting began first is forgotten.
    """

    def __init__(self, window, max_keys, block=0, max_block=0):
        self.window = window
        self.max_keys = max_keys
        self.block = block
        self.max_block = max_block
        self._lock = Lock()
        self._entries = {}  # key -> [times of the counted events, blocked until]

    def clear(self):
        """Forget everything (tests)."""
        with self._lock:
            self._entries.clear()

    def _entry(self, key):
        """``key``'s entry, made if the key is new (call with the lock)."""
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = [[], 0]
            if len(self._entries) > self.max_keys:
                del self._entries[min(self._entries, key=self._began)]
        return entry

    def _began(self, key):
        """When the counting of ``key`` began (a new key: not yet)."""
        times = self._entries[key][0]
        return times[0] if times else float("inf")

    def allow(self, key, limit, now=None):
        """Count an event of ``key`` unless ``limit`` of them happened within
        the last ``window`` seconds; whether it was counted."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._entry(key)[0]
            times[:] = [moment for moment in times if moment > now - self.window]
            if len(times) >= limit:
                return False
            times.append(now)
            return True

    def fail(self, key, limit, now=None):
        """Count a failure of ``key``; block it from the ``limit``-th on.

        The count begins anew once its first failure is ``window`` seconds
        old and the key is not blocked.
        """
        now = time.monotonic() if now is None else now
        with self._lock:
            entry = self._entry(key)
            times = entry[0]
            if times and now - times[0] > self.window and entry[1] <= now:
                times.clear()
            times.append(now)
            if len(times) >= limit:
                block = min(self.max_block, self.block * 2 ** (len(times) - limit))
                entry[1] = now + block

    def blocked(self, key, now=None):
        """Seconds ``key`` stays blocked (0: not blocked)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            entry = self._entries.get(key)
            return 0 if entry is None else max(0, entry[1] - now)

    def succeed(self, key):
        """Forget ``key``'s failures."""
        with self._lock:
            self._entries.pop(key, None)
