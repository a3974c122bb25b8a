"""How news is written, one construction at a time (sentences written for these tests).

Each case names the construction it exercises; the expected events are what a reader codes
(CAMEO root, source and target country or code), following the real-news annotation guide's
conventions: one-sided events keep the missing side empty, reciprocal acts are one event with
both sides, background is marked, and the sentence's own date wins over the publication date.
"""

from __future__ import annotations

import pytest

from tests.conftest import analyse, event_rows

PUB = "2019-06-14"  # a Friday


def _events(ctx, text: str, published: str = PUB) -> list[tuple[str, ...]]:
    return event_rows(ctx, text, published, code="root")


def _has(events: list[tuple[str, str, str]], root: str, src: str, tgt: str) -> bool:
    return any(r == root and s.startswith(src) and t.startswith(tgt) for r, s, t in events)


CASES = [
    # (construction, sentence, root, source prefix, target prefix)
    (
        "an envoy sent 'to' a capital the parser tags as a dative visits its country",
        "Obama sent his envoy to Cairo on Monday.",
        "04",
        "USA",
        "EGY",
    ),
    (
        "whom an act of force harmed is its target where its place names no one else",
        "The Nigerian air force carried out air strikes near Maiduguri on Monday, killing 40 "
        "Boko Haram fighters.",
        "19",
        "NGAMIL",
        "NGAREB",
    ),
    (
        "a verdict on an act in the judge's own country falls on the doer the parser hung "
        "on the verb",
        "Jordan condemned the bombing in Amman by Islamic State on Friday.",
        "11",
        "JOR",
        "IMG",
    ),
    (
        "a demand that someone end an act is made of who is to end it",
        "Brazil says Chile must end the raids on Bolivia.",
        "19",
        "BRA",
        "CHL",
    ),
    (
        "two verbs joined by 'and' share the object after the second",
        "Ghana rejected and condemned the Nigerian decision on Monday.",
        "12",
        "GHA",
        "NGA",
    ),
    (
        "who acts 'along with' the subject, named before the verb, acts too",
        "Norway, along with Denmark, condemned Iran on Monday.",
        "11",
        "DNK",
        "IRN",
    ),
    (
        "a body 'of the country' is of the country the story is about; a business seized is "
        "property confiscated",
        "On Thursday the Icelandic government seized the nation's biggest lender.",
        "17",
        "ISLGOV",
        "ISLBUS",
    ),
    (
        "an apposition the parser takes for a second object does not replace the first",
        "The Justice Department sued Toyota on Wednesday over the recall, the government's "
        "first filing in the case.",
        "11",
        "USAGOV",
        "JPNBUS",
    ),
    (
        "who a sentence holds responsible for an act of force did it",
        "Boko Haram is responsible for mass killings in northern Nigeria.",
        "20",
        "NGAREB",
        "",
    ),
    (
        "people a compound names before an act of force suffer it",
        "Child abductions by Boko Haram rose in Maiduguri.",
        "18",
        "NGAREB",
        "NGACVL",
    ),
    (
        "aid pledged for a country is promised to it",
        "Norway pledged 20 million dollars in aid for Yemen on Monday.",
        "03",
        "NOR",
        "YEM",
    ),
    (
        "the preposition of a verb-and-object frame hung on the object",
        "Britain returned artifacts to Nigeria on Monday.",
        "08",
        "GBR",
        "NGA",
    ),
    (
        "a mediator acts on the parties of an effort between them",
        "Ghana launched a mediation effort between Togo and Benin on Monday.",
        "04",
        "GHA",
        "BEN",
    ),
    (
        "a mediator named as owner of the mediation",
        "Senegal's mediation between Mali and Guinea resumed on Monday.",
        "04",
        "SEN",
        "MLI",
    ),
    (
        "parties of a light verb's event noun hung on the verb",
        "Kenya began mediation between Uganda and Rwanda on Monday.",
        "04",
        "KEN",
        "UGA",
    ),
    (
        "coordinated parties reaching or breaking an agreement do it with each other",
        "Chile and Peru failed to reach a deal on fishing rights on Monday.",
        "12",
        "CHL",
        "PER",
    ),
    (
        "coordinated parties breaking a truce break it with each other",
        "Ecuador and Peru violated the truce along their border on Monday.",
        "19",
        "ECU",
        "PER",
    ),
    (
        "coordinated subjects meet",
        "Angela Merkel and Emmanuel Macron met in Aachen on Tuesday.",
        "04",
        "DEU",
        "FRA",
    ),
    (
        "subject of a passive governor does the open clause",
        "Angela Merkel and Emmanuel Macron are scheduled to meet in Aachen next week.",
        "04",
        "DEU",
        "FRA",
    ),
    (
        "possessive title as source",
        "Egypt's intelligence chief met with Israeli Prime Minister Benjamin Netanyahu on Monday.",
        "04",
        "EGY",
        "ISR",
    ),
    (
        "active verb joined to a passive reported clause belongs to the reporting verb",
        "Pakistan has said its diplomats are harassed in Delhi and has accused India of spying.",
        "11",
        "PAK",
        "IND",
    ),
    (
        "the act held by a container noun",
        "Egypt ended its mediation efforts between Israel and Hamas on Sunday.",
        "16",
        "EGY",
        "ISR",
    ),
    (
        "the act held by a partitive object",
        "Japan halted part of its aid to Myanmar on Monday.",
        "16",
        "JPN",
        "MMR",
    ),
    (
        "a visit's host is the country it goes to",
        "The Kenyan president travelled to Kampala on Monday.",
        "04",
        "KEN",
        "UGA",
    ),
    (
        "a noun event in a time adjunct is held by the clause's subject",
        "The Kenyan president returned to Nairobi after talks with the Ugandan leader.",
        "04",
        "KEN",
        "UGA",
    ),
    (
        "a visit named by a noun goes to its destination's country",
        "The Kenyan president spoke to reporters ahead of his visit to Kampala.",
        "04",
        "KEN",
        "UGA",
    ),
    (
        "the accuser answered by a denial",
        "Egypt rejected accusations by Ethiopia of sabotage on Monday.",
        "01",
        "EGY",
        "ETH",
    ),
    ("force aimed at a named place", "Russian jets bombed Idlib on Monday.", "19", "RUS", "SYR"),
    (
        "a threat against a named place",
        "The militia threatened to shell Benghazi.",
        "13",
        "",
        "LBY",
    ),
    (
        "a call for someone to act is made of them",
        "The French president called on Friday for Italy to stay in the single market.",
        "02",
        "FRA",
        "ITA",
    ),
    (
        "a call for an act against someone",
        "The Kenyan president called for sanctions against Sudan.",
        "02",
        "KEN",
        "SDN",
    ),
    ("country shells a place", "Pakistan shelled Kashmir villages on Thursday.", "19", "PAK", ""),
    (
        "demonym forces",
        "Ethiopian forces shelled Eritrean border posts on Sunday.",
        "19",
        "ETHMIL",
        "ERI",
    ),
    (
        "means of force as the doer",
        "Saudi air strikes killed at least 20 civilians near Hodeidah.",
        "19",
        "SAU",
        "",
    ),
    (
        "passive with by-agent",
        "Dozens of Nigerian soldiers were ambushed by Boko Haram fighters.",
        "1",
        "",
        "NGA",
    ),
    (
        "agentless passive inside a noun by-agent",
        "Six Iraqi soldiers were killed in an attack by Islamic State fighters.",
        "1",
        "IMG",
        "IRQ",
    ),
    (
        "thing of a country as target",
        "Iranian gunboats attacked a British oil tanker in the Gulf.",
        "19",
        "IRN",
        "GBR",
    ),
    (
        "verdict on an act targets its doer",
        "France condemned the Russian attack on the port.",
        "11",
        "FRA",
        "RUS",
    ),
    (
        "complaint about a reported act",
        "Lebanon complained to the United Nations that Israeli jets had violated its airspace.",
        "11",
        "LBN",
        "ISR",
    ),
    (
        "evaluation said of someone",
        "The Venezuelan foreign minister said on Friday that Colombia is an obstacle to dialogue.",
        "11",
        "VEN",
        "COL",
    ),
    (
        "demand through a copula",
        "The Afghan president stressed that the priority is the departure "
        "of all foreign troops, including those of the United States.",
        "10",
        "AFG",
        "USA",
    ),
    (
        "relative pronoun as subject",
        "The rebels, who attacked Colombian troops on Monday, fled into Venezuela.",
        "19",
        "",
        "COLMIL",
    ),
    ("pronoun for a country", "Sudan denied that it had sent troops into Chad.", "1", "SDN", ""),
    (
        "target of a measure through a participle on its noun",
        "Japan lifted the ban imposed on North Korean ships.",
        "08",
        "JPN",
        "PRK",
    ),
    (
        "target of a measure behind what it restricts",
        "Canada eased restrictions on travel to Venezuela.",
        "08",
        "CAN",
        "VEN",
    ),
    (
        "recipient hung on the last noun of what is given",
        "Norway has sent food aid and a team of doctors to Chad.",
        "07",
        "NOR",
        "TCD",
    ),
    (
        "bare infinitive under a causative verb is done by its subject",
        "Uzbekistan let free a jailed Kazakh journalist on Tuesday.",
        "08",
        "UZB",
        "",
    ),
    (
        "a sum of money given is economic aid, whatever the currency",
        "Sweden gave 40 million kronor to Mozambique.",
        "07",
        "SWE",
        "MOZ",
    ),
    (
        "a person apposed to the head of a state body is that state's government",
        "Marta Bellini, the head of Italy's coastal rescue service, criticised Malta.",
        "11",
        "ITAGOV",
        "MLT",
    ),
    (
        "a state body no list names is its owner's government",
        "The chief of Peru's water authority criticised Bolivia.",
        "11",
        "PERGOV",
        "BOL",
    ),
    (
        "a spokesman for a body speaks for it",
        "A spokeswoman for the Greek foreign ministry condemned Turkey.",
        "11",
        "GRCGOV",
        "TUR",
    ),
    (
        "a later pronoun takes the code of the head of a body",
        "Jonas Berg, director of the Swedish migration agency, spoke on Monday. "
        "He later criticised Denmark.",
        "11",
        "SWEGOV",
        "DNK",
    ),
    (
        "troops sent to help an ally are military aid to it, not a show of force",
        "Norway sent troops to help the Latvian army.",
        "07",
        "NOR",
        "LVAMIL",
    ),
    (
        "troops offered to help an ally are an intent to give military aid",
        "Norway offered to send soldiers to help the Latvian army.",
        "03",
        "NOR",
        "LVAMIL",
    ),
    (
        "troops rushed to help a rescue are humanitarian aid to where they go",
        "Chile rushed troops to Peru to help rescue efforts after the quake.",
        "07",
        "CHL",
        "PER",
    ),
    (
        "force on a place a named group holds is force on the group",
        "Nigerian troops attacked the Boko Haram-held town of Gwoza.",
        "19",
        "NGAMIL",
        "NGAREB",
    ),
    (
        "force on a rebel-held place is force on that country's rebels",
        "Ethiopian jets bombed rebel-held areas of Mekele.",
        "19",
        "ETHMIL",
        "ETHREB",
    ),
    (
        "force on the areas of a place is force on its country",
        "Russian jets bombed areas of Kharkiv.",
        "19",
        "RUSMIL",
        "UKR",
    ),
    (
        "a withdrawal concerns the place left",
        "The UN withdrew its monitors from the Golan Heights.",
        "16",
        "IGOUNO",
        "SYR",
    ),
    (
        "a noun of withdrawal concerns the country its troops leave",
        "Kenya announced the withdrawal of its troops from Somalia.",
        "08",
        "KEN",
        "SOM",
    ),
    (
        "an armed group's acronym inside a longer tagged name is still the group",
        "Turkish jets struck Kurdish YPG positions on Monday.",
        "19",
        "TURMIL",
        "SYRREB",
    ),
    (
        "a place taken from someone is taken from them",
        "The Syrian army recaptured Palmyra from Islamic State on Sunday.",
        "19",
        "SYRMIL",
        "IMGREB",
    ),
    (
        "military advisers sent are military aid",
        "Iran sent military advisers to Syria.",
        "07",
        "IRN",
        "SYR",
    ),
    (
        "what a country is provided with codes the aid, the object is the one provided",
        "Russia provided Syria with weapons.",
        "07",
        "RUS",
        "SYR",
    ),
    (
        "a concern about something is about whose it is",
        "Japan expressed concern about China's military buildup.",
        "01",
        "JPN",
        "CHN",
    ),
    (
        "optimism about talks is about the other party",
        "Russia expressed optimism about talks with Ukraine.",
        "01",
        "RUS",
        "UKR",
    ),
    (
        "naming something an evil is criticising it, not a phone call",
        "Chile called Bolivia an obstacle to regional trade.",
        "11",
        "CHL",
        "BOL",
    ),
    (
        "describing an act as a crime criticises whoever did it",
        "Ghana described the Togolese raid as a provocation.",
        "11",
        "GHA",
        "TGO",
    ),
    (
        "a place in a republic that left a union is the republic's after independence",
        "ZAGREB - Wages will fall next year, a trade union chief said.",
        "01",
        "HRVLAB",
        "",
    ),
    (
        "a cut of aid falls on the place it went to",
        "The World Bank has frozen its funding to Kabul because of the coup.",
        "16",
        "",
        "AFG",
    ),
    (
        "a halt of aid falls on the place it went to",
        "Norway halted development aid to Mogadishu last week.",
        "16",
        "NOR",
        "SOM",
    ),
    (
        "a measure laid on a place is laid on its people",
        "Police imposed a night curfew in parts of the city of Mombasa.",
        "17",
        "KENCOP",
        "KEN",
    ),
    (
        "a ceasefire declared in a place is declared there",
        "The rebels declared a ceasefire in Yemen on Sunday.",
        "08",
        "YEMREB",
        "YEM",
    ),
    (
        "a domestic measure keeps its authorities' country (not a place struck by foreigners)",
        "The authorities imposed a curfew in Chicago on Saturday.",
        "17",
        "USAGOV",
        "USA",
    ),
    (
        "a denied charge comes from who made it, wherever the parser hangs its 'by X'",
        "Russia denied allegations by Ukraine that its troops had shelled a school.",
        "01",
        "RUS",
        "UKR",
    ),
    (
        "an arrest with no agent is by the authorities of its place",
        "Three British tourists were detained in Dubai on Sunday.",
        "17",
        "AREGOV",
        "GBR",
    ),
    (
        "an expulsion with no agent is by the state expelled from",
        "Two American diplomats were expelled from Moscow on Friday.",
        "16",
        "RUSGOV",
        "USA",
    ),
    (
        "a bare definite noun repeats the earlier one of its word and means whom that named",
        "The Dutch foreign minister went to Baghdad with a European Union delegation. "
        "The delegation promised its backing for Iraq's new government.",
        "03",
        "IGOEUREEC",
        "IRQ",
    ),
    (
        "suspending named as a noun is the act on what it suspends",
        "Norway announced a suspension of aid to Malawi on Monday.",
        "16",
        "NOR",
        "MWI",
    ),
    (
        "a bare first modifier the parser takes for the object: 'air and ground attacks on X'",
        "Turkey launched air and ground attacks on Kurdish militants in Syria on Monday.",
        "19",
        "TUR",
        "SYRREB",
    ),
    (
        "refuge sought 'in' a country is asked of it",
        "Thousands of Congolese refugees have sought refuge in Uganda since January.",
        "02",
        "COD",
        "UGA",
    ),
    (
        "a name the tagger took for an adverb before a verb with no subject is its subject",
        "USAID announced a suspension of aid to Malawi.",
        "16",
        "USA",
        "MWI",
    ),
    (
        "sealing or cordoning off a place restricts movement there",
        "Israeli troops sealed off Nablus on Monday.",
        "19",
        "ISR",
        "PSE",
    ),
    (
        "support pledged 'for' someone is pledged to them",
        "Japan pledged its full support for the Iraqi government on Monday.",
        "03",
        "JPN",
        "IRQGOV",
    ),
]


