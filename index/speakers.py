"""Read a news source phrase ("Defense Secretary Lloyd Austin", "the Pentagon", "officials") into name and title.

Pure rules: capitalised-word name patterns, honorific and role-noun lexicons, a gazetteer of countries.
The Registry keeps every source an article introduces so later surnames, pronouns and roles resolve to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

PERSON = "person"
INSTITUTION = "institution"
GROUP = "group"
PRONOUN = "pronoun"

MALE = "m"
FEMALE = "f"

_WORD = re.compile(r"[\w\u00c0-\u024f][\w\u00c0-\u024f.'\u2019&-]*")
_TOKEN = re.compile(r"[\w\u00c0-\u024f][\w\u00c0-\u024f.'\u2019&-]*|[,()]")

# Honorifics and ranks written before a name; the name that follows is a person.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr", "sr", "jr",
    "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "ens",
    "sen", "rep", "gov", "lt.gov", "atty", "amb", "supt", "insp", "det", "ofc", "pres", "hon", "sheikh",
    "rabbi", "imam", "pastor", "father", "sister", "brother", "king", "queen", "prince", "princess", "pope",
    "emperor", "crown", "general", "colonel", "major", "captain", "lieutenant", "sergeant", "admiral",
    "commander", "marshal", "corporal", "private", "senator", "representative", "governor", "judge",
    "justice", "mayor", "president", "premier", "chancellor", "minister", "secretary", "ambassador",
    "professor", "doctor", "detective", "officer", "inspector", "superintendent", "sheriff", "chief",
    "coach", "deputy", "congressman", "congresswoman", "councilman", "councilwoman", "councillor",
    "councilor", "speaker", "leader", "director", "chairman", "chairwoman", "chair", "spokesman",
    "spokeswoman", "spokesperson", "envoy", "prosecutor", "attorney", "commissioner",
}  # fmt: skip
# People news quotes for who they are rather than for a post ("said fan Tom Hale", "Shopper Ann Cole said"); before
# a single capitalised word they are part of a name ("Fan Bingbing").
_LAY_ROLES = {
    "fan", "supporter", "shopper", "customer", "passenger", "commuter", "tourist", "visitor", "neighbour",
    "neighbor", "friend", "colleague", "parent", "mum", "mom", "dad", "grandmother", "grandfather", "grandparent",
    "uncle", "aunt", "cousin", "niece", "nephew", "widow", "widower", "victim", "survivor", "patient", "pensioner",
    "retiree", "homeowner", "tenant", "landlord", "landlady", "shopkeeper", "chef", "laureate", "priest", "nun",
    "monk", "vicar", "pupil", "graduate", "local", "volunteer", "carer", "caregiver", "paramedic", "firefighter",
    "midwife", "musician", "comedian", "novelist", "poet", "photographer", "filmmaker", "mechanic", "builder",
    "democrat", "republican", "tory", "counsel", "solicitor",
}  # fmt: skip
# Nouns that head a role ("press secretary", "chief executive"); a following capitalised run is a name.
ROLE_NOUNS = HONORIFICS | _LAY_ROLES | {
    "spokesman", "spokeswoman", "spokesperson", "official", "executive", "ceo", "cfo", "coo", "cto",
    "founder", "co-founder", "cofounder", "owner", "head", "manager", "analyst", "economist", "strategist",
    "researcher", "scientist", "expert", "lawyer", "adviser", "advisor", "aide", "negotiator",
    "correspondent", "editor", "reporter", "author", "historian", "fellow", "physician", "nurse",
    "surgeon", "epidemiologist", "vice", "undersecretary", "under-secretary", "secretary-general",
    "administrator", "coordinator", "representative", "delegate", "lawmaker", "legislator", "candidate",
    "nominee", "member", "partner", "principal", "dean", "provost", "rector", "treasurer", "trustee",
    "president-elect", "officer", "agent", "investigator", "diplomat", "observer", "chief", "boss",
    "star", "player", "striker", "goalkeeper", "midfielder", "defender", "driver", "rider", "champion",
    "resident", "witness", "mother", "father", "son", "daughter", "wife", "husband",
    "student", "teacher", "activist", "organizer", "organiser", "campaigner", "protester", "voter",
    "worker", "employee", "consultant", "architect", "engineer", "pilot", "soldier", "veteran",
    "commentator", "pollster", "host", "anchor", "columnist", "writer", "producer", "actor", "actress",
    "singer", "artist", "designer", "entrepreneur", "investor", "banker", "trader", "farmer", "mp", "mep", "msp",
    "mla", "congressmember", "assemblymember", "alderman", "alderwoman", "selectman", "physicist", "chemist", "biologist", "psychologist", "professor", "lecturer", "academic", "ombudsman",
}  # fmt: skip
# Lower-case words that may stand inside a title ("press secretary", "national security adviser").
TITLE_WORDS = ROLE_NOUNS | {
    "press", "communications", "foreign", "defense", "defence", "interior", "finance", "health",
    "national", "security", "state", "senior", "former", "acting", "interim", "deputy", "assistant",
    "associate", "executive", "top", "chief", "general", "military", "intelligence", "policy", "public",
    "affairs", "economic", "trade", "energy", "justice", "education", "transport", "transportation",
    "environment", "agriculture", "labor", "labour", "treasury", "budget", "research", "data", "news",
    "media", "campaign", "party", "opposition", "government", "ruling", "regional", "local", "district",
    "city", "county", "federal", "provincial", "european", "international", "global", "managing",
    "operating", "financial", "technology", "marketing", "sales", "legal", "medical", "junior",
    "lead", "longtime", "veteran", "retired", "outgoing", "incoming", "then", "then-", "current", "new",
    "first", "prime", "foreign-policy", "principal", "special", "staff", "of", "the", "for", "to",
    "and", "&", "at", "'s", "s", "house", "white", "majority", "minority", "whip", "council", "board",
    "army", "navy", "air", "force", "police", "fire", "emergency", "services", "service", "department",
    "ministry", "agency", "office", "team", "club", "company", "firm", "group", "bank", "university",
}  # fmt: skip
# Plural nouns for a collective source ("officials said", "police said").
GROUP_NOUNS = {
    "officials", "authorities", "police", "analysts", "experts", "residents", "witnesses", "prosecutors",
    "investigators", "sources", "diplomats", "lawmakers", "legislators", "researchers", "scientists",
    "doctors", "critics", "activists", "organizers", "organisers", "protesters", "economists",
    "observers", "spokesmen", "spokespeople", "leaders", "ministers", "officers", "executives",
    "lawyers", "attorneys", "advocates", "opponents", "supporters", "campaigners", "negotiators",
    "commanders", "troops", "soldiers", "militants", "rebels", "rescuers", "firefighters", "paramedics",
    "medics", "teachers", "students", "parents", "farmers", "workers", "employees", "unions", "aides",
    "advisers", "advisors", "insiders", "people", "scholars", "historians", "forecasters",
    "meteorologists", "regulators", "judges", "members", "voters", "citizens", "villagers", "locals",
    "survivors", "family", "families", "relatives", "friends", "colleagues", "classmates", "teammates", "neighbors", "neighbours", "fans", "players", "coaches",
    "democrats", "republicans", "conservatives", "liberals", "mps", "meps", "agencies", "ministries", "governments",
    "companies", "firms", "banks", "groups", "reports", "estimates", "media", "outlets", "polls",
    "surveys", "studies", "figures", "data", "documents", "records", "statistics",
}  # fmt: skip
# Lower-case nouns for an institution ("the ministry said", "the company said").
INSTITUTION_NOUNS = {
    "ministry", "department", "agency", "government", "administration", "company", "firm", "group", "utility",
    "charity", "lender", "insurer", "automaker", "carmaker", "conglomerate",
    "military", "army", "navy", "police", "court", "council", "committee", "commission", "office",
    "bank", "board", "union", "party", "campaign", "organization", "organisation", "institute",
    "foundation", "university", "school", "hospital", "team", "club", "league", "statement", "report",
    "study", "survey", "document", "letter", "filing", "complaint", "lawsuit", "indictment", "memo",
    "post", "embassy", "consulate", "cabinet", "parliament", "legislature", "regime", "junta",
    "coalition", "alliance", "network", "newspaper", "broadcaster", "channel", "website", "outlet",
    "service", "authority", "regulator", "watchdog", "spokesperson's", "force", "forces", "command",
    "prosecutor's", "mission", "delegation", "kremlin", "pentagon", "airline", "carrier", "manufacturer",
    "retailer", "maker", "operator", "producer", "publisher", "startup", "lab", "laboratory", "centre",
    "center", "county", "city", "state", "province", "region", "country", "nation", "district",
}  # fmt: skip
# Capitalised words that make a run an organisation rather than a person.
ORG_WORDS = {
    "ministry", "department", "agency", "office", "house", "council", "committee", "commission", "corp",
    "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "co", "co.", "company", "group", "bank", "university",
    "police", "army", "navy", "forces", "force", "service", "services", "court", "government", "party",
    "association", "union", "institute", "center", "centre", "foundation", "organization", "organisation",
    "authority", "board", "bureau", "news", "times", "post", "journal", "press", "media", "network",
    "reuters", "command", "guard", "corps", "administration", "embassy", "parliament", "congress", "senate",
    "assembly", "cabinet", "kremlin", "pentagon", "ministry's", "federation", "league", "club", "fund",
    "bank's", "airlines", "airways", "motors", "systems", "technologies", "holdings", "partners",
    "capital", "hospital", "school", "college", "agency's", "programme", "program", "watch", "tribune",
    "herald", "gazette", "telegraph", "guardian", "broadcasting", "television", "radio", "tv", "cnn",
    "bbc", "nbc", "cbs", "abc", "npr", "afp", "ap", "un", "nato", "eu", "who", "imf", "opec", "fbi", "cia",
    "nsa", "dod", "doj", "sec", "fda", "cdc", "epa", "nasa", "isw", "idf", "kcna", "yonhap", "xinhua",
    "tass", "ria", "interfax", "state", "states", "nations", "republic", "kingdom", "emirates",
    "department's", "office's", "street", "hall", "palace", "vatican", "capitol", "élysée", "elysee",
}  # fmt: skip
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,3}$")
_ORG_ABBREVIATIONS = {"co", "inc", "ltd", "llc", "plc", "corp"}  # written "Co." or "Inc", unlike acronyms
# Countries, regions and capitals that speak for their governments ("South Korea said", "Moscow said").
PLACES = {
    "afghanistan", "albania", "algeria", "angola", "argentina", "armenia", "australia", "austria",
    "azerbaijan", "bahrain", "bangladesh", "belarus", "belgium", "bolivia", "bosnia", "botswana", "brazil",
    "britain", "bulgaria", "burkina faso", "cambodia", "cameroon", "canada", "chad", "chile", "china",
    "colombia", "congo", "croatia", "cuba", "cyprus", "czech republic", "czechia", "denmark", "ecuador",
    "egypt", "england", "eritrea", "estonia", "ethiopia", "europe", "finland", "france", "gaza", "georgia",
    "germany", "ghana", "greece", "guatemala", "haiti", "honduras", "hungary", "iceland", "india",
    "indonesia", "iran", "iraq", "ireland", "israel", "italy", "japan", "jordan", "kazakhstan", "kenya",
    "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon", "libya", "lithuania", "luxembourg",
    "malaysia", "mali", "malta", "mexico", "moldova", "mongolia", "montenegro", "morocco", "mozambique",
    "myanmar", "namibia", "nepal", "netherlands", "new zealand", "nicaragua", "niger", "nigeria",
    "north korea", "north macedonia", "norway", "oman", "pakistan", "palestine", "panama", "paraguay",
    "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia", "rwanda", "saudi arabia",
    "scotland", "senegal", "serbia", "singapore", "slovakia", "slovenia", "somalia", "south africa",
    "south korea", "south sudan", "spain", "sri lanka", "sudan", "sweden", "switzerland", "syria",
    "taiwan", "tajikistan", "tanzania", "thailand", "tunisia", "turkey", "turkiye", "türkiye",
    "turkmenistan", "uganda", "ukraine", "united arab emirates", "united kingdom", "united states",
    "uruguay", "uzbekistan", "venezuela", "vietnam", "wales", "yemen", "zambia", "zimbabwe", "u.s.",
    "us", "u.k.", "uk", "usa", "america", "washington", "moscow", "beijing", "kyiv", "kiev", "london",
    "paris", "berlin", "tokyo", "seoul", "pyongyang", "tehran", "jerusalem", "ankara", "cairo", "delhi",
    "new delhi", "brussels", "taipei", "damascus", "baghdad", "kabul", "islamabad", "riyadh", "doha",
    "hamas", "hezbollah", "the west", "west", "ottawa", "canberra", "rome", "madrid", "warsaw", "minsk",
    "tel aviv", "beirut", "manila", "hanoi", "bangkok", "jakarta", "havana", "caracas", "mexico city",
}  # fmt: skip
# Abbreviated titles and the role nouns a later description may use for the same person ("Sen." ~ "the senator").
_ROLE_SYNONYMS = {
    "sen": {"senator", "lawmaker"}, "rep": {"representative", "congressman", "congresswoman", "lawmaker"},
    "gov": {"governor"}, "gen": {"general"}, "lt": {"lieutenant"}, "col": {"colonel"}, "maj": {"major"},
    "capt": {"captain"}, "cpt": {"captain"}, "sgt": {"sergeant"}, "cpl": {"corporal"}, "pvt": {"private"},
    "adm": {"admiral"}, "cmdr": {"commander"}, "cdr": {"commander"}, "dr": {"doctor"}, "prof": {"professor"},
    "supt": {"superintendent"}, "insp": {"inspector"}, "det": {"detective"}, "ofc": {"officer"},
    "pres": {"president"}, "amb": {"ambassador"}, "atty": {"attorney"}, "rev": {"reverend"},
    "ceo": {"executive", "boss"}, "mp": {"lawmaker", "legislator"}, "congressman": {"lawmaker"},
    "congresswoman": {"lawmaker"}, "senator": {"lawmaker"},
}  # fmt: skip
_STRIP_THE = re.compile(r"^the\s+", re.IGNORECASE)
# News's unnamed but placed sources: "people familiar with the matter", "a person briefed on the talks".
_INFORMED = re.compile(
    r"^(?P<det>(?:the|a|an|one|two|three|four|five|several|some|many|other)\s+)?(?:(?:senior|western|european|u\.s\.)\s+)?"
    r"(?P<who>people|persons?|sources?|officials?|individuals?|diplomats?|executives?|insiders?)\s+"
    r"(?:(?:directly\s+)?familiar\s+with|close\s+to|briefed\s+on|(?:with|who\s+ha(?:ve|s))\s+(?:direct\s+)?knowledge\s+of|"
    r"involved\s+in|aware\s+of|informed\s+(?:of|about))\s+\S",
    re.IGNORECASE,
)
_COURTESY = {"mr", "mrs", "ms", "miss", "mx"}
# Written after a name, never its surname: "Robert F. Kennedy Jr.", "Helen Marsh KC", "Jane Doe MBE".
_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "kc", "qc", "mbe", "obe", "cbe", "phd", "esq"}
AGE = "year-old"
_AGE = re.compile(r"^\d{1,3}-year-old$")
PRONOUNS = {"he": MALE, "she": FEMALE, "they": GROUP, "it": INSTITUTION, "we": GROUP, "i": PERSON}
# Words that join a capitalised run without ending it ("Secretary of State", "Bank of England").
_CONNECTORS = {"of", "for", "and", "&", "de", "la", "le", "van", "von", "der", "den", "bin", "al", "da", "del", "di"}
_NAME_PARTICLES = {"de", "la", "le", "van", "von", "der", "den", "bin", "ibn", "al", "da", "del", "di", "du", "dos"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "both", "several", "some", "many", "two",
                "three", "four", "five", "other", "most", "all", "few", "one", "another", "each", "any", "these"}  # fmt: skip
# Capitalised words that open a sentence or clause without being part of a source's name.
_LEAD_WORDS = {
    "now", "but", "and", "so", "yet", "also", "meanwhile", "however", "still", "then", "later", "earlier",
    "instead", "separately", "previously", "recently", "today", "yesterday", "tonight", "overnight", "or",
    "nor", "thus", "moreover", "furthermore", "similarly", "likewise", "indeed", "finally", "again",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
# Role words that are also common surnames; after a first name they end a name, not a title.
_SURNAME_ROLES = {"dean", "judge", "bishop", "marshal", "major", "king", "prince", "chancellor", "mayor", "sheriff",
                  "speaker", "host", "coach", "fellow", "partner", "chair", "head", "boss", "star", "champion",
                  "driver", "rider", "porter", "steward", "cardinal", "general", "sergeant", "constable", "fan",
                  "friend", "parent", "priest", "monk", "cousin", "local", "builder", "farmer", "poet", "tory"}  # fmt: skip
_SCHOLAR = re.compile(r"(?:ist|ician)$")  # agent suffixes that name an occupation, never a first name
_ROLE_SUFFIX = re.compile(r"(?:ist|er|or|ian|ant|ent|man|woman|person|ee|ive|ary|ar|eur|naut)$")
_NOT_ROLES = {"after", "never", "over", "under", "later", "ever", "other", "rather", "whether", "either",
              "neither", "together", "however", "per", "for", "or", "nor", "major", "minor", "earlier",
              "former", "latter", "further", "were", "her", "their", "our", "your", "prior", "summer",
              "winter", "october", "november", "december", "september", "number", "order", "center",
              "dollar", "year", "war", "near", "far", "clear", "similar", "regular", "recent", "current",
              "different", "present", "evident", "important", "relevant", "significant", "apparent",
              "percent", "cent", "event", "talent", "extent", "content", "intent", "government", "agent",
              "statement", "comment", "parliament", "moment", "department", "document", "elective"}  # fmt: skip
_HEADS = GROUP_NOUNS | ROLE_NOUNS | INSTITUTION_NOUNS  # nouns a prepositional phrase may follow in a source
_SOURCE_WORDS = TITLE_WORDS | GROUP_NOUNS | INSTITUTION_NOUNS | _DETERMINERS | _CONNECTORS
_SINGULAR_S = {"series", "species", "news", "means", "headquarters", "physics", "economics", "politics", "mathematics",
               "crossroads", "lens", "bus", "gas", "analysis", "basis", "crisis", "thesis", "status", "campus"}  # fmt: skip
_FUNCTION_WORDS = {
    "that", "which", "who", "whom", "whose", "what", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "can", "could", "should", "may", "might", "must", "does", "did", "not", "nor", "but",
    "than", "then", "this", "these", "those", "there", "here", "when", "where", "why", "how", "its", "his", "her",
    "their", "our", "your", "you", "him", "them", "they", "she", "also", "only", "just", "even", "very", "into",
    "onto", "upon", "over", "under", "about", "after", "before", "since", "until", "while", "because", "though",
    "although", "whether", "unless", "every", "each", "such", "some", "any", "all", "most", "more", "less",
    "much", "many", "few", "same", "other", "another", "own", "out", "off", "away", "back", "down", "yet",
    "still", "already", "almost", "never", "always", "often", "soon", "now", "today", "per", "via", "who's",
}  # fmt: skip
NOT_SUBJECT_START = {
    "in", "on", "at", "after", "before", "since", "while", "when", "as", "if", "like", "unlike", "though",
    "although", "because", "for", "with", "by", "from", "during", "of", "to", "into", "about", "speaking",
    "asked", "according", "despite", "under", "over", "without", "within", "through", "near", "than",
    "who", "which", "whose", "whom", "that", "where", "whether", "until", "unless", "once", "last", "this",
}  # fmt: skip
_PREPOSITIONS = {"in", "at", "from", "with", "on", "for", "of", "across", "inside", "within", "near", "close"}
_MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "father", "brother", "spokesman", "chairman", "congressman",
               "councilman", "businessman", "his", "him", "he", "emperor", "duke", "baron", "sheikh", "man", "boy",
               "son", "husband", "grandfather", "uncle", "actor", "widower", "dad", "nephew", "monk"}  # fmt: skip
_FEMALE_WORDS = {"mrs", "ms", "miss", "lady", "dame", "queen", "princess", "sister", "spokeswoman", "chairwoman",
                 "congresswoman", "councilwoman", "businesswoman", "her", "she", "empress", "duchess", "woman",
                 "girl", "mother", "daughter", "wife", "grandmother", "aunt", "actress", "widow", "mum", "mom", "niece",
                 "nun", "landlady", "midwife"}  # fmt: skip


# Common first names that are (nearly) always one gender in English-language news; ambiguous ones (Jordan, Kim,
# Pat, Sam, Alex, Jean, Taylor ...) are left out, so their gender comes from titles and the text's own pronouns.
_MALE_NAMES = frozenset({
    "aaron", "abdul", "adam", "adrian", "ahmed", "ali", "andrew", "angelo", "anthony", "antonio", "arthur", "ben",
    "benjamin", "bernard", "bill", "bob", "boris", "brandon", "brian", "bruce", "carl", "carlos", "charles",
    "christopher", "colin", "craig", "daniel", "david", "dennis", "derek", "diego", "dmitry", "donald", "douglas",
    "duncan", "edward", "emmanuel", "eric", "frank", "fred", "gary", "geoffrey", "george", "gordon", "graham",
    "greg", "gregory", "hans", "harold", "harry", "henry", "hugh", "ian", "igor", "isaac", "ivan", "jack", "jacob",
    "jake", "james", "jason", "jeff", "jeffrey", "jerome", "jim", "joe", "john", "jonathan", "jorge", "jose",
    "joseph", "juan", "justin", "keith", "ken", "kenneth", "kevin", "kyle", "larry", "lars", "lloyd", "luis",
    "marco", "marcus", "mark", "martin", "matthew", "michael", "mike", "mohammed", "muhammad", "nathan", "neil",
    "nicholas", "nick", "oliver", "omar", "oscar", "patrick", "paul", "peter", "philip", "rafael", "ralph",
    "raymond", "richard", "rishi", "robert", "roger", "ronald", "roy", "russell", "ryan", "samuel", "scott", "sean",
    "sergei", "simon", "stephen", "steve", "steven", "stuart", "ted", "thomas", "tim", "timothy", "todd", "tom",
    "tony", "victor", "vladimir", "walter", "wayne", "william", "xavier", "yuri"
})  # fmt: skip
_FEMALE_NAMES = frozenset({
    "abigail", "agnes", "alice", "alison", "amanda", "amy", "ana", "anastasia", "andrea", "angela", "angelina",
    "ann", "anna", "anne", "annette", "barbara", "beatrice", "becky", "betty", "beverly", "brenda", "caroline",
    "catherine", "charlotte", "cheryl", "christina", "christine", "claire", "claudia", "cynthia", "deborah",
    "debra", "denise", "diana", "diane", "donna", "dorothy", "elena", "elisabeth", "elizabeth", "ellen", "emily",
    "emma", "erin", "eva", "evelyn", "fatima", "fiona", "gabriela", "grace", "hannah", "heather", "helen",
    "hillary", "ingrid", "irene", "isabel", "isabella", "jacqueline", "jane", "janet", "janice", "jennifer",
    "jessica", "joan", "joanna", "josephine", "joyce", "judith", "judy", "julia", "julie", "karen", "kate",
    "katherine", "kathleen", "kathryn", "katie", "laura", "lauren", "linda", "lisa", "liz", "lucy", "margaret",
    "maria", "marie", "marina", "marjorie", "martha", "mary", "megan", "melanie", "melissa", "michelle", "monica",
    "nancy", "natalia", "natalie", "nicola", "nicole", "nina", "olga", "olivia", "pamela", "patricia", "paula",
    "rachel", "rebecca", "rose", "ruth", "sandra", "sara", "sarah", "sharon", "sheila", "sophia", "sophie",
    "stephanie", "susan", "suzanne", "svetlana", "tatiana", "teresa", "theresa", "tracy", "ursula", "valentina",
    "valerie", "vanessa", "victoria", "virginia", "wendy", "yulia", "yvette", "yvonne"
})  # fmt: skip


# Common first names of either gender, left out of the lists above: they still mark a name as a person's.
_EITHER_NAMES = frozenset({
    "alex", "sam", "jordan", "pat", "chris", "jamie", "robin", "lee", "kim", "taylor", "casey", "morgan", "jesse",
    "terry", "leslie", "kelly", "ashley", "dana", "jean", "francis", "charlie", "max", "nicky", "sasha", "toni",
    "andy", "jo", "jess", "riley", "avery", "quinn", "cameron", "drew", "hayden", "jackie", "kai", "reese", "rowan",
    "sage", "shannon", "sydney", "tracey", "val", "billie", "frankie", "sandy", "jody", "lindsay", "carmen",
})  # fmt: skip


def _first_name_gender(word: str, either: bool = False) -> str | None:
    """MALE or FEMALE for a common first name of one gender; with either, PERSON for one of both ("Alex")."""
    n = _norm(word)
    if n in _MALE_NAMES:
        return MALE
    if n in _FEMALE_NAMES:
        return FEMALE
    return PERSON if either and n in _EITHER_NAMES else None


@lru_cache(maxsize=16384)
def _norm(token: str) -> str:
    return token.lower().rstrip(".").replace("\u2019", "'")


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and len(token) > 1 and token[-1:].isupper())


def _is_possessive(token: str) -> bool:
    return bool(re.search(r"['\u2019]s?$", token)) and len(token) > 2


@dataclass(eq=False)
class Entity:
    """One source an article introduces: a person, an institution or a group; name and title as first given."""

    kind: str
    name: str
    title: str | None = None
    gender: str | None = None
    confirmed: bool = True  # False for a bare name not yet shown to be a person: surnames only, never pronouns
    # The paragraphs that last named them and where they last spoke (were a sentence's source): a surname several
    # people share goes to the nearest.
    named_in: int | None = None
    spoke_in: int | None = None

    @property
    def tokens(self) -> tuple[str, ...]:
        return _name_tokens(self.name)


_AMBIGUOUS = Entity(PERSON, "")  # _named_by's answer for namesakes the text does not tell apart


@dataclass
class Mention:
    """A parsed source phrase before it is resolved against the registry."""

    kind: str
    name: str
    title: str | None = None
    gender: str | None = None
    definite: bool = False  # "the minister": refers back to someone already introduced
    role: str | None = None  # the role noun of a description without a name
    loose: bool = False  # a head noun no lexicon lists ("the clinic", "traders"): trusted only beside a plain cue
    parts: tuple[Mention, ...] = ()  # the sources a compound ("Biden and Harris") joins, each resolved on its own
    hint: str | None = None  # a gender the sentence suggests ("Hardy said she ..."): only to tell namesakes apart


def tokens(phrase: str) -> list[str]:
    """Words of a phrase, possessives and hyphenated names kept whole, commas and brackets apart."""
    return _TOKEN.findall(phrase)


def _gender_of(words: list[str]) -> str | None:
    norms = {part for w in words for part in _norm(w).split("-")}  # "mother-of-two"
    if norms & _FEMALE_WORDS:
        return FEMALE
    if norms & _MALE_WORDS:
        return MALE
    return None


def _is_place(words: list[str]) -> bool:
    return " ".join(_norm(w) for w in words) in PLACES or " ".join(w.lower() for w in words) in PLACES


def _is_org(words: list[str]) -> bool:
    return any(_org_word(w) for w in words) or any(_acronym(w) for w in words)


def _acronym(word: str) -> bool:
    """An acronym ("NATO", "U.N."), not a person's initials ("J.D. Vance")."""
    if not word.isupper() or len(word.rstrip(".")) < 2 or _norm(word) in _NAME_SUFFIXES:
        return False
    return not _INITIALS.match(word) or word.lower() in PLACES or word.lower() in {"u.n.", "e.u."}


