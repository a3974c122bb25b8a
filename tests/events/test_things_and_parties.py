"""Verbs of force, aid and meeting used of things rather than parties, and the parties a
sentence names twice (sentences written for these tests).

Each test names its construction: a verb whose object is a thing reports no event ("hit a
roadblock"); a body named inside a person's title is that person ("European Commission
President X"); a bare participle after "with" is what its subject underwent; "they" never
stands for one person; a main clause's negation does not reach a concessive clause.
"""

from __future__ import annotations

from tests.conftest import analyse, event_rows

PUB = "2019-06-14"


def _events(ctx, text: str) -> list[tuple[str, ...]]:
    return event_rows(ctx, text, PUB, also=("polarity",))


def _roots(ctx, text: str) -> set[str]:
    return {c[:2] for c, _, _, _ in _events(ctx, text)}


def test_a_verb_of_force_with_a_thing_for_object_is_no_attack(ctx) -> None:
    # dictionary verb with a figurative object
    assert "19" not in _roots(ctx, "The Kenyan government hit a snag in its budget talks.")
    assert "19" not in _roots(ctx, "Nigerian oil exports hit a record high in May.")
    # a court striking down a law
    assert "19" not in _roots(ctx, "A Ghanaian court struck down the curfew on Tuesday.")
    # photographs shot by someone, written as a participle on the noun
    assert "19" not in _roots(ctx, "Footage shot by a Kenyan cameraman shows the flooded camp.")
    # the same verbs used of parties still are
    assert "19" in _roots(ctx, "Ugandan troops hit rebel bases near the border on Monday.")
    assert "19" in _roots(ctx, "Gunmen shot two Kenyan policemen in Mombasa.")
    assert "11" in _roots(ctx, "The Ghanaian minister hit out at Nigeria over the border closure.")


def test_crimes_committed_are_no_pledge(ctx) -> None:
    assert "03" not in _roots(ctx, "Police said the gang had committed crimes in Accra.")
    assert "03" in _roots(ctx, "Ghana committed troops to the peacekeeping mission.")


def test_a_meeting_with_a_reaction_is_no_meeting(ctx) -> None:
    assert "04" not in _roots(ctx, "The Kenyan plan met with fierce resistance from Uganda.")
    assert "04" in _roots(ctx, "The Kenyan president met with the opposition on Monday.")


def test_a_credit_line_or_a_news_service_is_no_aid(ctx) -> None:
    assert "07" not in _roots(ctx, "The Ghana News Agency contributed to this report.")
    assert "07" in _roots(ctx, "Japan contributed $5 million to the Ugandan refugee fund.")


def test_a_body_named_in_a_title_is_the_person_not_a_second_party(ctx) -> None:
    text = (
        "African Union Commission Chairman Moussa Faki and Kenyan President Uhuru Kenyatta "
        "will meet to discuss the Somali elections."
    )
    events = _events(ctx, text)
    assert events
    assert not [e for e in events if e[1] and e[1] == e[2]]  # never a party with itself
    # the chairman and his commission are one side, not two events
    faki = [e for e in events if e[1].startswith("IGOAFRAU") and e[2].startswith("KEN")]
    assert len({e[0] for e in faki}) == len(faki)


def test_a_bare_participle_after_with_names_its_subject_as_victim(ctx) -> None:
    events = _events(ctx, "Rebels stormed the Ugandan town, with three soldiers wounded.")
    assert not [e for e in events if e[1].endswith("MIL")]  # the soldiers did no wounding


def test_they_never_stands_for_one_person_named_by_a_title(ctx) -> None:
    text = "A Kenyan nurse examined the wounded and said all of them had been shot."
    assert not [e for e in _events(ctx, text) if e[0].startswith("19")]


def test_a_concessive_clause_keeps_its_own_polarity(ctx) -> None:
    text = (
        "Although the Kenyan minister met Ugandan officials on Monday, he did not sign the "
        "border agreement."
    )
    met = [e for e in _events(ctx, text) if e[0].startswith("04")]
    assert met and all(e[3] == "asserted" for e in met)