@pytest.mark.parametrize(("name", "text", "root", "src", "tgt"), CASES, ids=[c[0] for c in CASES])
def test_construction(ctx, name: str, text: str, root: str, src: str, tgt: str) -> None:
    events = _events(ctx, text)
    assert any(r.startswith(root) and s.startswith(src) and t.startswith(tgt)
               for r, s, t in events), (name, events)  # fmt: skip


def test_an_act_in_the_doers_own_land_keeps_the_doer_with_no_target(ctx) -> None:
    # the place left is the doer's own: no one else is the target, but the act is reported
    events = _events(ctx, "Ghana withdrew its troops from Tamale on Monday.")
    assert ("08", "GHA", "") in events, events


def test_a_naming_participle_joined_to_the_verb_lends_it_its_date_and_place(ctx) -> None:
    # the parser makes "codenamed X" a second verb and hangs the time and place on it
    text = "Chad launched an offensive, codenamed Sahel-3, on Tuesday night in northern Niger."
    art = analyse(ctx, text, PUB)
    ev = next(e for e in art.events if e.root == "19")
    assert ev.date == "2019-06-11" and ev.target is not None and ev.target.code == "NER"
    # a second verb of its own ("and named a commander") keeps its phrases
    art = analyse(ctx, "Chad launched an offensive and named a new commander on Tuesday.", PUB)
    ev = next(e for e in art.events if e.root == "19")
    assert ev.date_precision != "day" or ev.date != "2019-06-11"


def test_a_deal_judged_together_is_not_done_to_each_other(ctx) -> None:
    # rejecting someone's agreement is no agreement made between the ones who reject it
    events = _events(ctx, "Chile and Peru rejected the deal on Monday.")
    assert events and not any(s[:3] == "CHL" and t[:3] == "PER" for _, s, t in events), events


def test_reciprocal_meeting_is_one_event_with_both_sides(ctx) -> None:
    art = analyse(ctx, "Angela Merkel and Emmanuel Macron met in Aachen on Tuesday.", PUB)
    meet = [e for e in art.events if e.root == "04"]
    assert len(meet) == 1 and meet[0].reciprocal
    assert meet[0].date == "2019-06-11"
    spans = meet[0].mentions[0]
    assert spans.source_span and spans.target_span


def test_spans_name_each_side_within_the_sentence(ctx) -> None:
    text = "Yesterday Turkish forces shelled Kurdish positions near the Syrian town of Kobani."
    art = analyse(ctx, text, PUB)
    ev = next(e for e in art.events if e.root == "19")
    m = ev.mentions[0]
    assert m.sentence[m.source_span["start"] : m.source_span["end"]] == m.source_span["text"]
    assert m.source_span["text"] == "Turkish forces"
    # a name ends before a phrase of place; "of" may still be part of it
    art = analyse(ctx, "Ecuador granted asylum to Julian Assange in London on Friday.", PUB)
    ev = next(e for e in art.events if e.target is not None)
    assert ev.mentions[0].target_span["text"] == "Julian Assange"
    art = analyse(ctx, "Chile criticised President Evo Morales of Bolivia on Friday.", PUB)
    ev = next(e for e in art.events if e.target is not None)
    assert ev.mentions[0].target_span["text"] == "President Evo Morales of Bolivia"


def test_condemning_an_act_with_no_doer_keeps_the_target_empty(ctx) -> None:
    events = _events(ctx, "Canada condemned the bombing.")
    assert ("11", "CAN", "") in events
    assert not any(r == "18" and s.startswith("CAN") for r, s, _ in events)


def test_reported_act_is_the_act_not_a_statement(ctx) -> None:
    events = _events(ctx, "Kenyan police arrested twelve protesters in Nairobi, officials said.")
    assert _has(events, "17", "KENCOP", "")
    assert not any(r == "01" for r, _, _ in events)


def test_bare_statement_is_010(ctx) -> None:
    events = _events(ctx, "The Greek government said it was ready for dialogue.")
    assert any(r in {"01", "03"} and s.startswith("GRC") for r, s, _ in events)


def test_consequence_participle_is_part_of_the_attack(ctx) -> None:
    events = _events(ctx, "Syrian jets bombed rebel-held towns on Monday, killing 30 people.")
    assert sum(1 for r, s, _ in events if r in {"18", "19"} and s.startswith("SYR")) == 1


def test_purpose_clause_is_not_an_event(ctx) -> None:
    events = _events(ctx, "Norway hosted Colombian negotiators to help the peace process.")
    assert _has(events, "04", "NOR", "COL")
    assert len(events) == 1  # helping the process is what the meeting is for


def test_anti_adjective_names_the_target(ctx) -> None:
    art = analyse(ctx, "Anti-Chinese riots broke out in Jakarta.", PUB)
    assert not any((e.source.code or "").startswith("CHN") for e in art.events if e.source)


def test_background_keeps_its_own_date_never_the_publication_day(ctx) -> None:
    art = analyse(ctx, "Russia has backed the Syrian government since the war began in 2011.", PUB)
    backing = [e for e in art.events if e.root == "05"]
    assert backing and all(m.background for e in backing for m in e.mentions)
    assert all(e.date != PUB for e in backing)


def test_older_dated_event_is_background(ctx) -> None:
    art = analyse(ctx, "In 2003, American troops invaded Iraq.", PUB)
    ev = next(e for e in art.events if e.root == "19")
    assert ev.date == "2003" and ev.mentions[0].background


def test_news_of_the_week_is_not_background(ctx) -> None:
    art = analyse(ctx, "Indian troops attacked Pakistani posts on Wednesday.", PUB)
    ev = next(e for e in art.events if e.root == "19")
    assert ev.date == "2019-06-12" and not ev.mentions[0].background


def test_coordinated_days_are_one_period(ctx) -> None:
    art = analyse(ctx, "Chadian troops attacked Libyan positions last Monday and Tuesday.", PUB)
    ev = next(e for e in art.events if e.root == "19")
    assert (ev.date, ev.date_precision) == ("2019-06", "month")


def test_scheduled_future_day_resolves_forward(ctx) -> None:
    art = analyse(ctx, "The Kenyan president is due to meet the Ugandan leader on Monday.", PUB)
    ev = next(e for e in art.events if e.root == "04")
    assert (ev.date, ev.cameo, ev.modality) == ("2019-06-17", "040", "intent")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ethiopian warplanes attacked Eritrean positions on Sunday.", "195"),
        ("Ethiopian tanks attacked Eritrean positions on Sunday.", "194"),
        ("Ethiopian troops attacked Eritrean positions with mortars on Sunday.", "194"),
        ("Ethiopian troops attacked Eritrean positions on Sunday.", "190"),
        # irregulars' killing is 180, but not when artillery or aircraft did it
        ("A Taliban rocket attack killed three Afghan soldiers in Kandahar on Sunday.", "194"),
    ],
)
def test_the_weapon_refines_a_default_act_of_force(ctx, text: str, code: str) -> None:
    art = analyse(ctx, text, PUB)
    assert [e.cameo for e in art.events if e.root == "19"] == [code]


def test_an_occasion_dates_the_event_held_at_it(ctx) -> None:
    text = (
        "The Chilean president will meet the leaders of Peru and Bolivia at a regional forum, "
        "which will take place in Lima on August 3-5."
    )
    art = analyse(ctx, text, PUB)
    ev = next(e for e in art.events if e.root == "04")
    assert (ev.date, ev.date_precision) == ("2019-08", "month")


def test_an_occasion_clause_that_is_not_about_when_lends_no_date(ctx) -> None:
    text = "The Chilean president met the Peruvian leader at a forum, which he criticised in May."
    art = analyse(ctx, text, PUB)
    ev = next(e for e in art.events if e.root == "04")
    assert ev.date_precision == "published"


def test_background_events_are_counted_apart_in_dyads_and_story_spans(ctx) -> None:
    from storyline.corpus import dyads

    art = analyse(
        ctx,
        "Turkish jets struck Iraqi border posts on Wednesday. Turkey had attacked Iraqi posts "
        "before, in 2007.",
        PUB,
    )
    news = [e for e in art.events if not e.background]
    history = [e for e in art.events if e.background]
    assert news and history
    rows = {(r.a, r.b, r.period): r for r in dyads.run(art.events)}
    june = rows[("TUR", "IRQ", "2019-06")]
    assert june.events == len(news) and june.background == 0
    old = [r for k, r in rows.items() if k[2].startswith("2007")]
    assert all(r.events == 0 and r.background >= 1 for r in old)


def test_news_only_timeline_leaves_out_history_and_says_so(ctx) -> None:
    from storyline import timeline as tl

    art = analyse(
        ctx, "Turkish jets struck Iraqi border posts on Wednesday. Turkey had attacked Iraqi posts "
        "in 2007.", PUB
    )  # fmt: skip
    built = tl._assemble(tl.Timeline("t", {}), list(art.events))
    text = tl.render_text(built)
    assert "(recounted as background)" in text
    only = tl.render_text(tl.news_only(built))
    assert "(recounted as background)" not in only and "left out" in only


def test_a_state_is_named_as_it_was_on_the_event_s_date(ctx) -> None:
    # Moscow's government was the Soviet Union's before 26 December 1991, Russia's after.
    old = analyse(ctx, "Moscow accused Washington of spying on Monday.", "1987-04-15")
    new = analyse(ctx, "Moscow accused Washington of spying on Monday.", "2019-06-14")
    assert [e.source.code for e in old.events if e.source and e.root == "11"] == ["SUNGOV"]
    assert [e.source.code for e in new.events if e.source and e.root == "11"] == ["RUSGOV"]


def test_a_companion_in_the_phrase_acts_too(ctx) -> None:
    events = _events(ctx, "Russia, together with Iran, backed the Syrian government.")
    assert {s for r, s, _t in events if r == "05"} == {"RUS", "IRN"}


def test_whose_names_the_owner_before_the_clause(ctx) -> None:
    text = "Talks resumed with Kenya, whose government has mediated between Sudan and Chad."
    events = _events(ctx, text)
    assert {s for r, s, _t in events if r == "04"} == {"KENGOV"}


def test_an_object_pronoun_is_not_its_own_clause_s_subject(ctx) -> None:
    # "him" after "Kenyatta pardoned" is the journalist named before, never Kenyatta himself
    text = (
        "Kenyan journalist Joseph Mwangi was freed on Monday after President Uhuru Kenyatta "
        "pardoned him."
    )
    art = analyse(ctx, text, PUB)
    pardons = [e for e in art.events if e.source and e.source.code == "KENGOV"]
    assert pardons
    assert all(e.target is None or e.target.name != e.source.name for e in pardons)
    assert any(e.target is not None and "Mwangi" in (e.target.name or "") for e in pardons)


