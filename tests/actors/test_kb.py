from __future__ import annotations

from pathlib import Path

from storyline.actors.kb import load_kb
from storyline.actors.names import fold, key_tokens, phonetic


def test_folding_and_keys() -> None:
    assert fold("Çavuşoğlu") == "cavusoglu" and fold("Türkiye") == "turkiye"
    assert key_tokens("Bashar al-Assad") == ("bashar", "al", "assad")
    assert phonetic("Mekdad") == phonetic("Miqdad") == phonetic("Mikdad")


def test_countries_demonyms_capitals() -> None:
    kb = load_kb()
    assert {h.form for h in kb.aliases[("turkey",)]} == {"name"}
    assert kb.aliases[("turkiye",)][0].actor_id == "TUR"
    assert (
        kb.aliases[("syrian",)][0].actor_id == "SYR"
        and kb.aliases[("syrian",)][0].form == "adjective"
    )
    assert kb.aliases[("damascus",)][0].form == "capital"
    assert len([e for e in kb.entries.values() if e.kind == "country"]) >= 240


def test_roles_depend_on_the_date() -> None:
    kb = load_kb()
    assert kb.code_for("hakan-fidan", "2022-09-15") == "TURSPY"
    assert kb.code_for("hakan-fidan", "2023-07-01") == "TURGOV"
    assert kb.code_for("mevlut-cavusoglu", "2022-08-11") == "TURGOV"
    # A month that spans a change of office takes the office held for most of it.
    assert kb.code_for("mevlut-cavusoglu", "2023-06") == "TURLEG"
    assert kb.code_for("bashar-al-assad", "2025-02-01") == "SYRELI"  # out of office
    assert kb.code_for("faisal-mekdad", None) == "SYRGOV"  # undated: the office held longest


def test_users_can_extend_the_knowledge_base(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "people:\n  - id: ada-quill\n    name: Ada Quill\n    country: NZL\n    aliases: [Quill]\n"
        "    roles:\n      - {role: Minister of Foreign Affairs, code: NZLGOV, start: 2030-01-01}\n",
        encoding="utf-8",
    )
    kb = load_kb([str(extra)])
    assert kb.aliases[("quill",)][0].actor_id == "ada-quill"
    assert kb.code_for("ada-quill", "2030-05-05") == "NZLGOV"
    assert ("quill",) not in load_kb().aliases  # the default knowledge base is unchanged
