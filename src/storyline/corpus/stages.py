"""The corpus stages, in the order an update runs them.

Each reads what the ones before it changed (copy groups before merged events, merged events
before claims, stories and dyads).  A stage added here runs in every update, incremental and
full, in this process or on Ray, with no other change.
"""

from __future__ import annotations

from storyline.corpus import claims, discovery, duplicates, dyads, figures, merge, stories
from storyline.corpus.stage import Stage

STAGES: tuple[Stage, ...] = (
    duplicates.STAGE,
    discovery.STAGE,
    merge.STAGE,
    claims.STAGE,
    figures.STAGE,
    stories.STAGE,
    dyads.STAGE,
)
