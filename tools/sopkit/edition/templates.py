"""Where the print edition's layout is: templates/print/ in the corpus when it has its own file of that name,
else the one shipped with sopkit (tools/sopkit/templates/print/).

Example:
    >>> template_path("sop.typ", Path(".")).name
    'sop.typ'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..diagnostics import UsageError

FOLDER = Path("templates") / "print"


def template_path(name: str, root: Path | None = None) -> Path:
    """The template `name`: the corpus's own (root/templates/print/name) if it has one, else sopkit's."""
    if root is not None:
        own = Path(root) / FOLDER / name
        if own.is_file():
            return own
    shipped = Path(str(files("sopkit").joinpath("templates", "print", name)))
    if not shipped.is_file():
        raise UsageError(f"the print template {name} is missing from sopkit: reinstall it (`make check`)")
    return shipped
