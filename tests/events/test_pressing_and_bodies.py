"""Pressing someone to act, and titles held in a body (sentences written for these tests).

A verb that presses someone to act ("pressed X to withdraw", "encouraged X to talk") reports
the pressing; what its "to" clause says is asked, not done.  An abbreviated title before a
name ("Sen.", "Gen.") is the title written out; a title held in a non-state body ("president
of the opposition party") is of that body, not of the state.
"""

from __future__ import annotations

from tests.conftest import analyse, event_rows

PUB = "2019-06-14"


def _events(ctx, text: str) -> set[tuple[str, ...]]:
    return set(event_rows(ctx, text, PUB, also=("modality",)))


def _codes(ctx, text: str) -> dict[str, str | None]:
    return {m.text: m.code for m in analyse(ctx, text, PUB).mentions}


def test_pressing_someone_to_act_is_a_demand_not_the_act(ctx) -> None:
    got = _events(ctx, "Kenya pressed Uganda to withdraw its troops from the border.")
    assert any(c[:2] == "10" and s == "KEN" and t == "UGA" for c, s, t, _ in got)
    assert not any(mod == "fact" and s == "UGA" for _, s, _, mod in got)
    got = _events(ctx, "The Kenyan minister pushed the banks to lend money to farmers.")
    assert any(c[:2] == "10" and s == "KENGOV" for c, s, _, _ in got)
    assert not any(c[:2] == "07" and mod == "fact" for c, _, _, mod in got)
    # what is asked of someone by a word of encouragement did not happen yet
    got = _events(ctx, "Kenya encouraged Uganda to withdraw its troops from the border.")
    assert not any(c[:2] == "08" and mod == "fact" for c, _, _, mod in got)
    # pressing for something and pushing things are no orders to anyone
    assert any(c == "100" for c, _, _, _ in _events(ctx, "Kenya pressed for talks with Uganda."))
    assert not _events(ctx, "Kenya pushed its prices up.")


def test_abbreviated_titles_before_a_name_are_the_titles(ctx) -> None:
    codes = _codes(ctx, "Kenyan Sen. Otieno Barasa criticised the budget.")
    assert codes["Otieno Barasa"] == "KENLEG"
    codes = _codes(ctx, "Ugandan Gen. David Mugisha ordered the troops back.")
    assert codes["David Mugisha"] == "UGAMIL"
    # a lower-case "rep" is an agent's, not a lawmaker
    art = analyse(ctx, "Her Kenyan rep Otieno Barasa told the magazine she was resting.", PUB)
    assert not any((m.code or "").endswith("LEG") for m in art.mentions)


def test_a_title_held_in_a_body_is_of_the_body(ctx) -> None:
    text = "Wanjiku Achieng, president of the Kenyan opposition Green Party, criticised the plan."
    assert _codes(ctx, text)["Wanjiku Achieng"] == "KENOPP"
    # the president of a country is still its government's
    text = "Wanjiku Achieng, president of Kenya, criticised the plan."
    assert _codes(ctx, text)["Wanjiku Achieng"] == "KENGOV"
    # a minister's portfolio is no body
    text = "Wanjiku Achieng, Kenya's minister of agriculture, criticised the plan."
    assert _codes(ctx, text)["Wanjiku Achieng"] == "KENGOV"


def test_an_agent_noun_used_as_an_adjective_is_no_agent(ctx) -> None:
    got = _events(ctx, "The director of Nairobi's general hospital criticised the police.")
    assert not any(s.endswith("MIL") for _, s, _, _ in got)
    assert (
        _codes(ctx, "Kenyan General David Mugisha ordered the troops back.")["David Mugisha"]
        == "KENMIL"
    )
    assert _codes(ctx, "A Kenyan criminal court jailed the smugglers.")[
        "Kenyan criminal court"
    ].endswith("JUD")


def test_criminals_take_the_country_of_the_place_they_act_in(ctx) -> None:
    got = _events(ctx, "Armed robbers stole cash from a bank in Mombasa on Sunday.")
    assert any(c[:2] == "17" and s == "KENCRM" for c, s, _, _ in got)


def test_what_burns_or_sinks_with_no_object_is_no_doer(ctx) -> None:
    got = _events(ctx, "The Kenyan doctor rebuilt the clinic after it burned down.")
    assert not any(c[:2] == "17" for c, _, _, _ in got)
    got = _events(ctx, "Kenyan rebels burned down the clinic.")
    assert any(c == "1712" and s == "KENREB" for c, s, _, _ in got)
    got = _events(ctx, "The clinic was burned down by Kenyan rebels.")
    assert any(c == "1712" and s == "KENREB" for c, s, _, _ in got)


