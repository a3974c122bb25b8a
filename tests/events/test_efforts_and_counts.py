"""Coordination, counted crowds and efforts (sentences written for these tests).

Each test names its construction: "X as well as Y" lists two parties however the parser
hangs the second; "thousands of workers" are workers, whose country the place gives; a verb
of force with a "to" clause and no one it is done to tells an effort, not a fight.
"""

from __future__ import annotations

from tests.conftest import analyse, event_rows

PUB = "2019-06-14"


def _events(ctx, text: str) -> set[tuple[str, ...]]:
    return set(event_rows(ctx, text, PUB))


def _roots(ctx, text: str) -> set[str]:
    return {c[:2] for c, _, _ in _events(ctx, text)}


def test_as_well_as_lists_two_targets(ctx) -> None:
    got = _events(ctx, "Uganda criticised Kenya as well as Ethiopia.")
    assert {(c, s, t) for c, s, t in got if c[:2] == "11"} == {
        ("111", "UGA", "KEN"),
        ("111", "UGA", "ETH"),
    }


def test_a_counted_crowd_is_what_it_counts(ctx) -> None:
    got = _events(ctx, "Thousands of workers protested against the government in Nairobi.")
    assert any(c[:2] == "14" and s == "KENLAB" and t == "KENGOV" for c, s, t in got)
    got = _events(ctx, "A band of gunmen attacked a bus near Garissa.")
    assert any(c[:2] == "18" and s.endswith("UAF") for c, s, t in got)
    # a count of things names no one
    got = _events(ctx, "Hundreds of barrels leaked into the lake near Kisumu.")
    assert not any(s for _, s, _ in got)


def test_a_verb_of_force_with_a_to_clause_is_an_effort(ctx) -> None:
    assert "14" not in _roots(ctx, "The striking nurses struggle to explain their demands.")
    assert not _roots(ctx, "Villagers in Kitui fought to keep the clinic open.") & {"14", "19"}
    # an armed doer, an opponent or a purpose clause on a protest still makes an event
    assert _roots(ctx, "Somali rebels fought to hold the port of Kismayo.") & {"18", "19"}
    assert "14" in _roots(ctx, "Students in Nairobi fought with police to reach the square.")
    assert "14" in _roots(ctx, "Thousands of Kenyan teachers marched to demand higher pay.")


def test_a_vessel_sunk_is_an_attack(ctx) -> None:
    assert "19" in _roots(ctx, "The Kenyan navy sank a pirate skiff off Somalia on Monday.")
    assert ("190", "KENMIL", "ETH") in _events(
        ctx, "A Kenyan submarine torpedoed an Ethiopian frigate."
    )
    assert "19" not in _roots(ctx, "The Kenyan senator sank the budget deal on Monday.")


def test_plain_people_talking_among_themselves_consult_no_party(ctx) -> None:
    assert "04" not in _roots(ctx, "People in Nairobi started discussing the new tax on Monday.")
    assert "04" not in _roots(
        ctx, "The charity set up a hotline to help families in Kisumu contact their relatives."
    )
    # with a party named, they do
    assert "04" in _roots(ctx, "Residents of Kisumu met the Kenyan governor on Monday.")
    assert "04" in _roots(ctx, "Villagers in Kitui talked with the Somali rebels.")


def test_a_question_asked_of_no_one_is_no_appeal(ctx) -> None:
    assert "02" not in _roots(ctx, "Will the talks resume? a Kenyan reporter asked on Tuesday.")
    assert "02" in _roots(ctx, "Kenya asked Uganda to reopen the border on Tuesday.")
    assert "02" in _roots(ctx, "Kenya asked for emergency aid on Tuesday.")


def test_channels_for_things_and_raking_are_no_acts(ctx) -> None:
    assert "04" not in _roots(
        ctx, "Kenyan engineers feared the pumps would open new channels for the leak."
    )
    assert "04" in _roots(ctx, "Kenya opened a channel with the Somali rebels in March.")
    assert "09" not in _roots(ctx, "Kenyan workers were raking up oil on the beach at Malindi.")


def test_an_operation_of_relief_or_persuasion_is_no_attack(ctx) -> None:
    assert "19" not in _roots(ctx, "The Kenyan government launched a drought relief operation.")
    assert "19" not in _roots(ctx, "Kenya launched a diplomatic offensive in Addis Ababa.")
    assert "19" in _roots(ctx, "Kenyan troops launched a military operation against the rebels.")
    assert "19" in _roots(ctx, "The Kenyan army began an offensive against the Somali rebels.")