def test_money_given_is_coded_as_economic_aid(ctx) -> None:
    art = analyse(ctx, "Sweden gave 40 million kronor to Mozambique.", PUB)
    assert [(e.cameo, e.source.code, e.target.code) for e in art.events] == [("071", "SWE", "MOZ")]


def test_a_possessive_pronoun_means_its_clause_s_subject_before_the_last_name(ctx) -> None:
    # "her visit" is Merkel's, though Mattarella was named last
    text = (
        "Angela Merkel left Rome after talks with Sergio Mattarella ahead of her visit to Madrid."
    )
    events = _events(ctx, text)
    visits = [(s, t) for r, s, t in events if r == "04" and t.startswith("ESP")]
    assert visits and all(s.startswith("DEU") for s, _t in visits)


def test_a_definite_description_means_the_one_actor_of_its_sector_named_before(ctx) -> None:
    text = (
        "Nokia was fined by regulators in Brussels on Monday. A lawyer for Nokia said the "
        "telecoms company had accused the European Commission of bias."
    )
    art = analyse(ctx, text, PUB)
    accusations = [e for e in art.events if e.root == "11"]
    assert accusations and all(e.source and e.source.code == "FINBUS" for e in accusations)
    assert accusations[0].mentions[0].source_span["text"] == "the telecoms company"
    # with two companies named before, "the company" is left unknown rather than guessed
    text = (
        "Nokia and Toyota were fined on Monday. A lawyer said the company had accused the "
        "European Commission of bias."
    )
    art = analyse(ctx, text, PUB)
    sources = [e.source.code if e.source else None for e in art.events if e.root == "11"]
    assert all(code is None or code.startswith("---") for code in sources)


def test_a_body_is_not_its_member_and_a_lent_target_is_no_target(ctx) -> None:
    # "the government" is not the envoy named before; the government it then becomes (the
    # doer's own country, lent) is no one the text names: the doubts stand, with no target
    art = analyse(
        ctx, "Kenyan trade envoy Amina Odhiambo expressed doubts about the new government.", PUB
    )
    (ev,) = art.events
    assert (ev.source.code, ev.target, ev.cameo) == ("KENGOV", None, "012")
    # a person noun still means the one person named before
    text = "Kenyan President Uhuru Kenyatta arrived in Mombasa on Monday. The leader criticized Uganda."
    (ev,) = analyse(ctx, text, PUB).events
    assert ev.source.name == "Uhuru Kenyatta" and ev.target.code == "UGA"


def test_they_in_a_reported_clause_is_the_unnamed_plural_speaker(ctx) -> None:
    events = _events(ctx, "Rebels said they had destroyed a police station in Kidal on Monday.")
    assert any(r == "17" and s.endswith("REB") for r, s, _t in events), events
    # a subject whose own words say whose they are is not read as a sector
    events = _events(
        ctx, "Leaders of the dockers' unions said they were suspending the strike on Monday."
    )
    assert not any(s.endswith("GOV") for _r, s, _t in events), events


def test_talks_that_are_the_purpose_of_a_journey_are_held_by_the_traveller(ctx) -> None:
    events = _events(ctx, "Angela Merkel flew to Paris on Monday for talks with Emmanuel Macron.")
    assert _has(events, "04", "DEU", "FRA"), events
    # the one sent holds the talks, not the sender
    art = analyse(ctx, "Merkel sent Heiko Maas to Paris for talks with Emmanuel Macron.", PUB)
    talks = [e for e in art.events if e.root == "04"]
    assert talks and all("Maas" in (e.source.name or "") for e in talks), talks


def test_a_role_the_verb_puts_its_object_in_is_an_act_on_the_object(ctx) -> None:
    # "as human shields" hung on the verb or on its object
    for text in (
        "Taliban fighters used villagers as human shields near Kunduz.",
        "Al-Shabaab fighters held dozens of villagers as human shields near Kismayo.",
    ):
        events = _events(ctx, text)
        assert any(r == "18" and s.endswith("REB") for r, s, _t in events), (text, events)


def test_a_named_group_s_fighters_are_the_group_wherever_they_fight(ctx) -> None:
    events = _events(ctx, "Boko Haram fighters attacked soldiers in northern Cameroon.")
    assert _has(events, "19", "NGAREB", "CMR"), events
    events = _events(ctx, "Islamic State militants shelled a village in northern Iraq.")
    assert any(s == "IMGREB" for r, s, _t in events if r == "19"), events


def test_a_possessive_pronoun_gives_a_title_its_owner_s_country(ctx) -> None:
    art = analyse(
        ctx, "Merkel sent her foreign minister to Paris for talks with Emmanuel Macron.", PUB
    )
    talks = [e for e in art.events if e.root == "04"]
    assert talks and all(e.source and e.source.code == "DEUGOV" for e in talks), talks
    # "its" stands for the state named before it
    events = _events(
        ctx,
        "Tehran announced a new offensive near Basra, while Baghdad said its forces had "
        "repelled the attack.",
    )
    assert any(r == "19" and s == "IRQMIL" for r, s, _t in events), events
    # the clause's subject and the last person named disagree: the owner is left unknown
    art = analyse(ctx, "Merkel welcomed Macron as her foreign minister arrived.", PUB)
    assert not any(e.source and e.source.code == "FRAGOV" and "minister" in
                   (e.mentions[0].source_span or {}).get("text", "") for e in art.events)  # fmt: skip


def test_a_statement_speaks_for_whoever_issued_it(ctx) -> None:
    art = analyse(ctx, "Norway issued a statement urging Sudan to release the detainees.", PUB)
    urges = [e for e in art.events if e.root == "02"]
    assert urges and urges[0].source.code == "NOR" and urges[0].target.code == "SDN"
    assert not urges[0].background and urges[0].date_precision == "published"
    # releasing a report is a statement, not a release of people
    art = analyse(ctx, "The Kremlin released a report on Tuesday.", PUB)
    assert [e.cameo for e in art.events] == ["010"]


def test_people_of_a_country_named_by_the_pattern_s_object_are_its_target(ctx) -> None:
    events = _events(ctx, "Canada accepted 2,000 Syrian refugees last year.")
    assert any(r == "03" and s == "CAN" and t.startswith("SYR") for r, s, t in events), events
    # ... only when nothing else is: what is sent goes to where it is sent
    events = _events(ctx, "Russia sent Russian warplanes to Syria.")
    assert events and all(t == "SYR" for _r, _s, t in events), events


def test_a_condemned_or_repelled_act_is_done_by_whoever_the_text_said_did_it(ctx) -> None:
    # verdict on a definite act named before: its doer is the target
    text = "Saudi jets bombed a market in Saada on Monday. Oman condemned the attack."
    assert _has(_events(ctx, text), "11", "OMN", "SAU")
    # two doers of acts before: the side stays empty rather than guessed
    text = (
        "Saudi jets bombed Saada and Houthi fighters shelled Jizan on Monday. "
        "Oman condemned the attacks."
    )
    condemn = [e for e in _events(ctx, text) if e[0] == "11"]
    assert condemn and all(t == "" for _, _, t in condemn)
    # force answering the act: repelling it is force on its doer
    text = (
        "Armenia launched an offensive north of Tartar, and Baku said its army repelled the attack."
    )
    assert _has(_events(ctx, text), "19", "AZEMIL", "ARM")


def test_a_country_s_agent_noun_is_that_country_s_sector(ctx) -> None:
    # "its" stands for the state before it; its troops are that state's military
    text = "Azerbaijan said its troops repelled an overnight Armenian attack near Tartar."
    events = _events(ctx, text)
    assert _has(events, "19", "AZEMIL", "ARM"), events
    assert not any(s == t for _, s, t in events), events


def test_a_compass_phrase_places_an_act_and_names_no_side(ctx) -> None:
    text = "Ethiopian troops repelled an attack west of the Eritrean town of Tesseney."
    events = _events(ctx, text)
    assert any(r == "19" and s.startswith("ETH") for r, s, _ in events), events
    assert not any(t.startswith("ERI") and s.startswith("ETH") for _, s, t in events), events


def test_the_dateline_places_unnamed_agents_when_the_text_names_no_country(ctx) -> None:
    text = (
        "LIMA, June 13 - Police arrested forty striking miners on the highway, union leaders said."
    )
    events = _events(ctx, text)
    assert _has(events, "17", "PERCOP", ""), events
    # a country the text names still wins over the dateline's
    text = "LIMA, June 13 - Bolivian police arrested forty striking miners near the border."
    assert not any(s.startswith("PER") for _, s, _ in _events(ctx, text))


def test_the_of_of_an_act_done_to_someone_names_its_target(ctx) -> None:
    # "the invasion of X" was done to X; whoever "led" it did it
    events = _events(ctx, "Kenya backed the Ethiopian-led invasion of Somalia in 2006.")
    assert _has(events, "19", "ETH", "SOM"), events
    assert not any(s.startswith("SOM") for _, s, _ in events), events
    # "the visit of the president" is still the president's
    events = _events(ctx, "The visit of President Uhuru Kenyatta to Addis Ababa ended on Friday.")
    assert not any(t.startswith("KEN") for _, _, t in events), events


def test_a_side_s_span_does_not_climb_past_an_act_or_an_apposition(ctx) -> None:
    art = analyse(ctx, "Kenya, a critic of the Ethiopian-led invasion of Somalia, kept quiet.", PUB)
    ev = next(e for e in art.events if e.root == "19")
    assert ev.mentions[0].target_span["text"] == "Somalia"


def test_declining_to_comment_is_011_and_a_news_outlet_told_is_no_target(ctx) -> None:
    events = _events(ctx, "The mining company declined to comment on the inquiry.")
    assert any(r == "01" and c for r, c, _ in events), events
    art = analyse(ctx, "The mining company declined to comment on the inquiry.", PUB)
    assert any(e.cameo == "011" for e in art.events)
    text = "Kenya's finance minister told the broadcaster Al Jazeera that the loan was safe."
    events = _events(ctx, text)
    assert any(r == "01" and s.startswith("KEN") and t == "" for r, s, t in events), events


def test_a_bare_statement_by_a_sector_of_no_country_to_no_one_is_not_an_event(ctx) -> None:
    text = "Diplomats said the plan was useful."
    assert not any(r == "01" for r, _, _ in _events(ctx, text))
    # the same statement by a placed speaker is kept
    assert any(r == "01" for r, _, _ in _events(ctx, "Kenyan diplomats said the plan was useful."))


def test_a_measure_s_of_and_between_name_who_suffers_it(ctx) -> None:
    events = _events(ctx, "Saudi Arabia lifted its blockade of Qatar on Tuesday.")
    assert any(r == "08" and s.startswith("SAU") and t.startswith("QAT") for r, s, t in events), (
        events
    )
    text = "Kenya lifted the trade restrictions between it and Uganda."
    events = _events(ctx, text)
    assert any(s.startswith("KEN") and t.startswith("UGA") for _, s, t in events), events


def test_a_date_after_a_preposition_completes_no_verb_pattern(ctx) -> None:
    # "called X on Wednesday" is a call to X, not a call on anyone
    text = "Prime Minister Imran Khan called Saudi Crown Prince Mohammed bin Salman on Wednesday."
    events = _events(ctx, text)
    assert not any(r == "02" for r, _, _ in events), events
    # "called for X to do Y" is a call for it, whatever day it was made
    text = "Prime Minister Theresa May called on Friday for Britain to stay in the single market."
    art = analyse(ctx, text, PUB)
    assert any(e.cameo.startswith("02") for e in art.events)


def test_people_expelled_from_countries_are_of_those_countries(ctx) -> None:
    events = _events(ctx, "Ghana expelled diplomats from Togo and Benin on Friday.")
    assert _has(events, "16", "GHA", "TGOGOV") and _has(events, "16", "GHA", "BENGOV"), events


def test_sport_and_entertainment_sentences_report_no_political_event(ctx) -> None:
    # the field's discard list (sport and entertainment part): a match is no act of force
    assert _events(ctx, "Ghana beat Nigeria 2-1 in the African Nations Cup on Sunday.") == []
    assert _events(ctx, "The Kenyan goalkeeper attacked the Ugandan striker after the game.") == []
    # a sentence naming a state body is political news whatever sport it mentions
    text = "Kenyan police arrested two Ugandan officials over the World Cup ticket fraud."
    assert any(r == "17" for r, _, _ in _events(ctx, text))
    # words that news uses figuratively are not in the list
    text = "Ethiopian and Eritrean negotiators met in Algiers for marathon talks on Sunday."
    assert any(r == "04" for r, _, _ in _events(ctx, text))


def test_a_named_modifier_is_whose_an_unnamed_group_is(ctx) -> None:
    text = "UN human rights experts urged the Kenyan government to free the detained activists."
    assert _has(_events(ctx, text), "02", "IGOUNO", "KENGOV")


def test_trade_measures_lifted_suspended_or_rolled_back_ease_sanctions(ctx) -> None:
    for text in (
        "Kenya suspended a 5% tax on Ugandan sugar.",
        "Kenya rolled back tariffs on Ugandan sugar on Monday.",
        "Kenya lifted tariffs on Ugandan sugar.",
    ):
        assert any(r == "08" and s.startswith("KEN") for r, s, _ in _events(ctx, text)), text