def _org_word(word: str) -> bool:
    """A word of ORG_WORDS; a short acronym only in capitals ("UN", not the "Un" of "Kim Jong Un")."""
    n = _norm(word)
    return n in ORG_WORDS and (len(n) > 3 or n in _ORG_ABBREVIATIONS or word.rstrip(".").isupper())


def _name_run(words: list[str]) -> int:
    """Index where the trailing run of name words starts (len(words) if there is none)."""
    i = len(words)
    last = i - 1 if i >= 2 and _norm(words[-1]) in _NAME_SUFFIXES and _is_cap(words[-2]) else i  # "King III"
    i = last
    while i > 0:
        w = words[i - 1]
        n = _norm(w)
        role = n in HONORIFICS or n in ROLE_NOUNS or (_plural_title(w) and i < last)
        if role and i == last and n in _SURNAME_ROLES and i >= 2 and _is_cap(w) and _is_first_name(words[i - 2]):
            i -= 1  # "Carl Dean", "Mary Judge": a role word used as a surname
        elif (_is_cap(w) and not role and not _is_possessive(w)) or (
            n in _NAME_PARTICLES and 1 < i < len(words) and _is_cap(words[i - 2])
        ):
            i -= 1
        else:
            break
    # A word after "of"/"for" belongs to the title ("Secretary of State Antony Blake").
    while 0 < i < len(words) and _norm(words[i - 1]) in {"of", "for", "to", "the", "and", "&"}:
        i += 1
    if i == 0 and len(words) >= 3 and _capital_role(words[0]) and _first_name_gender(words[1], either=True):
        i = 1  # "Shopper Ann Cole", "Firefighter Tom Hardy": a capitalised agent noun before a full name describes it
    elif (
        i == 0
        and len(words) == 3
        and _capital_role(words[0])
        and _SCHOLAR.search(words[0])
        and _is_first_name(words[1])
    ):
        i = 1  # "Archaeologist Barney Sloane": -ist and -ician name occupations, not people, before any first name
    elif i == len(words) - 1 and i > 0 and _is_cap(words[i - 1]) and _norm(words[i - 1]) in _LAY_ROLES:
        i -= 1  # "Fan Bingbing": only a full name follows a description
    if i == last < len(words):
        i = len(words)  # a suffix alone is no name
    # A name is at most four words; anything before belongs to the title ("National Intelligence Service Director").
    return max(i, len(words) - 4)


