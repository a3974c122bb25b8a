"""Issue 17, as a property: good and bad inputs in any order and any batch size.

Whatever the mix, every good input is stored, every bad one is reported by name, the command
exits 1 (finished, some inputs skipped) and nothing escapes as a traceback.  The command runs
in this process (typer's runner) so spaCy loads once for all examples.
"""

from __future__ import annotations

import gzip
import itertools
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline.cli import app, shown
from tests.hostile import deep_json, jsonl, warc, write
from tests.prose import prose

_texts = itertools.count()


def _text() -> str:
    """A report no other input of the run repeats (articles are keyed by their content)."""
    return prose(500, seed=next(_texts)).replace("\n\n", " ").strip()


@dataclass
class Input:
    name: str | bytes
    data: bytes
    good: int = 0  # articles it should give
    bad: list[str] = field(default_factory=list)  # suffixes of the names it should report


def good_text() -> Input:
    return Input("report.txt", f"Title: A report\n\n{_text()}\n".encode(), good=1)


def good_gzip_jsonl() -> Input:
    return Input("dump.jsonl.gz", gzip.compress(jsonl({"text": _text()}, {"text": _text()})), 2)


def good_odd_name() -> Input:
    return Input(b"caf\xe9-\xff.txt", _text().encode(), good=1)


def bad_empty() -> Input:
    return Input("empty.txt", b"", bad=[""])


def bad_binary() -> Input:
    return Input("blob.bin", bytes(range(256)) * 8, bad=[""])


def bad_deep_json() -> Input:
    return Input("deep.json", deep_json(), bad=[""])


def bad_nul_line() -> Input:
    data = jsonl({"text": _text()}) + b"\x00\x00\n" + jsonl({"text": _text()})
    return Input("nul.jsonl", data, good=2, bad=["#L2"])


def bad_csv_quote() -> Input:
    data = f'title,text\n"One","{_text()}\n"Two","{_text()}"\n"Three","{_text()}"\n'.encode()
    return Input("quote.csv", data, good=1, bad=["#row1"])


def bad_warc_length() -> Input:
    pages = [(f"https://w.example/{i}", _text()) for i in range(3)]
    return Input("crawl.warc", warc(pages, {1: -40}), good=2, bad=["#record2"])


def bad_records() -> Input:
    data = b'[{"title": "no text"}, {"text": "%s"}, 7]' % _text().encode()
    return Input("records.json", data, good=1, bad=["#1", "#3"])


def bad_html() -> Input:
    return Input(
        "menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", bad=[""]
    )


def bad_forging_name() -> Input:
    return Input("x\nskipped forged.txt: fine", b"\x00\x01\x02", bad=[""])


GOOD: list[Callable[[], Input]] = [good_text, good_gzip_jsonl, good_odd_name]
BAD: list[Callable[[], Input]] = [
    bad_empty,
    bad_binary,
    bad_deep_json,
    bad_nul_line,
    bad_csv_quote,
    bad_warc_length,
    bad_records,
    bad_html,
    bad_forging_name,
]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    good=st.lists(st.sampled_from(GOOD), min_size=1, max_size=3),
    bad=st.lists(st.sampled_from(BAD), min_size=1, max_size=4),
    order=st.randoms(use_true_random=False),
    batch_size=st.integers(min_value=1, max_value=5),
)
def test_mixed_batches_store_every_good_input_and_report_every_bad_one(
    good: list[Callable[[], Input]],
    bad: list[Callable[[], Input]],
    order: object,
    batch_size: int,
) -> None:
    inputs = [make() for make in good + bad]
    order.shuffle(inputs)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, item in enumerate(inputs):
            folder = Path(tmp) / f"in{n}"  # each input its own folder: names may repeat
            folder.mkdir()
            paths.append(write(folder, item.name, item.data))
        db = Path(tmp) / "mixed.db"
        result = CliRunner().invoke(
            app,
            ["ingest", *map(str, paths), "--db", str(db), "--batch-size", str(batch_size)],
        )
        assert isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 1, result.stderr[-3000:]
        assert "Traceback" not in result.output
        con = sqlite3.connect(db)
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
    assert stored == sum(i.good for i in inputs)
    reported = [ln for ln in result.stderr.splitlines() if ln.startswith("skipped ")]
    assert len(reported) == sum(len(i.bad) for i in inputs)
    for path, item in zip(paths, inputs, strict=True):
        for suffix in item.bad:
            assert f"skipped {shown(_stored_name(path) + suffix)}: " in result.stderr


def _stored_name(path: Path) -> str:
    from storyline.ingest.base import storable_name

    return storable_name(str(path))