def test_things_returned_to_someone_are_property_handed_back(ctx) -> None:
    art = analyse(ctx, "Italian police returned three stolen statues to the Greek government.", PUB)
    assert any(e.cameo == "0842" and (e.target.code or "").startswith("GRC") for e in art.events)
    # returning somewhere is a journey, returning fire is force
    art = analyse(ctx, "The Kenyan minister returned to Nairobi on Monday.", PUB)
    assert not any(e.cameo.startswith("084") for e in art.events)
    events = _events(ctx, "Kenyan troops returned fire at the militants.")
    assert any(r == "19" for r, _, _ in events), events


def test_culture_pages_report_no_political_event_but_news_about_artists_does(ctx) -> None:
    text = "The Kenyan singer joined the Ugandan pianist for a concert in Kampala on Friday."
    assert _events(ctx, text) == []
    text = "Kenyan police arrested the Ugandan singer's manager in Nairobi on Friday."
    assert any(r == "17" for r, _, _ in _events(ctx, text))


def test_a_hyphenated_discard_phrase_matches_the_parser_s_tokens(ctx) -> None:
    assert _events(ctx, "Kenya beat Uganda in the semi-final on Sunday.") == []


def test_force_in_a_place_of_a_sector_is_used_on_that_sector(ctx) -> None:
    text = (
        "Two suicide bombers blew themselves up in a police academy classroom in Mogadishu today."
    )
    art = analyse(ctx, text, PUB)
    ev = next(e for e in art.events if e.root == "18")
    assert ev.cameo == "1831" and (ev.target.code or "") == "SOMCOP"  # a bombing stays one
    assert ev.date == PUB and ev.date_precision == "day"  # the day of the clause it is "when" of
    events = _events(ctx, "Rebels attacked the army base near Goma.")
    assert _has(events, "19", "COD", "CODMIL"), events


def test_a_gerund_after_a_time_preposition_has_its_clause_s_subject(ctx) -> None:
    # passive: the clause's subject suffered it
    text = "The Kenyan envoy was missing after being kidnapped by gunmen in Mogadishu."
    events = _events(ctx, text)
    assert any(r == "18" and t.startswith("KEN") for r, _, t in events), events


def test_aid_workers_and_rights_groups_are_ngos_not_labour(ctx) -> None:
    events = _events(ctx, "Aid workers criticised the Kenyan government's plans to move the camps.")
    assert any(r == "11" and s.endswith("NGO") and t.startswith("KEN") for r, s, t in events), (
        events
    )


def test_a_stance_adjective_is_a_comment_on_what_it_is_about(ctx) -> None:
    text = "The Kenyan government said it is skeptical about Ugandan motives in the talks."
    assert _has(_events(ctx, text), "01", "KENGOV", "UGA")
    art = analyse(ctx, "Kenya said it was optimistic.", PUB)
    assert any(e.cameo == "013" and (e.source.code or "").startswith("KEN") for e in art.events)
    # an adjective that is no stance is no comment of that kind (only the statement)
    art = analyse(ctx, "Kenya said it was ready.", PUB)
    assert not any(e.cameo in {"012", "013"} for e in art.events)


def test_a_threat_is_made_to_whoever_the_threatened_act_would_touch(ctx) -> None:
    text = "Kenyan officials have threatened to freeze Ugandan assets over the dispute."
    assert any(
        r == "13" and s.startswith("KEN") and t.startswith("UGA") for r, s, t in _events(ctx, text)
    )
    # one's own troops are no target of one's own offer or threat
    text = "Kenya has threatened to send troops to the border."
    assert not any(r == "13" and t.endswith("MIL") for r, _, t in _events(ctx, text))


def test_an_answered_request_or_demand_is_made_of_whoever_answers_it(ctx) -> None:
    # object of an answering verb: the demand is made of the one who rejects or accedes
    evs = _events(ctx, "Chile rejected a Bolivian request for access to the sea.")
    assert _has(evs, "12", "CHL", "BOL") and _has(evs, "02", "BOL", "CHL")
    evs = _events(ctx, "Norway finally acceded to Danish demands for compensation.")
    assert _has(evs, "10", "DNK", "NOR")
    # an act done at someone's bidding: the request is made of the doer, and the asker is no
    # target of the act itself
    evs = _events(ctx, "Canada closed its embassy at the Peruvian government's request.")
    assert _has(evs, "02", "PERGOV", "CAN")
    assert not any(s.startswith("CAN") and t.startswith("PER") for r, s, t in evs if r != "02")
    # a refusal still reads the act that was asked for through the request (124: to step down)
    art = analyse(ctx, "Ghana's police chief refused a request by the president to resign.", PUB)
    assert any(e.cameo == "124" for e in art.events)
    # an asking noun nobody answers is left to the verb that carries it ("issued a plea")
    evs = _events(ctx, "Ghana issued a plea to Togo to reopen the border.")
    assert _has(evs, "02", "GHA", "TGO")


def test_force_on_positions_of_a_sector_is_used_on_that_sector(ctx) -> None:
    evs = _events(ctx, "Turkish warplanes bombed rebel positions in Syria.")
    assert _has(evs, "19", "TURMIL", "SYRREB")
    evs = _events(ctx, "Turkish warplanes bombed army positions in Syria.")
    assert _has(evs, "19", "TURMIL", "SYRMIL")


def test_a_lowercase_word_is_no_country_acronym(ctx) -> None:
    # "car" is not CAR (the Central African Republic), "us" not US
    art = analyse(ctx, "Guerrillas set off a car bomb near the port on Monday.", PUB)
    assert not any((e.source and (e.source.code or "").startswith("CAF")) for e in art.events)
    art = analyse(ctx, "A CAR army patrol attacked rebels near Bangui on Monday.", PUB)
    assert any(e.source and (e.source.code or "").startswith("CAF") for e in art.events)


def test_an_office_before_its_holder_is_one_party_to_a_meeting(ctx) -> None:
    text = (
        "U.S. Secretary of State George Shultz and Soviet Foreign Minister Eduard Shevardnadze "
        "met in a Moscow mansion on Monday."
    )
    art = analyse(ctx, text, "1987-04-15")
    pairs = {
        ((e.source.code or "")[:3], (e.target.code or "")[:3] if e.target else "")
        for e in art.events
    }
    # the two ministers meet each other, in their own country's capital (040, not 044), and
    # neither the office and its holder nor the mansion are parties
    assert ("USA", "SUN") in pairs or ("SUN", "USA") in pairs
    assert all(s != t for s, t in pairs) and all(e.cameo == "040" for e in art.events)


def test_it_never_means_a_plural_actor(ctx) -> None:
    # "it" is the car, not the soldiers: the car approaching is no act of the soldiers
    text = "Kenyan soldiers opened fire on the car as it approached a checkpoint on Monday."
    evs = _events(ctx, text)
    assert _has(evs, "19", "KENMIL", "") and not any(r == "04" for r, _, _ in evs)


def test_a_passive_done_by_an_event_has_no_actor_as_its_doer(ctx) -> None:
    # the attack is coded once, as itself; what the attack "heightened" is no act of Iraq's,
    # and the killing the attack did is the attack, not a second event
    text = "Fears were heightened by the Iraqi missile attack on a Kuwaiti tanker which killed 12 sailors."
    evs = _events(ctx, text)
    assert _has(evs, "19", "IRQ", "KWT")
    assert [r for r, s, _ in evs if s.startswith("IRQ")] == ["19"]


def test_an_attack_for_someone_s_conduct_is_criticism(ctx) -> None:
    evs = _events(ctx, "Kenya attacked Uganda for its handling of the border dispute.")
    assert _has(evs, "11", "KEN", "UGA") and not any(r == "19" for r, _, _ in evs)
    # what a place is attacked for is no conduct of its: still force
    evs = _events(ctx, "Kenyan troops attacked the Ugandan town for its strategic value.")
    assert any(r in {"18", "19"} for r, _, _ in evs)


def test_aid_given_to_a_country_s_thing_is_given_to_that_country(ctx) -> None:
    evs = _events(ctx, "Canada gave $2 million to Kenya's agricultural sector.")
    assert _has(evs, "07", "CAN", "KEN")


def test_a_party_phrase_hung_on_the_object_names_the_target(ctx) -> None:
    # "with their Kenyan counterparts" attaches to "evidence" as often as to "shared"
    evs = _events(
        ctx, "Ugandan intelligence officials shared evidence with their Kenyan counterparts."
    )
    assert _has(evs, "06", "UGA", "KEN")


def test_a_pronoun_s_side_is_evidenced_by_the_name_before_it(ctx) -> None:
    art = analyse(ctx, "Erdogan said he would send troops to Libya.", PUB)
    spans = [(e.mentions[0].source_span or {}).get("text") for e in art.events]
    assert "Erdogan" in spans and "he" not in spans


def test_what_is_done_to_a_thing_of_someone_s_is_done_to_its_owner(ctx) -> None:
    text = (
        "The Kenyan authorities shut down the Nairobi offices of Al Jazeera, accusing the "
        "broadcaster of inflaming tensions."
    )
    evs = _events(ctx, text)
    # the offices are Al Jazeera's, and "the broadcaster" accused is the one just named
    assert _has(evs, "16", "KEN", "QATMED") and _has(evs, "11", "KEN", "QATMED")


def test_a_demand_that_someone_act_is_made_of_them(ctx) -> None:
    evs = _events(ctx, "Kenya demanded that Uganda withdraw its troops from the island.")
    assert _has(evs, "10", "KEN", "UGA")


def test_a_city_before_an_act_says_where_not_who(ctx) -> None:
    # "the Nairobi hotel bombings" were in Nairobi, not Kenya's
    evs = _events(ctx, "The group has been linked to the Nairobi hotel bombings last month.")
    assert not any(s.startswith("KEN") for _, s, _ in evs)
    # a city before a thing struck still says whose the thing is
    evs = _events(ctx, "Jets bombed the Nairobi airport on Monday.")
    assert _has(evs, "19", "", "KEN")


def test_force_in_a_landscape_of_a_country_is_used_on_that_country(ctx) -> None:
    # "the mountains of X", "among the hills of X", "around the border villages of X": the
    # landscape noun names a place by the country after its "of", like "the city of X"
    text = "Ethiopian troops launched an offensive among the hills of western Eritrea on Monday."
    assert _has(_events(ctx, text), "19", "ETH", "ERI")
    text = "Ethiopian jets bombed villages in the mountains of western Eritrea on Monday."
    assert _has(_events(ctx, text), "19", "ETH", "ERI")


def test_force_on_a_unit_no_list_knows_is_force_on_the_army(ctx) -> None:
    # an uncoded unit's base is still a military target; "bases" is not "basis"
    text = "Rebels attacked the main base of the Ninth Mechanised Brigade near Goma on Sunday."
    assert _has(_events(ctx, text), "19", "CODREB", "CODMIL")
    text = "Militants attacked security bases in Balochistan on Friday."
    assert _has(_events(ctx, text), "19", "PAKREB", "PAKMIL")


def test_a_clause_subject_the_parser_hung_on_the_noun_before_is_its_subject(ctx) -> None:
    # "..., inmates rioted in a prison and rebels attacked army posts": the parser makes
    # "rebels" one more conjunct of "prison"; the attack is theirs, not the mourners'
    text = (
        "Mourners clashed with police at a funeral in Kampala, inmates rioted in a prison and "
        "rebels attacked army posts."
    )
    assert _has(_events(ctx, text), "19", "UGAREB", "UGAMIL")
    text = (
        "Riot police dispersed a march in Lahore, farmers blocked a highway and gunmen "
        "attacked security checkpoints."
    )
    evs = _events(ctx, text)
    assert not any(r == "14" and s.endswith("AGR") and t.endswith("MIL") for r, s, t in evs)


def test_a_participle_with_no_subject_happens_when_its_clause_does(ctx) -> None:
    text = "Accusing the Danish of overfishing, Norway yesterday said it would close its ports."
    art = analyse(ctx, text, "1988-02-02")
    dates = {e.root: e.date for e in art.events if e.source and e.source.code == "NOR"}
    assert dates.get("11") == "1988-02-01"


def test_a_company_does_not_say_which_country_a_story_is_in(ctx) -> None:
    # a body of no named country takes the article's one country, but a firm's registration
    # is not that: the side stays of no country rather than guessed
    evs = _events(ctx, "The prosecutors sued Toyota on Wednesday.")
    assert _has(evs, "11", "---JUD", "JPNBUS")


def test_a_side_of_no_country_does_not_take_the_other_side_s_state(ctx) -> None:
    # the article's one country, or the place struck, is not the country of a body acting on
    # that state: not Panama's senate, not Gaza's army -- left of no country instead
    evs = _events(ctx, "The Senate voted to cut aid to Panama.")
    assert _has(evs, "16", "---LEG", "PAN")
    evs = _events(ctx, "The army shelled Gaza on Friday.")
    assert _has(evs, "19", "---MIL", "PSE")
    # a clash inside one country still places the unnamed side there
    evs = _events(ctx, "Thousands of Chilean farmers battled police on Monday.")
    assert _has(evs, "14", "CHL", "CHLCOP")


def test_a_vehicle_or_a_figure_of_speech_makes_no_visit(ctx) -> None:
    # an aircraft may strike or patrol, but does not meet or visit; "heading for ruin" is
    # a way of speaking
    text = "The minister died after a bomb exploded in a helicopter flying him to Kandahar."
    assert not any(r[:2] in {"03", "04"} for r, _, _ in _events(ctx, text))
    text = "Hundreds of Kenyan firms are heading for bankruptcy, a trade union leader said."
    assert not any(r == "04" for r, _, _ in _events(ctx, text))
    # a named destination is still a journey
    assert _has(_events(ctx, "The Kenyan president headed for Kampala on Monday."), "04", "KEN", "")