def _is_first_name(word: str) -> bool:
    n = _norm(word)
    return _is_cap(word) and n not in HONORIFICS and n not in ROLE_NOUNS and n not in ORG_WORDS and n not in PLACES


# First names that end like an agent noun ("Walter", "Julian", "Hunter"): never read as a capitalised role.
_ROLE_LIKE_NAMES = frozenset({
    "julian", "vivian", "lillian", "gillian", "jillian", "christian", "damian", "sebastian", "fabian", "dorian",
    "marian", "hector", "trevor", "connor", "conor", "taylor", "tyler", "hunter", "spencer", "parker", "carter",
    "tucker", "archer", "homer", "amber", "summer", "skyler", "eleanor", "edgar", "cesar", "renee", "vincent",
    "laurent", "brent", "trent", "grant", "bryant", "clive", "esther", "jasper", "asher", "pierre", "ester",
    "heather", "jennifer", "walter", "peter", "oliver", "victor", "roger", "christopher", "alexander", "xander",
})  # fmt: skip


def _capital_role(word: str) -> bool:
    """A capitalised agent noun ("Shopper", "Firefighter" opening a sentence), not a first name ending like one."""
    n = _norm(word)
    return (
        _is_cap(word)
        and word[1:].islower()
        and n not in _NOT_ROLES
        and n not in _ROLE_LIKE_NAMES
        and n not in _MALE_NAMES
        and n not in _FEMALE_NAMES
        and bool(_ROLE_SUFFIX.search(n))
    )