def test_a_product_released_is_no_prisoner_released(ctx) -> None:
    assert "08" not in _roots(ctx, "The Kenyan firm released a software update on Monday.")
    assert "08" in _roots(ctx, "Uganda released 40 Kenyan fishermen on Monday.")


def test_workers_leaving_a_building_are_no_retreat(ctx) -> None:
    assert "08" not in _roots(ctx, "Factory workers in Mombasa evacuated the warehouse.")
    text = "The fire forced dozens of bank clerks in Mombasa to evacuate the branch."
    assert "08" not in _roots(ctx, text)
    assert "08" in _roots(ctx, "Ugandan troops evacuated the border post on Sunday.")


def test_a_gapped_passive_names_its_victims_not_its_doers(ctx) -> None:
    text = "Three Kenyan shops were looted and four traders injured, police said."
    assert not [e for e in _events(ctx, text) if e[1].endswith("CVL")]


def test_a_question_put_to_an_official_is_no_appeal(ctx) -> None:
    text = (
        "When asked by reporters if Kenya would send troops, the Kenyan minister said the "
        "cabinet would decide."
    )
    assert "02" not in _roots(ctx, text)


def test_the_one_charged_is_no_accuser(ctx) -> None:
    text = "Students marched to the court where the clerk charged with the fraud worked."
    charged = [e for e in _events(ctx, text) if e[0].startswith("112")]
    assert all(e[1] == "" for e in charged)


def test_they_after_a_plural_subject_no_list_knows_is_not_a_body_named_later(ctx) -> None:
    text = (
        "The students were shouting at everyone, from their landlords to the African Union. "
        "They burned tyres and stoned police in Nairobi."
    )
    assert not [e for e in _events(ctx, text) if e[1].startswith("IGO")]
    # an actor named as the subject still is what "they" means
    text = "Kenyan police surrounded the camp on Monday. They arrested 20 Ugandan smugglers."
    assert any(e[0].startswith("17") and e[1].startswith("KEN") for e in _events(ctx, text))


def test_idioms_of_force_and_capture_are_no_acts(ctx) -> None:
    assert "17" not in _roots(ctx, "The Kenyan singer captured the imagination of a generation.")
    text = "Striking another blow at corruption, the Kenyan president sacked two ministers."
    assert "19" not in _roots(ctx, text)
    assert "02" not in _roots(ctx, "A Kenyan diplomat, who requested anonymity, said so.")
    assert "04" not in _roots(ctx, "He hosts a popular Kenyan television show.")


def test_one_civilian_killing_is_no_riot(ctx) -> None:
    events = _events(ctx, "A Kenyan farmer shot his neighbour in Nakuru.")
    assert events and not [e for e in events if e[0].startswith("145")]
    assert "14" in _roots(ctx, "Kenyan farmers attacked police in Nairobi on Monday.")


def test_a_journey_that_is_no_visit_is_no_dictionary_meeting_either(ctx) -> None:
    text = "The Kenyan navy flew its divers to the wreck."
    assert not [e for e in _events(ctx, text) if e[0].startswith("03")]
    assert "04" in _roots(ctx, "The Kenyan president flew to Kampala for talks on Monday.")


def test_a_plan_killed_or_a_campaign_suspended_is_no_act_of_force(ctx) -> None:
    assert "18" not in _roots(ctx, "Kenyan MPs killed the budget plan on Tuesday.")
    assert "08" not in _roots(ctx, "The Kenyan candidate suspended his campaign on Monday.")


def test_a_conjunct_passive_names_what_the_shared_subject_underwent(ctx) -> None:
    text = "Two Ugandan rebels crossed into Kenya and were shot by Kenyan police."
    events = _events(ctx, text)
    assert any(e[1].startswith("KENCOP") and e[2].startswith("UGA") for e in events)
    assert not [e for e in events if e[0].startswith(("18", "19")) and e[1].startswith("UGA")]


def test_an_adjective_names_the_body_of_an_agent_noun(ctx) -> None:
    text = "The Kenyan finance minister met congressional leaders in Washington on Monday."
    assert any(e[2].endswith("LEG") for e in _events(ctx, text))