def test_who_goes_ahead_with_an_act_does_it(ctx) -> None:
    # "went ahead with sanctions", "pressed on with its offensive": the subject of the verb of
    # carrying on is the act's source, and its date is the act's
    art = analyse(ctx, "Kenya went ahead with sanctions against Ugandan imports on Monday.", PUB)
    found = [(e.root, e.source.code, e.target.code, e.date) for e in art.events if e.source]
    assert ("16", "KEN", "UGA", "2019-06-10") in found
    evs = _events(ctx, "Kenya pressed on with its offensive against Somali militants.")
    assert _has(evs, "19", "KEN", "SOMREB")


def test_what_is_answered_came_from_its_sender(ctx) -> None:
    # "welcomed assurances sent by X", "the offer made by X", "memos from X": the one
    # answered is who the thing came from
    assert _has(_events(ctx, "Kenya welcomed the offer made by Uganda."), "05", "KEN", "UGA")
    evs = _events(ctx, "Kenya welcomed economic memos sent by Uganda on its role.")
    assert _has(evs, "05", "KEN", "UGA")


def test_receiving_a_thing_is_no_visit(ctx) -> None:
    assert not any(r == "04" for r, _, _ in _events(ctx, "Kenya received money from Uganda."))
    evs = _events(ctx, "Kenya received a delegation from Uganda on Monday.")
    assert _has(evs, "04", "KEN", "")


def test_a_purpose_after_a_call_is_the_caller_s_and_aimed_at_the_one_called(ctx) -> None:
    # "called X to promise": the caller promises, to X; "urged X to leave": X leaves
    text = "President William Ruto called Yoweri Museveni to promise a full investigation."
    evs = _events(ctx, text, "2023-05-02")
    assert _has(evs, "03", "KENGOV", "UGAGOV")
    assert not any(r == "03" and s.startswith("UGA") for r, s, _ in evs)


def test_a_statement_named_by_its_issuer_speaks_for_it(ctx) -> None:
    for text in (
        "A statement issued by al-Shabaab claimed responsibility for the attack.",
        "An online statement purporting to be from al-Shabaab claimed responsibility.",
    ):
        assert _has(_events(ctx, text, "2019-06-14"), "01", "SOMREB", "")


def test_a_state_s_report_places_its_own_unnamed_forces(ctx) -> None:
    # "Kenya's embassy said government troops had routed X": the troops are Kenya's; a city
    # in "Kenya's Paris embassy" says where the embassy is, not whose
    text = (
        "A statement issued by Kenya's Paris embassy said government troops had attacked a "
        "Somali militia column yesterday."
    )
    assert _has(_events(ctx, text), "19", "KENMIL", "SOM")
    text = "Uganda said the attack was repelled yesterday by the army."
    assert _has(_events(ctx, text), "19", "UGAMIL", "")


def test_a_promise_to_someone_is_not_mutual(ctx) -> None:
    # "A and B met" and "A and B promised to cooperate" are mutual; "A promised B an inquiry"
    # is not
    text = "President William Ruto promised Yoweri Museveni a full investigation."
    art = analyse(ctx, text, "2023-05-02")
    assert [e.reciprocal for e in art.events if e.root == "03"] == [False]
    art = analyse(ctx, "President William Ruto met Yoweri Museveni on Monday.", "2023-05-02")
    assert all(e.reciprocal for e in art.events if e.root == "04")


def test_targeting_done_with_a_weapon_is_force(ctx) -> None:
    text = "In May, a Mogadishu police station was targeted by a suicide bomber."
    assert any(r == "18" for r, _, _ in _events(ctx, text))
    # sanctions that target someone stay coercion
    assert not any(
        r[:1] == "1" and r >= "18"
        for r, _, _ in _events(ctx, "The sanctions targeted Kenyan banks.")
    )


def test_force_answers_nobody_s_bid(ctx) -> None:
    # "fought back a bid by X" is no act of force on X; "rejected a bid by X" answers X
    evs = _events(ctx, "The Kenyan group fought back a bid by a London-based financier.")
    assert not any(r == "19" and t.startswith("GBR") for r, _, t in evs)


def test_force_on_a_capital_is_force_on_its_country(ctx) -> None:
    evs = _events(ctx, "Russian missiles struck Kyiv on Monday.", "2023-03-02")
    assert _has(evs, "19", "RUSMIL", "UKR")


def test_a_place_in_a_republic_is_its_union_s_before_the_break_up(ctx) -> None:
    events = _events(
        ctx, "ZAGREB - Wages will fall next year, a trade union chief said.", "1988-05-02"
    )
    assert _has(events, "01", "YUGLAB", ""), events


def test_they_after_told_with_should_is_the_one_told_never_another_actor(ctx) -> None:
    # the politicians name no actor: the pronoun must not fall back on Peru
    events = _events(ctx, "On a visit to Peru, the envoy told politicians they should resign.")
    assert not any(s.startswith("PER") for _, s, _ in events), events


def test_calling_someone_is_still_a_call_when_nothing_is_named(ctx) -> None:
    events = _events(ctx, "Chile called Bolivia on Monday.")
    assert _has(events, "04", "CHL", "BOL"), events
    assert not any(r == "11" for r, _, _ in events), events


def test_what_the_doer_of_an_attack_killed_is_the_attack(ctx) -> None:
    for text in (
        "A Kabul checkpoint was attacked by a gunman who killed four people and wounded nine.",
        "Sudanese jets bombed villages near Kadugli on Monday, killing 12 people and wounding 40.",
    ):
        events = _events(ctx, text)
        assert sum(1 for r, _, _ in events if r in {"18", "19"}) == 1, (text, events)


def test_the_ground_of_an_accusation_is_not_an_event_of_its_own(ctx) -> None:
    events = _events(ctx, "Chad accused Sudan of arming rebels near the border.")
    assert _has(events, "11", "TCD", "SDN"), events
    assert len(events) == 1, events
    criticism = _events(ctx, "Peru criticised Chile for closing its ports.")
    assert [r for r, _, _ in criticism] == ["11"], criticism


def test_the_target_span_stops_before_the_charge(ctx) -> None:
    art = analyse(ctx, "Kenya accused the newspaper of spreading lies.", PUB)
    spans = [e.mentions[0].target_span for e in art.events if e.root == "11"]
    assert spans and spans[0] is not None and spans[0]["text"] == "the newspaper", spans


def test_revenge_is_aimed_at_the_doer_of_the_force_it_answers(ctx) -> None:
    told = _events(ctx, "Ethiopian jets bombed Mekele on Monday. The rebels vowed revenge.")
    assert any(r == "13" and t == "ETHMIL" for r, _, t in told), told
    named = _events(ctx, "Hezbollah vowed revenge for the Israeli air strikes.")
    assert any(r == "13" and s == "LBNREB" and t == "ISRMIL" for r, s, t in named), named


def test_an_act_being_considered_is_no_act_yet(ctx) -> None:
    events = _events(ctx, "Norway is considering sending aid to Malawi.")
    assert events == [("01", "NOR", "MWI")], events


def test_a_call_to_discuss_is_one_call(ctx) -> None:
    events = _events(ctx, "Erdogan called Putin on Monday to discuss the grain corridor.")
    assert [(r, s, t) for r, s, t in events if r == "04"] == [("04", "TURGOV", "RUSGOV")], events


def test_a_name_read_as_a_complement_is_the_one_called(ctx) -> None:
    events = _events(ctx, "Scholz called Zelensky on Monday.", "2023-11-03")
    assert _has(events, "04", "DEUGOV", "UKRGOV"), events


def test_foreign_forces_are_never_the_country_they_are_in(ctx) -> None:
    events = _events(ctx, "Mali's junta demanded the withdrawal of all foreign forces.")
    assert not any(t.startswith("MLI") and r == "10" for r, _, t in events), events


def test_who_fights_alongside_is_on_the_doer_s_side(ctx) -> None:
    events = _events(ctx, "Hezbollah fighters are fighting alongside Syrian troops near Aleppo.")
    assert not any(t.startswith("SYR") for _, _, t in events), events
    assert any(s == "SYRMIL" for _, s, _ in events), events


def test_weapons_provided_are_military_aid(ctx) -> None:
    art = analyse(ctx, "Iran supplied Syria with rockets and provided Hamas with weapons.", PUB)
    assert {e.cameo for e in art.events} == {"072"}, [(e.cameo, e.target) for e in art.events]


def test_a_withdrawal_has_no_authority_to_infer(ctx) -> None:
    # pulled out, not thrown out: nobody of the place did it
    events = _events(ctx, "Dutch peacekeepers were withdrawn from Lebanon in March.")
    assert not any(s.startswith("LBN") for _, s, _ in events), events


def test_who_asked_for_a_measure_does_not_hide_whom_it_falls_on(ctx) -> None:
    text = "Canada suspended aid to Haiti at the request of the Haitian government."
    events = _events(ctx, text)
    assert _has(events, "16", "CAN", "HTI"), events
    slashed = _events(ctx, "The parliament voted to slash military aid to Colombia.")
    assert any(r == "16" and t == "COL" for r, _, t in slashed), slashed


def test_an_official_arriving_or_setting_out_abroad_visits_that_country(ctx) -> None:
    arrived = _events(ctx, "Scholz arrived in Beijing on Thursday.", "2022-11-04")
    assert _has(arrived, "04", "DEUGOV", "CHN"), arrived
    left = _events(ctx, "The Japanese foreign minister left for Seoul on Sunday.")
    assert _has(left, "04", "JPNGOV", "KOR"), left


def test_troops_planes_and_trips_home_are_no_visit(ctx) -> None:
    for text in (
        "Hundreds of Estonian troops arrived in Mali on Sunday.",
        "A cargo plane flew to Nairobi on Monday.",
        "Macron flew to Marseille on Monday.",
        "The minister left for work early.",
    ):
        events = _events(ctx, text, "2022-11-04")
        assert not any(r == "04" for r, _, _ in events), (text, events)


def test_force_used_in_a_place_abroad_is_used_on_its_country(ctx) -> None:
    text = "Ukrainian forces repelled a Russian assault north of the city of Kharkiv."
    events = _events(ctx, text, "2023-06-14")
    assert _has(events, "19", "RUS", "UKR"), events
    # at home, the place names no side
    home = _events(
        ctx, "The Russian army launched an assault near the city of Belgorod.", "2023-06-14"
    )
    assert not any(t.startswith("RUS") for _, _, t in home), home


def test_aid_goes_to_the_place_it_is_for(ctx) -> None:
    text = "Norway gave 40 million dollars to rebuild schools and clinics in Mozambique."
    events = _events(ctx, text)
    assert _has(events, "07", "NOR", "MOZ"), events
    # the givers' own country is no recipient
    home = _events(ctx, "Norway gave 40 million dollars to rebuild schools in Bergen.")
    assert not any(t.startswith("NOR") for _, _, t in home), home


def test_the_thing_given_or_lifted_codes_the_act_by_its_written_form(ctx) -> None:
    # the tagger lemmatises "arms" to "arm": the written word still says weapons
    armed = analyse(ctx, "Iran supplied arms to the Houthis last year.", PUB)
    assert [e.cameo for e in armed.events] == ["072"], [e.cameo for e in armed.events]
    shipped = _events(ctx, "Japan shipped food aid to Bangladesh on Monday.")
    assert _has(shipped, "07", "JPN", "BGD"), shipped
    eased = analyse(ctx, "Brazil lifted restrictions on Venezuelan imports.", PUB)
    assert any(e.cameo == "081" for e in eased.events), [e.cameo for e in eased.events]


def test_telling_someone_to_act_is_an_order_not_the_act(ctx) -> None:
    art = analyse(ctx, "Macron told Russia to withdraw its troops from Ukraine.", "2022-03-01")
    sides = [
        (e.root, e.source.code if e.source else "", e.target.code if e.target else "", e.modality)
        for e in art.events
    ]
    assert any(r == "10" and s == "FRAGOV" and t.startswith("RUS") for r, s, t, _ in sides), sides
    # the withdrawal is what was asked for, not a fact
    assert not any(r == "08" and m == "fact" for r, _, _, m in sides), sides
    # telling what happened still reports it
    told = _events(
        ctx, "The minister told reporters that Turkey had withdrawn its troops from Syria."
    )
    assert _has(told, "08", "TUR", "SYR"), told


def test_a_bare_strike_among_words_of_force_is_military(ctx) -> None:
    # "strike" alone is a stoppage of work or an attack: the words around it say which
    art = analyse(ctx, "Armenia said its troops answered the latest strikes on Monday.", PUB)
    assert not any(e.cameo.startswith("14") for e in art.events), [e.cameo for e in art.events]
    art = analyse(ctx, "Dock workers in Lisbon began strikes over pay on Monday.", PUB)
    assert any(e.cameo.startswith("14") for e in art.events), [e.cameo for e in art.events]


def test_a_day_written_as_an_owner_dates_what_it_owns(ctx) -> None:
    # "Tuesday's attack" is Tuesday's, even after "for"; the raid answering it is not
    text = "The navy raided an oil rig in retaliation for Tuesday's Iranian missile attack."
    art = analyse(ctx, text, PUB)
    attack = next(e for e in art.events if e.mentions[0].trigger == "attack")
    assert attack.date == "2019-06-11", attack.date
    raid = next(e for e in art.events if e.mentions[0].trigger.startswith("raided"))
    assert raid.date != "2019-06-11"
    # a statement made in a meeting is dated by the meeting
    text = "The president demanded in Tuesday's cabinet meeting that Iran halt its attacks."
    art = analyse(ctx, text, PUB)
    assert any(e.date == "2019-06-11" for e in art.events), [e.date for e in art.events]