def _plural_title(word: str) -> bool:
    """A capitalised plural title before names ("Senators Ana Ruiz and Tom Blake")."""
    n = _norm(word)
    return word[:1].isupper() and n.endswith("s") and n[:-1] in HONORIFICS


def _is_role(word: str) -> bool:
    """A role noun from the lexicon, or a lower-case agent noun ("meteorologist", "negotiator")."""
    n = _norm(word)
    if n in ROLE_NOUNS or n in HONORIFICS or _plural_title(word):
        return True
    if "-" in n and any(part in ROLE_NOUNS for part in n.split("-")):
        return True  # "director-general", "editor-in-chief", "ex-president", "mother-of-two"
    return word.islower() and n not in _NOT_ROLES and bool(_ROLE_SUFFIX.search(n))


def parse(phrase: str) -> Mention | None:
    """Read a subject phrase into a Mention, or None when it is not a plausible source."""
    mention = _parse(phrase)
    return replace(mention) if mention else None  # a copy: callers may complete it


@lru_cache(maxsize=8192)
def _parse(phrase: str) -> Mention | None:
    informed = _INFORMED.match(phrase)
    if informed and " and " not in phrase and "," not in phrase:  # "two people familiar with the discussions"
        surface = phrase[0].lower() + phrase[1:] if informed["det"] else phrase
        plural = informed["who"].lower() in ("people", "persons") or informed["who"].lower().endswith("s")
        return Mention(GROUP if plural else PERSON, surface)
    if " and " in phrase:
        compound = _compound(phrase)
        if compound:
            return compound
    words = [w for w in tokens(phrase) if w not in "()"]
    if "," in words:
        return None
    while words and _norm(words[0]) in _LEAD_WORDS and (len(words) > 1):
        words = words[1:]
    if words and _norm(words[0]) in NOT_SUBJECT_START:  # "in Chicago", "speaking to reporters": not a subject
        return None
    if not words or len(words) > 14 or _norm(words[-1]) in _CONNECTORS:
        return None
    first = _norm(words[0])
    if len(words) == 1 and first in PRONOUNS:
        return Mention(PRONOUN, first)
    definite = first in {"the", "its", "his", "her", "their"} or _is_possessive(words[0])
    indefinite = first in {"a", "an", "one", "another"}
    core = words[1:] if first in _DETERMINERS else words
    if not core:
        return None
    # Every lower-case word must be one a source phrase can hold, or a plain modifier of a known head noun
    # ("its meteorological agency", "coffee traders"); anything else means this is not a subject.
    head_end = len(core)
    unknown: list[int] = []
    for i, w in enumerate(core):
        n = _norm(w)
        if (
            n in _PREPOSITIONS
            and i > 0
            and (not _is_cap(core[i - 1]) or _capital_group(core, i))
            and _norm(core[i - 1]) in _HEADS
        ):
            head_end = i  # "officials in Seoul", "a spokesman for the ministry", "a court in Delaware": head before it
            break
        if n == "to" and not (i > 0 and _is_role(core[i - 1])):
            return None  # "to" only inside a title ("Ambassador to Russia"), not "Messages to Hamas leader X"
        if n in {"of", "at", "from"} and (_titled_name(core[:i]) or _full_name(core[:i])):
            head_end = i  # "Analyst Priya Shah of Bernstein", "Mike Doyle of Leeds": what follows is not the name
            break
        if not (_is_cap(w) or n in _SOURCE_WORDS or _is_role(w) or w[:1].isdigit() or _is_possessive(w)):
            if not _plain_word(w):
                return None
            unknown.append(i)
    if (
        head_end < len(core)
        and _norm(core[head_end - 1]) in INSTITUTION_NOUNS
        and not all(map(_tail_word, core[head_end:]))
    ):
        return None  # "forces in electroweak theory subsequently": after the head, a place or a body, not a clause
    head = core[:head_end]
    plural_head = _is_plural(head[-1]) if head else False
    described = bool(unknown) and _described_name(head, unknown)
    if unknown and not described and not _loose_phrase_ok(head, unknown, head_end, plural_head or definite):
        return None
    if not head:
        return None
    last = _norm(head[-1])
    surface = " ".join(words)
    if first == "the":
        surface = "the " + " ".join(words[1:])
    elif first in _DETERMINERS and not _is_possessive(words[0]):
        surface = words[0].lower() + " " + " ".join(words[1:])
    if (last in GROUP_NOUNS and (not _is_cap(head[-1]) or _capital_group(core, head_end))) or last in {"police"}:
        return Mention(GROUP, surface)
    if definite and unknown == [len(head) - 1] and len(core) <= 3 and not plural_head and not _is_role(head[-1]):
        return Mention(INSTITUTION, surface, definite=True, loose=True)  # "the clinic said", "the charity said"
    if plural_head and last not in INSTITUTION_NOUNS and not _is_role(head[-1]):
        return Mention(GROUP, surface, loose=True)  # "traders", "coffee growers": a plural noun speaks as a group
    if last in INSTITUTION_NOUNS and not _is_cap(head[-1]):
        return Mention(INSTITUTION, surface, definite=definite)
    start = _name_run(head)
    name = head[start:]
    title_words = head[:start]
    if not name:
        if definite and any(_AGE.match(w) for w in head):  # "the 45-year-old (mother of three)": someone just named
            return Mention(PERSON, surface, gender=_gender_of(core), definite=True, role=AGE)
        roles = [_norm(w) for w in head if _is_role(w)]
        if (
            roles
            and _norm(head[0]) in ORG_WORDS
            and len(head) > 2
            and (not _is_role(head[-1]) or any(_norm(w) == "of" for w in head))
        ):  # "the Court of Justice", "Department of State"; not "a State Department spokesperson"
            return Mention(INSTITUTION, surface if first == "the" else " ".join(head))
        if roles:  # "the minister", "a Pentagon spokesperson", "the Secretary of State": a role without a name
            return Mention(
                PERSON,
                surface,
                gender=_gender_of(head),
                # "Mayor says ...": a headline's bare capitalised role is the one the story names
                definite=(definite and not indefinite) or (len(words) == 1 and _is_cap(words[0])),
                role=roles[-1],
            )
        connected = any(_norm(w) in _CONNECTORS for w in head[1:-1])  # "Pacific Gas and Electric", "Bank of Korea"
        if all(_is_cap(w) or _norm(w) in _CONNECTORS for w in head) and (first == "the" or connected or _is_org(head)):
            return Mention(INSTITUTION, surface if first == "the" else " ".join(head))
        return None
    if (_is_place(name) and not title_words) or _is_place(head):
        return Mention(INSTITUTION, " ".join(head))
    described = (
        described
        or any(_AGE.match(w) for w in title_words)  # "34-year-old Ann Cole"
        or (bool(title_words) and _is_possessive(title_words[-1]) and len(name) >= 2)  # "Al Jazeera's Hani Mahmoud"
    )
    if (
        (first == "the" and not title_words)
        or _is_org(name)
        or (_is_org(title_words) and not _has_role(title_words) and not described)
    ):
        return Mention(INSTITUTION, surface if first == "the" else " ".join(head))
    if any(not _is_cap(w) and _norm(w) not in _NAME_PARTICLES for w in name):
        return None
    title = " ".join(w for w in title_words if not _AGE.match(w)) or None  # an age describes, it is no title
    described = described or (len(title_words) == 1 and _capital_role(title_words[0]))  # "Shopper Ann Cole"
    if title_words and not _has_role(title_words) and not described:
        # Capitalised words before a name without any role noun: an organisation name or a misread clause.
        return Mention(INSTITUTION, " ".join(head)) if len(head) > 1 else None
    gender = _gender_of(title_words) or (_first_name_gender(name[0]) if len(name) >= 2 else None)
    return Mention(PERSON, " ".join(name), title=title, gender=gender)


