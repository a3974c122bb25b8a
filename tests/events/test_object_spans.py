"""The words of what an act was done to, kept as evidence when no actor is named there
(sentences written for these tests)."""

from __future__ import annotations

from tests.conftest import analyse

PUB = "2019-06-14"


def _first(ctx, text: str, root: str):
    art = analyse(ctx, text, PUB)
    found = [e for e in art.events if e.root == root]
    assert found, [(e.cameo, e.mentions[0].trigger) for e in art.events]
    return found[0]


def test_a_thing_captured_keeps_its_words_and_no_guessed_actor(ctx) -> None:
    ev = _first(ctx, "Ruritanian troops captured the old granary on Sunday.", "17")
    assert ev.target is None  # no actor is guessed for a building
    span = ev.mentions[0].target_span
    assert span is not None and span["text"] == "the old granary"
    assert ev.mentions[0].sentence[span["start"] : span["end"]] == span["text"]


def test_a_relative_clause_and_a_charge_are_not_part_of_the_object(ctx) -> None:
    ev = _first(ctx, "Rebels seized the depot where the fuel was kept.", "17")
    assert ev.mentions[0].target_span["text"] == "the depot"


def test_an_attack_keeps_what_it_was_aimed_at(ctx) -> None:
    ev = _first(ctx, "Ruritanian troops launched attacks on dozens of farms in the valley.", "19")
    assert ev.mentions[0].target_span["text"].startswith("dozens of farms")
    ev = _first(
        ctx, "The Ruritanian army's raids on the coastal farms angered the villagers.", "19"
    )
    assert ev.mentions[0].target_span["text"] == "the coastal farms"


def test_a_date_or_a_scene_setting_phrase_is_no_object(ctx) -> None:
    art = analyse(ctx, "With the backing of parliament, Ruritania agreed on Monday.", PUB)
    for e in art.events:
        if e.target is None:
            assert e.mentions[0].target_span is None, e.mentions[0].target_span


def test_a_named_target_keeps_the_actor_span(ctx) -> None:
    ev = _first(ctx, "Turkish forces shelled Kurdish militants near the border.", "19")
    assert ev.target is not None
    assert "Kurdish militants" in ev.mentions[0].target_span["text"]


def test_a_passive_of_arming_without_its_doer_is_a_state(ctx) -> None:
    # "they are armed" describes them; "were armed by Iran" says who armed them
    art = analyse(ctx, "Haiti's police chief said the smugglers are armed.", PUB)
    assert [e.cameo for e in art.events] == ["010"]
    art = analyse(ctx, "The smugglers were armed by Iran last year.", PUB)
    assert any(e.root == "07" and e.source and e.source.code == "IRN" for e in art.events)


def test_recognising_is_of_a_state_not_of_a_need(ctx) -> None:
    art = analyse(ctx, "The United States recognized the need for reform.", PUB)
    assert not any(e.root == "05" for e in art.events)
    art = analyse(ctx, "Russia recognized the independence of Abkhazia in 2008.", PUB)
    assert any(e.cameo == "054" and e.source and e.source.code == "RUS" for e in art.events)
    art = analyse(ctx, "Sweden recognized the State of Palestine in 2014.", PUB)
    assert any(e.cameo == "054" for e in art.events)


def test_who_blames_an_act_did_not_do_it(ctx) -> None:
    art = analyse(
        ctx, "The rail strikes, blamed by the French government for the losses, ended.", PUB
    )
    # the blaming is the government's (112); the strike is not
    assert not any(e.root == "14" and e.source and e.source.code == "FRAGOV" for e in art.events)
    assert any(e.cameo == "112" for e in art.events)


def test_acknowledging_a_fact_is_no_claim_of_responsibility(ctx) -> None:
    art = analyse(ctx, "Russia acknowledged that its jets had bombed the town.", PUB)
    assert [e.root for e in art.events] == ["19"]  # the acknowledged act, said by Russia
    art = analyse(ctx, "Egyptian officials acknowledged that the talks were difficult.", PUB)
    assert not any(e.cameo == "015" for e in art.events)
    art = analyse(ctx, "The Taliban acknowledged responsibility for the attack.", PUB)
    assert any(e.cameo == "015" for e in art.events)


