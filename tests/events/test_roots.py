"""One sentence per CAMEO root family, and the statement rules (intent, threat, demand,
refusal), written for these tests.  The main coded event of each sentence is checked, so a
pattern or rule change that breaks a family shows here."""

from __future__ import annotations

import pytest

from storyline.events.coding import main_code, sentence_codes
from storyline.model import Event
from tests.conftest import analyse


def _main(ctx, text: str, pub: str | None = "2021-04-14") -> str:
    art = analyse(ctx, text, pub)
    m = main_code(sentence_codes(art, ctx.kb, ctx.patterns))
    return m.code if m else "--"


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The Chilean rebels claimed responsibility for the blast near the port.", "01"),
        ("Spain urged Morocco to reopen its border crossings.", "02"),
        ("Japan pledged to provide flood relief to Bangladesh.", "03"),
        ("Estonia's president met the Latvian prime minister in Riga on Monday.", "04"),
        ("Kenya and Ethiopia signed a border agreement on Tuesday.", "05"),
        ("Norway shared intelligence with Denmark about the smuggling ring.", "06"),
        ("Canada sent medical supplies to Haiti after the storm.", "07"),
        ("Ecuadorian authorities lifted the curfew in Quito on Sunday.", "08"),
        ("Brazil's prosecutors opened an investigation into the mining company.", "09"),
        ("Peru demanded that Bolivia hand over the suspects.", "10"),
        ("Sweden condemned Belarus over the detention of journalists.", "11"),
        ("Hungary rejected the European Commission's proposal on asylum quotas.", "12"),
        ("Pakistan threatened to close its airspace to Indian airlines.", "13"),
        ("Thousands of students demonstrated in Santiago against the pension reform.", "14"),
        ("Greece deployed additional troops to its border with Turkey.", "15"),
        ("Lithuania expelled two Russian diplomats on Friday.", "16"),
        ("Police arrested forty protesters in central Minsk.", "17"),
        ("Gunmen kidnapped three aid workers in northern Mali.", "18"),
        ("Azerbaijani artillery shelled Armenian positions overnight.", "19"),
        ("Militias carried out a massacre of villagers in the province.", "20"),
    ],
)
def test_each_root_family(ctx, text: str, root: str) -> None:
    assert _main(ctx, text)[:2] == root


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A promised cooperative act is an intent (03x), a promised coercive act a threat (13x).
        ("Finland will give Tanzania a grant to build two clinics.", "0331"),  # money: economic
        ("Portugal will support Ireland's candidacy, its foreign minister said.", "032"),
        ("Iran said it would shell the border villages unless the raids stopped.", "1384"),
        ("Greece plans to impose restrictions on imports from the region.", "132"),
        # "X said Y must ..." is a demand by X, whatever Y's verb.
        ("The French president said Iraq must cooperate fully with the inspectors.", "101"),
        ("Russia said Sudan must return the seized helicopter.", "1053"),
        # A violent act's code follows who did it and with what.
        ("Two suicide bombers killed eleven people at a market in Baghdad.", "1831"),
        ("A roadside bombing killed two soldiers near Kandahar.", "1833"),
        ("Rebel fighters attacked an army base in the north.", "180"),
        ("Government troops attacked rebel positions in the north.", "190"),
        # condolences or an apology offered are what they are, not an offer to act
        ("The Dutch envoy offered his condolences to the victims' families.", "018"),
        ("Japan offered a formal apology to South Korea on Monday.", "055"),
        # a plane is hijacked; a debate "hijacked" seizes no one
        ("Gunmen hijacked a Peruvian bus near Cusco on Monday.", "181"),
        # a deal struck is an agreement, not a blow
        ("Peru struck a deal with its main creditors on Monday.", "057"),
        # Failing or refusing to do a cooperative act is a rejection.
        ("Serbia and Kosovo failed to reach an agreement after long talks.", "120"),
        ("The vice-president declined to resign despite the scandal.", "124"),
    ],
)
def test_statement_and_specific_codes(ctx, text: str, code: str) -> None:
    assert _main(ctx, text) == code


