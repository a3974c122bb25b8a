"""The PETRARCH/Phoenix dictionary importer: our own small dictionaries, and PETRARCH's
validation dictionaries when ../shared/eval is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.actors.kb import KnowledgeError, load_kb
from storyline.actors.petrarch import (
    PetrarchError,
    load_petrarch,
    read_actor_dictionary,
    read_agent_dictionary,
    split_codes,
)
from storyline.pipeline import Context
from tests.conftest import SHARED, analyse

UNITTEST = SHARED / "eval" / "petrarch-unittest"

ACTORS = """\
<!-- a dictionary written for this test -->
<!-- a comment that runs
over two lines -->
VALDORIA_  [VLD]  # a country
+VALDORIAN
+PORT_ESKER ; its capital, TABARI-style comment

OSKAR_BRENN
+BRENN
\t[VLDOPP <19991231]
\t[VLDGOV 20000101-20051231]
\t[VLDGOV 20030301-20030310]
\t[VLDELI >20060101]

MIRA TALLEN [VLDMED]
\t[VLDGOV 120101-121231]

GREY_FRIARS [---]
ILSE_VARGA [VLD]  # a person the dictionary knows only by country
KESTREL_LEAGUE [VLD/KST]
BROKEN_LINE
\t[VLD 2010-01-01]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
HARBOUR_MASTER [~GOV]
ALDER{!PERSON!} [~LEG]
CONGRESS!PERSON! [~LEG]
POLICE {} [~COP]
RIGHTS_BODY {RIGHTS_BODIES} [NGO~]
NAVY [~MILNAV]
"""


@pytest.fixture()
def dicts(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "mine.actors.txt"
    a.write_text(ACTORS, encoding="utf-8")
    g = tmp_path / "mine.agents.txt"
    g.write_text(AGENTS, encoding="utf-8")
    return a, g


def test_actor_records(dicts: tuple[Path, Path], caplog: pytest.LogCaptureFixture) -> None:
    records = {r.phrases[0]: r for r in read_actor_dictionary(dicts[0])}
    assert records["VALDORIA"].phrases == ["VALDORIA", "VALDORIAN", "PORT ESKER"]
    assert records["VALDORIA"].default == "VLD"
    brenn = records["OSKAR BRENN"]
    assert brenn.default is None and [r.code for r in brenn.restrictions] == [
        "VLDOPP",
        "VLDGOV",
        "VLDGOV",
        "VLDELI",
    ]
    assert (brenn.restrictions[1].start, brenn.restrictions[1].end) == ("2000-01-01", "2005-12-31")
    # YYMMDD: 00-30 is this century
    assert records["MIRA TALLEN"].restrictions[0].start == "2012-01-01"
    assert split_codes(records["KESTREL LEAGUE"].default) == ["VLD", "KST"]
    # a date that is not YYYYMMDD is reported and skipped, not guessed
    assert records["BROKEN LINE"].restrictions == []
    assert "not understood" in caplog.text


def test_dated_codes_follow_petrarch_rules(dicts: tuple[Path, Path]) -> None:
    kb = load_petrarch([dicts[0]])
    brenn = "dict:oskar-brenn"
    assert kb.code_for(brenn, "1999-12-31") == "VLDOPP"  # "<" includes its day
    assert kb.code_for(brenn, "2000-01-01") == "VLDGOV"
    assert kb.code_for(brenn, "2006-01-01") == "VLDELI"
    assert kb.code_for(brenn, None) is None  # no default code: uncoded when undated
    mira = "dict:mira-tallen"
    assert kb.code_for(mira, "2012-06-01") == "VLDGOV"
    assert kb.code_for(mira, "2014-06-01") == "VLDMED"  # outside the interval: the default
    assert kb.code_for("dict:grey-friars", "2014-06-01") is None  # the null code
    # a three-letter code is a country-like identity: its synonyms are one actor
    assert kb.aliases[("port", "esker")][0].actor_id == "VLD"
    assert kb.entries["VLD"].kind == "country"


def test_agent_records(dicts: tuple[Path, Path]) -> None:
    records = {r.phrases[0]: r for r in read_agent_dictionary(dicts[1])}
    assert records["HARBOUR MASTER"].phrases == ["HARBOUR MASTER", "HARBOUR MASTERS"]
    assert records["POLICE"].phrases == ["POLICE"]  # {} means no plural
    assert records["RIGHTS BODY"].phrases == ["RIGHTS BODY", "RIGHTS BODIES"]
    assert records["RIGHTS BODY"].prefix and records["RIGHTS BODY"].code == "NGO"
    assert set(records["CONGRESSMAN"].phrases) == {
        "CONGRESSMAN",
        "CONGRESSMEN",
        "CONGRESSWOMAN",
        "CONGRESSWOMEN",
    }


def test_dictionaries_drive_resolution(ctx: Context, dicts: tuple[Path, Path]) -> None:
    kb = load_petrarch([dicts[0]], [dicts[1]])
    mine = Context(knowledge=kb)
    mine._nlp = ctx.nlp
    art = analyse(mine, "Oskar Brenn met the Valdorian harbour master in Port Esker.", "2001-05-02")
    codes = {m.text: m.code for m in art.mentions}
    assert codes["Oskar Brenn"] == "VLDGOV"
    assert codes["Valdorian harbour master"] == "VLDGOV"


def test_title_names_the_office_of_a_person_listed_by_country(
    ctx: Context, dicts: tuple[Path, Path]
) -> None:
    """A name the dictionary lists only with its country is the country's government when
    an office title stands right before it; alone it keeps the dictionary's code."""
    kb = load_petrarch([dicts[0]], [dicts[1]])
    mine = Context(knowledge=kb)
    mine._nlp = ctx.nlp
    art = analyse(
        mine, "The Valdorian harbour master Ilse Varga opened the new port.", "2001-05-02"
    )
    assert {m.text: m.code for m in art.mentions}["Ilse Varga"] == "VLDGOV"
    art = analyse(mine, "Valdoria's new harbour master Ilse Varga spoke.", "2001-05-02")
    assert {m.text: m.code for m in art.mentions}["Ilse Varga"] == "VLDGOV"
    art = analyse(mine, "Ilse Varga opened the new port on Monday.", "2001-05-02")
    assert {m.text: m.code for m in art.mentions}["Ilse Varga"] == "VLD"