def test_a_named_stoppage_stays_a_strike_among_words_of_force(ctx) -> None:
    text = "Workers began a general strike in Khartoum as the military council met."
    art = analyse(ctx, text, PUB)
    assert any(e.cameo.startswith("14") for e in art.events), [e.cameo for e in art.events]


def test_coercion_by_a_sector_of_no_country_is_done_where_it_serves(ctx) -> None:
    # the place gives the police their country; it is not what the arrest is aimed at
    events = _events(ctx, "Police detained four men in Nairobi on Monday.")
    assert any(r == "17" and s == "KENCOP" for r, s, _ in events), events
    assert not any(t == "KEN" for _, _, t in events), events
    # violence proper is still aimed at where it strikes
    events = _events(ctx, "Israeli jets bombed a camp in Lebanon on Monday.")
    assert _has(events, "19", "ISR", "LBN"), events


def test_a_regular_verb_the_tagger_lemmatises_wrongly_is_still_read() -> None:
    from storyline.events.parse import verb_lemma

    known = frozenset({"stage", "cordon", "stop", "fine", "shell", "target"})
    assert verb_lemma("staged", "stag", known) == "stage"
    assert verb_lemma("cordoned", "cordone", known) == "cordon"
    assert verb_lemma("fined", "fin", known) == "fine"
    assert verb_lemma("targetted", "targette", known) == "target"
    # an irregular past under a prefix, which the tagger leaves as its own lemma
    strong = frozenset({"overrun", "withdraw", "overtake"})
    assert verb_lemma("overran", "overran", strong) == "overrun"
    assert verb_lemma("withdrew", "withdrew", strong) == "withdraw"
    assert verb_lemma("overtook", "overtook", strong) == "overtake"
    assert verb_lemma("called", "called", frozenset({"call"})) == "call"
    assert verb_lemma("shelled", "shell", known) == "shell"
    # a lemma we read, or a word no ending makes a verb we read, stays as tagged
    assert verb_lemma("stopped", "stop", known) == "stop"
    assert verb_lemma("overran", "overran", known) == "overran"


def test_parties_who_consult_together_meet_each_other_not_their_topic(ctx) -> None:
    # what they will discuss names someone; they discuss it with each other
    text = "Lula and Kirchner will discuss new sanctions against the Paraguayan government."
    events = [e for e in _events(ctx, text, "2005-03-01") if e[0] == "04"]
    assert {(s[:3], t[:3]) for _, s, t in events} == {("BRA", "ARG")}, events
    # whom the object itself names is met, and the event noun's "with" still counts
    assert _has(_events(ctx, "Putin and Erdogan met Assad in Damascus."), "04", "RUS", "SYR")
    text = "American diplomats and army commanders held talks with insurgents in Iraq."
    assert _has(_events(ctx, text), "04", "USA", "IRQ")


def test_where_a_demanded_act_is_to_happen_does_not_place_those_who_demand_it(ctx) -> None:
    text = (
        "Students gathered for a march in central Lima to demand that the government "
        "withdraw all Peruvian troops in Haiti."
    )
    events = _events(ctx, text)
    assert not any(s.startswith("HTI") or t.startswith("HTI") for _, s, t in events), events


def test_ending_an_act_is_not_doing_it(ctx) -> None:
    # dissent called off or suspended is eased (082), not a protest of the day
    for text in (
        "Chilean farmers suspended their protests on Monday.",
        "Chilean farmers called off their strike on Monday.",
    ):
        events = _events(ctx, text)
        assert _has(events, "08", "CHL", ""), events
        assert not any(r == "14" for r, _, _ in events), events
    # lifting sanctions is not imposing them
    events = _events(ctx, "Washington lifted its sanctions on Caracas on Monday.")
    assert _has(events, "08", "USA", "VEN") and not any(r == "16" for r, _, _ in events), events
    # why an act was ended is no second event; what an accord is signed to do still is
    text = "Chilean farmers suspended their protests to allow time for talks on Monday."
    assert [r for r, _, _ in _events(ctx, text)] == ["08"], _events(ctx, text)


def test_an_officer_of_a_named_body_acts_for_that_body(ctx) -> None:
    # not for the only country the sentence names
    events = _events(ctx, "The EU's envoy on Monday rejected Netanyahu's proposal.")
    assert _has(events, "12", "IGOEUREEC", "ISR"), events
    events = _events(ctx, "NATO's chief criticised Belarus on Tuesday.")
    assert _has(events, "11", "IGOWSTNAT", "BLR"), events


def test_denying_a_report_of_an_act_is_the_act_denied(ctx) -> None:
    text = "The Kremlin denied a report that Russia was continuing to ship arms to Syria."
    events = analyse(ctx, text, PUB).events
    assert [(e.root, e.polarity) for e in events] == [("07", "negated")], events
    # rejecting an accusation is still a denial of responsibility (016), answering its author
    text = "Oxfam rejected accusations by Ghana that it had sent money to the rebels."
    assert _has(_events(ctx, text), "01", "", "GHA"), _events(ctx, text)


def test_a_feeling_voiced_for_someone_is_aimed_at_them(ctx) -> None:
    # the dictionary's reading of "voice" finds its target after "for" on the object too
    events = _events(ctx, "Chile voiced support for the Peruvian government on Monday.")
    assert _has(events, "05", "CHL", "PER"), events


def test_a_thing_of_a_country_acted_on_is_that_countrys(ctx) -> None:
    events = _events(ctx, "Russian bombers violated Estonian airspace on Monday.")
    assert _has(events, "19", "RUS", "EST"), events
    # a place it is in is not whose it is
    events = _events(ctx, "Chile rejected the proposal in Geneva on Monday.")
    assert not any(t.startswith("CHE") for _, _, t in events), events


def test_an_envoy_presenting_credentials_cooperates_with_the_host(ctx) -> None:
    text = "The Peruvian ambassador presented his credentials to the Chilean president."
    assert _has(_events(ctx, text), "05", "PER", "CHL"), _events(ctx, text)


def test_a_state_body_and_its_own_people_are_of_one_country(ctx) -> None:
    # rebels hold talks with their own government, wherever the article's other countries are
    ev = _events(
        ctx,
        "Afghan rebels said they would hold talks with the government, Pakistani officials said.",
    )
    assert _has(ev, "04", "AFGREB", "AFGGOV"), ev
    # irregulars fighting the state wage war on it: a clash of forces, not violence on the unarmed
    ev = _events(
        ctx,
        "Guerrillas who are fighting the Peruvian government raided a town, Chilean radio said.",
    )
    assert _has(ev, "19", "PERREB", "PERGOV"), ev
    # soldiers fight abroad: insurgents attacking foreign troops are not of the troops' country
    ev = _events(ctx, "Insurgents attacked American troops on Friday.")
    assert _has(ev, "19", "---REB", "USAMIL"), ev


def test_a_demand_with_a_penalty_for_refusal_is_an_ultimatum(ctx) -> None:
    ev = _events(ctx, "The minister told Chile to lift its tariffs or face sanctions.")
    assert _has(ev, "13", "", "CHL"), ev
    ev = _events(ctx, "Canada warned Norway to stop whaling or risk a trade dispute.")
    assert _has(ev, "13", "CAN", "NOR"), ev
    # a demand with no penalty named stays a demand
    ev = _events(ctx, "Canada told Norway to stop whaling.")
    assert _has(ev, "10", "CAN", "NOR"), ev


def test_meeting_a_thing_is_satisfying_it_not_a_meeting(ctx) -> None:
    ev = _events(ctx, "Peru said it could not meet its loan repayments this year.")
    assert not any(r == "04" for r, _, _ in ev), ev
    ev = _events(ctx, "Ecuador struggled to meet Brazilian complaints about the dam.")
    assert not any(r == "04" for r, _, _ in ev), ev
    # someone met, named or as a body of people, is a meeting
    ev = _events(ctx, "The Peruvian finance minister met a group of commercial bankers on Friday.")
    assert _has(ev, "04", "PERGOV", "---BUS"), ev
    ev = _events(
        ctx, "Kenya's foreign minister and Uganda's defence minister met a hotel in Kampala."
    )
    assert _has(ev, "04", "KENGOV", "UGAGOV"), ev


def test_a_non_governmental_body_of_no_country_is_cameo_s_ngo(ctx) -> None:
    # NGOs are a top level of CAMEO's own, as IGOs are: not a sector of an unknown state
    ev = _events(ctx, "Aid workers criticised the Malian government's plan to close the camps.")
    assert ("11", "NGO", "MLIGOV") in ev, ev
    # the plural modifier the tagger lemmatises ("rights" -> "right") still names the body
    ev = _events(ctx, "Rights groups accused the Sudanese army of torture.")
    assert ("11", "NGO", "SDNMIL") in ev, ev
    # a named country still owns its own
    ev = _events(ctx, "Kenyan aid workers criticised the government.")
    assert _has(ev, "11", "KENNGO", "KEN"), ev


def test_hostages_are_civilians_and_seizing_them_is_an_abduction(ctx) -> None:
    ev = _events(ctx, "The rebels said they would free three of the Peruvian hostages.")
    assert _has(ev, "03", "PERREB", "PERCVL"), ev  # a promise to release them
    art = analyse(ctx, "Gunmen seized two Indian hostages on Friday.", PUB)
    assert any(e.cameo == "181" for e in art.events), [e.cameo for e in art.events]


def test_an_invitation_or_a_plea_names_who_sent_it_and_who_answered(ctx) -> None:
    # the clause done at someone's invitation answers it: the invited is its target
    ev = _events(ctx, "Modi visited Nepal on Monday at the invitation of the Nepalese government.")
    assert _has(ev, "03", "NPLGOV", "IND"), ev
    # "from" names who sent a request, a demand or a threat
    ev = _events(ctx, "The Chilean government rejected a request from Bolivia to reopen talks.")
    assert _has(ev, "02", "BOL", "CHLGOV"), ev
    # a place left is no sender: "the withdrawal from Iraq" is not Iraq's
    ev = _events(ctx, "Poland announced the withdrawal of its troops from Iraq.")
    assert not any(s.startswith("IRQ") for _, s, _ in ev), ev


def test_a_visitor_named_by_a_participle_visits_whom_his_clause_deals_with(ctx) -> None:
    ev = _events(
        ctx, "Meanwhile, visiting Chinese Premier Li Keqiang told Germany to open its markets."
    )
    assert ("04", "CHNGOV", "DEU") in ev, ev
    # his own country's people are no host
    ev = _events(ctx, "Meanwhile, visiting Chinese Premier Li Keqiang met Chinese students.")
    assert not any(r == "04" and t == "CHN" for r, _, t in ev), ev


def test_whoever_sent_what_is_judged_is_the_target(ctx) -> None:
    # the parser hangs the "from" on the verb as often as on the object
    assert ("05", "PER", "BOL") in _events(ctx, "Peru welcomed memos from Bolivia.")
    assert ("05", "PER", "BOL") in _events(ctx, "Peru welcomed a letter from Bolivia.")
    ev = _events(ctx, "Peru condemned remarks from Bolivian officials.")
    assert _has(ev, "11", "PER", "BOL"), ev


def test_what_is_asked_for_codes_the_appeal(ctx) -> None:
    codes = {e.cameo for e in analyse(ctx, "Latvia asked Sweden for emergency loans.", PUB).events}
    assert "0231" in codes, codes
    codes = {e.cameo for e in analyse(ctx, "The UN called for humanitarian aid.", PUB).events}
    assert "023" in codes, codes
    # an appeal for anything else stays an appeal
    codes = {e.cameo for e in analyse(ctx, "Latvia asked Sweden for calm.", PUB).events}
    assert codes == {"020"}, codes


def test_removing_a_measure_is_lifting_it(ctx) -> None:
    art = analyse(ctx, "The European Union removed the sanctions on Belarus.", PUB)
    assert [e.root for e in art.events] == ["08"], [e.cameo for e in art.events]
    ev = _events(ctx, "Pakistan refused to remove the ban on Indian television channels.")
    assert _has(ev, "12", "PAK", "IND"), ev


def test_a_phrase_on_the_object_names_the_target_of_a_pattern_with_no_object_word(ctx) -> None:
    ev = _events(ctx, "The Kenyan president hosted a state dinner for Modi on Sunday.")
    assert _has(ev, "04", "KENGOV", "IND"), ev


def test_a_statement_issued_is_what_it_urges(ctx) -> None:
    ev = _events(
        ctx, "Amnesty International issued a statement urging Belarus to free the journalists."
    )
    assert not any(r == "01" for r, _, _ in ev), ev
    assert _has(ev, "02", "", "BLR"), ev
    # a statement that reports nothing else stays a statement
    ev = _events(ctx, "Belarus issued a statement on Monday.")
    assert [r for r, _, _ in ev] == ["01"], ev


def test_forces_offered_or_promised_are_military_aid_not_a_threat(ctx) -> None:
    codes = {e.cameo for e in analyse(ctx, "Chile offered to send troops to Haiti.", PUB).events}
    assert "0332" in codes and not any(c.startswith("13") for c in codes), codes
    codes = {
        e.cameo for e in analyse(ctx, "Russia threatened to send troops to Georgia.", PUB).events
    }
    assert any(c.startswith("13") for c in codes), codes


