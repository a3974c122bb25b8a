"""Issue 17, at the reader: an input that is bad in one way costs itself (or the one record that
is bad), is reported with its name and reason, and never takes the rest of its file along."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from storyline.ingest.base import ReadOptions
from storyline.ingest.clean import clean_article
from storyline.ingest.dates import date_article
from storyline.ingest.detect import Kind, sniff
from storyline.ingest.readers import expand_paths, read_bytes, read_path, read_source
from storyline.ingest.records import read_csv, read_json
from storyline.ingest.warc import read_warc
from storyline.model import Article, Skipped
from tests.hostile import GOOD_A, GOOD_B, deep_json, jsonl, warc, write


def _split(items: list[Article | Skipped]) -> tuple[list[Article], dict[str, str]]:
    return (
        [i for i in items if isinstance(i, Article)],
        {i.path: i.reason for i in items if isinstance(i, Skipped)},
    )


# ---- A: deep JSON --------------------------------------------------------------------------
def test_a_json_nested_2000_deep_is_one_skipped_input() -> None:
    arts, skipped = _split(list(read_bytes(deep_json(), "d.json")))
    assert arts == [] and "nested too deeply" in skipped["d.json"]


def test_a_deep_line_in_json_lines_costs_that_line_only() -> None:
    data = jsonl({"text": GOOD_A}, deep_json().strip(), {"text": GOOD_B})
    arts, skipped = _split(list(read_bytes(data, "d.jsonl")))
    assert [a.text for a in arts] == [GOOD_A, GOOD_B]
    assert "nested too deeply" in skipped["d.jsonl#L2"]


def test_a_deep_record_inside_an_array_is_reported_and_the_records_before_it_kept() -> None:
    data = b'[{"text": "%s"}, ' % GOOD_A.encode() + deep_json(3000).strip() + b"]"
    arts, skipped = _split(list(read_bytes(data, "d.json")))
    assert [a.text for a in arts] == [GOOD_A]
    assert "nested too deeply" in skipped["d.json#2"] and "rest of the file" in skipped["d.json#2"]


# ---- C: record and report caps ---------------------------------------------------------------
def test_c_records_and_skip_reports_are_capped_per_input_with_a_summary() -> None:
    data = b"[" + b"{}," * 249 + b"{}]"
    opts = ReadOptions(max_skip_reports=10)
    items = list(read_bytes(data, "many.json", opts))
    assert len(items) == 11
    assert [i.path for i in items[:10]] == [f"many.json#{n}" for n in range(1, 11)]
    assert "240 more records skipped" in items[10].reason  # type: ignore[union-attr]
    assert "no text field" in items[10].reason  # type: ignore[union-attr]
    capped = list(read_bytes(data, "many.json", ReadOptions(max_records=100, max_skip_reports=5)))
    reasons = [i.reason for i in capped if isinstance(i, Skipped)]
    assert any("more than 100 records" in r for r in reasons)
    assert any("95 more records skipped" in r for r in reasons)


def test_c_a_json_array_is_read_one_record_at_a_time() -> None:
    """Records come out while the array is still being read: the reader never holds it whole."""

    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.sent = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            first = b'[{"text": "%s"},' % GOOD_A.encode()
            piece = first if self.sent == 0 else b"{}," * (len(buffer) // 3)
            buffer[: len(piece)] = piece
            self.sent += len(piece)
            return len(piece)

    stream = Endless()
    items = read_json(io.BufferedReader(stream), "endless.json", ReadOptions())
    first = next(items)
    assert isinstance(first, Article) and first.text == GOOD_A
    for _ in range(100_000):
        next(items)
    assert stream.sent < 20_000_000  # read as it goes, not to the end (there is none)


# ---- D: stdin and pipes are read forward only -------------------------------------------------
class _Pipe(io.RawIOBase):
    """A stream that cannot seek, like stdin from a pipe."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self.data.read(min(len(buffer), 4096))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_d_a_pipe_is_read_without_rewinding_or_copying() -> None:
    data = gzip.compress(jsonl({"text": GOOD_A}, {"text": GOOD_B}))
    arts, skipped = _split(list(read_source(io.BufferedReader(_Pipe(data)), "<stdin>")))
    assert [a.text for a in arts] == [GOOD_A, GOOD_B] and not skipped
    big = b"a" * (6 * 1024 * 1024)
    (item,) = list(read_source(io.BufferedReader(_Pipe(big)), "<stdin>"))
    assert isinstance(item, Skipped) and "too large" in item.reason


