"""Reference data for entity recognition: contributing countries, missions (read from missions.toml) and unit vocabulary."""

from __future__ import annotations

import tomllib
from pathlib import Path

# ISO3, names and aliases ("|"-separated), demonyms, capital (a weak signal of the country's own press).
# Covers the troop- and police-contributing countries plus the hosts of missions, which are listed so that
# they are recognised (and then kept apart from contributors), not counted as the article's country.
COUNTRIES: tuple[tuple[str, str, str, str], ...] = (
    ("ALB", "Albania", "Albanian|Albanians", "Tirana"),
    ("DZA", "Algeria", "Algerian|Algerians", "Algiers"),
    ("ARG", "Argentina", "Argentine|Argentinian|Argentinean|Argentines", "Buenos Aires"),
    ("ARM", "Armenia", "Armenian|Armenians", "Yerevan"),
    ("AUS", "Australia", "Australian|Australians", "Canberra"),
    ("AUT", "Austria", "Austrian|Austrians", "Vienna"),
    ("AZE", "Azerbaijan", "Azerbaijani|Azerbaijanis", "Baku"),
    ("BGD", "Bangladesh", "Bangladeshi|Bangladeshis", "Dhaka"),
    ("BLR", "Belarus", "Belarusian|Belarusians", "Minsk"),
    ("BEL", "Belgium", "Belgian|Belgians", "Brussels"),
    ("BEN", "Benin", "Beninese", "Porto-Novo|Cotonou"),
    ("BTN", "Bhutan", "Bhutanese", "Thimphu"),
    ("BOL", "Bolivia", "Bolivian|Bolivians", "La Paz|Sucre"),
    ("BIH", "Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia", "Bosnian|Bosnians", "Sarajevo"),
    ("BWA", "Botswana", "Motswana|Batswana", "Gaborone"),
    ("BRA", "Brazil", "Brazilian|Brazilians", "Brasilia|Brasília"),
    ("BRN", "Brunei Darussalam|Brunei", "Bruneian|Bruneians", "Bandar Seri Begawan"),
    ("BGR", "Bulgaria", "Bulgarian|Bulgarians", "Sofia"),
    ("BFA", "Burkina Faso", "Burkinabe|Burkinabè", "Ouagadougou"),
    ("BDI", "Burundi", "Burundian|Burundians", "Gitega|Bujumbura"),
    ("KHM", "Cambodia", "Cambodian|Cambodians", "Phnom Penh"),
    ("CMR", "Cameroon", "Cameroonian|Cameroonians", "Yaounde|Yaoundé"),
    ("CAN", "Canada", "Canadian|Canadians", "Ottawa"),
    ("TCD", "Chad", "Chadian|Chadians", "N'Djamena|Ndjamena"),
    ("CHL", "Chile", "Chilean|Chileans", "Santiago"),
    ("CHN", "China|People's Republic of China|PRC", "Chinese", "Beijing"),
    ("COL", "Colombia", "Colombian|Colombians", "Bogota|Bogotá"),
    ("COG", "Republic of the Congo|Republic of Congo|Congo-Brazzaville", "", "Brazzaville"),
    ("HRV", "Croatia", "Croatian|Croatians", "Zagreb"),
    ("CZE", "Czech Republic|Czechia", "Czech|Czechs", "Prague"),
    ("DNK", "Denmark", "Danish|Danes", "Copenhagen"),
    ("DJI", "Djibouti", "Djiboutian|Djiboutians", ""),
    ("DOM", "Dominican Republic", "Dominican|Dominicans", "Santo Domingo"),
    ("ECU", "Ecuador", "Ecuadorian|Ecuadorians", "Quito"),
    ("EGY", "Egypt", "Egyptian|Egyptians", "Cairo"),
    ("SLV", "El Salvador", "Salvadoran|Salvadorans|Salvadorian", "San Salvador"),
    ("EST", "Estonia", "Estonian|Estonians", "Tallinn"),
    ("ETH", "Ethiopia", "Ethiopian|Ethiopians", "Addis Ababa"),
    ("FJI", "Fiji", "Fijian|Fijians", "Suva"),
    ("FIN", "Finland", "Finnish|Finns", "Helsinki"),
    ("FRA", "France", "French", "Paris"),
    ("GAB", "Gabon", "Gabonese", "Libreville"),
    ("GMB", "Gambia|The Gambia", "Gambian|Gambians", "Banjul"),
    ("GEO", "Georgia", "Georgian|Georgians", "Tbilisi"),
    ("DEU", "Germany", "German|Germans", "Berlin"),
    ("GHA", "Ghana", "Ghanaian|Ghanaians", "Accra"),
    ("GRC", "Greece", "Greek|Greeks", "Athens"),
    ("GTM", "Guatemala", "Guatemalan|Guatemalans", "Guatemala City"),
    ("GIN", "Guinea", "Guinean|Guineans", "Conakry"),
    ("GNB", "Guinea-Bissau", "Bissau-Guinean", "Bissau"),
    ("HND", "Honduras", "Honduran|Hondurans", "Tegucigalpa"),
    ("HUN", "Hungary", "Hungarian|Hungarians", "Budapest"),
    ("IND", "India", "Indian|Indians", "New Delhi"),
    ("IDN", "Indonesia", "Indonesian|Indonesians", "Jakarta"),
    ("IRN", "Iran|Islamic Republic of Iran", "Iranian|Iranians", "Tehran"),
    ("IRL", "Ireland", "Irish", "Dublin"),
    ("ITA", "Italy", "Italian|Italians", "Rome"),
    ("JAM", "Jamaica", "Jamaican|Jamaicans", "Kingston"),
    ("JPN", "Japan", "Japanese", "Tokyo"),
    ("JOR", "Jordan", "Jordanian|Jordanians", "Amman"),
    ("KAZ", "Kazakhstan", "Kazakh|Kazakhstani|Kazakhs", "Astana|Nur-Sultan"),
    ("KEN", "Kenya", "Kenyan|Kenyans", "Nairobi"),
    ("KOR", "Republic of Korea|South Korea|Korea", "South Korean|South Koreans|Korean|Koreans", "Seoul"),
    ("KGZ", "Kyrgyzstan|Kyrgyz Republic", "Kyrgyz", "Bishkek"),
    ("LVA", "Latvia", "Latvian|Latvians", "Riga"),
    ("LTU", "Lithuania", "Lithuanian|Lithuanians", "Vilnius"),
    ("LUX", "Luxembourg", "Luxembourger|Luxembourgish", ""),
    ("MDG", "Madagascar", "Malagasy", "Antananarivo"),
    ("MWI", "Malawi", "Malawian|Malawians", "Lilongwe"),
    ("MYS", "Malaysia", "Malaysian|Malaysians", "Kuala Lumpur"),
    ("MDV", "Maldives", "Maldivian|Maldivians", "Male"),
    ("MLT", "Malta", "Maltese", "Valletta"),
    ("MRT", "Mauritania", "Mauritanian|Mauritanians", "Nouakchott"),
    ("MEX", "Mexico", "Mexican|Mexicans", "Mexico City"),
    ("MDA", "Republic of Moldova|Moldova", "Moldovan|Moldovans", "Chisinau"),
    ("MNG", "Mongolia", "Mongolian|Mongolians", "Ulaanbaatar|Ulan Bator"),
    ("MNE", "Montenegro", "Montenegrin|Montenegrins", "Podgorica"),
    ("MAR", "Morocco", "Moroccan|Moroccans", "Rabat"),
    ("MOZ", "Mozambique", "Mozambican|Mozambicans", "Maputo"),
    ("MMR", "Myanmar|Burma", "Myanmar|Burmese", "Naypyidaw|Nay Pyi Taw"),
    ("NAM", "Namibia", "Namibian|Namibians", "Windhoek"),
    ("NPL", "Nepal", "Nepali|Nepalese|Nepalis", "Kathmandu"),
    ("NLD", "Netherlands|The Netherlands|Holland", "Dutch", "Amsterdam|The Hague"),
    ("NZL", "New Zealand", "New Zealander|New Zealanders", "Wellington"),
    ("NER", "Niger", "Nigerien|Nigeriens", "Niamey"),
    ("NGA", "Nigeria", "Nigerian|Nigerians", "Abuja"),
    ("MKD", "North Macedonia|Macedonia", "Macedonian|Macedonians", "Skopje"),
    ("NOR", "Norway", "Norwegian|Norwegians", "Oslo"),
    ("PAK", "Pakistan", "Pakistani|Pakistanis", "Islamabad"),
    ("PRY", "Paraguay", "Paraguayan|Paraguayans", "Asuncion|Asunción"),
    ("PER", "Peru", "Peruvian|Peruvians", "Lima"),
    ("PHL", "Philippines|The Philippines", "Filipino|Filipinos|Philippine", "Manila"),
    ("POL", "Poland", "Polish|Poles", "Warsaw"),
    ("PRT", "Portugal", "Portuguese", "Lisbon"),
    ("QAT", "Qatar", "Qatari|Qataris", "Doha"),
    ("ROU", "Romania", "Romanian|Romanians", "Bucharest"),
    ("RUS", "Russian Federation|Russia", "Russian|Russians", "Moscow"),
    ("RWA", "Rwanda", "Rwandan|Rwandans|Rwandese", "Kigali"),
    ("WSM", "Samoa", "Samoan|Samoans", "Apia"),
    ("SEN", "Senegal", "Senegalese", "Dakar"),
    ("SRB", "Serbia", "Serbian|Serbians|Serb|Serbs", "Belgrade"),
    ("SLE", "Sierra Leone", "Sierra Leonean|Sierra Leoneans", "Freetown"),
    ("SGP", "Singapore", "Singaporean|Singaporeans", ""),
    ("SVK", "Slovakia|Slovak Republic", "Slovak|Slovaks|Slovakian", "Bratislava"),
    ("SVN", "Slovenia", "Slovenian|Slovenians|Slovene", "Ljubljana"),
    ("ZAF", "South Africa", "South African|South Africans", "Pretoria"),
    ("ESP", "Spain", "Spanish|Spaniards", "Madrid"),
    ("LKA", "Sri Lanka", "Sri Lankan|Sri Lankans", "Colombo"),
    ("SWE", "Sweden", "Swedish|Swedes", "Stockholm"),
    ("CHE", "Switzerland", "Swiss", "Bern"),
    ("TZA", "United Republic of Tanzania|Tanzania", "Tanzanian|Tanzanians", "Dodoma|Dar es Salaam"),
    ("THA", "Thailand", "Thai", "Bangkok"),
    ("TLS", "Timor-Leste|East Timor", "Timorese", "Dili"),
    ("TGO", "Togo", "Togolese", "Lome|Lomé"),
    ("TUN", "Tunisia", "Tunisian|Tunisians", "Tunis"),
    ("TUR", "Türkiye|Turkiye|Turkey", "Turkish", "Ankara"),
    ("UGA", "Uganda", "Ugandan|Ugandans", "Kampala"),
    ("UKR", "Ukraine", "Ukrainian|Ukrainians", "Kyiv|Kiev"),
    ("GBR", "United Kingdom|Britain|Great Britain|UK|U.K.", "British|Briton|Britons", "London"),
    ("USA", "United States of America|United States|USA|U.S.", "American|Americans", "Washington"),
    ("URY", "Uruguay", "Uruguayan|Uruguayans", "Montevideo"),
    ("VUT", "Vanuatu", "Ni-Vanuatu", "Port Vila"),
    ("VNM", "Viet Nam|Vietnam", "Vietnamese", "Hanoi|Ha Noi"),
    ("YEM", "Yemen", "Yemeni|Yemenis", "Sanaa"),
    ("ZMB", "Zambia", "Zambian|Zambians", "Lusaka"),
    ("ZWE", "Zimbabwe", "Zimbabwean|Zimbabweans", "Harare"),
    # Hosts of missions (and neighbours named in their stories): recognised, never the contributor.
    ("SSD", "South Sudan|Republic of South Sudan", "South Sudanese", ""),
    ("SDN", "Sudan", "Sudanese", "Khartoum"),
    ("CAF", "Central African Republic|CAR", "Central African|Central Africans", "Bangui"),
    ("COD", "Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|DRC|Congo", "Congolese", ""),
    ("MLI", "Mali", "Malian|Malians", "Bamako"),
    ("LBN", "Lebanon", "Lebanese", "Beirut"),
    ("ISR", "Israel", "Israeli|Israelis", ""),
    ("SYR", "Syria|Syrian Arab Republic", "Syrian|Syrians", "Damascus"),
    ("CYP", "Cyprus", "Cypriot|Cypriots", "Nicosia"),
    ("HTI", "Haiti", "Haitian|Haitians", "Port-au-Prince"),
    ("LBR", "Liberia", "Liberian|Liberians", "Monrovia"),
    ("CIV", "Côte d'Ivoire|Cote d'Ivoire|Côte d’Ivoire|Cote d’Ivoire|Ivory Coast", "Ivorian|Ivorians", "Abidjan"),
    ("SOM", "Somalia", "Somali|Somalis", "Mogadishu"),
    ("ESH", "Western Sahara", "Sahrawi|Saharawi", ""),
)

