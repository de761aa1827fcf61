#!/usr/bin/env python
"""Write the list of countries a migration loads: ISO 3166-1 and the former countries of ISO 3166-3.

    .venv/bin/pip install -r requirements-dev.txt   # pycountry and babel: this script only
    .venv/bin/python scripts/make_country_list.py reviews/migrations/0008_countries.json

Each country gets the name people know (curated below: "Russia", not "Russian Federation"),
years for former states, and other names for the admin's search: ISO's name and official name,
the alpha-3 code (and alpha-2 for former states), its names in its official languages (CLDR,
through babel), names without accents, and curated abbreviations and former names.

A file a migration has loaded is frozen: to change the list later, write a new file for a new
migration, never over one that an applied migration reads.
"""

import argparse
import json
import unicodedata

import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages

# Names people know, where ISO's differs.
NAMES = {
    "BO": "Bolivia",
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
    "VN": "Vietnam",
}

# Abbreviations, former and informal names that people search by.
EXTRA_NAMES = {
    "AE": ["UAE"],
    "BA": ["Bosnia"],
    "BY": ["Byelorussia", "Belorussia"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Zaire"],
    "CG": ["Congo-Brazzaville"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "DE": ["West Germany", "Federal Republic of Germany", "FRG", "BRD", "Bundesrepublik Deutschland"],
    "GB": ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "IR": ["Persia"],
    "KH": ["Kampuchea"],
    "KP": ["DPRK"],
    "KR": ["Korea", "ROK"],
    "LK": ["Ceylon"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "NL": ["Holland"],
    "RU": ["Russian Federation"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Türkiye"],
    "US": ["USA", "U.S.A.", "America"],
    "VA": ["Holy See"],
}

# ISO 3166-3: the name people know, the years of the state (or of the name, for a territory
# renamed or merged into another code), and other names. Yugoslavia's code covered the Federal
# Republic of Yugoslavia too, until it became Serbia and Montenegro in 2003.
FORMER = {
    "AIDJ": ("French Territory of the Afars and the Issas", 1967, 1977, ["French Afars and Issas", "Djibouti"]),
    "ANHH": ("Netherlands Antilles", 1954, 2010, ["Nederlandse Antillen"]),
    "BQAQ": ("British Antarctic Territory", 1962, 1979, []),
    "BUMM": ("Burma", 1948, 1989, ["Myanmar", "Union of Burma"]),
    "BYAA": ("Byelorussian SSR", 1919, 1991, ["Belorussian SSR", "Белорусская ССР", "Беларуская ССР"]),
    "CSHH": ("Czechoslovakia", 1918, 1992, ["ČSSR", "Československo"]),
    "CSXX": ("Serbia and Montenegro", 2003, 2006, ["Србија и Црна Гора", "Srbija i Crna Gora"]),
    "CTKI": ("Canton and Enderbury Islands", 1939, 1979, []),
    "DDDE": ("East Germany", 1949, 1990, ["GDR", "DDR", "Deutsche Demokratische Republik"]),
    "DYBJ": ("Dahomey", 1958, 1975, ["Benin"]),
    "FQHH": ("French Southern and Antarctic Territories", None, 1979, []),
    "FXFR": ("Metropolitan France", 1993, 1997, []),
    "GEHH": ("Gilbert and Ellice Islands", 1916, 1976, ["Kiribati", "Tuvalu"]),
    "HVBF": ("Upper Volta", 1958, 1984, ["Haute-Volta", "Burkina Faso"]),
    "JTUM": ("Johnston Island", None, 1986, []),
    "MIUM": ("Midway Islands", None, 1986, []),
    "NHVU": ("New Hebrides", 1906, 1980, ["Nouvelles-Hébrides", "Vanuatu"]),
    "NQAQ": ("Dronning Maud Land", None, 1983, ["Queen Maud Land"]),
    "NTHH": ("Saudi–Iraqi Neutral Zone", 1922, 1991, ["Neutral Zone"]),
    "PCHH": ("Trust Territory of the Pacific Islands", 1947, 1986, []),
    "PUUM": ("United States Miscellaneous Pacific Islands", None, 1986, []),
    "PZPA": ("Panama Canal Zone", 1903, 1979, ["Canal Zone"]),
    "RHZW": ("Southern Rhodesia", 1923, 1980, ["Rhodesia", "Zimbabwe Rhodesia", "Zimbabwe"]),
    "SKIN": ("Sikkim", 1642, 1975, []),
    "SUHH": ("Soviet Union", 1922, 1991, ["USSR", "СССР", "Советский Союз"]),
    "TPTL": ("Portuguese Timor", None, 2002, ["East Timor", "Timor-Leste"]),
    "VDVN": ("North Vietnam", 1945, 1976, ["Democratic Republic of Vietnam", "Việt Nam Dân chủ Cộng hòa"]),
    "WKUM": ("Wake Island", None, 1986, []),
    "YDYE": ("South Yemen", 1967, 1990, ["People's Democratic Republic of Yemen"]),
    "YUCS": (
        "Yugoslavia",
        1918,
        2003,
        ["SFRY", "FRY", "SFRJ", "Jugoslavija", "Југославија", "Federal Republic of Yugoslavia"],
    ),
    "ZRCD": ("Zaire", 1971, 1997, ["Zaïre", "Democratic Republic of the Congo"]),
}


def unaccented(text):
    """ "Côte d'Ivoire" → "Cote d'Ivoire"; None unless that is plain ASCII (Cyrillic й is no и with an accent)."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return plain if plain.isascii() else None


def endonyms(alpha_2):
    """The country's name in each of its official languages, as CLDR writes it."""
    names = []
    for language in get_official_languages(alpha_2, de_facto=True):
        try:
            name = Locale.parse(language).territories.get(alpha_2)
        except (UnknownLocaleError, ValueError):
            continue
        if name:
            names.append(name)
    return names


def other_names(name, candidates):
    """`candidates` and their unaccented forms, each once, without the name itself."""
    seen = {name.casefold()}
    names = []
    for candidate in candidates:
        for form in (candidate, unaccented(candidate)):
            if form and form.casefold() not in seen:
                seen.add(form.casefold())
                names.append(form)
    return names


def countries():
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        name = NAMES.get(code, country.name)
        fields = country._fields
        candidates = [
            *(fields.get(key) for key in ("name", "official_name", "common_name")),
            country.alpha_3,
            *endonyms(code),
            *EXTRA_NAMES.get(code, ()),
        ]
        rows.append(
            {
                "code": code,
                "name": name,
                "other_names": other_names(name, [c for c in candidates if c]),
                "start_year": None,
                "end_year": None,
            }
        )
    for country in pycountry.historic_countries:
        name, start_year, end_year, extra = FORMER[country.alpha_4]
        candidates = [country.name, country.alpha_3, country.alpha_2, *extra]
        rows.append(
            {
                "code": country.alpha_4,
                "name": name,
                "other_names": other_names(name, candidates),
                "start_year": start_year,
                "end_year": end_year,
            }
        )
    rows.sort(key=lambda row: row["code"])
    names = [row["name"] for row in rows]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise SystemExit(f"Names must be unique: {sorted(duplicates)}")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="the JSON file to write, named after the migration that loads it")
    path = parser.parse_args().path
    rows = countries()
    with open(path, "w", encoding="utf-8") as file:
        # One country a line: easy to read and to review.
        file.write("[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n")
    print(f"Wrote {len(rows)} countries to {path}.")


if __name__ == "__main__":
    main()