# ---- E: a NUL line ---------------------------------------------------------------------------
def test_e_a_nul_line_costs_that_line_not_the_file() -> None:
    data = jsonl({"text": GOOD_A}) + b"\x00\n" + jsonl({"text": GOOD_B})
    assert sniff(data)[0] is Kind.JSONL
    arts, skipped = _split(list(read_bytes(data, "n.jsonl")))
    assert [a.text for a in arts] == [GOOD_A, GOOD_B]
    assert "NUL" in skipped["n.jsonl#L2"]


# ---- F: one stray byte -----------------------------------------------------------------------
def test_f_one_stray_byte_does_not_make_the_text_latin1() -> None:
    text = "Türkiye's intelligence chief met his Syrian counterpart in Damascus, reports said."
    data = text.replace("Damascus", "Dam\udcffascus").encode("utf-8", "surrogateescape")
    (art,) = list(read_bytes(data, "s.txt"))
    assert isinstance(art, Article)
    assert "Türkiye" in art.text and "Dam\ufffdascus" in art.text and "Ã" not in art.text
    assert any("1 byte not valid UTF-8 replaced" in n for n in art.notes)


def test_f_text_with_no_utf8_sequence_at_all_is_left_to_legacy_detection() -> None:
    data = ("Министры встретились в Москве в понедельник, сообщили чиновники. " * 20).encode(
        "cp1251"
    )
    (art,) = list(read_bytes(data, "legacy.txt"))
    assert isinstance(art, Article) and "Москве" in art.text
    assert "\ufffd" not in art.text and not art.notes


# ---- G: relative dates -----------------------------------------------------------------------
@pytest.mark.parametrize("stated", ["yesterday", "tomorrow", "in 3 days", "last Friday", "March 3"])
def test_g_a_relative_header_date_is_no_date(stated: str) -> None:
    (art,) = list(read_bytes(f"Date: {stated}\n\n{GOOD_A}\n".encode(), "rel.txt"))
    assert isinstance(art, Article)
    dated = date_article(art)
    assert dated.published is None and dated.published_how == "none"
    assert any("relative" in n and stated in n for n in dated.notes)


def test_g_stated_dates_still_parse() -> None:
    for stated, day in (("2020-03-02", "2020-03-02"), ("Mon, 02 Mar 2020", "2020-03-02")):
        (art,) = list(read_bytes(f"Date: {stated}\n\n{GOOD_A}\n".encode(), "d.txt"))
        assert date_article(art).published == day  # type: ignore[arg-type]


