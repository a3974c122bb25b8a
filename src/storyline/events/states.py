"""States as they stood on a date: a place or actor coded by today's state names its
predecessor on earlier dates ("Moscow" in 1987 is the Soviet Union's, "Belgrade" Yugoslavia's),
as CAMEO codes them."""

from __future__ import annotations

# States a code names that were part of another on earlier dates: an event in Moscow in 1987
# is the Soviet Union's (CAMEO's SUN), whatever the gazetteer calls the city's country today.
# The same for the other republics of the Soviet Union, Yugoslavia and Czechoslovakia, and for
# states that seceded (Eritrea, South Sudan): "Belgrade" in 1987 is Yugoslavia's.
PREDECESSORS = {
    **dict.fromkeys(
        ("RUS", "UKR", "BLR", "KAZ", "UZB", "TKM", "KGZ", "TJK", "ARM", "AZE", "GEO", "MDA"),
        ("SUN", "1991-12-26"),
    ),
    **dict.fromkeys(("EST", "LVA", "LTU"), ("SUN", "1991-09-06")),
    **dict.fromkeys(("HRV", "SVN"), ("YUG", "1991-06-25")),
    "MKD": ("YUG", "1991-09-08"),
    "BIH": ("YUG", "1992-03-03"),
    **dict.fromkeys(("SRB", "MNE"), ("YUG", "2006-06-03")),
    **dict.fromkeys(("CZE", "SVK"), ("CSK", "1993-01-01")),
    "ERI": ("ETH", "1993-05-24"),
    "SSD": ("SDN", "2011-07-09"),
}


def state_on(code: str | None, when: str | None) -> str | None:
    if not code or not when or code[:3] not in PREDECESSORS:
        return code
    older, until = PREDECESSORS[code[:3]]
    return older + code[3:] if when[:10] < until[: len(when[:10])] else code
