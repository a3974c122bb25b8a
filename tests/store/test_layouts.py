"""Events in the field's layouts load in the field's tools: the GDELT file with GDELT's own
column list, the ICEWS file with its header, each PLOVER record against a JSON Schema written
from the PLOVER codebook."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from storyline.events.codes import table
from storyline.model import ActorRef, Event, EventMention, Location
from storyline.store import layouts
from tests.conftest import run_cli

# GDELT 2.0's event table, as its codebook lists the columns (61, no header row in the files).
GDELT_2_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code "
    "Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName "
    "Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long "
    "Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type "
    "ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat "
    "ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()


@pytest.fixture(scope="module")
def exported(sample_db: Path, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("layouts")
    files = {}
    for fmt in ("gdelt", "icews", "plover", "jsonl"):
        path = out / f"events.{fmt}"
        proc = run_cli("export", "events", "--db", str(sample_db), "--format", fmt, "-o", str(path))
        assert proc.returncode == 0, proc.stderr
        files[fmt] = path
    return files


def _facts(path: Path) -> list[dict]:
    """The asserted, dated facts of the JSON lines export: what GDELT and ICEWS rows hold."""
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    return [
        r for r in rows if r["polarity"] == "asserted" and r["modality"] == "fact" and r["date"]
    ]


def test_column_list_is_gdelts():
    assert layouts.GDELT_COLUMNS == GDELT_2_COLUMNS


def test_gdelt_reads_with_pandas(exported):
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(
        exported["gdelt"],
        sep="\t",
        header=None,
        names=GDELT_2_COLUMNS,
        quoting=csv.QUOTE_NONE,
        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str, "SQLDATE": str},
    )
    facts = _facts(exported["jsonl"])
    assert len(df) == len(facts) > 10
    assert df["GLOBALEVENTID"].is_unique and df["GLOBALEVENTID"].dtype.kind == "i"
    assert df["SQLDATE"].str.fullmatch(r"\d{8}").all()
    assert df["QuadClass"].isin([1, 2, 3, 4]).all()
    assert df["GoldsteinScale"].between(-10, 10).all()
    assert (df["EventRootCode"] == df["EventCode"].str[:2]).all()
    assert (df["NumArticles"] >= 1).all() and (df["NumMentions"] >= df["NumArticles"]).all()
    assert df["AvgTone"].isna().all()  # not computed by storyline: left empty
    assert df["SOURCEURL"].notna().all()
    by_id = {layouts.numeric_id(r["event_id"]): r for r in facts}
    for row in df.itertuples():
        rec = by_id[row.GLOBALEVENTID]
        assert row.SQLDATE.startswith(rec["date"].replace("-", "")[:6])
        assert row.EventCode == rec["cameo"]
        src = rec["source"]
        assert (row.Actor1Code if isinstance(row.Actor1Code, str) else None) == (
            src["code"] if src else None
        )
        if rec["location"]:  # GDELT's geography columns take FIPS 10-4 codes (Turkey: TU)
            assert row.ActionGeo_CountryCode == layouts.fips(rec["location"]["country"])
    placed = df[df["ActionGeo_Type"] == 4]  # a city: coordinates too
    assert len(placed) and placed["ActionGeo_Lat"].notna().all()
    assert "TU" in set(df["ActionGeo_CountryCode"])


def test_icews_reads_with_its_header(exported):
    with open(exported["icews"], newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == layouts.ICEWS_COLUMNS
        rows = list(reader)
    assert len(rows) == len(_facts(exported["jsonl"]))
    assert all(r["CAMEO Code"].isdigit() and -10 <= float(r["Intensity"]) <= 10 for r in rows)
    assert any(r["Source Sectors"] == "Government" and r["Source Country"] for r in rows)


def test_plover_validates_against_the_schema(exported):
    jsonschema = pytest.importorskip("jsonschema")
    schema = layouts.plover_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    records = [json.loads(line) for line in exported["plover"].read_text().splitlines()]
    assert len(records) > 10
    for rec in records:
        errors = list(validator.iter_errors(rec))
        assert not errors, (rec["id"], [e.message for e in errors])
    assert any(r["mode"] for r in records) and any(r["context"] for r in records)
    # What the schema refuses: a type PLOVER does not have, a mode of another type.
    bad = dict(records[0], event="MAKE_STATEMENT")
    assert list(validator.iter_errors(bad))
    bad = dict(records[0], event="CONSULT", mode="aerial")
    assert list(validator.iter_errors(bad))


def test_every_plover_type_and_mode_of_the_code_table_is_in_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(layouts.plover_schema())
    ref = ActorRef("a", "TURGOV", "A")
    for code, info in table().items():
        if not info.plover:
            continue
        e = Event(
            "e1", "2020-01-02", "day", ref, None, code, code[:2], 1, 1.0, info.plover,
            info.plover_mode, location=Location("Syria", "SYR", None, None),
            mentions=[EventMention("a1", "X", "2020-01-02", "S.", 0, 2)],
        )  # fmt: skip
        rec = layouts.plover_record(e, {})
        errors = [x.message for x in validator.iter_errors(rec)]
        assert not errors, (code, info.plover, info.plover_mode, errors)


def test_split_code():
    p = layouts.split_code("IGOUNO")
    assert (p.country, p.types, p.known_group) == ("", ["IGO"], "UNO")
    p = layouts.split_code("SYRREBMOS")
    assert (p.country, p.types, p.religions) == ("SYR", ["REB"], ["MOS"])
    assert (
        layouts.split_code("---REB").types == ["REB"] and not layouts.split_code("---REB").country
    )
    assert layouts.fips("TUR") == "TU" and layouts.fips("SYR") == "SY"


def test_layout_for_other_kinds_is_a_usage_error(sample_db):
    proc = run_cli("export", "actors", "--db", str(sample_db), "--format", "gdelt")
    assert proc.returncode == 2 and "events only" in proc.stderr
