from __future__ import annotations

from storyline.ingest.clean import clean_article, detect_language, is_boilerplate, normalize
from storyline.model import Article


def _clean(text: str) -> Article:
    return clean_article(Article(article_id="x", path="x", text=text))


def test_boilerplate_lines_dropped_and_listed() -> None:
    text = (
        "Envoys agree to meet again\n"
        "By Staff Reporter - March 3 2021\n"
        "\n"
        "(Photo Credit: A. Lensman / Picture Desk)\n"
        "\n"
        "The envoys agreed on Tuesday to meet again next month.\n"
        "Share this article\n"
        "Advertisement\n"
        "Both sides described the talks as useful.\n"
        "Read more: Markets rally after the vote\n"
        "Subscribe to our newsletter for daily briefings\n"
        "Most Popular\n"
    )
    art = _clean(text)
    assert art.title == "Envoys agree to meet again"
    assert art.text == (
        "The envoys agreed on Tuesday to meet again next month.\n\n"
        "Both sides described the talks as useful."
    )
    assert "Most Popular" in art.removed and "Share this article" in art.removed
    assert any(r.startswith("(Photo Credit") for r in art.removed)
    assert art.meta["byline_date"] == "March 3 2021" and art.author == "Staff Reporter"


def test_content_lines_are_never_dropped_for_being_short() -> None:
    art = _clean("The talks failed.\n\nMost popular leaders attended the summit in May.")
    assert "The talks failed." in art.text
    assert "Most popular leaders attended the summit in May." in art.text


def test_repeated_navigation_lines() -> None:
    art = _clean(
        "World News\nThe minister resigned on Friday.\nWorld News\nOfficials confirmed it."
    )
    assert "World News" not in art.text and art.removed.count("World News") == 2


def test_normalization_keeps_quotes_and_paragraphs() -> None:
    raw = "He said \u201cno\u201d.\u00a0 Twice.\r\n\r\n\r\nCafe\u0301 owners \u2013 angry."
    out = normalize(raw)
    assert "\u201cno\u201d" in out and "Café" in out and "\u2013" in out
    art = _clean(raw)
    assert art.text == "He said \u201cno\u201d. Twice.\n\nCafé owners \u2013 angry."


def test_language() -> None:
    assert (
        detect_language("The minister said that the talks with the envoy were held in the capital.")
        == "en"
    )
    assert (
        detect_language("Der Minister sagte, dass die Gespräche mit dem Gesandten stattfanden.")
        == "de"
    )
    assert (
        detect_language("Le ministre a déclaré que les pourparlers avec l'envoyé avaient eu lieu.")
        == "fr"
    )
    assert detect_language("Ankara, Damascus.") == "und"  # too little text to tell


def test_a_short_english_sentence_full_of_names_is_english() -> None:
    # names are no language: the classifier took this for Nigerian Pidgin, and the sentence
    # was never coded
    assert detect_language("Ruto Mwangi received Okello Obura, the Ugandan trade minister.") == "en"
    assert detect_language("Le président Jean Dupont a reçu Hans Meier à Lyon lundi.") == "fr"
    assert detect_language("Il presidente Mario Rossi ha ricevuto Hans Meier in Sicilia.") == "it"
    # a title, a name and one verb: English a close second to the names' language
    assert detect_language("Argentine President Carlos Ibarra criticised Brazil.") == "en"
    assert detect_language("El presidente Ana Fuentes criticó a Perú el sábado.") == "es"
    # two words in small letters are enough to ask again (the names read as Luganda)
    assert (
        detect_language("Kenyan Prime Minister Otieno Wanjala criticised Uganda on Monday.") == "en"
    )
    assert detect_language("Bundeskanzler Otto Wanjala besuchte Kampala am Montag.") == "de"


def test_stated_language_wins_over_detection() -> None:
    art = Article(article_id="x", path="x", text="Los ministros se reunieron ayer en Ginebra.")
    art.meta["language_stated"] = "es-ES"
    assert clean_article(art).language == "es"


def test_photo_captions_and_credit_lines_are_removed_and_listed() -> None:
    caption = "Ministers shake hands before talks in Geneva, March 14, 2023. REUTERS/Jane Roe"
    text = (
        "Two ministers met in Geneva on Tuesday, officials said.\n\n"
        f"{caption}\n\n"
        "Soldiers patrol the border crossing near the town. (AFP)\n\n"
        "They agreed to meet again next month.\n\n"
        "(Reporting by Jane Roe; Editing by John Doe)"
    )
    art = clean_article(Article(article_id="x", path="x", text=text))
    assert caption in art.removed and "(Reporting by Jane Roe; Editing by John Doe)" in art.removed
    assert art.text.startswith("Two ministers met") and art.text.endswith("next month.")
    # A sentence that merely names an agency is reporting, not a caption.
    assert not is_boilerplate("The AP reported that talks (with Reuters present) went well.")


def test_is_boilerplate_needs_a_known_pattern() -> None:
    assert is_boilerplate("Advertisement")
    assert is_boilerplate("Photo: Someone / Agency")
    assert not is_boilerplate("Photographers were detained at the border on Monday.")


def test_hard_wrapped_text_is_reflowed_into_paragraphs() -> None:
    wrapped = (
        "The two delegations met on Tuesday in the border town to\n"
        "discuss the reopening of the crossing, which has been closed\n"
        "since the spring, officials from both sides said.\n"
        "    Talks will resume next week, according to a statement that\n"
        "was read out by a spokesman for the regional government after\n"
        "the meeting ended late in the evening.\n"
        "    - the crossing reopens for trucks first\n"
    )
    art = _clean(wrapped)
    assert art.text.split("\n\n") == [
        "The two delegations met on Tuesday in the border town to discuss the reopening of the "
        "crossing, which has been closed since the spring, officials from both sides said.",
        "Talks will resume next week, according to a statement that was read out by a spokesman "
        "for the regional government after the meeting ended late in the evening.",
        "- the crossing reopens for trucks first",
    ]


def test_one_sentence_per_line_is_not_reflowed() -> None:
    lines = "The envoys met on Tuesday.\nThey agreed to meet again.\nA statement followed.\n"
    assert _clean(lines * 2).text.count("\n\n") == 5


def test_a_short_sentence_of_names_is_taken_as_english() -> None:
    # one word in small letters tells no language; the names (read as Luganda) say none
    assert (
        detect_language("Kenyan President Uhuru Kenyatta met Ugandan President Yoweri Museveni.")
        == "en"
    )
    # a short foreign sentence still has its own words
    assert detect_language("Der Präsident traf sich mit dem Minister in Berlin.") == "de"