_PHRASE_BREAKS = _PREPOSITIONS | {"to", "since", "after", "who", "whose"}


def role_phrase(phrase: str) -> bool:
    """Whether a phrase set off beside a name describes the person: "a nurse", "the victim's mother", "Chief
    Executive Officer at Brightline Systems", "chief fixed income strategist at Marlow Securities", "the Mayor of
    Greater Manchester" (its words before any preposition end in a role noun), not a name, a place or a clause."""
    words = tokens(phrase)
    led = bool(words) and (_norm(words[0]) in _DETERMINERS or _is_possessive(words[0]))  # "the", "its", "Apple's"
    if words and _norm(words[0]) in _DETERMINERS:
        words = words[1:]
    cut = next(
        (i for i, w in enumerate(words) if _norm(w) in _PHRASE_BREAKS or _norm(w) in _FUNCTION_WORDS), len(words)
    )
    head = words[:cut]
    if (
        0 < len(head) <= 6
        and "," not in words
        and _is_role(head[-1])
        and all(
            _norm(w) in TITLE_WORDS
            or _is_role(w)
            or _is_possessive(w)
            or (led and _is_cap(w))
            or _plain_word(w)
            or (w.islower() and w.endswith("ed"))  # "chief fixed income strategist"
            for w in head
        )
    ):
        return True
    mention = _parse(phrase)
    return bool(mention and mention.role)  # "Goldman Sachs analyst"; "Mary Judge" is a name