def test_a_participle_clause_is_what_the_subject_underwent(ctx) -> None:
    got = _events(ctx, "Backed by Uganda, the Kenyan army attacked the rebels.")
    assert ("051", "UGA", "KENMIL", "fact") in {(c, s, t, m) for c, s, t, m in got if c == "051"}
    assert not any(c[:2] == "05" and s == "KENMIL" for c, s, _, _ in got)
    got = _events(ctx, "Asked about the strike, the Kenyan minister said the talks would go on.")
    assert not any(c[:2] == "02" and s == "KENGOV" for c, s, _, _ in got)
    # a perfect participle is done by the subject
    got = _events(ctx, "Having attacked the rebels, the Kenyan army withdrew from the border.")
    assert any(c[:2] == "19" and s == "KENMIL" for c, s, _, _ in got)


def test_a_protest_is_coded_by_what_it_demands_and_of_whom(ctx) -> None:
    got = _events(
        ctx,
        "Thousands of farmers rallied in Nairobi on Sunday to demand higher maize prices "
        "from the government.",
    )
    assert ("1412", "KENAGR", "KENGOV") in {(c, s, t) for c, s, t, _ in got}
    assert not any(c[:2] == "10" for c, _, _, _ in got)  # the demand is what the rally was for
    got = _events(ctx, "Kenyan nurses went on strike to demand better pay from the government.")
    assert ("1432", "KENHLH", "KENGOV") in {(c, s, t) for c, s, t, _ in got}
    got = _events(ctx, "Students marched in Nairobi to demand the resignation of the minister.")
    assert any(c == "1411" for c, _, _, _ in got)
    # a protest and a demand told side by side are two events
    got = _events(ctx, "Kenyan nurses went on strike and the government demanded an end to it.")
    assert {c[:2] for c, _, _, _ in got} >= {"14", "10"}


def test_what_is_demanded_says_what_kind_of_demand_it_is(ctx) -> None:
    codes = {c for c, _, _, _ in _events(ctx, "Kenya demanded the withdrawal of Ugandan troops.")}
    assert "106" in codes
    codes = {c for c, _, _, _ in _events(ctx, "Uganda demanded a ceasefire from Kenya.")}
    assert "107" in codes


def test_a_purpose_clause_happens_where_its_clause_does(ctx) -> None:
    art = analyse(
        ctx,
        "Anti-war demonstrators gathered in Mombasa to demand that the government "
        "withdraw all Kenyan troops from Somalia.",
        PUB,
    )
    protest = [e for e in art.events if e.cameo.startswith("14")]
    assert protest and protest[0].location and protest[0].location.country == "KEN"
    assert protest[0].source and protest[0].source.code == "KENOPP"


def test_a_thing_sent_or_run_by_someone_is_theirs(ctx) -> None:
    got = _events(ctx, "Rebels fired at trucks sent by the Kenyan health ministry.")
    assert any(c[:2] in {"18", "19"} and t == "KENGOV" for c, _, t, _ in got)
    got = _events(ctx, "Rebels attacked a convoy operated by the Kenyan Red Cross.")
    assert any(c[:2] in {"18", "19"} and t.startswith("NGO") for c, _, t, _ in got)
    # what was destroyed by someone is not theirs
    got = _events(ctx, "Rebels attacked houses destroyed by the Kenyan army.")
    assert not any(t == "KENMIL" for c, _, t, _ in got if c[:2] in {"18", "19"})


def test_an_event_told_for_next_week_is_a_plan(ctx) -> None:
    art = analyse(ctx, "Kenyan President Uhuru Kenyatta visits Kigali next week.", PUB)
    assert [e.modality for e in art.events if e.cameo == "042"] == ["intent"]
    art = analyse(ctx, "Kenyan and Ugandan officials meet in the coming days.", PUB)
    assert {e.modality for e in art.events if e.cameo[:2] == "04"} == {"intent"}
    art = analyse(ctx, "Kenyan President Uhuru Kenyatta visited Kigali last week.", PUB)
    assert [e.modality for e in art.events if e.cameo == "042"] == ["fact"]


def test_calling_on_someone_asks_only_with_a_to_clause_or_a_for(ctx) -> None:
    got = _events(ctx, "Ugandan President Yoweri Museveni called on Kenya to reopen the border.")
    assert any(c[:2] == "02" and (s, t) == ("UGAGOV", "KEN") for c, s, t, _ in got)
    got = _events(ctx, "Ugandan President Yoweri Museveni called on Kenya for restraint.")
    assert any(c[:2] == "02" and (s, t) == ("UGAGOV", "KEN") for c, s, t, _ in got)
    # with nothing asked, a call on someone is a visit
    text = "Ugandan President Yoweri Museveni called on President Uhuru Kenyatta at State House."
    got = _events(ctx, text)
    assert {c for c, _, _, _ in got} == {"042"}
    # drawing on things is no appeal to anyone
    assert not _events(ctx, "Kenya can call on the experience of earlier floods.")