HOSTS: frozenset[str] = frozenset({"SSD", "SDN", "CAF", "COD", "MLI", "LBN", "ISR", "SYR", "CYP", "HTI", "SOM", "ESH"})
# Hosts of past missions (UNMIL, UNOCI) that rarely contribute: a bare mention of them is mostly the place where
# others served, so it weighs little; their own personnel ("Liberian peacekeepers") still count in full.
FORMER_HOSTS: frozenset[str] = frozenset({"LBR", "CIV"})

# National forces named by acronym (never a mission's or an agency's: ADF, AFP, CAF, SLA are ambiguous there).
FORCE_ACRONYMS: dict[str, str] = {
    "SANDF": "ZAF", "SAPS": "ZAF", "GAF": "GHA", "CRPF": "IND", "ITBP": "IND", "JSDF": "JPN", "JGSDF": "JPN",
    "GSDF": "JPN", "PLA": "CHN", "TNI": "IDN", "KDF": "KEN", "UPDF": "UGA", "RDF": "RWA", "NZDF": "NZL",
    "BGB": "BGD", "MNDF": "MDV", "RMAF": "MYS",
}  # fmt: skip
# Contingent code names built on a country's prefix: "GHANBATT 86", "NEPBATT", "BANBAT-2", "INDOBATT".
BATTALION_PREFIXES: dict[str, str] = {
    "GHAN": "GHA", "IND": "IND", "INDO": "IDN", "NEP": "NPL", "BAN": "BGD", "PAK": "PAK", "ZAM": "ZMB",
    "MON": "MNG", "RWA": "RWA", "KEN": "KEN", "URU": "URY", "ETH": "ETH", "SEN": "SEN", "CHN": "CHN",
    "NI": "NGA", "NIG": "NGA", "TANZ": "TZA", "MAL": "MYS", "ITAL": "ITA", "FIJI": "FJI", "FIN": "FIN",
    "IRISH": "IRL", "KOR": "KOR", "CAM": "KHM", "EGY": "EGY", "JOR": "JOR", "MAW": "MWI", "TOG": "TGO",
}  # fmt: skip

