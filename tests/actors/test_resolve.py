from __future__ import annotations

from tests.conftest import analyse


def _by_text(art):
    return {m.text: m for m in art.mentions}


def test_one_person_whatever_the_spelling(ctx) -> None:
    art = analyse(
        ctx,
        "Syrian Foreign Minister Faysal Mikdad spoke first. Later, Miqdad repeated that "
        "Mekdad's position had not changed.",
        "2022-09-24",
    )
    people = {m.actor_id for m in art.mentions if m.kind == "person"}
    assert people == {"faisal-mekdad"}
    assert set(art.actors["faisal-mekdad"].aliases) >= {"Faysal Mikdad", "Miqdad", "Mekdad"}


def test_unlisted_transliteration_found_by_sound(ctx) -> None:
    art = analyse(ctx, "Foreign Minister Fayssal Meqdad arrived in Tehran on Monday.", "2022-01-10")
    assert any(
        m.actor_id == "faisal-mekdad" and m.rule in {"phonetic", "gazetteer"} for m in art.mentions
    )


def test_gazetteer_beats_spacy_labels(ctx) -> None:
    art = analyse(
        ctx,
        "Daesh fighters attacked a checkpoint, the Russian agency Sputnik reported.",
        "2022-01-01",
    )
    ids = {m.actor_id for m in art.mentions}
    assert "isis" in ids and "sputnik" in ids


def test_capitals_as_governments_or_places(ctx) -> None:
    art = analyse(
        ctx, "Ankara sought reconciliation with Damascus. The envoys met in Moscow.", "2023-01-01"
    )
    m = _by_text(art)
    assert m["Ankara"].code == "TURGOV" and not m["Ankara"].place_only
    assert m["Damascus"].code == "SYRGOV"
    assert m["Moscow"].place_only


def test_sectors_from_titles_and_nouns(ctx) -> None:
    art = analyse(
        ctx,
        "Turkish forces shelled positions. Syrian refugees crossed the border. "
        "Turkish intelligence tracked the cell. Several opposition soldiers were wounded "
        "in northern Syria.",
        "2022-01-01",
    )
    codes = {m.text: m.code for m in art.mentions}
    assert codes["Turkish forces"] == "TURMIL"
    assert codes["Syrian refugees"] == "SYRREF"
    assert codes["Turkish intelligence"] == "TURSPY"


def test_unknown_person_gets_a_code_from_the_title(ctx) -> None:
    art = analyse(
        ctx, "Syrian Foreign Minister Karim Zaydani met reporters in the capital.", "2030-01-01"
    )
    person = next(m for m in art.mentions if m.kind == "person")
    assert not person.known and person.code == "SYRGOV" and person.actor_id.startswith("u:")


def test_date_aware_codes(ctx) -> None:
    before = analyse(ctx, "Hakan Fidan travelled to Damascus.", "2022-09-15")
    after = analyse(ctx, "Hakan Fidan travelled to Damascus.", "2023-09-15")
    assert next(m.code for m in before.mentions if m.actor_id == "hakan-fidan") == "TURSPY"
    assert next(m.code for m in after.mentions if m.actor_id == "hakan-fidan") == "TURGOV"


def test_the_regime_takes_its_country_from_the_article(ctx) -> None:
    art = analyse(
        ctx, "Critics of the Assad regime protested. They said the regime must go.", "2012-01-01"
    )
    regime = [m for m in art.mentions if "regime" in m.text.lower()]
    assert regime and all(m.code == "SYRGOV" for m in regime)