def test_a_text_strikes_no_one(ctx) -> None:
    got = _events(ctx, "A bill proposed by Kenyan MP Jane Wanjiru hit the parliamentary buffers.")
    assert not any(c[:2] in {"18", "19"} for c, _, _, _ in got)
    got = _events(ctx, "A bomb planted by Kenyan rebels hit a bus in Garissa.")
    assert any(c[:2] == "18" and s == "KENREB" for c, s, _, _ in got)


def test_brokers_and_dealers_are_businesses(ctx) -> None:
    assert _codes(ctx, "Nairobi stockbroker John Kamau criticised the budget.")["John Kamau"] == (
        "KENBUS"
    )
    assert _codes(ctx, "Kenyan drug dealers attacked the police.")["Kenyan drug dealers"] == (
        "KENCRM"
    )


def test_crashes_are_no_strikes(ctx) -> None:
    text = (
        "The 1985 crash of a Kenya Airways jet which killed 52 people was caused by faulty repairs."
    )
    assert not any(c[:2] in {"18", "19"} for c, _, _, _ in _events(ctx, text))
    assert not _events(ctx, "The Kenyan aircraft hit Mount Kenya on Sunday.")
    got = _events(ctx, "Kenyan artillery shelled a hill near the border.")
    assert any(c[:2] == "19" and s == "KENMIL" for c, s, _, _ in got)


def test_conceding_that_something_is_so_yields_nothing(ctx) -> None:
    text = "Jane Wanjiru, a Kenyan lawmaker, conceded the government could not stop the money."
    assert not any(c[:2] == "08" for c, _, _, _ in _events(ctx, text))
    got = _events(ctx, "The Kenyan government conceded to the strikers' demands.")
    assert any(c == "080" and s == "KENGOV" for c, s, _, _ in got)


def test_funds_appropriated_are_voted_not_seized(ctx) -> None:
    text = "The bill demands an accounting of aid appropriated by the Kenyan parliament in 2015."
    assert not any(c[:2] == "17" for c, _, _, _ in _events(ctx, text))


def test_a_peaceful_or_bare_operation_is_no_act_of_force(ctx) -> None:
    text = "Otieno Barasa, who is overseeing the Kenyan government response operation, spoke."
    assert not any(c[:2] == "19" for c, _, _, _ in _events(ctx, text))
    text = "The Kenyan fund paid the victims before it began operation in August."
    assert not any(c[:2] == "19" for c, _, _, _ in _events(ctx, text))
    got = _events(ctx, "The Kenyan army started an operation against the rebels in Somalia.")
    assert any(c[:2] == "19" and s == "KENMIL" for c, s, _, _ in got)


def test_heading_something_is_no_journey(ctx) -> None:
    text = "The Kenyan minister, who headed a fund for flood victims, visited Kampala."
    assert [c for c, _, _, _ in _events(ctx, text) if c[:2] == "04"] == ["042"]
    got = _events(ctx, "The Kenyan president headed for Kampala on Monday.")
    assert any(c == "042" and t == "UGA" for c, _, t, _ in got)


def test_leaving_people_dead_or_wounded_is_no_withdrawal_and_no_doer(ctx) -> None:
    got = _events(ctx, "The Kenyan army attacked the village and left two women dead.")
    assert not any(c.startswith("087") for c, _, _, _ in got)
    text = (
        "A Nairobi judge found a former employee guilty of murder in a rampage that left two "
        "women dead and a third employee wounded."
    )
    assert not any(c[:2] == "19" and s.endswith("LAB") for c, s, _, _ in _events(ctx, text))
    got = _events(ctx, "Kenyan troops left the town on Monday.")
    assert any(c == "0874" and s == "KENMIL" for c, s, _, _ in got)


def test_what_was_done_in_the_past_or_in_recent_years_is_background(ctx) -> None:
    for text in (
        "The Kenyan parliament has opposed similar changes to the wildlife law in the past.",
        "Kenya has criticised Uganda over the border in recent years.",
    ):
        art = analyse(ctx, text, PUB)
        assert art.events and all(m.background for e in art.events for m in e.mentions)
    art = analyse(ctx, "Kenya criticised Uganda on Sunday, the harshest words in years.", PUB)
    assert art.events and not any(m.background for e in art.events for m in e.mentions)