def test_legal_fights_and_appeals_are_no_force_and_no_plea(ctx) -> None:
    assert "19" not in _roots(ctx, "The Kenyan oil firm is fighting a Nairobi law on fuel taxes.")
    assert "19" not in _roots(ctx, "Britain pledged money to help fight heroin smuggling in Kenya.")
    assert "02" not in _roots(ctx, "The Kenyan firm will appeal the ruling, its lawyers said.")
    assert "02" not in _roots(ctx, "Two Kenyan firms have appealed.")
    assert "02" in _roots(ctx, "Kenya appealed to the United Nations for help on Monday.")


def test_a_walk_out_is_a_strike_not_a_meeting(ctx) -> None:
    roots = _roots(ctx, "Kenyan dockworkers walked out in Mombasa on Monday.")
    assert "14" in roots and "04" not in roots


def test_an_event_noun_inside_a_name_is_no_event(ctx) -> None:
    text = "Kenya backed reform under the General Agreement on Tariffs and Trade on Monday."
    assert "05" not in {c[:2] for c, _, _, _ in _events(ctx, text) if c.startswith("057")}
    assert not [e for e in _events(ctx, text) if e[0] == "057"]


def test_its_officers_are_the_reporting_body(ctx) -> None:
    text = "BP said its representatives had raised the tax dispute with Kenyan ministers."
    assert not [e for e in _events(ctx, text) if e[1].endswith("LEG")]


def test_an_airline_is_no_warship(ctx) -> None:
    text = "Kenya's flag carrier plans to offer shares to a Gulf investor."
    assert not [e for e in _events(ctx, text) if e[1].endswith("MIL")]


def test_a_participle_that_names_is_no_phone_call(ctx) -> None:
    assert "04" not in _roots(ctx, "He runs a small Kenyan firm called Harambee Holdings.")
    assert "04" in _roots(ctx, "Kenyatta called Museveni on Monday.")


def test_nouns_of_force_with_a_modifier_that_disarms_them(ctx) -> None:
    assert "19" not in _roots(
        ctx, "The Kenyan government launched a legal battle against the firm."
    )
    assert "19" not in _roots(ctx, "The Kenyan minister died of a heart attack in Nairobi.")
    assert "19" in _roots(ctx, "Ugandan troops fought a fierce battle with rebels near the border.")


def test_things_captured_released_or_offered_are_no_parties(ctx) -> None:
    assert "17" not in _roots(
        ctx, "The Kenyan utility has been capturing most of the spilled fuel."
    )
    roots = _roots(ctx, "The UN released $4 million for Kenyan flood victims on Monday.")
    assert "08" not in roots
    assert "07" in roots
    assert "03" not in _roots(ctx, "A police memo offers a doubtful version of the raid.")
    assert "07" in _roots(ctx, "The WFP is airlifting food to northern Kenya.")


def test_a_particle_past_a_prepositional_phrase_is_the_nouns(ctx) -> None:
    text = "Kenyan villagers were walking along the road with their hands out."
    assert "14" not in _roots(ctx, text)


def test_what_a_witness_saw_done_was_not_done_by_the_witness(ctx) -> None:
    text = "A Kenyan reporter witnessed two men beaten by police in Nairobi."
    assert not [e for e in _events(ctx, text) if e[1].endswith("MED")]


def test_jobs_provided_and_positions_occupied_are_no_aid_and_no_occupation(ctx) -> None:
    assert "07" not in _roots(ctx, "The new Kenyan factory will provide hundreds of jobs.")
    assert "19" not in _roots(ctx, "Kenyan managers will occupy two seats on the board.")
    assert "19" not in _roots(ctx, "Kenya promised to fight Uganda's new policy on sugar imports.")


def test_a_bank_in_lower_case_is_a_business(ctx) -> None:
    text = "The Kenyan treasury seized a failing rural bank on Thursday."
    assert any(e[0].startswith("171") and e[2].endswith("BUS") for e in _events(ctx, text))
    text = "The envoy's tour took him to Kenya, Egypt and the West Bank."
    assert not [e for e in _events(ctx, text) if e[2].endswith("BUS")]