def test_whom_one_meets_is_not_of_ones_country_because_one_says_so(ctx) -> None:
    # (an article of several countries: its one country does not settle them either)
    art = analyse(
        ctx, "Iran welcomed the plan. Turkey's foreign minister said he would meet officials.", PUB
    )
    meets = [e for e in art.events if e.root == "04"]
    assert meets and all(not (e.target and e.target.code == "TURGOV") for e in meets)


def test_stocking_up_is_no_arming(ctx) -> None:
    art = analyse(ctx, "Shoppers in Lima stocked up on rice before the storm.", PUB)
    assert not any(e.root == "06" for e in art.events)


def test_people_said_to_come_from_somewhere_are_not_of_the_events_place(ctx) -> None:
    art = analyse(ctx, "Trade envoys from several Asian states met in Washington.", PUB)
    assert not any(e.source and (e.source.code or "").startswith("USA") for e in art.events)


def test_approaching_a_thing_is_no_contact(ctx) -> None:
    art = analyse(ctx, "Iran approached the question from another angle.", PUB)
    assert not any(e.root == "04" for e in art.events)
    art = analyse(ctx, "Iran approached the European Union about new talks.", PUB)
    assert any(e.cameo == "040" and e.target and e.target.code == "IGOEUREEC" for e in art.events)


def test_hanging_is_an_execution_only_of_someone(ctx) -> None:
    art = analyse(ctx, "Iran hanged two men on Monday.", PUB)
    assert any(e.cameo == "1823" and e.source and e.source.code == "IRN" for e in art.events)
    for text in (
        "Protesters hung banners on the embassy gates.",
        "Officials said the flags were left hanging around the square.",
    ):
        art = analyse(ctx, text, PUB)
        assert not any(e.root in {"14", "18", "19"} for e in art.events), text


def test_pressing_for_something_is_a_demand(ctx) -> None:
    art = analyse(ctx, "Brazil is pressing Argentina for lower tariffs on its cars.", PUB)
    assert any(e.cameo == "100" and e.target and e.target.code == "ARG" for e in art.events)
    assert not any(e.root == "04" for e in art.events)


def test_speaking_at_an_occasion_is_no_consultation(ctx) -> None:
    art = analyse(ctx, "Senator Smith and Treasury officials spoke at a hearing on Monday.", PUB)
    assert not any(e.root == "04" for e in art.events)
    art = analyse(ctx, "Putin and Erdogan spoke on Monday.", PUB)
    assert any(e.root == "04" for e in art.events)


def test_questions_asked_and_a_following_amassed_are_no_events(ctx) -> None:
    for text in (
        "The collapse got investors asking questions about the other banks.",
        "The comedian has amassed a loyal following over the years.",
    ):
        assert not analyse(ctx, text, PUB).events, text
    art = analyse(ctx, "Russia has amassed troops near the border.", PUB)
    assert any(e.cameo == "154" for e in art.events)


def test_each_member_of_a_listed_side_keeps_its_own_words(ctx) -> None:
    # three targets, not three copies of the whole list as each one's evidence
    art = analyse(
        ctx, "Norway said it had expelled envoys from Chile, Peru and Bolivia over a quarrel.", PUB
    )
    spans = {
        e.target.code: e.mentions[0].target_span["text"]
        for e in art.events
        if e.root == "16" and e.target
    }
    assert spans == {"CHLGOV": "envoys from Chile", "PERGOV": "Peru", "BOLGOV": "Bolivia"}


def test_a_phrase_event_keeps_what_its_noun_is_about(ctx) -> None:
    # the noun says what is done ("responsibility", "sympathy"), its preposition to what
    ev = _first(ctx, "The Taliban claimed responsibility for the blast at the depot.", "01")
    assert ev.target is None
    assert ev.mentions[0].target_span["text"].startswith("the blast")
    ev = _first(ctx, "The mayor voiced sympathy over the fire in the old market.", "01")
    assert ev.mentions[0].target_span["text"].startswith("the fire")
