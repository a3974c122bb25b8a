from __future__ import annotations

import pytest

from storyline.events.codes import lookup, quad_class, quad_class_phoenix, table
from storyline.events.patterns import load_patterns


def test_table_is_complete() -> None:
    t = table()
    roots = {c for c in t if len(c) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert len(t) > 300
    assert lookup("044").goldstein == 2.5 and lookup("190").goldstein == -10.0
    assert lookup("0871").plover == "RETREAT" and lookup("0871").plover_mode == "ceasefire"
    assert lookup("190").plover == "ASSAULT"
    assert all(info.plover for code, info in t.items() if code[:2] not in {"01"})


def test_unknown_subcode_falls_back_to_parent() -> None:
    assert lookup("0449").code == "044"
    with pytest.raises(KeyError):
        lookup("99")


@pytest.mark.parametrize(
    ("root", "gdelt", "phoenix"),
    [
        ("01", 1, 0),
        ("02", 1, 0),
        ("04", 1, 1),
        ("06", 2, 2),
        ("08", 2, 2),
        ("09", 3, 3),
        ("13", 3, 3),
        ("14", 4, 4),
        ("16", 4, 3),
        ("19", 4, 4),
        ("20", 4, 4),
    ],
)
def test_quad_class_conventions(root: str, gdelt: int, phoenix: int) -> None:
    assert quad_class(root) == gdelt and quad_class_phoenix(root) == phoenix


def test_patterns_cover_every_root() -> None:
    ps = load_patterns()
    roots = {p.code[:2] for pats in ps.verbs.values() for p in pats} | {
        p.code[:2] for p in ps.nouns.values()
    }
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_bundled_patterns_name_each_word_once() -> None:
    """A word listed twice in patterns.yaml loses its first entry without a word (YAML keeps
    the last), as the generic 'amass' once did to the military one."""
    from importlib import resources

    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader: Strict, node: yaml.MappingNode, deep: bool = False) -> dict:
        merge = "tag:yaml.org,2002:merge"  # "<<: *express" then own keys is no repeat
        keys = [loader.construct_object(k) for k, _ in node.value if k.tag != merge]
        twice = {k for k in keys if keys.count(k) > 1}
        assert not twice, f"listed twice: {sorted(twice)} (line {node.start_mark.line + 1})"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    text = resources.files("storyline.events").joinpath("data", "patterns.yaml").read_text("utf-8")
    assert yaml.load(text, Loader=Strict)