def _compound(phrase: str) -> Mention | None:
    """Sources joined by "and" ("Russia and North Korea", "President Biden and Vice President Kamala Harris"), each
    a source by itself (a bare title like "Minister of Trade" is not: it heads the name after the "and"). The
    compound keeps the words as written: a group, or an institution when every part is one."""
    words = phrase.split()
    while len(words) > 1 and _norm(words[0]) in _LEAD_WORDS:
        words = words[1:]
    if "," in phrase or len(words) > 16:
        return None
    pieces = " ".join(words).split(" and ")
    parts = [_parse(p) for p in pieces]
    for piece, part in zip(pieces, parts, strict=True):
        if part is None or part.kind == PRONOUN or part.parts:
            return None
        if part.kind == PERSON and part.role and _norm(piece.split()[0]) not in _DETERMINERS:
            return None
    surface = " ".join(words)
    if _norm(words[0]) in _DETERMINERS and not _is_possessive(words[0]):
        surface = words[0].lower() + surface[len(words[0]) :]
    kind = INSTITUTION if all(p.kind == INSTITUTION for p in parts) else GROUP
    return Mention(kind, surface, loose=any(p.loose for p in parts), parts=tuple(parts))


def _tail_word(word: str) -> bool:
    """A word that can stand in the phrase after a source's head noun ("in Seoul", "of the Taskforce on Abortion")."""
    return not word.islower() or not (word in _FUNCTION_WORDS or word.endswith(("ly", "ed", "ing")))


def _capital_group(core: list[str], i: int) -> bool:
    """Whether core[:i] is one plural group noun capitalised only as the sentence's first word ("Scientists at")."""
    return i == 1 and _norm(core[0]) in GROUP_NOUNS and core[0][1:].islower()


def _plain_word(word: str) -> bool:
    """A lower-case content word that can modify a head noun (not a verb form or a function word); hyphenated
    compounds count ("die-hard", "mother-of-two")."""
    return (
        all(part.isalpha() for part in word.split("-"))
        and word.islower()
        and len(word) >= 3
        and word not in _FUNCTION_WORDS
        and not word.endswith(("ed", "ing", "ly"))
    )


def _is_plural(word: str) -> bool:
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in _SINGULAR_S
    )