# ---- H: a feed with an inline DTD ----------------------------------------------------------
DTD_FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Harbour&nbsp;Gazette</title>
<item><title>Talks in Moscow</title><link>https://hg.example/1</link>
<pubDate>Mon, 02 Mar 2020 10:00:00 GMT</pubDate><description>{GOOD_A} &secret;</description></item>
<item><title>Talks in Ankara</title><link>https://hg.example/2</link>
<pubDate>Fri, 06 Mar 2020 10:00:00 GMT</pubDate><description>{GOOD_B}</description></item>
</channel></rss>
"""


def test_h_a_feed_with_an_inline_dtd_is_a_feed_and_external_entities_stay_unread() -> None:
    assert sniff(DTD_FEED.encode())[0] is Kind.FEED
    arts, skipped = _split(list(read_bytes(DTD_FEED.encode(), "dtd.xml")))
    assert [a.title for a in arts] == ["Talks in Moscow", "Talks in Ankara"] and not skipped
    assert "root:" not in arts[0].text  # the SYSTEM entity was never fetched


# ---- B, M: names and globs ---------------------------------------------------------------------
def test_b_a_file_name_that_is_not_utf8_is_stored_escaped_with_its_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, b"x\xff.txt", GOOD_A.encode())
    (art,) = list(read_path(str(path)))
    assert isinstance(art, Article)
    art.path.encode("utf-8")  # storable: no surrogates left
    assert art.path.endswith("x\\xff.txt")
    assert any(os.fsencode(path).hex() in n for n in art.notes)


def test_m_each_file_once_however_often_a_glob_reaches_it(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    deep = folder / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    for level in (folder, folder / "a", folder / "a" / "b", folder / "a" / "b" / "c", deep):
        (level / "f.txt").write_text(f"{GOOD_A} ({level.name})\n")
    (folder / "a" / "loop").symlink_to("..")
    items = list(expand_paths([f"{folder}/**", str(folder), str(deep / "f.txt")]))
    files = [i for i in items if isinstance(i, str)]
    assert len(files) == 5 and len(set(files)) == 5
    assert all(not isinstance(i, Skipped) or "loop" in i.reason for i in items)


# ---- N: WARC lengths and CSV quotes --------------------------------------------------------------
PAGES = [(f"https://w.example/{i}", f"{GOOD_A} Report number {i}.") for i in range(3)]


@pytest.mark.parametrize("off_by", [40, 400, -40])
def test_n_a_warc_record_with_a_wrong_length_is_reported(off_by: int) -> None:
    items = list(read_warc(io.BytesIO(warc(PAGES, {1: off_by})), "w.warc", ReadOptions()))
    arts, skipped = _split(items)
    assert "Content-Length" in skipped["w.warc#record2"]
    assert "number 0" in arts[0].text
    assert all("number 1" not in a.text for a in arts)  # never stored cut or glued
    if off_by < 0:
        assert "number 2" in arts[-1].text  # a short record: the next one is still read
    else:
        assert len(arts) == 1  # the record that ran into the next is reported, not stored


def test_n_a_good_warc_is_read_whole() -> None:
    arts, skipped = _split(list(read_warc(io.BytesIO(warc(PAGES)), "w.warc", ReadOptions())))
    assert len(arts) == 3 and not skipped


def test_n_a_broken_csv_quote_is_reported_never_merged() -> None:
    data = (
        b"title,text\n"
        b'"One","Turkey and Syria met in Moscow on Monday, officials said.\n'
        b'"Two","Syria and Turkey talked again in Ankara, officials said."\n'
        b'"Three","Iran and Russia met in Tehran on Friday, officials said."\n'
    )
    arts, skipped = _split(list(read_csv(io.BytesIO(data), "b.csv", ReadOptions())))
    assert [a.title for a in arts] == ["Three"]
    (reason,) = skipped.values()
    assert "malformed CSV" in reason and "lines 2-3" in reason and "b.csv#row1" in skipped
    assert all("\n" not in a.text for a in arts)


def test_n_a_csv_row_with_more_fields_than_the_header_is_reported() -> None:
    data = b"title,text\nOne,Turkey and Syria met, officials said.\nTwo,Syria and Iran met.\n"
    arts, skipped = _split(list(read_csv(io.BytesIO(data), "f.csv", ReadOptions())))
    assert [a.title for a in arts] == ["Two"]
    assert "3 fields but the header names 2" in skipped["f.csv#row1"]


# ---- Q: bidi controls --------------------------------------------------------------------------
def test_q_bidi_overrides_and_isolates_are_cleaned_out() -> None:
    text = "Turkey \u202eand\u202c Syria \u2066met\u2069 in\u200f Moscow \u202aon\u202c Monday."
    art = clean_article(Article("q", "q.txt", text, title="A \u202etitle"))
    assert art.text == "Turkey and Syria met in Moscow on Monday."
    assert art.title == "A title"


def test_c_a_feed_bomb_is_refused_before_it_is_parsed() -> None:
    """feedparser holds every entry (~1 KB even when empty): 2 million took 1.9 GB."""
    items = b"<item><title>t</title></item>" * 10_001
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
    data += items + b"</channel></rss>"
    (skip,) = list(read_bytes(data, "bomb.xml"))
    assert isinstance(skip, Skipped) and "more than 10,000 entries" in skip.reason
