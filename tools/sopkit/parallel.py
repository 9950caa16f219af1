"""Spread independent per-item work over the machine's cores.

Workers are forked, so they inherit the loaded corpus (or the bytes the loader read): only item numbers go out
and only results come back (a diagnostic list, a set of cited provisions, a parse result as JSON text), never
the model. Small inputs, and platforms without fork, run in this process: the results are the same either way,
in the same order.
"""

from __future__ import annotations

import os

MIN_ITEMS = 200  # below this, starting workers costs more than it saves

_work = None  # (function, items) for the forked workers to find


def workers_for(count: int) -> int:
    """How many forked workers `count` items are worth: 0 when they are few, the machine has one core, or the
    platform cannot fork (the work is then done in this process)."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or count < MIN_ITEMS:
        return 0
    import multiprocessing

    return workers if "fork" in multiprocessing.get_all_start_methods() else 0


def map_items(function, items: list) -> list:
    """[function(item) for item in items], on several cores when there are at least MIN_ITEMS items."""
    global _work
    workers = workers_for(len(items))
    if not workers:
        return [function(item) for item in items]
    import multiprocessing

    _work = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (workers * 4)))
    finally:
        _work = None


def _run(index: int):
    function, items = _work
    return function(items[index])