def test_layered_over_our_knowledge_base(dicts: tuple[Path, Path]) -> None:
    base = load_kb()
    kb = load_petrarch([dicts[0]], [dicts[1]], base=base)
    assert "TUR" in kb.entries and "VLD" in kb.entries
    assert "VLD" not in base.entries  # the base is copied, not changed
    # and through load_kb's extra files (what --actors-dict uses)
    both = load_kb([str(dicts[0]), str(dicts[1])])
    assert ("harbour", "master") in both.agents and "VLD" in both.entries


def test_unreadable_dictionary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PetrarchError, match="cannot read"):
        read_actor_dictionary(tmp_path / "missing.txt")
    bad = tmp_path / "bad.yaml"
    bad.write_text("people: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_kb([str(bad)])


@pytest.mark.skipif(not UNITTEST.is_dir(), reason="../shared/eval/petrarch-unittest not present")
def test_petrarch_validation_dictionaries() -> None:
    actors = sorted(UNITTEST.glob("PETR.Validate.actors.txt"))
    agents = sorted(UNITTEST.glob("PETR.Validate.agents.txt"))
    kb = load_petrarch(actors, agents)
    assert len(read_actor_dictionary(actors[0])) > 100
    sam, hamfast = "dict:sam-gamgee", "dict:hamfast-gamgee"
    # The date cases of PETRARCH's unit tests (DATE-01 ... DATE-13), by their rules.
    assert kb.code_for(sam, "1995-01-04") == "HOBCIV"
    assert kb.code_for(sam, "2008-01-19") == "HOBCIV"
    assert kb.code_for(sam, "2010-01-06") == "HOBMIL"
    assert kb.code_for(sam, "2010-01-09") == "ORCHOB"  # the earlier-written interval wins
    assert kb.code_for(sam, "2010-01-13") == "HOBMIL"
    assert kb.code_for(sam, "2012-12-31") == "HOBGOV"
    assert kb.code_for(hamfast, "1995-01-04") == "HOB"
    assert kb.code_for(hamfast, "2012-11-09") == "HOBGOV"
    assert kb.code_for(hamfast, "2014-01-04") == "HOB"
    gollum = kb.aliases[("slinker",)][0].actor_id
    assert kb.code_for(gollum, "1995-11-01") == "HOBGOV"
    assert kb.code_for(gollum, "2001-01-01") == "HOBREB"
    assert kb.entries[kb.aliases[("minas", "tirith")][0].actor_id].code == "GON"
    assert kb.agents[("foreign", "minister")] == "GOVFRM"
    assert kb.agents[("human", "rights", "bodies")] == "NGO~"
