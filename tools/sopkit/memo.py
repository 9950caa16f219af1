"""Results of per-item work kept between runs of a check session (`sop check --watch`).

The loader gives an unchanged file the very objects it gave last time, so a pass can reuse what it computed
for an object. An entry holds the object itself (so a recycled id() can never match a dead object) and a token
for what else the result depends on (the laws, for a chapter's citations), compared with ==.
"""

from __future__ import annotations


class Memo:
    def __init__(self) -> None:
        self._entries: dict = {}
        self._touched: set = set()
        self.hits = 0
        self.misses = 0

    def get(self, kind: str, item, compute, token=None):
        """compute(item), or its result from an earlier run for this same object and an equal token."""
        key = (kind, id(item))
        self._touched.add(key)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is item and entry[1] == token:
            self.hits += 1
            return entry[2]
        self.misses += 1
        result = compute(item)
        self._entries[key] = (item, token, result)
        return result

    def prune(self) -> None:
        """Forget what this run did not ask for (files removed or changed)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._touched}
        self._touched = set()


def memoized(memo: Memo | None, kind: str, item, compute, token=None):
    """compute(item) through `memo` when there is one."""
    return compute(item) if memo is None else memo.get(kind, item, compute, token)