def test_things_handed_back_and_curbs_lifted(ctx) -> None:
    # a quantity "of" the thing returned, the American spelling, the "to" hung on the thing
    ev = _events(ctx, "Spain returned dozens of Inca artifacts to the Embassy of Peru.")
    assert _has(ev, "08", "ESP", "PER"), ev
    art = analyse(ctx, "Japan lifted travel curbs on Monday.", PUB)
    assert [e.cameo for e in art.events] == ["081"], [e.cameo for e in art.events]


def test_a_means_of_force_is_its_firer_s_through_a_participle(ctx) -> None:
    ev = _events(ctx, "Shells fired by the Turkish army hit a Syrian army post on Friday.")
    assert _has(ev, "19", "TURMIL", "SYRMIL"), ev


def test_going_on_strike_is_a_strike_by_the_subject(ctx) -> None:
    ev = _events(ctx, "Chilean miners went on strike on Monday.")
    assert ("14", "CHLLAB", "") in ev, ev
    art = analyse(ctx, "Chilean dockworkers launched a hunger strike on Monday.", PUB)
    assert [e.cameo for e in art.events] == ["142"], [e.cameo for e in art.events]
    # a strike launched by an army is still force
    art = analyse(ctx, "Chile launched air strikes on the rebels.", PUB)
    assert all(e.root == "19" for e in art.events) and art.events, [e.cameo for e in art.events]


def test_a_question_put_is_no_appeal(ctx) -> None:
    for text in (
        "Asked about the talks on Monday, the Chilean minister said nothing.",
        "Chile asked Peru whether it would release the fishermen.",
    ):
        ev = _events(ctx, text)
        assert not any(r in {"02", "08", "10"} for r, _, _ in ev), (text, ev)
    # an appeal stays one, whatever day it was made
    ev = _events(ctx, "Chile on Thursday asked Peru to release the fishermen.")
    assert _has(ev, "02", "CHL", "PER"), ev


def test_an_interview_and_a_start_the_dictionary_rules_out_are_no_meetings(ctx) -> None:
    for text in (
        "Bank economists contacted by Reuters said growth would slow.",
        "The Chilean minister spoke to the BBC on Monday.",
        "Hungary is to embark on a new round of austerity measures.",
    ):
        ev = _events(ctx, text)
        assert not any(r == "04" for r, _, _ in ev), (text, ev)
    assert _has(
        _events(ctx, "The Chilean minister spoke to Evo Morales on Monday."), "04", "CHL", "BOL"
    )


def test_ties_renewed_or_resumed_are_restored(ctx) -> None:
    ev = _events(ctx, "Old foes Chile and Bolivia have renewed diplomatic ties after a long break.")
    assert _has(ev, "05", "CHL", "BOL"), ev
    assert _has(
        _events(ctx, "Chile resumed diplomatic relations with Bolivia."), "05", "CHL", "BOL"
    )


def test_aid_received_from_someone_is_given_by_them(ctx) -> None:
    assert _has(_events(ctx, "Bolivia received military aid from Brazil."), "07", "BRA", "BOL")
    codes = {e.cameo for e in analyse(ctx, "Bolivia received a loan from Brazil.", PUB).events}
    assert "071" in codes, codes


def test_they_of_a_reported_clause_are_the_plural_reporters_not_the_one_told(ctx) -> None:
    # "sources told the BBC they backed X": they are the sources, whom no list names --
    # the broadcaster told is not the backer
    art = analyse(ctx, "Banking sources told the BBC they backed the merger.", PUB)
    assert not any(e.source and (e.source.code or "").endswith("MED") for e in art.events)
    # a reporter the sentence names is still who they are
    evs = _events(ctx, "Syrian opposition leaders said they would free the captured UN monitors.")
    assert _has(evs, "03", "SYR", "IGO"), evs


def test_a_call_for_what_is_asked_takes_its_appeal_code(ctx) -> None:
    # an appeal to meet (026), to release (0253), to de-escalate (0256)
    for text, code in (
        ("Turkey called for talks on Monday.", "026"),
        ("The UN called for the release of the hostages.", "0253"),
        ("Turkey called for a ceasefire in Syria.", "0256"),
    ):
        art = analyse(ctx, text, PUB)
        assert any(e.cameo == code for e in art.events), (text, [e.cameo for e in art.events])


def test_a_subject_that_is_no_one_negates_its_verb(ctx) -> None:
    art = analyse(ctx, "None of the NATO allies has called for a ceasefire.", PUB)
    assert art.events and all(e.polarity == "negated" for e in art.events)


def test_a_passive_participle_on_a_noun_is_done_to_it_by_its_agent(ctx) -> None:
    # "X, backed by Y" says Y backs X; with a weapon as the agent it is no support at all
    art = analyse(
        ctx, "The Houthi militia, backed by Iran, attacked the convoy near the port.", PUB
    )
    backing = [e for e in art.events if e.cameo == "051"]
    assert [(e.source.code, e.target.code) for e in backing] == [("IRN", "YEMREB")]
    art = analyse(
        ctx, "An Iraqi infantry brigade, backed by tanks, attacked the ridge at dawn.", PUB
    )
    assert [e.root for e in art.events] == ["19"]
    # the doer of a passive is not whoever owns a visit it happened during
    art = analyse(ctx, "The minister mourned a French soldier killed in Mali during his trip.", PUB)
    assert not any(e.root == "19" for e in art.events)


def test_the_noun_a_passive_participle_describes_is_its_object(ctx) -> None:
    # "sanctions imposed by X": the noun completes the pattern as an object would
    art = analyse(
        ctx, "The sanctions imposed by the United States on Iran have hurt its oil exports.", PUB
    )
    assert [(e.cameo, e.source.code, e.target.code) for e in art.events if e.root == "16"] == [
        ("163", "USA", "IRN")
    ]
    art = analyse(ctx, "A video image released by BP shows the broken pipe.", PUB)
    assert not any(e.cameo == "0841" for e in art.events)  # no one was set free
    # the document that speaks names its author; issuing it is no act of its own
    art = analyse(
        ctx,
        "The statement issued by the Kenyan embassy said troops had shelled the border town.",
        PUB,
    )
    assert [e.root for e in art.events] == ["19"]
    # a light verb carries the act its noun names: the raids are the event, not a commitment
    art = analyse(ctx, "The report lists raids committed by Ruritanian troops in 2019.", PUB)
    assert not any(e.root == "03" for e in art.events)


def test_a_fact_dated_after_its_report_is_a_plan(ctx) -> None:
    # the present tense of a timetable: talks that open tomorrow have not happened yet
    art = analyse(ctx, "Japan and Peru begin trade talks in Lima tomorrow.", PUB)
    talks = [e for e in art.events if e.root == "04"]
    assert talks and all(e.modality == "intent" and e.date == "2019-06-15" for e in talks)
    art = analyse(ctx, "Japan and Peru began trade talks in Lima on Thursday.", PUB)
    talks = [e for e in art.events if e.root == "04"]
    assert talks and all(e.modality == "fact" and e.date == "2019-06-13" for e in talks)


def test_an_official_sent_abroad_is_the_senders_visit(ctx) -> None:
    art = analyse(
        ctx, "Norway will send Foreign Minister Anniken Huitfeldt to Nairobi next week.", PUB
    )
    visits = [e for e in art.events if e.cameo == "042"]
    assert [(e.source.code, e.target.code) for e in visits] == [("NORGOV", "KEN")]  # she goes
    assert visits[0].modality == "intent"
    # people sent somewhere are no one's visit
    art = analyse(ctx, "Italy sent the migrants back to Libya.", PUB)
    assert not any(e.cameo == "042" for e in art.events)


def test_cooperating_with_an_inquiry_is_judicial_cooperation_with_its_conductor(ctx) -> None:
    art = analyse(ctx, "Nigeria is cooperating with the British investigation.", PUB)
    assert [(e.cameo, e.source.code, e.target.code) for e in art.events] == [
        ("063", "NGA", "GBRGOV")
    ]
    art = analyse(ctx, "Kenya cooperated with Uganda on border security.", PUB)
    assert [(e.cameo, e.target.code) for e in art.events if e.source.code == "KEN"] == [
        ("060", "UGA")
    ]


def test_a_crowd_gathering_is_a_demonstration(ctx) -> None:
    art = analyse(ctx, "Egyptian activists gathered outside the Israeli embassy.", PUB)
    assert [e.cameo for e in art.events] == ["141"]
    art = analyse(ctx, "Arab foreign ministers gathered in Cairo with Turkish envoys.", PUB)
    assert all(e.root == "04" for e in art.events) and art.events


def test_voicing_understanding_for_an_act_endorses_its_doer(ctx) -> None:
    art = analyse(ctx, "Norway voiced its understanding for a Danish raid on the smugglers.", PUB)
    assert any(e.cameo == "051" and e.source.code == "NOR" for e in art.events), art.events
    art = analyse(ctx, "Germany voiced doubts about the plan.", PUB)
    assert [e.cameo for e in art.events] == ["012"]


def test_words_that_look_like_acts_but_are_not(ctx) -> None:
    # "what it called X" names something; "hails from" says where one comes from; force
    # done to oneself is no attack; a journey within one's own country is no visit
    for text in (
        "The agency said it was alarmed by what it called a wave of arrests.",
        "The new governor hails from the northern provinces.",
        "The crowd flattened themselves against the wall.",
        "The Chinese foreign minister visited Shanghai on Monday.",
    ):
        art = analyse(ctx, text, PUB)
        assert not any(
            e.cameo in {"041", "051", "042"} or e.root in {"18", "19"} for e in art.events
        ), (
            text,
            [(e.cameo, e.mentions[0].trigger) for e in art.events],
        )
    art = analyse(ctx, "The Chinese foreign minister visited Washington on Monday.", PUB)
    assert any(e.cameo == "042" for e in art.events)


def test_their_after_a_list_of_people_is_not_a_state_named_before(ctx) -> None:
    art = analyse(
        ctx,
        "Zimbabwe's government issued a statement. It named Bush and Blair, and it "
        "condemned their invasion of Iraq.",
        PUB,
    )
    invasions = [e for e in art.events if e.root == "19"]
    assert not any(e.source and e.source.code.startswith("ZWE") for e in invasions), invasions


def test_calling_it_something_is_no_phone_call(ctx) -> None:
    art = analyse(ctx, "Barack Obama called it a risky plan on Monday.", PUB)
    assert not any(e.cameo == "041" for e in art.events)
    art = analyse(ctx, "Barack Obama called him on Monday.", PUB)
    assert any(e.cameo == "041" for e in art.events)


def test_insisting_asserts_unless_it_demands(ctx) -> None:
    art = analyse(ctx, "The UN envoy insisted there was still hope for survivors.", PUB)
    assert [e.cameo for e in art.events] == ["010"]
    # the subjunctive says what is wanted: a demand, and no withdrawal has happened
    art = analyse(ctx, "Egypt insisted that Israel withdraw its troops.", PUB)
    assert [(e.cameo, e.source.code, e.target.code) for e in art.events] == [("106", "EGY", "ISR")]
    art = analyse(ctx, "Egypt insisted on an Israeli withdrawal.", PUB)
    assert any(e.root == "10" and e.source.code == "EGY" for e in art.events)


def test_a_coalition_led_by_a_state_acts_for_it(ctx) -> None:
    art = analyse(
        ctx, "The Saudi-led coalition fighting Houthi rebels has declared a two-week truce.", PUB
    )
    truce = [e for e in art.events if e.cameo.startswith("087")]
    assert truce and truce[0].source.code == "SAU", art.events
    assert truce[0].mentions[0].source_span["text"] == "The Saudi-led coalition"


def test_money_earmarked_or_disbursed_for_someone_is_aid(ctx) -> None:
    art = analyse(ctx, "Norway has earmarked 3 million euros in emergency aid to help Chad.", PUB)
    assert [(e.cameo, e.source.code, e.target.code) for e in art.events] == [("070", "NOR", "TCD")]
    art = analyse(ctx, "The council earmarked the old depot for housing.", PUB)
    assert not art.events


def test_going_somewhere_is_a_visit_only_for_a_visitor_going_abroad(ctx) -> None:
    art = analyse(ctx, "Lavrov went to Beijing for talks on Monday.", PUB)
    assert any(e.cameo == "042" and e.target and e.target.code == "CHN" for e in art.events)
    art = analyse(
        ctx, "Lavrov, travelling to Beijing for a week-long visit, declined to comment.", PUB
    )
    assert any(e.cameo == "042" and e.target and e.target.code == "CHN" for e in art.events)
    art = analyse(ctx, "The Chinese president came to Mexico in 2005.", PUB)
    assert any(e.cameo == "042" and e.target and e.target.code == "MEX" for e in art.events)
    for text in (
        "The pupils will go to school three times a week.",
        "The firm has got to go to plan B.",
        "Tourists came to the coast for its beaches.",
        "She fell ill after travelling in Mexico.",
        "The rebels were urged to come to their senses.",
    ):
        assert not analyse(ctx, text, PUB).events, text


def test_unwilling_or_reluctant_to_act_is_not_acting(ctx) -> None:
    art = analyse(ctx, "Germany is reluctant to send troops to Mali.", PUB)
    assert art.events and all(e.polarity == "negated" for e in art.events)
    art = analyse(ctx, "Japanese banks are unwilling to provide new credits to Nigeria.", PUB)
    assert art.events and all(e.polarity == "negated" for e in art.events)


