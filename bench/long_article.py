"""One long article of ordinary prose through `storyline ingest` with the default limits: is it
kept, how long does it take, how much memory does it use?

    python bench/long_article.py [--mb 5] [--unpunctuated]

The prose is generated (tests/prose.py: news-like sentences in paragraphs, seeded), written to a
temporary folder and ingested into a fresh store by the real command in a child process, so the
peak RSS is that run's.  ``--unpunctuated`` writes the same words with every sentence mark and
line break taken out (the text the parser used to take as one sentence).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.prose import prose, unpunctuated  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the article (MB of text)")
    parser.add_argument("--unpunctuated", action="store_true", help="no sentence marks at all")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    # ~6 bytes per word with its space
    text = unpunctuated(size // 6) if args.unpunctuated else prose(size)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "long.txt"
        src.write_text(text, encoding="utf-8")
        db = Path(tmp) / "long.db"
        t0 = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "storyline.cli", "ingest", str(src), "--db", str(db)],
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        con = sqlite3.connect(db)
        stored = con.execute("SELECT count(*), coalesce(sum(length(text)), 0) FROM articles")
        n, chars = stored.fetchone()
        events = con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        con.close()
    kind = "unpunctuated words" if args.unpunctuated else "prose"
    print(
        f"{len(text.encode()):,} bytes of {kind} "
        f"({len(text.split()):,} words): exit {proc.returncode}, {n} article stored "
        f"({chars:,} characters), {events} event reports, {took:.0f} s, peak RSS {peak:.0f} MB"
    )
    if proc.returncode != 0:
        print(proc.stderr[-2000:])


if __name__ == "__main__":
    main()