def test_titles_awards_software_and_markets_are_no_parties(ctx) -> None:
    assert "05" not in _roots(ctx, "The Kenyan boxer defended his heavyweight belt in Nairobi.")
    assert "04" not in _roots(ctx, "The Kenyan singer has hosted the music awards twice.")
    assert "08" not in _roots(ctx, "The Kenyan firm had to re-release a total of six patches.")
    assert "17" not in _roots(
        ctx, "The Kenyan central bank will no longer target the money supply."
    )
    assert "07" not in _roots(
        ctx, "Police never said whether the Kenyan suspect was carrying a gun."
    )
    assert "07" in _roots(ctx, "Sudan carried weapons to the Ugandan rebels in 1995.")


def test_a_name_given_is_no_call_made(ctx) -> None:
    text = "Kenyan union leaders have called the cuts an attack on workers."
    assert "02" not in _roots(ctx, text)


def test_a_participle_under_a_passive_verb_of_finding_was_undergone(ctx) -> None:
    text = "Two Kenyan traders were found stabbed to death in Nakuru."
    assert not [e for e in _events(ctx, text) if e[1].endswith("CVL")]


def test_records_broken_and_victims_not_recognised_are_no_events(ctx) -> None:
    assert "13" not in _roots(ctx, "The Kenyan runner broke the world record on Sunday.")
    assert "05" not in _roots(ctx, "The Kenyan witness could not recognise his attacker.")
    assert "05" in _roots(ctx, "Kenya recognised South Sudan in 2011.")


def test_they_after_a_placed_plural_subject_is_that_subject(ctx) -> None:
    text = "Kenyan police watched as the students in Nakuru marched before they were dispersed."
    events = _events(ctx, text)
    assert not [e for e in events if e[0].startswith("175") and e[2].endswith("COP")]


def test_a_thing_by_which_someone_was_hit_is_no_force(ctx) -> None:
    text = "Kenyan banks, hit hard by bad farm loans, have cut their lending."
    assert "19" not in _roots(ctx, text)
    assert "19" in _roots(ctx, "The Kenyan village was shelled by Somali militants.")


def test_markets_supported_or_supplied_are_no_parties(ctx) -> None:
    assert "05" not in _roots(ctx, "The shilling was supported by a large Kenyan exporter.")
    text = "The Central Bank of Kenya provided the money market with 2 billion shillings."
    assert "07" not in _roots(ctx, text)
    assert "05" in _roots(ctx, "Uganda backed the Kenyan government on Monday.")


def test_rumours_stated_through_a_copula_are_hypothetical(ctx) -> None:
    art = analyse(
        ctx, "The rumours in Nairobi were that Uganda had shelled a Kenyan border post.", PUB
    )
    shelled = [e for e in art.events if e.cameo.startswith("19")]
    assert shelled and all(e.modality == "hypothetical" for e in shelled)


def test_goods_ordered_are_a_purchase_not_a_command(ctx) -> None:
    text = "The Kenyan air force is expected to order 12 of the new transport planes."
    assert "10" not in _roots(ctx, text)
    assert "10" in _roots(ctx, "The Kenyan president ordered troops to withdraw from the border.")


def test_what_one_uses_something_to_do_is_ones_own_act(ctx) -> None:
    text = "Kenyan police used tear gas to disperse the Nairobi protesters."
    assert any(e[0].startswith("17") and e[1].startswith("KEN") for e in _events(ctx, text))
    text = "The Kenyan intelligence service plotted to use a UN mission to overthrow the Somali government."
    events = [e for e in _events(ctx, text) if e[2].startswith("SOM")]
    assert events and not [e for e in events if e[1].startswith("IGO")]


def test_diplomats_are_not_of_the_country_they_report_from(ctx) -> None:
    text = "Kenya is selling more tea abroad to cut its trade deficit, diplomats said."
    assert not [e for e in _events(ctx, text) if e[0] == "010" and e[1].startswith("KEN")]
