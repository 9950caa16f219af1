"""Link targets: `law:<law id>[#<provision>]` for a law or one of its provisions, `sop:<section id>` for a
section of the SOP. Every target the tools write is made here, and every target they read is split here.

A law id is the law's folder under laws/ (iq/law-28-2012) and never holds `#`; what follows the first `#` is
the provision id (6.1.b). A section id is everything after `sop:`. An empty provision (`law:iq/law-28-2012#`)
names the whole law, as it always has.

Example:
    >>> law_target("iq/law-28-2012", "6.1.b")
    'law:iq/law-28-2012#6.1.b'
    >>> parse_target("law:iq/law-28-2012#6.1.b")
    LawTarget(law='iq/law-28-2012', provision='6.1.b')
    >>> parse_target(sop_target("interviewing-victims"))
    SectionTarget(section='interviewing-victims')
    >>> parse_target("https://example.org") is None
    True
"""

from __future__ import annotations

from typing import NamedTuple, Union

LAW = "law"
SOP = "sop"


class LawTarget(NamedTuple):
    """A `law:` target: a whole law (provision None) or one provision of it."""

    law: str
    provision: str | None = None

    @property
    def scheme(self) -> str:
        return LAW

    def __str__(self) -> str:
        return law_target(self.law, self.provision)


class SectionTarget(NamedTuple):
    """A `sop:` target: a section of the SOP, named by its id alone (ids are unique across chapters)."""

    section: str

    @property
    def scheme(self) -> str:
        return SOP

    def __str__(self) -> str:
        return sop_target(self.section)


Target = Union[LawTarget, SectionTarget]


def law_target(law_id: str, provision: str | None = None) -> str:
    """The target of a law (`law:iq/law-28-2012`) or of one of its provisions (`law:iq/law-28-2012#6.1.b`)."""
    return f"{LAW}:{law_id}" + (f"#{provision}" if provision else "")


def sop_target(section_id: str) -> str:
    """The target of an SOP section: `sop:interviewing-victims`."""
    return f"{SOP}:{section_id}"


def parse_target(target: str) -> Target | None:
    """What a link target names: a LawTarget, a SectionTarget, or None for any other link (https:, #anchor ...)."""
    scheme, colon, rest = target.partition(":")
    if not colon:
        return None
    if scheme == LAW:
        law_id, _, provision = rest.partition("#")
        return LawTarget(law_id, provision or None)
    if scheme == SOP:
        return SectionTarget(rest)
    return None
