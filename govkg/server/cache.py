"""A byte-bounded LRU cache of finished replies, valid because the served store is read-only.

Workers open the store read-only (a RocksDB snapshot of the last build), so the same
request always gets the same answer while the server runs: a repeated query (a dashboard,
a named query page) is answered without a worker. Only 200 replies are kept, each at most
a tenth of the budget; `govkg serve --cache-mb 0` turns the cache off. Restart the server
after `govkg build` to serve the new graph.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from govkg.server.engine import Reply

Key = tuple[tuple[str, Any], ...]


def request_key(request: dict[str, Any]) -> Key:
    """A hashable key for a request dict (lists and dicts frozen)."""

    def frozen(value: Any) -> Any:
        if isinstance(value, dict):
            return tuple(sorted((k, frozen(v)) for k, v in value.items()))
        return tuple(value) if isinstance(value, list) else value

    return tuple(sorted((k, frozen(v)) for k, v in request.items()))


class ReplyCache:
    """Replies by request, least recently used dropped first once over `budget` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget, self.size = budget, 0
        self._items: OrderedDict[Key, Reply] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def peek(self, key: Key) -> Reply | None:
        """The cached reply for a request key, if any (counted as a hit or a miss)."""
        if self.budget <= 0:
            return None
        with self._lock:
            reply = self._items.get(key)
            if reply is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return reply

    def remember(self, key: Key, reply: Reply) -> None:
        """Keep a 200 reply that fits in a tenth of the budget."""
        if self.budget > 0 and reply.status == 200 and len(reply.body) <= self.budget // 10:
            self._keep(key, reply)

    def get_or_run(self, request: dict[str, Any], run: Callable[[dict[str, Any]], Reply]) -> Reply:
        """The cached reply for this request, else run it (and keep a 200 reply)."""
        key = request_key(request)
        reply = self.peek(key)
        if reply is None:
            reply = run(request)
            self.remember(key, reply)
        return reply

    def _keep(self, key: Key, reply: Reply) -> None:
        """Store a reply and evict the oldest ones over budget."""
        with self._lock:
            if key in self._items:
                return
            self._items[key] = reply
            self.size += len(reply.body)
            while self.size > self.budget and self._items:
                _, old = self._items.popitem(last=False)
                self.size -= len(old.body)