# Epithets the press uses instead of repeating a country's name. "*" means: the article's own country.
EPITHETS: tuple[tuple[str, str], ...] = (
    (r"S-shaped (?:country|nation)", "VNM"),
    (r"Himalayan (?:nation|country|republic|kingdom)", "NPL"),
    (r"Land of the Rising Sun", "JPN"),
    (r"Land of the Thousand Hills", "RWA"),
    (r"(?:Southeast|South-East|South East) Asian (?:nation|country)", "*"),
    (r"(?:West|East|Central|Southern|North) African (?:nation|country)", "*"),
    (r"South Asian (?:nation|country)", "*"),
    (r"(?:Asian|African|European|Latin American|Pacific|island|Nordic|Gulf) (?:nation|country)", "*"),
)

# Missions come from missions.toml, the one list (apps/deployments/reference.py reads it too, for the Mission rows).
MISSIONS_FILE = Path(__file__).with_name("missions.toml")


def _load_missions() -> list[dict]:
    with MISSIONS_FILE.open("rb") as f:
        return tomllib.load(f)["mission"]


_MISSION_ENTRIES = _load_missions()
# Acronym → the patterns that name a mission without its acronym (its host place or its full name), case-sensitive.
MISSIONS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (m["acronym"], tuple(m["patterns"])) for m in _MISSION_ENTRIES if m.get("patterns")
)
# Acronyms recognised as written (upper case): every mission of the list.
MISSION_ACRONYMS: tuple[str, ...] = tuple(m["acronym"] for m in _MISSION_ENTRIES)
