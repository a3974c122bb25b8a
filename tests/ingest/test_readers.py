from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest import readers
from storyline.ingest.readers import (
    ReadOptions,
    iter_inputs,
    parse_text_document,
    read_bytes,
    read_path,
)
from storyline.model import Article, Skipped


def read_file(path: str) -> Article | Skipped:
    """A single-document file yields exactly one item."""
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


HEADER_DOC = """Title: Border crossing reopens after talks
Outlet: Harbour Gazette
Date: 2023-03-14
URL: https://harbourgazette.example/2023/03/14/border-crossing

The crossing between the two countries reopened on Tuesday.

Officials from both sides met at the frontier.
"""


def test_header_block_is_metadata_not_text() -> None:
    meta, body = parse_text_document(HEADER_DOC)
    assert meta["title"] == "Border crossing reopens after talks"
    assert meta["outlet"] == "Harbour Gazette"
    assert meta["date"] == "2023-03-14"
    assert meta["url"].startswith("https://harbourgazette.example/")
    assert "Title:" not in body and body.strip().startswith("The crossing")


def test_inline_date_prefix_is_read_and_removed() -> None:
    meta, body = parse_text_document(" date 2021-05-02 Ministers met in the capital on Sunday.")
    assert meta["date"] == "2021-05-02"
    assert body.startswith("Ministers met")


def test_front_matter() -> None:
    doc = "---\ntitle: 'A headline'\ndate: 2020-01-02\n---\nBody text here.\n"
    meta, body = parse_text_document(doc)
    assert meta["title"] == "A headline" and meta["date"] == "2020-01-02"
    assert body.strip() == "Body text here."


def test_a_body_opening_with_a_colon_is_not_a_header() -> None:
    meta, body = parse_text_document("Note: the ministers met twice.\n\nMore text.")
    assert meta == {} and body.startswith("Note:")


def test_outlet_falls_back_to_url_domain_never_guessed(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "URL: https://www.example-news.example/x\n\nSome text about talks.\n", encoding="utf-8"
    )
    art = read_file(str(f))
    assert isinstance(art, Article) and art.outlet == "example-news.example"
    g = tmp_path / "b.txt"
    g.write_text("Some text without any metadata at all.\n", encoding="utf-8")
    art2 = read_file(str(g))
    assert isinstance(art2, Article) and art2.outlet is None


def test_sidecar_json_supplies_metadata(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Talks resumed in the capital.\n", encoding="utf-8")
    (tmp_path / "story.json").write_text(
        json.dumps({"outlet": "Side Paper", "date": "2019-07-01"}), encoding="utf-8"
    )
    items = list(iter_inputs([str(tmp_path)]))
    assert len(items) == 1  # the sidecar is not an input of its own
    art = items[0]
    assert (
        isinstance(art, Article) and art.outlet == "Side Paper" and art.meta["date"] == "2019-07-01"
    )
    assert art.meta["_how_date"] == "metadata"


def test_bad_inputs_are_reported_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "big.txt").write_text("word " * 3000, encoding="utf-8")
    (tmp_path / "data.xml").write_text(
        '<?xml version="1.0"?><catalog><item>x</item></catalog>', encoding="utf-8"
    )
    (tmp_path / "good.txt").write_text("A perfectly ordinary report.\n", encoding="utf-8")
    items = list(
        iter_inputs([str(tmp_path), str(tmp_path / "missing.txt")], ReadOptions(max_bytes=10_000))
    )
    reasons = {Path(i.path).name: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.bin"]
    assert "too large" in reasons["big.txt"]
    assert "XML" in reasons["data.xml"]
    assert "no such file" in reasons["missing.txt"]
    assert [Path(i.path).name for i in items if isinstance(i, Article)] == ["good.txt"]


def test_encodings(tmp_path: Path) -> None:
    text = "Çavuşoğlu met Mekdad in Belgrade.\n"
    for name, data in {
        "u8.txt": text.encode("utf-8"),
        "bom.txt": text.encode("utf-8-sig"),
        "u16.txt": text.encode("utf-16"),
        "cp.txt": "Café talks resumed.\n".encode("cp1252"),
    }.items():
        (tmp_path / name).write_bytes(data)
    arts = {Path(a.path).name: a for a in iter_inputs([str(tmp_path)]) if isinstance(a, Article)}
    assert arts["u8.txt"].text == arts["bom.txt"].text == arts["u16.txt"].text
    assert "Café" in arts["cp.txt"].text


def test_glob_and_folder_order_is_stable(tmp_path: Path) -> None:
    for n in ("b.txt", "a.txt", "sub/c.txt"):
        p = tmp_path / n
        p.parent.mkdir(exist_ok=True)
        p.write_text(f"Report {n} about a meeting.\n", encoding="utf-8")
    names = [Path(str(x)).name for x in readers.expand_paths([str(tmp_path)])]
    assert names == ["a.txt", "b.txt", "c.txt"]
    assert [Path(str(x)).name for x in readers.expand_paths([str(tmp_path / "*.txt")])] == [
        "a.txt",
        "b.txt",
    ]
    assert isinstance(next(readers.expand_paths([str(tmp_path / "*.nothing")])), Skipped)


def test_same_text_same_id_wherever_it_lives(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "one.txt").write_text(HEADER_DOC, encoding="utf-8")
    (tmp_path / "x" / "two.txt").write_text(HEADER_DOC.replace("\n", "\r\n"), encoding="utf-8")
    a, b = (read_file(str(tmp_path / "one.txt")), read_file(str(tmp_path / "x" / "two.txt")))
    assert isinstance(a, Article) and isinstance(b, Article) and a.article_id == b.article_id


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_crash_the_reader(data: bytes) -> None:
    for result in read_bytes(data, "fuzz"):
        assert isinstance(result, Article | Skipped)
        if isinstance(result, Skipped):
            assert result.reason


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_never_crashes_the_reader(text: str) -> None:
    for result in read_bytes(text.encode("utf-8", "surrogatepass"), "fuzz"):
        assert isinstance(result, Article | Skipped)


def test_legacy_encodings_are_detected_not_forced_to_cp1252(tmp_path: Path) -> None:
    ru = "Министры иностранных дел двух стран встретились во вторник в Женеве, сообщили в МИД."
    (tmp_path / "ru.txt").write_bytes(ru.encode("cp1251"))
    art = read_file(str(tmp_path / "ru.txt"))
    assert isinstance(art, Article) and art.text.strip() == ru


def test_utf8_cut_inside_its_last_character_is_still_utf8() -> None:
    data = "Çavuşoğlu met Mekdad in Belgrade on the sidelines of the summit.".encode()
    (art,) = list(read_bytes(data + "ğ".encode()[:1], "cut"))
    assert isinstance(art, Article) and art.text.startswith("Çavuşoğlu met Mekdad")