def _loose_phrase_ok(head: list[str], unknown: list[int], head_end: int, plural_or_definite: bool) -> bool:
    """Unknown words are fine only before a head noun the lexicons mark as a source, or as the head itself
    of a plural ("coffee growers") or definite ("the clinic") phrase."""
    last = _norm(head[-1])
    known_head = last in GROUP_NOUNS or last in INSTITUTION_NOUNS or _is_role(head[-1])
    in_head = [i for i in unknown if i < head_end]
    if in_head and not (known_head or (plural_or_definite and in_head[-1] == len(head) - 1 == head_end - 1)):
        return False
    if len(in_head) < len(unknown) and not known_head:
        return False  # unknown words after a preposition need a lexicon head ("a spokeswoman for the coffee chain")
    if not known_head and any(_norm(w) in _CONNECTORS or _norm(w) in _PREPOSITIONS for w in head):
        return False
    return len(head) <= 5 and len(unknown) <= 3


def _described_name(head: list[str], unknown: list[int]) -> bool:
    """Whether the words no lexicon knows only describe a full name after them ("said die-hard fan Tom Hale",
    "Nobel laureate Amos Kerr"): the word right before the name is a singular lower-case noun."""
    start = _name_run(head)
    name = head[start:]
    joins = [i for i, w in enumerate(head[:start]) if _norm(w) in _CONNECTORS | _DETERMINERS | _PHRASE_BREAKS]
    return (
        len(name) >= 2
        and max(unknown) < start
        and min(unknown) > max(joins, default=-1)  # not "the works of the Persian historian X"
        and _plain_word(head[start - 1])
        and not _is_plural(head[start - 1])
        and not _is_org(name)
        and not _is_place(name)
    )


def _full_name(words: list[str]) -> bool:
    """Whether words are a person's full name opening with a common first name ("Mike Doyle")."""
    return (
        2 <= len(words) <= 3
        and _first_name_gender(words[0], either=True) is not None
        and all(_is_cap(w) and not _is_possessive(w) for w in words)
        and not _is_org(words)
        and not _is_place(words[1:])
    )


def _titled_name(words: list[str]) -> bool:
    """Whether words are a title followed by a name ("Analyst Priya Shah")."""
    start = _name_run(words)
    return 0 < start < len(words) and _has_role(words[:start])


def name_runs(text: str) -> list[tuple[int, str]]:
    """Runs of capitalised and title words ending in a capitalised word, with their offsets: candidate names."""
    runs: list[tuple[int, str]] = []
    begin = end = -1
    last_cap = -1
    for match in _WORD.finditer(text):
        w = match.group(0)
        cap = _is_cap(w)
        joins = begin >= 0 and not text[end : match.start()].strip()
        if cap or (joins and w not in {"and", "&"} and (_norm(w) in TITLE_WORDS or _is_role(w))):
            if not joins:
                _close_run(text, begin, last_cap, runs)
                begin = match.start()
            end = match.end()
            if cap:
                last_cap = end
        else:
            _close_run(text, begin, last_cap, runs)
            begin = end = last_cap = -1
    _close_run(text, begin, last_cap, runs)
    return runs


def _close_run(text: str, begin: int, last_cap: int, runs: list[tuple[int, str]]) -> None:
    if begin >= 0 and last_cap > begin:
        runs.append((begin, text[begin:last_cap]))


def _has_role(words: list[str]) -> bool:
    return any(_is_role(w) for w in words)


# Common nouns that news uses to refer back to an organisation it has just named ("Apple said ... the company said").
# ("the union", "the club" are left to name themselves: a union is rarely the organisation just named.)
_BACK_REFERENCES = {
    "company", "firm", "group", "bank", "agency", "organization", "organisation", "carrier", "airline", "retailer",
    "manufacturer", "maker", "startup", "charity", "institute", "watchdog", "regulator", "lender", "insurer",
    "automaker", "carmaker", "conglomerate", "operator", "utility",
}  # fmt: skip
# News outlets quoted as sources ("Reuters reported") are never what "the company" refers back to.
_MEDIA = {
    "reuters", "cnn", "bbc", "nbc", "cbs", "abc", "npr", "afp", "ap", "bloomberg", "kcna", "yonhap", "xinhua", "tass",
    "ria", "interfax", "news", "times", "post", "journal", "tribune", "herald", "gazette", "telegraph", "guardian",
    "broadcasting", "television", "radio", "tv", "press", "media", "newspaper", "magazine",
}  # fmt: skip


def _named_organisation(name: str) -> bool:
    """A capitalised organisation name ("Northwind Corp.", "the Financial Conduct Authority"), not a place."""
    shown = name.split()
    if shown[:1] == ["the"]:
        shown = shown[1:]
    return (
        bool(shown)
        and " and " not in name
        and all(_is_cap(w) or _norm(w) == "of" for w in shown)
        and not _is_place(shown)
        and not any(_norm(w) in _MEDIA for w in shown)
    )


