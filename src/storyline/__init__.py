"""storyline: a deduplicated, source-cited record of who did what to whom, when and where.

``storyline.open(db)`` opens a store read-only for analysis (``notebook.py``); it is imported on
first use so that the command line does not pay for it.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def __getattr__(name: str) -> Any:
    if name == "open":
        from storyline.notebook import open_db

        return open_db
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
