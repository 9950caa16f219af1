"""Spread independent per-item work over the machine's cores.

Workers are forked, so they inherit the loaded corpus: only item numbers go out and only results come back (a
diagnostic list, a set of cited provisions), never the model. Small inputs, and platforms without fork, run in
this process: the results are the same either way, in the same order.
"""

from __future__ import annotations

import os

MIN_ITEMS = 200  # below this, starting workers costs more than it saves

_work = None  # (function, items) for the forked workers to find


def map_items(function, items: list) -> list:
    """[function(item) for item in items], on several cores when there are at least MIN_ITEMS items."""
    global _work
    workers = min(os.cpu_count() or 1, 8)
    import multiprocessing

    if workers < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    _work = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (workers * 4)))
    finally:
        _work = None


def _run(index: int):
    function, items = _work
    return function(items[index])
