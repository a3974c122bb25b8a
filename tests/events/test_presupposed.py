"""Events taken as given, giving in, and parenthetical speakers (sentences written for these
tests).

An event named as the object of a verb that responds to it, judges it, looks into it or
avenges it ("did not condemn the attack", "will retaliate for the killing"), or set in a phrase
such as "after the attack", has happened: it keeps its own polarity and modality, never those
of the verb over it.  Yielding to someone ("gave in to the strikers", "will not yield to
the rebels") is a CAMEO yield (08).  Pupils, students and teachers are of the country where
they act, or of the government they act with.  "Kenya, they said, ..." was said by someone
other than Kenya, and "they" is the main clause's plural subject before a clause's under it.
"""

from __future__ import annotations

from tests.conftest import event_rows

PUB = "2021-08-19"


def _events(ctx, text: str) -> set[tuple[str, ...]]:
    return set(event_rows(ctx, text, PUB, also=("polarity", "modality")))


def _force(got: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [e for e in got if e[0][:2] in {"17", "18", "19"}]


def test_an_event_judged_or_answered_keeps_its_own_polarity(ctx) -> None:
    got = _events(ctx, "Kenya did not condemn the attack by Uganda on its soldiers.")
    assert ("111", "KEN", "UGA", "negated", "fact") in got  # the condemning did not happen
    assert _force(got) and all(p == "asserted" for _, _, _, p, _ in _force(got))
    got = _events(ctx, "Kenya has not responded to the arrest of its envoy by Ugandan police.")
    assert any(c == "173" and s == "UGACOP" and p == "asserted" for c, s, _, p, _ in got)


def test_an_event_avenged_or_looked_into_is_no_plan(ctx) -> None:
    # the attack was done; only the retaliation is planned (not a threat by the attacker)
    got = _events(ctx, "Kenya will retaliate for the attack by Uganda on its soldiers.")
    force = _force(got)
    assert force and all(c[:2] != "13" and m == "fact" for c, _, _, _, m in force)
    got = _events(ctx, "Kenya will investigate the killing of two protesters by police.")
    assert any(c[:2] == "19" and s == "KENCOP" and m == "fact" for c, s, _, _, m in got)


def test_an_event_in_a_setting_phrase_keeps_its_own_modality(ctx) -> None:
    got = _events(
        ctx, "Kenya may expel the envoy over the arrest of its citizens by Ugandan police."
    )
    assert any(c == "173" and m == "fact" for c, _, _, _, m in got)
    assert any(c[:2] == "16" and m == "hypothetical" for c, _, _, _, m in got)
    got = _events(
        ctx, "Kenya will close the border following the killing of two soldiers by Ugandan troops."
    )
    assert any(c[:2] == "19" and s == "UGAMIL" and m == "fact" for c, s, _, _, m in got)
    got = _events(
        ctx, "Kenya will not meet Uganda after the attack by Ugandan troops on its soldiers."
    )
    assert any(c[:2] == "04" and p == "negated" for c, _, _, p, _ in got)
    assert _force(got) and all(p == "asserted" and m == "fact" for _, _, _, p, m in _force(got))


def test_an_event_a_verb_brings_about_still_takes_its_verb(ctx) -> None:
    # holding, launching or denying an event is the event: their negation is its negation
    got = _events(ctx, "Kenya did not hold talks with Uganda.")
    assert any(c[:2] == "04" and p == "negated" for c, _, _, p, _ in got)
    got = _events(ctx, "Kenya denied the attack on Uganda.")
    assert any(c[:2] == "19" and p == "negated" for c, _, _, p, _ in got)


def test_giving_in_is_a_yield(ctx) -> None:
    assert ("080", "KENGOV", "KENLAB", "asserted", "fact") in _events(
        ctx, "The Kenyan government gave in to the strikers on Monday."
    )
    got = _events(ctx, "Kenya insisted it would not yield to the rebels.")
    assert any(c == "080" and s == "KEN" and p == "negated" for c, s, _, p, _ in got)
    got = _events(ctx, "Uganda caved in to pressure from Kenya.")
    assert any(c == "080" and s == "UGA" for c, s, _, _, _ in got)
    # what is given, and what yields a return, is no yielding
    assert not any(
        c[:2] == "08" for c, *_ in _events(ctx, "Kenya gave two million shillings in aid.")
    )
    assert not any(c[:2] == "08" for c, *_ in _events(ctx, "Kenyan bonds yielded nine percent."))


def test_pupils_and_teachers_are_of_the_country_they_act_in(ctx) -> None:
    got = _events(ctx, "The Kenyan government gave in to the striking teachers on Monday.")
    assert ("080", "KENGOV", "KENEDU", "asserted", "fact") in got
    got = _events(ctx, "Gunmen killed nine students at a college in Uganda.")
    assert any(t == "UGAEDU" for _, _, t, _, _ in got)
    # economists are quoted from anywhere: the place of the remark is not their country
    got = _events(ctx, "At a forum in Nairobi, economists said the shilling would fall.")
    assert not any(s.endswith("EDU") and s[:3] == "KEN" for _, s, _, _, _ in got)


def test_a_parenthetical_speaker_is_not_the_subject_it_interrupts(ctx) -> None:
    # "Kenya, they said, ...": whoever said so is not Kenya; an earlier named speaker is
    text = "Diplomats listed Uganda among the donors. Kenya, they said, was giving more grain."
    assert not any(s == "KEN" and c == "010" for c, s, *_ in _events(ctx, text))
    text = (
        "The Kenyan ministry issued a statement on Monday. Uganda, it said, would face sanctions."
    )
    assert all(s == "KENGOV" for c, s, *_ in _events(ctx, text) if c == "010")
    # the main clause's plural subject, not one of the clause under it, is who "they" are
    text = "Economists believe Uganda is printing money. They accused Kenya of dumping sugar."
    assert not any(s == "UGA" for _, s, *_ in _events(ctx, text))


def test_judged_stances_and_things_dispersed_are_no_events(ctx) -> None:
    # "too optimistic" is someone's judgement of them, not their comment
    text = "Kenyan officials were too optimistic about the harvest."
    assert not any(c == "013" for c, *_ in _events(ctx, text))
    text = "The Kenyan minister was optimistic about the talks."
    assert any(c == "013" and s == "KENGOV" for c, s, *_ in _events(ctx, text))
    # crowds are dispersed; an oil slick dispersed is no act on anyone
    got = _events(ctx, "Kenyan police dispersed the crowd with tear gas.")
    assert any(c == "175" and s == "KENCOP" for c, s, *_ in got)
    assert not _events(ctx, "The Kenyan navy used chemicals to disperse the oil.")


def test_an_army_of_lawyers_is_no_army(ctx) -> None:
    text = "An army of Kenyan lawyers attacked the ruling. Kenyan troops attacked the camp."
    got = _events(ctx, text)
    assert ("111", "KENJUD", "", "asserted", "fact") in got  # a verbal attack on a ruling
    assert any(s == "KENMIL" and c[:2] == "19" for c, s, *_ in got)
    got = _events(ctx, "A battalion of Kenyan troops attacked the camp.")
    assert any(s == "KENMIL" and c[:2] == "19" for c, s, *_ in got)


def test_a_battle_against_an_ill_is_no_force(ctx) -> None:
    assert not _events(ctx, "The Kenyan firm is losing its battle to contain the floods.")
    assert not _events(ctx, "The Kenyan government's war on corruption continued.")
    got = _events(ctx, "Kenyan troops fought a battle with rebels near Lamu.")
    assert any(c[:2] == "19" and s == "KENMIL" for c, s, *_ in got)


def test_states_along_with_the_object_are_objects_too(ctx) -> None:
    text = "Kenya criticised Uganda, along with Rwanda and Burundi, for closing the border."
    got = {(c, s, t) for c, s, t, *_ in _events(ctx, text)}
    assert {("111", "KEN", "UGA"), ("111", "KEN", "RWA"), ("111", "KEN", "BDI")} <= got
    # before the verb they join the doer; after an attack's object they may be allies
    got = {(c, s, t) for c, s, t, *_ in _events(ctx, "Kenya, along with Uganda, condemned Sudan.")}
    assert {("111", "KEN", "SDN"), ("111", "UGA", "SDN")} <= got
    text = "Kenyan troops shelled the camp, along with Ugandan troops."
    assert not any(t.startswith("UGA") for _, _, t, *_ in _events(ctx, text))


def test_leaders_of_a_group_act_for_the_group(ctx) -> None:
    text = "Leaders of the farmers' unions in Kenya suspended their protests."
    assert any(s == "KENAGR" for _, s, *_ in _events(ctx, text))
    text = "Leaders of three of the farmers' unions in Kenya said they were suspending protests."
    assert any(c == "082" and s == "KENAGR" for c, s, *_ in _events(ctx, text))
    # the head of a state body is that body's; a bare title's sector is no antecedent of "they"
    got = _events(ctx, "The head of the Kenyan army attacked rebels near Lamu.")
    assert any(s == "KENMIL" for _, s, *_ in got)
    text = "Leaders of the Nairobi Union of Teachers said they will not end the strike."
    assert not any(s.endswith("GOV") for _, s, *_ in _events(ctx, text))


def test_a_bare_conjunct_shares_its_sisters_modal(ctx) -> None:
    got = _events(ctx, "Kenya will meet Uganda on Monday and sign a trade deal.")
    assert got and all(m == "intent" for *_, m in got)  # the signing is planned too
    got = _events(ctx, "Kenya will not meet Uganda or sign a deal.")
    assert got and all(p == "negated" for *_, p, _ in got)
    # a conjunct with its own tense or subject keeps its own
    got = _events(ctx, "Kenya met Uganda and signed a trade deal.")
    assert got and all(m == "fact" for *_, m in got)
    got = _events(ctx, "Kenya will meet Uganda, and Tanzania signed a deal.")
    assert any(s == "TZA" and m == "fact" for _, s, *_, m in got)


def test_an_inverted_condition_is_no_fact_nor_plan(ctx) -> None:
    got = _events(ctx, "Had Kenya attacked Uganda, Tanzania would have protested.")
    assert all(m == "hypothetical" for _, s, *_, m in got if s == "KEN")
    assert not any(s == "KEN" and m in {"fact", "intent"} for _, s, *_, m in got)


def test_a_clause_the_parser_opened_as_a_phrase_keeps_its_subject(ctx) -> None:
    text = (
        "Officials in Nairobi said two women died in a depot that burned after masked youths"
        " smashed a gate and threw firebombs inside."
    )
    got = event_rows(ctx, text, PUB, also=("mentions",))
    spans = [e[3][0].source_span for e in got if e[0][:2] == "14"]
    assert spans and all("youths" in (sp or {}).get("text", "") for sp in spans)


def test_what_someone_is_allowed_to_do_is_not_done(ctx) -> None:
    text = "A new law allows the Kenyan interior minister to expel foreign diplomats."
    got = _events(ctx, text)
    assert got and all(m != "fact" for *_, m in got)