def test_negated_intent_is_a_refusal_for_classification_only(ctx) -> None:
    text = "Colombia will not lift the ban on the armed group."
    assert _main(ctx, text)[:2] == "12"
    evs: list[Event] = analyse(ctx, text, "2021-04-14").events
    assert all(e.polarity == "negated" and e.modality == "intent" for e in evs)


def test_intent_events_keep_their_modality(ctx) -> None:
    # A scheduled visit is a visit that has not happened yet: its own code, never a fact.
    evs = analyse(ctx, "Chile's president will visit Argentina next week.", "2021-04-14").events
    assert [(e.cameo, e.modality) for e in evs] == [("042", "intent")]
    assert evs[0].date_precision in {"month", "day", "published"}
    # A stated wish to visit is the expression of an intent (036).
    evs = analyse(ctx, "Chile's president wants to visit Argentina.", "2021-04-14").events
    assert [(e.cameo, e.modality) for e in evs] == [("036", "intent")]


def test_conditional_wish_is_an_intent_not_a_fact(ctx) -> None:
    evs = analyse(
        ctx,
        "The newspaper reported that the Egyptian president had expressed his desire to meet "
        "the Sudanese leader if he came to the summit.",
        "2021-04-14",
    ).events
    assert evs and all(e.modality == "intent" and e.root == "03" for e in evs)


def test_demand_clause_roles_speaker_demands_of_subject(ctx) -> None:
    evs = analyse(ctx, "Germany said Poland must withdraw the new media law.", "2021-04-14").events
    demand = [e for e in evs if e.root == "10"]
    assert demand and demand[0].source.code.startswith("DEU")
    assert demand[0].target.code.startswith("POL")


def test_whom_one_pushes_for_something_is_the_target_of_the_demand(ctx) -> None:
    (ev,) = analyse(ctx, "Brazil pushed Argentina for lower tariffs on wheat.", "2021-04-14").events
    assert (ev.source.code, ev.target.code, ev.cameo) == ("BRA", "ARG", "100")
    (ev,) = analyse(ctx, "Brazil pushed for lower tariffs on wheat.", "2021-04-14").events
    assert ev.source.code == "BRA" and ev.target is None and ev.cameo == "100"


def test_talks_held_between_two_sides(ctx) -> None:
    (ev,) = analyse(
        ctx,
        "This follows the talks held between Greek and Turkish defence ministers in Brussels "
        "in December.",
        "2023-05-02",
    ).events
    assert {ev.source.code[:3], ev.target.code[:3]} == {"GRC", "TUR"}
    assert (ev.date, ev.date_precision) == ("2022-12", "month")
    assert ev.location is not None and ev.location.name == "Brussels" and ev.cameo == "044"


def test_restated_event_takes_the_date_the_article_gave_it(ctx) -> None:
    text = (
        "The Japanese foreign minister met his Chinese counterpart in Bangkok in March.\n\n"
        "The brief meeting was the first time the Japanese minister met a Chinese official "
        "in two years."
    )
    evs = analyse(ctx, text, "2021-06-10").events
    jpn_chn = [e for e in evs if {e.source.code[:3], (e.target.code or "")[:3]} == {"JPN", "CHN"}]
    assert len(jpn_chn) >= 2 and all(e.date == "2021-03" for e in jpn_chn)


@pytest.mark.parametrize(
    "text",
    [
        "The presidents of Chile and Peru agreed on Monday to stop the fighting along the border.",
        "Ethiopia and Eritrea agreed to end hostilities along their shared border.",
    ],
)
def test_agreeing_to_stop_fighting_is_cooperation_not_a_threat(ctx, text: str) -> None:
    art = analyse(ctx, text, "2021-05-04")
    assert art.events
    assert all(e.quad_class in (1, 2) for e in art.events), [e.cameo for e in art.events]
    assert any(e.cameo.startswith(("035", "087")) for e in art.events)
