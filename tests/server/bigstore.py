"""A store large enough to page: about seventy country pairs, two or three short articles
each, written for these tests (the texts are templates in our own words, filled with country
names).  Every list of the web UI has more than one page of it (the stories list shows 50 a
page), and it holds what the pages must show apart or link: background sentences, untitled
articles, articles without an outlet, web addresses, one event carried by two outlets, a
denial contradicting a meeting, and one minister written three ways."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

# (name, adjective, capital)
COUNTRIES = [
    ("Greece", "Greek", "Athens"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Jordan", "Jordanian", "Amman"),
    ("Lebanon", "Lebanese", "Beirut"),
    ("Iraq", "Iraqi", "Baghdad"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"),
    ("Poland", "Polish", "Warsaw"),
    ("Japan", "Japanese", "Tokyo"),
    ("India", "Indian", "New Delhi"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Norway", "Norwegian", "Oslo"),
    ("Canada", "Canadian", "Ottawa"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Qatar", "Qatari", "Doha"),
    ("Tunisia", "Tunisian", "Tunis"),
]
OUTLETS = ["Harbour Ledger", "Plains Courier", "Northwind Daily", "Riverside Bulletin"]
PAIRS = 70
FIRST_DAY = date(2021, 1, 4)


def pairs() -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    out = []
    n = len(COUNTRIES)
    for gap in range(1, n):
        for i in range(n):
            j = (i + gap) % n
            if i < j:
                out.append((COUNTRIES[i], COUNTRIES[j]))
    return out[:PAIRS]


# Sentences of colour, so that no two articles share enough text to count as copies.
FILLER = [
    "Traders in the old market said prices had barely moved all week.",
    "A spokesman declined to give further details before the weekend.",
    "Fishing boats stayed in port as a storm crossed the coast.",
    "The talks ran late into the evening, according to one delegate.",
    "Local newspapers gave the story a single column on page four.",
    "Farmers have complained for months about the cost of diesel.",
    "A small crowd gathered outside the ministry, holding hand-written signs.",
    "Several analysts expect the currency to weaken before the summer.",
    "Rail workers are due to vote on a new pay offer next month.",
    "The weather office warned of heavy rain in the northern valleys.",
    "University students returned to lectures after a two-week strike.",
    "A new bridge over the river is expected to open in the autumn.",
    "Opposition lawmakers asked for the text to be published in full.",
    "Hotel owners reported fewer bookings than in the same month last year.",
    "The central bank kept its main interest rate unchanged.",
    "Engineers are still inspecting the damaged pipeline.",
    "Schools in the capital will close early for the holiday.",
    "A court postponed the hearing until the end of the month.",
    "Two journalists were briefly detained and later released.",
    "The harbour authority announced longer opening hours for ferries.",
    "Exports of olive oil rose sharply in the first quarter.",
    "Residents of the border towns said the nights had been quiet.",
    "A delegation of engineers is expected to follow within weeks.",
    "Observers said the wording of the statement was unusually mild.",
    "The price of bread has become a topic in every cafe.",
    "Officials in the provinces were told to prepare for an inspection.",
    "Cargo flights resumed at the airport after a short pause.",
    "The health ministry opened three new clinics in rural districts.",
    "Musicians played in the main square to mark the national day.",
    "Teachers' unions called the budget a disappointment.",
]


def colour(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(FILLER, n))


def records() -> list[dict[str, object]]:
    rng = random.Random(19)
    recs: list[dict[str, object]] = []
    for k, ((a, adj_a, cap_a), (b, adj_b, cap_b)) in enumerate(pairs()):
        day = FIRST_DAY + timedelta(days=9 * k)
        outlet = OUTLETS[k % len(OUTLETS)]
        other = OUTLETS[(k + 1) % len(OUTLETS)]
        signing = f"{a} and {b} signed a trade agreement in {cap_a} on Monday."
        recs.append(
            {
                "title": f"{a} and {b} sign a trade pact",
                "outlet": outlet,
                "date": day.isoformat(),
                "url": f"https://ledger.example/{k}/trade-pact",
                "text": f"{signing} The {adj_a} foreign minister met his {adj_b} counterpart "
                f"in {cap_b} on Wednesday, officials said.\n\n"
                f"{colour(rng, 4)}\n\nIn 1974, {a} invaded {b}. {colour(rng, 3)}",
            }
        )
        second = {
            "outlet": other if k % 5 else None,  # every fifth without an outlet
            "date": (day + timedelta(days=1)).isoformat(),
            "text": f"{a} accused {b} of violating the ceasefire on Tuesday. {adj_a} troops "
            f"shelled {adj_b} positions near the border, the army said.\n\n"
            f"{colour(rng, 4)}\n\n{adj_b} officials denied meeting {adj_a} diplomats in "
            f"{cap_b} on Wednesday. {colour(rng, 3)}",
        }
        if k % 3:  # every third untitled: it is named by its first sentence
            second["title"] = f"{a} accuses {b} over the ceasefire"
        recs.append(second)
        if k % 4 == 0:  # the signing again, from another outlet a day later
            recs.append(
                {
                    "title": f"Trade deal between {a} and {b}",
                    "outlet": other,
                    "date": (day + timedelta(days=1)).isoformat(),
                    "text": f"{signing} {colour(rng, 5)}",
                }
            )
    for k, spelling in enumerate(("Faisal Mekdad", "Faisal Miqdad", "Faisal al-Mikdad")):
        recs.append(
            {
                "title": f"Syrian minister visits Amman ({k + 1})",
                "outlet": OUTLETS[k],
                "date": f"2023-0{k + 3}-1{k}",
                "text": f"Syrian Foreign Minister {spelling} met Jordanian officials in Amman "
                f"on Monday, the ministry said. {colour(rng, 4)}",
            }
        )
    return recs


def write(path: Path) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8"
    )
    return path
