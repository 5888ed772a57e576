"""The words that say what a number counts: personnel and women nouns, what counts somebody or something else,
the modifiers that may stand between a number and its noun, and the words that end a noun phrase."""

# Nouns that make a number a count of deployed people. Some also work as modifiers ("staff members").
PERSONNEL = {
    "personnel", "peacekeepers", "peacekeeper", "troops", "troop", "soldiers", "soldier", "officers", "officer",
    "staff", "staffers", "members", "member", "servicemen", "servicemembers", "military", "men", "people",
    "police", "policemen", "policewomen", "policeman", "policewoman", "doctors", "medics", "nurses", "engineers",
    "observers", "experts", "sailors", "marines", "airmen", "crew", "cadres", "commandos", "paratroopers",
    "gendarmes", "individuals", "persons", "uniformed", "blue", "helmets", "berets", "contingent", "servicewomen",
    "women", "woman", "female", "females", "girls", "physicians", "specialists", "medical", "workers",
    "pilots", "drivers", "interpreters", "mechanics", "technicians", "cooks", "paramedics", "surgeons", "dentists",
    "pharmacists", "midwives", "signallers", "riflemen", "scouts", "guards", "advisers", "advisors",
    "investigators", "analysts", "professionals", "ranks", "NCOs", "ncos", "privates",
    "deminers", "sappers", "medical staff", "peace-keepers", "blue-helmets", "military observers",
    # translated copy counts people as elements ("elementos"): "a company of 140 elements"
    "elements",
    # ranks name people too: "15 female Majors and Captains"
    "majors", "captains", "lieutenants", "sergeants", "corporals", "colonels", "commanders",
}  # fmt: skip
# Words that are personnel heads only when nothing else follows ("12 female." but not "30 military vehicles").
WEAK_HEADS = {"medical", "military", "police", "uniformed", "blue", "contingent", "member", "female", "staff", "women"}
WOMEN_WORDS = {"women", "woman", "female", "females", "servicewomen", "policewomen", "policewoman", "girls"}
# Heads that count somebody else, or something else: a number before them is not a deployment figure.
NOT_PERSONNEL = {
    "patients", "patient", "surgeries", "operations", "refugees", "civilians", "children", "countries", "nations",
    "states", "years", "year", "months", "month", "days", "day", "hours", "hour", "weeks", "week", "minutes",
    "times", "tonnes", "tons", "tonne", "kg", "kilograms", "km", "kilometres", "kilometers", "miles", "metres",
    "meters", "litres", "liters", "medals", "courses", "course", "sessions", "session", "meetings", "positions",
    "posts", "post", "vehicles", "trucks", "aircraft", "planes", "helicopters", "flights", "cases", "students",
    "trainees", "cadets", "deputies", "delegates", "projects", "schools", "homes", "houses", "residents",
    "villagers", "locals", "victims", "prisoners", "detainees", "voters", "families", "households", "teams",
    "groups", "units", "batches", "rotations", "contingents", "missions", "areas", "provinces", "districts",
    "villages", "towns", "languages", "rounds", "percent", "per", "points", "goals", "votes", "participants",
    "attendees", "graduates", "applicants", "candidates", "recipients", "beds", "doses", "vaccines", "items",
    "pieces", "kits", "boxes", "sets", "hectares", "wells", "roads", "bridges", "lectures", "classes",
    "seminars", "workshops", "articles", "pages", "decades", "centuries", "seats", "dollars", "words",
    "ships", "vessels", "boats", "journalists", "athletes", "deaths", "casualties", "fatalities",
    "incidents", "attacks", "companies", "battalions", "platoons", "hospitals", "clinics", "camps", "bases",
    "sites", "cities", "kilometre", "meter", "metre", "litre", "liter", "ones", "others", "more", "airlifts",
}  # fmt: skip
# Lower-case words that may stand between a number and its personnel noun ("41 female soldiers").
MODIFIERS = {
    "more", "other", "new", "additional", "extra", "further", "male", "medical", "naval", "army", "air", "navy",
    "engineering", "engineer", "health", "healthcare", "logistics", "logistic", "combat", "infantry", "armed",
    "security", "defence", "defense", "support", "peacekeeping", "young", "senior", "junior", "qualified",
    "highly", "elite", "special", "strong", "active", "serving", "deployed", "trained", "professional",
    "military", "police", "uniformed", "national", "local", "international", "foreign", "regular", "reserve",
    "field", "hospital", "civilian", "mine", "maritime", "marine", "aviation", "signal", "transport",
    "communications", "staff", "technical", "female", "women", "blue", "helmeted", "task", "force", "crew",
    "contingent", "unit", "rapid", "reaction", "quick", "mobile", "formed", "individual", "individually",
    "expert", "liaison", "nursing", "surgical", "intelligence", "airborne", "mechanised", "mechanized",
    "service", "gendarmerie",
}  # fmt: skip
# Words after which the noun phrase cannot continue.
FUNCTION = {
    "of", "in", "at", "to", "from", "for", "on", "by", "with", "who", "whom", "which", "that", "were", "was",
    "are", "is", "be", "been", "have", "has", "had", "will", "would", "can", "could", "and", "or", "but", "as",
    "than", "into", "onto", "per", "while", "when", "after", "before", "since", "during", "under", "over",
    "about", "among", "including", "left", "arrived", "departed", "served", "serving", "joined", "the", "a",
    "an", "this", "these", "those", "it", "they", "he", "she", "we", "out", "up", "said", "says",
    # more words that end a noun phrase: prepositions, adverbs and the verbs that follow a count of people
    "within", "across", "through", "throughout", "inside", "alongside", "amid", "towards", "toward", "upon",
    "against", "between", "beyond", "via", "currently", "now", "also", "already", "still", "sent",
    "stationed", "working", "work", "serve", "participated", "participate", "took", "received", "attended",
    "remained", "remain", "returned", "went", "came", "headed", "flew", "completed", "make", "made", "account",
    "accounted", "constitute", "constituted", "comprise",
}  # fmt: skip
# Modifiers before a head, verbs after one: "350 deployed troops" but "30 women deployed in Mali".
AFTER_HEAD_VERBS = {"deployed", "formed", "serving", "trained", "qualified"}
