"""Corpus stages: what the store's articles say together (copies, merged events, claims and
contradictions, figures, stories, monthly dyads), kept up to date one partition at a time.

``stage.py`` is the shape every stage has, ``stages.py`` the list, ``update.py`` the one loop
that runs them.
"""

from __future__ import annotations

from storyline.corpus.update import SCHEME, UpdateReport, update

__all__ = ["SCHEME", "UpdateReport", "update"]
