"""`storyline code` on hostile input: random text, random JSON, huge and NUL-laden lines.

Every line gets an output record or a reported problem; nothing crashes.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import api

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=80),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": values,
        "date": st.one_of(values, st.dates().map(str), st.just("2023-02-30")),
        "text": st.one_of(values, st.text(max_size=400)),
    },
)
lines = st.one_of(
    st.text(max_size=300),
    records.map(json.dumps),
    st.just("\x00" * 50 + "Greece and Turkey held talks in Athens."),
    st.just("talks " * 4000),
    st.just("{" * 500),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(lines, min_size=1, max_size=4))
def test_code_lines_never_crash(ctx, batch: list[str]) -> None:
    results = list(api.code_lines(batch, ctx))
    assert len(results) <= len(batch)
    for record, problem in results:
        assert (record is None) != (problem is None)
        if record is not None:
            assert isinstance(record["events"], list)
            json.dumps(record)  # always serialisable