def test_walking_out_of_a_place_is_no_strike(ctx) -> None:
    assert "14" not in _roots(ctx, "A Kenyan woman walking out of a shop in Nakuru was robbed.")
    assert "14" in _roots(ctx, "Kenyan nurses walked out over unpaid wages on Monday.")


def test_an_attack_for_a_reason_is_a_criticism(ctx) -> None:
    got = _events(ctx, "The Kenyan minister attacked the opposition for its stance on the tax.")
    assert any(c == "111" for c, _, _ in got) and not any(c[:2] == "19" for c, _, _ in got)
    assert "11" in _roots(ctx, "The Kenyan government attacked Safaricom for its prices.")
    # how long or why force was used is no reason for criticism
    assert "19" in _roots(ctx, "Kenyan troops attacked the rebel base for the third time.")
    assert "19" in _roots(ctx, "Kenyan troops attacked the rebel base for hours.")


def test_attacking_what_someone_said_or_proposed_is_a_criticism(ctx) -> None:
    got = _events(ctx, "The former Kenyan president attacked the tone of the Nation's coverage.")
    assert any(c == "111" for c, _, _ in got) and not any(c[:2] == "19" for c, _, _ in got)
    # armed men attacking positions use force
    assert "19" in _roots(ctx, "Kenyan troops attacked Somali rebel positions near Kismayo.")


def test_titles_in_apposition_describe_one_person(ctx) -> None:
    text = "Raila Odinga, the Kenyan opposition leader and a former prime minister, said so."
    art = analyse(ctx, text, PUB)
    assert len([e for e in art.events if e.cameo == "010"]) == 1


def test_a_passive_verdict_on_a_thing_is_done_to_its_owner(ctx) -> None:
    assert ("111", "UGA", "KEN") in _events(ctx, "Kenya's decision was criticised by Uganda.")


def _modalities(ctx, text: str) -> set[tuple[str, str]]:
    return {(e.cameo[:2], e.modality) for e in analyse(ctx, text, PUB).events}


def test_what_someone_can_do_is_no_fact_but_cannot_refuses(ctx) -> None:
    assert ("11", "hypothetical") in _modalities(
        ctx, "Kenyan farmers can also sue the Ugandan firm."
    )
    got = analyse(ctx, "Uganda said it cannot accept any more Kenyan refugees.", PUB).events
    assert got and all(e.modality != "hypothetical" for e in got)


def test_words_fired_and_ideals_defended_are_no_acts(ctx) -> None:
    assert "19" not in _roots(ctx, "The Kenyan MP fired insults at the Ugandan senators.")
    assert "19" in _roots(ctx, "Kenyan troops fired at the Somali rebels near Kismayo.")
    assert "05" not in _roots(ctx, "Kenyan soldiers are defending our freedom, the minister said.")
    assert "05" in _roots(ctx, "Kenya defended Uganda at the United Nations on Monday.")


def test_a_discussion_needs_a_party_or_several_doers(ctx) -> None:
    assert "04" not in _roots(ctx, "In the interview he also discusses his early plays.")
    assert "04" in _roots(ctx, "Kenya and Uganda discussed the border dispute on Monday.")
    assert "04" in _roots(ctx, "Kenyan ministers discussed the border dispute on Monday.")
    assert "04" in _roots(ctx, "The Kenyan president discussed the dispute with Uganda.")


def test_an_event_noun_describing_a_person_or_a_thing_names_no_event(ctx) -> None:
    assert "18" not in _roots(ctx, "A Kenyan police bomb technician was injured in Mombasa.")
    assert "07" not in _roots(ctx, "Kenyan aid agencies have a huge task ahead, the minister said.")
    # before an undertaking, the noun still names its event
    assert "19" in _roots(ctx, "Kenya launched a bombing campaign against the Somali rebels.")


def test_a_thing_approached_is_no_meeting_whoever_approaches(ctx) -> None:
    assert "04" not in _roots(
        ctx, "Kamau and his Kenyan co-counsel approached the case from an unusual angle."
    )
    assert "04" in _roots(ctx, "Kenya approached Uganda about a new trade deal.")


def test_illness_battled_and_rewards_offered_are_no_acts(ctx) -> None:
    assert "19" not in _roots(ctx, "The Kenyan singer later battled mental illness in Nairobi.")
    assert "03" not in _roots(ctx, "Kenyan police offered a reward for information on Monday.")