@dataclass
class Registry:
    """Every source met so far in one article, most recent last, so later references resolve to them."""

    entities: list[Entity] = field(default_factory=list)
    recent: list[Entity] = field(default_factory=list)  # mentions in reading order
    paragraph: int = 0  # the paragraph being read, set by the caller: namesakes resolve to the one named nearest

    def resolve(self, mention: Mention, here: list[Entity] | tuple[Entity, ...] = ()) -> Entity | None:
        """The entity a mention names, created on first sight; pronouns and bare roles resolve to earlier ones.
        A description that fits nobody's title ("the Arsenal manager added") goes to the paragraph's only speaker
        without a title (here: the speakers of the paragraph being read), and becomes that title."""
        if mention.kind == PRONOUN:
            return self.antecedent(mention.name)
        for part in mention.parts:  # "Biden and Harris": each is known for later references on their own
            if part.kind == PERSON and not (part.title or part.role):
                self.candidate(part)  # a bare name: for later surnames, not yet for pronouns
            else:
                self.resolve(replace(part))
        if mention.kind == PERSON and mention.role:
            if " " not in mention.name and _is_cap(mention.name):  # "King said" after "Martin Luther King III"
                people = [e for e in reversed(self.entities) if e.kind == PERSON]
                named = self._named_by(mention.name, people, mention)
                if named and named is not _AMBIGUOUS:
                    return self._update(named, mention)
            # "the senator" may refer back to "Sen. X"; a capitalised "the Doctor" may be a name of its own
            synonyms = mention.name.split()[-1].islower()
            found = self._by_role(mention.role, mention.gender, synonyms) if mention.definite else None
            bare = {id(e): e for e in here if e.kind == PERSON and untitled(e)}
            if not found and mention.definite and mention.role != AGE and len(bare) == 1:
                found = next(iter(bare.values()))
                found.title = _STRIP_THE.sub("", mention.name)
            return found or self._add(Entity(PERSON, mention.name, None, mention.gender))
        if mention.kind == PERSON:
            return self._person(mention)
        key = _key(mention.name)
        for entity in self.entities:
            if entity.kind == mention.kind and _key(entity.name) == key:
                return entity
        if mention.definite and len(key.split()) == 1:  # "the ministry" after "Qatar's Foreign Ministry said"
            for entity in reversed(self.recent):
                if entity.kind == INSTITUTION and key in _key(entity.name).split():
                    return entity
            if key in _BACK_REFERENCES:  # "the company" after "Northwind said": the nearest named organisation
                for entity in reversed(self.recent):
                    if entity.kind == INSTITUTION and _named_organisation(entity.name):
                        return entity
        return self._add(Entity(mention.kind, mention.name))

    def _add(self, entity: Entity) -> Entity:
        self.entities.append(entity)
        return entity

    def _person(self, mention: Mention) -> Entity:
        parts = list(_name_tokens(mention.name))
        people = [e for e in reversed(self.entities) if e.kind == PERSON]
        for entity in people:
            if entity.name == mention.name:
                return self._update(entity, mention)
        if len(parts) == 1:
            found = self._named_by(parts[0], people, mention)
            if found is _AMBIGUOUS:  # namesakes the text does not tell apart: the name as written, no guess
                return Entity(PERSON, mention.name, mention.title, mention.gender)
            if found:
                return self._update(found, mention)
        elif parts:
            for entity in people:  # "President Biden" first, "Joe Biden" later: the full name wins
                if len(entity.tokens) == 1 and entity.tokens[0] == parts[-1]:
                    entity.name = mention.name
                    return self._update(entity, mention)
        return self._update(self._add(Entity(PERSON, mention.name, mention.title, mention.gender)), mention)

    def _named_by(self, word: str, people: list[Entity], mention: Mention | None) -> Entity | None:
        """The person a single name word refers to: a surname (or a family name written first, or a first name) of
        someone introduced earlier. Several namesakes ("Tom Hardy", "Mary Hardy") are told apart by the gender of an
        honorific ("Ms. Hardy") or of the sentence ("Hardy said she"), or a title only one of them holds ("Coach
        Hardy"), else by who was named in this paragraph, else who spoke in this or the previous one, else who was
        named in the previous one; with no such cue (or two people in one place) the result is _AMBIGUOUS."""
        found = [e for e in people if e.tokens[-1:] == (word,)] or [e for e in people if word in e.tokens]
        if len(found) <= 1:
            return found[0] if found else None
        titled = _role_words(mention.title) if mention else set()
        for fits in (
            (lambda e: mention.gender and e.gender in (None, mention.gender)) if mention else None,
            (lambda e: mention.hint and e.gender in (None, mention.hint)) if mention else None,
            (lambda e: titled & _role_words(e.title)) if titled else None,
        ):
            narrowed = [e for e in found if fits(e)] if fits else []
            if len(narrowed) == 1:
                return narrowed[0]
            found = narrowed or found
        here, before = self.paragraph, self.paragraph - 1
        for near in (
            [e for e in found if e.named_in == here],
            [e for e in found if e.spoke_in in (here, before)],
            [e for e in found if e.named_in == before],
        ):
            if near:
                return near[0] if len(near) == 1 else _AMBIGUOUS
        return _AMBIGUOUS

    def _update(self, entity: Entity, mention: Mention) -> Entity:
        entity.named_in = self.paragraph
        entity.confirmed = True
        entity.title = entity.title or mention.title
        entity.gender = entity.gender or mention.gender
        return entity

    def _by_role(self, role: str, gender: str | None, synonyms: bool = False) -> Entity | None:
        if role == AGE and not any(self.paragraph in (e.named_in, e.spoke_in) for e in self.recent if e.kind == PERSON):
            named = [e for e in self.entities if e.kind == PERSON and not e.confirmed and e.named_in == self.paragraph]
            if named:  # "Sifan Hassan finished fourth. ... the 24-year-old said": the full name just given
                named[-1].confirmed = True
                return named[-1]
        for entity in reversed(self.recent):
            if entity.kind != PERSON or (gender and entity.gender not in (None, gender)):
                continue
            described = entity.title or (entity.name if entity.name[:1].islower() else "")  # "a senior official"
            words = {_norm(w) for w in described.split()}
            if role == AGE or role in words or (synonyms and any(role in _ROLE_SYNONYMS.get(w, ()) for w in words)):
                return entity
        return None

    def antecedent(self, pronoun: str, prefer: list[Entity] | None = None) -> Entity | None:
        """The nearest earlier source a pronoun can refer to: preferred ones (this paragraph's speakers) first."""
        want = PRONOUNS.get(pronoun)
        for pool in (prefer or [], self.recent):
            for entity in reversed(pool):
                if want in (MALE, FEMALE) and entity.kind == PERSON and entity.gender in (None, want):
                    return entity
                if want == GROUP and entity.kind in (GROUP, INSTITUTION):
                    return entity
                if want == INSTITUTION and entity.kind == INSTITUTION:
                    return entity
        return None

    def spoke(self, entity: Entity) -> None:
        """Record that an entity is the source of a sentence of the paragraph being read."""
        entity.spoke_in = self.paragraph

    def mention(self, entity: Entity) -> None:
        """Record that the text has just referred to an entity (recency for pronouns)."""
        if entity in self.recent:
            self.recent.remove(entity)
        self.recent.append(entity)

    def candidate(self, mention: Mention) -> None:
        """Remember a full name the text gives without saying it is a person, for later surname look-ups."""
        known = [e for e in self.entities if e.kind == PERSON and mention.name in (e.name, e.name.split()[-1])]
        for entity in known:
            if entity.name == mention.name:
                entity.named_in = self.paragraph
        if not known:
            self._add(Entity(PERSON, mention.name, gender=mention.gender, confirmed=False, named_in=self.paragraph))

    def known_person(self, name: str) -> Entity | None:
        """An already introduced person this name refers to: the same full name, or one name word of theirs (the
        namesakes rule of _named_by; None when it cannot tell them apart)."""
        people = [e for e in reversed(self.entities) if e.kind == PERSON and e.confirmed]
        words = name.split()
        if len(words) > 1:  # "Joe Biden" after "President Biden" or "Joe Biden"; "Mary Hardy" is not "Tom Hardy"
            found = next((e for e in people if e.name == name), None) or next(
                (e for e in people if set(e.tokens) <= set(words) or set(words) <= set(e.tokens)), None
            )
        else:
            found = self._named_by(name, people, None)
        if found is None or found is _AMBIGUOUS:
            return None
        found.named_in = self.paragraph
        return found


def _role_words(title: str | None) -> set[str]:
    """The words of a title that name a role, with the roles an abbreviation stands for ("Sen." -> senator)."""
    words = {_norm(w) for w in (title or "").split()} - _COURTESY
    return {r for w in words for r in (w, *_ROLE_SYNONYMS.get(w, ())) if r in ROLE_NOUNS}


def is_lead_word(word: str) -> bool:
    """A word that opens a sentence or clause without being part of its subject ("Meanwhile", "Tuesday")."""
    return _norm(word) in _LEAD_WORDS


def untitled(entity: Entity) -> bool:
    """Whether a person has no title but a courtesy one ("Ms Rayner"): a role given beside the name replaces it."""
    return not entity.title or all(_norm(w) in _COURTESY for w in entity.title.split())


@lru_cache(maxsize=4096)
def _name_tokens(name: str) -> tuple[str, ...]:
    """A name's words without initials or a generational suffix, apostrophes made straight, for surname matching."""
    words = name.replace("\u2019", "'").split()
    return tuple(t for t in words if len(t.rstrip(".")) > 1 and _norm(t) not in _NAME_SUFFIXES)


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", name.lower()).replace("\u2019", "'")