def test_the_maker_of_a_decision_or_offer_does_what_it_decides(ctx) -> None:
    """'a decision by X to act', 'an offer from X to act': X does the act, not the subject
    of the verb that judges the decision; X's words name X, not the decision."""
    evs = _events(ctx, "Chile praised a decision by Peru to release the detained fishermen.")
    assert _has(evs, "08", "PER", "") and not _has(evs, "08", "CHL", "")
    art = analyse(ctx, "Mali rejected an offer from Algeria to mediate talks with the rebels.", PUB)
    talks = [e for e in art.events if e.root == "04"]
    assert talks and all((e.source.code or "").startswith("DZA") for e in talks if e.source)
    assert all(e.mentions[0].source_span["text"] == "Algeria" for e in talks)


def test_who_hears_or_survives_an_act_did_not_do_it(ctx) -> None:
    """An event noun that is the object of a verb of perceiving or undergoing does not take
    that verb's subject as its doer (a light verb's would: "launched an attack")."""
    for text in (
        "Farmers near the border heard heavy shelling overnight.",
        "The villagers survived the bombardment in their cellars.",
        "Local residents witnessed the airstrike on the bridge.",
    ):
        assert not any(
            e.source and (e.source.code or "").endswith("CVL")
            for e in analyse(ctx, text, PUB).events
        ), text
    assert _has(_events(ctx, "Rebels launched an attack on the garrison."), "19", "---REB", "")


def test_agreeing_that_something_is_so_is_no_agreement(ctx) -> None:
    assert not any(
        e.root == "03"
        for e in analyse(ctx, "Engineers agreed the pump was not working.", PUB).events
    )
    assert _has(
        _events(ctx, "Chad and Niger agreed that the talks would resume in May."), "03", "", ""
    )


def test_yielding_to_demands_is_done_to_those_who_made_them(ctx) -> None:
    evs = _events(ctx, "Portugal finally acceded to Moroccan demands to extradite the suspect.")
    assert _has(evs, "08", "PRT", "MAR")


def test_idioms_of_defending_and_accusing_need_whom_they_are_about(ctx) -> None:
    assert _has(
        _events(ctx, "Norway stood up for Iceland in the fishing dispute."), "05", "NOR", "ISL"
    )
    assert _has(_events(ctx, "Peru laid the blame on Bolivia for the spill."), "11", "PER", "BOL")
    assert _has(
        _events(ctx, "Chilean ministers pointed the finger at Argentina."), "11", "CHL", "ARG"
    )
    assert not analyse(ctx, "The crowd stood up for the national anthem.", PUB).events
    assert not analyse(ctx, "Volunteers stuck up posters across the town.", PUB).events


def test_a_country_after_at_is_aimed_at_by_a_verb_that_aims(ctx) -> None:
    assert _has(_events(ctx, "Qatar lashed out at Bahrain on Sunday."), "11", "QAT", "BHR")


def test_an_object_the_parser_made_the_subject_of_a_to_clause_still_names_the_act(ctx) -> None:
    """'declared a state of emergency to take effect at midnight': parsed as a clause whose
    subject is the state of emergency; 'declare' + its object still reads it."""
    text = "The Peruvian government declared a state of emergency to take effect at midnight."
    assert _has(_events(ctx, text), "17", "PERGOV", "")
    assert _has(_events(ctx, "The army declared martial law to begin at dawn."), "17", "", "")


def test_a_comment_on_what_a_clause_says_someone_did_is_about_them(ctx) -> None:
    evs = _events(ctx, "Chile expressed concern that Peru would expand its navy.")
    assert _has(evs, "01", "CHL", "PER")
    # a state is done by no one: the comment has no target
    evs = _events(ctx, "Chile expressed confidence that Peru would have a new constitution.")
    assert _has(evs, "01", "CHL", "") and not _has(evs, "01", "CHL", "PER")


def test_the_target_hung_on_a_naming_participle_is_the_verbs(ctx) -> None:
    text = (
        "The Nigerian army launched a major operation, codenamed Thunder, against Boko Haram "
        "militants in the north."
    )
    assert _has(_events(ctx, text), "19", "NGAMIL", "NGAREB")


def test_an_unnamed_state_body_is_not_of_the_state_it_acts_on(ctx) -> None:
    """'Officials blamed Russian jets': the only country named is the other side's, a state
    body of its own; the officials stay of no country. A state and people of its own are of
    one country ('a rebel commander surrendered to Colombian forces')."""
    assert _has(
        _events(ctx, "Officials blamed Algerian jets for the raid."), "11", "---GOV", "DZAMIL"
    )
    assert _has(
        _events(ctx, "A rebel commander surrendered to Peruvian forces."), "08", "PERREB", "PERMIL"
    )


def test_the_of_of_an_acts_noun_is_its_patient_not_the_maker_of_a_plan(ctx) -> None:
    """'the decision of Jordan to reopen': Jordan reopens; 'the release of Kenyan fishermen to
    ease tensions': the fishermen do not ease anything."""
    evs = _events(ctx, "Egypt welcomed the decision of Jordan to reopen the border.")
    assert _has(evs, "08", "JOR", "")
    evs = _events(ctx, "Somalia ordered the release of Kenyan fishermen to ease tensions.")
    assert not any(src.startswith("KEN") for _, src, _ in evs)


def test_an_it_that_stands_for_no_one_is_no_side(ctx) -> None:
    """'it may be necessary to ...', 'it was impossible to contact ...': the 'it' puts off a
    clause and refers to nothing named before it."""
    text = "Kenya's central bank, in an interview with Reuters, said it may be necessary to seize some banks."
    assert not any(
        e.source and (e.source.code or "").endswith("MED") for e in analyse(ctx, text, PUB).events
    )
    text = "A Red Cross official said it had been impossible to contact their colleagues in Chad."
    assert not any(e.root == "04" and e.source for e in analyse(ctx, text, PUB).events)
    # a referential "it" is still read: Iran denied that it had sent weapons
    assert _has(_events(ctx, "Iran denied that it had sent weapons to Yemen."), "07", "IRN", "YEM")


def test_a_subject_the_parser_hangs_on_the_auxiliary_is_still_the_subject(ctx) -> None:
    text = "The United Kingdom and Japan however have opposed resolutions in the United Nations on cluster bombs."
    events = _events(ctx, text)
    assert _has(events, "12", "GBR", "") and _has(events, "12", "JPN", ""), events


def test_a_country_s_thing_one_aims_at_stands_for_the_country(ctx) -> None:
    events = _events(
        ctx, "Brazilian ministers pointed the finger at the soaring Argentine inflation."
    )
    assert _has(events, "11", "BRA", "ARG"), events
    events = _events(ctx, "Iranian gunboats fired at Saudi tankers near the strait.")
    assert _has(events, "19", "IRN", "SAU"), events


def test_calling_on_someone_to_act_is_a_demand_not_a_report_of_the_act(ctx) -> None:
    art = analyse(ctx, "The African Union called on Sudan to withdraw its troops from Abyei.", PUB)
    assert all(e.modality != "fact" or e.root == "02" for e in art.events)
    assert [(e.root, e.source.code, e.target.code) for e in art.events] == [
        ("02", "IGOAFRAU", "SDN")
    ]
    # a phone call to discuss something is no demand
    events = _events(
        ctx, "On Monday the Kenyan president called his Ugandan counterpart to discuss trade."
    )
    assert _has(events, "04", "KEN", "UGA"), events


def test_words_offered_or_volunteered_are_no_offer(ctx) -> None:
    assert _events(ctx, "The finance minister offered no comment on the Chilean bank rescue.") == []
    text = "The Chilean finance minister volunteered that the rescue plans had failed."
    assert not [e for e in _events(ctx, text) if e[0] == "03"]
    events = _events(ctx, "Norway volunteered to mediate between Chile and Peru.")
    assert any(r == "03" and s == "NOR" for r, s, _t in events), events


def test_the_alternative_not_taken_is_no_event(ctx) -> None:
    for text in (
        "The Chilean rebels chose to negotiate rather than fight the army.",
        "The Peruvian students would rather study than demonstrate.",
        "The Bolivian protesters marched instead of attacking the police.",
    ):
        events = _events(ctx, text)
        assert not [e for e in events if e[0] in {"13", "18", "19"}], events
    assert _events(ctx, "The Peruvian students would rather study than demonstrate.") == []


def test_a_crowd_gathering_consults_no_one(ctx) -> None:
    assert _events(ctx, "In Lima, thousands of residents gathered to sing on Sunday.") == []
    assert _events(ctx, "Peruvians flock to the beaches of Lima every summer.") == []
    events = _events(ctx, "Andean finance ministers gathered in Lima on Monday.")
    assert any(r == "04" for r, _s, _t in events), events


def test_fighting_an_ill_is_no_fight(ctx) -> None:
    assert _events(ctx, "The Chilean army will fight the cholera epidemic in the north.") == []
    assert _events(ctx, "The Peruvian government is fighting inflation.") == []
    events = _events(ctx, "Peruvian troops fought Shining Path rebels in the jungle.")
    assert any(r == "19" for r, _s, _t in events), events


def test_declining_to_say_is_no_comment_not_a_refusal_of_what_would_be_said(ctx) -> None:
    art = analyse(
        ctx, "A Chilean official declined to say when the talks with Peru would resume.", PUB
    )
    assert [e.cameo for e in art.events] == ["011"]
    art = analyse(ctx, "Bolivia refused to discuss the border with Chile.", PUB)
    assert [e.root for e in art.events] == ["12"] and art.events[0].cameo != "011"


def test_a_spokesman_at_a_body_and_a_body_s_city_office_speak_for_the_body(ctx) -> None:
    text = (
        "A spokesman at Petrobras's Rio de Janeiro headquarters criticised the Bolivian decision."
    )
    events = _events(ctx, text)
    assert events and all(s == "BRABUS" for _r, s, _t in events), events


def test_details_or_an_entry_provided_are_no_aid(ctx) -> None:
    for text in (
        "The Chilean ministry will provide further details on the loan.",
        "The Chilean deal provides an entry to the Peruvian market.",
    ):
        assert not [e for e in _events(ctx, text) if e[0] in {"03", "07"}], text
    events = _events(ctx, "Chile will provide food aid to Peru.")
    assert any(r in {"03", "07"} for r, _s, _t in events), events


def test_the_place_a_journey_leaves_is_not_visited(ctx) -> None:
    events = _events(ctx, "The Chilean foreign minister left Santiago for Lima on Monday.")
    assert [(r, s, t) for r, s, t in events if r == "04"] == [("04", "CHLGOV", "PER")], events
    events = _events(ctx, "The Chilean foreign minister left Lima for a tour of Asia.")
    assert not [e for e in events if e[2].startswith("PER")], events


def test_a_bare_to_makes_a_journey_only_of_a_verb_of_going(ctx) -> None:
    text = "The Chilean nurse was administering the vaccine to the patients."
    assert not [e for e in _events(ctx, text) if e[0] == "04"]
    events = _events(ctx, "The Peruvian prime minister headed to Santiago on Monday.")
    assert _has(events, "04", "PER", "CHL"), events


def test_a_debate_hijacked_is_no_hijacking(ctx) -> None:
    assert _events(ctx, "The Chilean broadcaster has hijacked the debate on pensions.") == []


def test_an_act_permitted_is_not_told_as_done(ctx) -> None:
    art = analyse(ctx, "The Peruvian court permitted the police to arrest the journalist.", PUB)
    arrests = [e for e in art.events if e.root == "17"]
    assert arrests and all(e.modality == "hypothetical" for e in arrests)


def test_a_figurative_journey_leaves_the_statement_that_reports_it(ctx) -> None:
    text = "Hundreds of Chilean firms are heading for bankruptcy, a Chilean union leader said."
    events = _events(ctx, text)
    assert events == [("01", "CHLLAB", "")], events


def test_a_brigade_of_an_army_is_that_army(ctx) -> None:
    events = _events(ctx, "The assault was repelled by the Peruvian army's 7th Brigade on Monday.")
    assert _has(events, "19", "PERMIL", ""), events


def test_troops_fleeing_retreat_civilians_fleeing_do_no_act(ctx) -> None:
    assert _has(_events(ctx, "Bolivian troops fled the battlefield on Monday."), "08", "BOLMIL", "")
    assert _events(ctx, "Thousands of Bolivian civilians fled the fighting on Monday.") == []


def test_troops_leaving_a_country_withdraw_from_it(ctx) -> None:
    events = _events(ctx, "Chilean troops began leaving Haiti on Monday.")
    assert _has(events, "08", "CHLMIL", "HTI"), events
    assert _events(ctx, "Thousands of Haitians left their homes on Monday.") == []


def test_speaking_alone_or_receiving_a_thing_is_no_meeting(ctx) -> None:
    text = (
        "A Chilean mining executive, who spoke on condition of anonymity, said prices would rise."
    )
    assert not [e for e in _events(ctx, text) if e[0] == "04"]
    text = "Codelco said it received revised offers from two Peruvian firms."
    assert not [e for e in _events(ctx, text) if e[0] == "04"]
    assert _has(
        _events(ctx, "The Peruvian president received a Chilean delegation."), "04", "PER", "CHL"
    )
    assert _has(
        _events(ctx, "The Peruvian president spoke with his Chilean counterpart."),
        "04",
        "PER",
        "CHL",
    )