def test_a_feeling_a_view_supported_and_a_sin_committed_are_no_acts(ctx) -> None:
    assert "13" not in _roots(ctx, "The Kenyan general feels threatened by Somali fighters.")
    assert "13" in _roots(ctx, "Kenyan troops were threatened by Somali rebels near the border.")
    assert "05" not in _roots(ctx, "The Ugandan survey also supports the view of some Kenyans.")
    assert "05" in _roots(ctx, "Kenya supports the Ugandan proposal on the border.")
    # a relative pronoun object is the noun it stands for
    assert "03" not in _roots(
        ctx, "There is no bigger sin that a Kenyan politician can commit than lying to voters."
    )


def test_forces_of_nature_and_acts_prevented_are_no_one_s_acts(ctx) -> None:
    got = _events(ctx, "A strong earthquake which struck western Kenya killed one person.")
    assert not any(c[:2] in {"18", "19", "20"} for c, _, _ in got)
    # the doer of an act someone tries to stop is not the one who stops it
    got = _events(ctx, "Kenyan police tried to prevent attacks on trains in Nairobi.")
    assert not any(s == "KENCOP" and c[:2] in {"18", "19"} for c, s, _ in got)
    assert _roots(ctx, "Somali rebels killed two Kenyan villagers near Mandera.") & {"18", "19"}


def test_deaths_in_an_accident_are_no_attack(ctx) -> None:
    got = _events(ctx, "The Kenya Airways jet crashed into a mountain, killing 120 people.")
    assert not any(c[:2] in {"18", "19"} for c, _, _ in got)
    got = _events(ctx, "The plane crash killed 20 Kenyan soldiers near Garissa.")
    assert not any(c[:2] in {"18", "19"} for c, _, _ in got)
    assert "19" in _roots(ctx, "Kenyan troops attacked the rebel camp, killing 20 fighters.")


def test_access_denied_is_a_refusal_to_whom_it_is_denied(ctx) -> None:
    assert ("120", "UGAGOV", "KENMED") in _events(
        ctx, "Kenyan journalists were denied entry by Ugandan officials."
    )
    assert ("120", "UGA", "KENMED") in _events(ctx, "Uganda denied access to Kenyan journalists.")
    # a denial of what was said is still a denial
    assert "01" in _roots(ctx, "Uganda denied the charges on Monday.")


def test_a_pronoun_subject_goes_on_meaning_what_the_one_before_meant(ctx) -> None:
    text = (
        "Somali militants crossed into Kenya on Monday. They are working with Kenyan "
        "criminal gangs and remnants of the old regime. They attacked a police station in Mandera."
    )
    got = _events(ctx, text)
    assert any(c[:2] in {"18", "19"} and s == "SOMREB" for c, s, _ in got)
    assert not any(s == "KENCRM" for _, s, _ in got)


def test_they_after_a_list_of_people_is_those_people(ctx) -> None:
    text = (
        "John Kamau and his father told the Kenyan regulator they had bought the shares. "
        "They said they may buy more."
    )
    assert not any(s == "KENGOV" for _, s, _ in _events(ctx, text))


def test_a_deployment_is_a_show_of_force_only_of_armed_men(ctx) -> None:
    assert "15" not in _roots(ctx, "Kenyan customers should test and deploy this update quickly.")
    assert "15" not in _roots(ctx, "Kenya deployed seven search-and-rescue teams in Somalia.")
    assert "15" in _roots(ctx, "Kenya deployed troops to the Somali border on Monday.")
    assert "15" in _roots(ctx, "Kenya deployed 500 police officers to Mandera on Monday.")
    assert "15" in _roots(ctx, "Russia deployed S-400 missiles to Syria.")


def test_an_attack_at_a_sports_ground_is_news(ctx) -> None:
    # a sentence of sport is not coded, unless armed men or criminals act in it
    assert _roots(ctx, "Somali rebels attacked a football stadium in Mogadishu.") & {"18", "19"}
    assert _roots(ctx, "A suicide bomber struck a cricket ground in Lahore, killing 12.") & {
        "18",
        "19",
    }
    assert not _roots(ctx, "Kenya beat Uganda 2-1 in the World Cup qualifier on Sunday.")


def _background(ctx, text: str) -> set[bool]:
    return {m.background for e in analyse(ctx, text, PUB).events for m in e.mentions}


def test_hours_later_is_the_news_years_later_history(ctx) -> None:
    assert _background(ctx, "Somali rebels seized the Kenyan border town hours later.") == {False}
    assert _background(ctx, "Somali rebels seized the Kenyan border town years later.") == {True}
