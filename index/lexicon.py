"""General lexicons that let a question's words match an article's other wording.

Three kinds of concept, each a token such as "@place:russia" added to both a sentence's and a
question's terms so that either wording matches:
- places: every country of the attribution gazetteer (`index.speakers.PLACES`) with its other
  names, capitals and demonyms (Seoul ~ South Korea ~ South Korean; Washington ~ U.S. ~ American);
- acronyms: the initials of every run of capitalised words (National Intelligence Service ~ NIS,
  Democratic People's Republic of Korea ~ DPRK), so an article's own spelled-out names answer acronyms;
- synonyms: a general news-English table (spy ~ intelligence, treaty ~ pact, killed ~ died ...),
  not the words of any one article.
Lookups are dict hits and small anchored patterns tried only where a name can start, cached per sentence by the caller.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from index import terms
from index.lexical import tokenize
from index.speakers import PLACES

PLACE = "@place:"
SYNONYM = "@syn:"
ACRONYM = "@acr:"

# country | other names | capitals and seats of government | demonyms and adjectives. Every country of
# the gazetteer; its entries that are capitals or other names are folded into their country.
_COUNTRIES = """
afghanistan||kabul|afghan,afghans
albania||tirana|albanian,albanians
algeria||algiers|algerian,algerians
angola||luanda|angolan,angolans
argentina||buenos aires|argentine,argentinian,argentinians,argentines
armenia||yerevan|armenian,armenians
australia||canberra|australian,australians
austria||vienna|austrian,austrians
azerbaijan||baku|azerbaijani,azerbaijanis,azeri,azeris
bahrain||manama|bahraini,bahrainis
bangladesh||dhaka|bangladeshi,bangladeshis
belarus||minsk|belarusian,belarusians
belgium||brussels|belgian,belgians
bolivia||la paz,sucre|bolivian,bolivians
bosnia|bosnia and herzegovina|sarajevo|bosnian,bosnians
botswana||gaborone|botswanan
brazil||brasilia,brasília|brazilian,brazilians
britain|united kingdom,u.k.,uk,great britain|london,downing street,westminster|british,briton,britons
bulgaria||sofia|bulgarian,bulgarians
burkina faso||ouagadougou|burkinabe
cambodia||phnom penh|cambodian,cambodians
cameroon||yaounde|cameroonian,cameroonians
canada||ottawa|canadian,canadians
chad||n'djamena|chadian,chadians
chile||santiago|chilean,chileans
china|prc,people's republic of china|beijing|chinese
colombia||bogota,bogotá|colombian,colombians
congo|drc,democratic republic of the congo|kinshasa|congolese
croatia||zagreb|croatian,croatians,croat,croats
cuba||havana|cuban,cubans
cyprus||nicosia|cypriot,cypriots
czechia|czech republic|prague|czech,czechs
denmark||copenhagen|danish,dane,danes
ecuador||quito|ecuadorian,ecuadorians
egypt||cairo|egyptian,egyptians
england||london|english
eritrea||asmara|eritrean,eritreans
estonia||tallinn|estonian,estonians
ethiopia||addis ababa|ethiopian,ethiopians
europe|european union,eu|brussels|european,europeans
finland||helsinki|finnish,finn,finns
france||paris,elysee,élysée|french
gaza|gaza strip||gazan,gazans
georgia||tbilisi|georgian,georgians
germany||berlin|german,germans
ghana||accra|ghanaian,ghanaians
greece||athens|greek,greeks
guatemala||guatemala city|guatemalan,guatemalans
haiti||port-au-prince|haitian,haitians
honduras||tegucigalpa|honduran,hondurans
hungary||budapest|hungarian,hungarians
iceland||reykjavik|icelandic,icelander,icelanders
india||new delhi,delhi|indian,indians
indonesia||jakarta|indonesian,indonesians
iran||tehran|iranian,iranians
iraq||baghdad|iraqi,iraqis
ireland||dublin|irish
israel||jerusalem,tel aviv|israeli,israelis
italy||rome|italian,italians
japan||tokyo|japanese
jordan||amman|jordanian,jordanians
kazakhstan||astana|kazakh,kazakhs,kazakhstani
kenya||nairobi|kenyan,kenyans
kosovo||pristina|kosovar,kosovars
kuwait||kuwait city|kuwaiti,kuwaitis
kyrgyzstan||bishkek|kyrgyz
laos||vientiane|laotian,laotians,lao
latvia||riga|latvian,latvians
lebanon||beirut|lebanese
libya||tripoli|libyan,libyans
lithuania||vilnius|lithuanian,lithuanians
luxembourg|||luxembourgish
malaysia||kuala lumpur|malaysian,malaysians
mali||bamako|malian,malians
malta||valletta|maltese
mexico||mexico city|mexican,mexicans
moldova||chisinau|moldovan,moldovans
mongolia||ulaanbaatar|mongolian,mongolians
montenegro||podgorica|montenegrin,montenegrins
morocco||rabat|moroccan,moroccans
mozambique||maputo|mozambican,mozambicans
myanmar|burma|naypyidaw,yangon|burmese
namibia||windhoek|namibian,namibians
nepal||kathmandu|nepali,nepalese
netherlands|holland|amsterdam,the hague|dutch
new zealand||wellington|new zealander,new zealanders
nicaragua||managua|nicaraguan,nicaraguans
niger||niamey|nigerien,nigeriens
nigeria||abuja|nigerian,nigerians
north korea|dprk,democratic people's republic of korea|pyongyang|north korean,north koreans
north macedonia|macedonia|skopje|macedonian,macedonians
norway||oslo|norwegian,norwegians
oman||muscat|omani,omanis
pakistan||islamabad|pakistani,pakistanis
palestine|west bank,palestinian territories|ramallah|palestinian,palestinians
panama||panama city|panamanian,panamanians
paraguay||asuncion,asunción|paraguayan,paraguayans
peru||lima|peruvian,peruvians
philippines||manila|filipino,filipinos,philippine
poland||warsaw|polish,pole,poles
portugal||lisbon|portuguese
qatar||doha|qatari,qataris
romania||bucharest|romanian,romanians
russia|russian federation|moscow,kremlin|russian,russians
rwanda||kigali|rwandan,rwandans
saudi arabia|saudi|riyadh|saudis
scotland||edinburgh|scottish,scot,scots
senegal||dakar|senegalese
serbia||belgrade|serbian,serbians,serb,serbs
singapore|||singaporean,singaporeans
slovakia||bratislava|slovak,slovaks,slovakian
slovenia||ljubljana|slovenian,slovenians,slovene
somalia||mogadishu|somali,somalis
south africa||pretoria,cape town,johannesburg|south african,south africans
south korea|republic of korea,rok|seoul|south korean,south koreans
south sudan||juba|south sudanese
spain||madrid|spanish,spaniard,spaniards
sri lanka||colombo|sri lankan,sri lankans
sudan||khartoum|sudanese
sweden||stockholm|swedish,swede,swedes
switzerland||bern,geneva|swiss
syria||damascus|syrian,syrians
taiwan||taipei|taiwanese
tajikistan||dushanbe|tajik,tajiks
tanzania||dodoma,dar es salaam|tanzanian,tanzanians
thailand||bangkok|thai,thais
tunisia||tunis|tunisian,tunisians
turkey|turkiye,türkiye|ankara,istanbul|turkish,turk,turks
turkmenistan||ashgabat|turkmen
uganda||kampala|ugandan,ugandans
ukraine||kyiv,kiev|ukrainian,ukrainians
united arab emirates|uae,emirates|abu dhabi,dubai|emirati,emiratis
united states|u.s.,us,usa,u.s.a.,america|washington,white house,pentagon|american,americans
uruguay||montevideo|uruguayan,uruguayans
uzbekistan||tashkent|uzbek,uzbeks
venezuela||caracas|venezuelan,venezuelans
vietnam||hanoi|vietnamese
wales||cardiff|welsh
yemen||sanaa,sana'a|yemeni,yemenis
zambia||lusaka|zambian,zambians
zimbabwe||harare|zimbabwean,zimbabweans
"""
# Names that are also everyday words: matched only when written with a capital ("US", not "us").
_CASED = frozenset({"us", "chad", "jordan", "turkey", "georgia", "niger", "mali", "oman", "sofia", "lima", "west"})

# General news-English synonym groups (one a line): words a reporter and a reader use for the same thing.
_SYNONYMS = """
spy spies espionage intelligence
head chief director leader boss
spokesman spokeswoman spokesperson spokespeople press secretary
treaty accord deal pact agreement
troops soldiers forces personnel servicemen fighters
weapons arms weaponry armaments munitions
killed died dead deaths death fatalities casualties
wounded injured injuries hurt
worried concerned concern concerns worry fears fear alarmed
admit acknowledge acknowledged confirm confirmed concede conceded deny denied denial
say said says state stated tell told claim claimed remark
warn warned warning caution
president leader
prime premier
minister secretary
government administration authorities regime
military army armed forces defense defence
attack attacked strike struck assault offensive raid
war conflict fighting hostilities combat battle
border frontier
invade invaded invasion incursion
send sent deploy deployed deployment dispatch dispatched transfer transferred
arrive arrived reach reached
leave left withdraw withdrew withdrawal retreat
help aid assist assistance support supported
money funds funding cash
pay paid payment compensation
cost price spending spend
rise rose increase increased grow grew growth surge jump
fall fell decrease decreased decline declined drop dropped
plan plans intend intends intention aim
meet met meeting talks summit
ask asked question questioned request
answer reply replied respond responded response reaction react
agree agreed approve approved
reject rejected refuse refused oppose opposed
ban banned prohibit prohibited
arrest arrested detain detained custody
charge charged accuse accused allegation alleged
court judge tribunal
law legislation bill act
vote voted election ballot poll
lawmaker lawmakers legislator legislators parliamentarian mp congressman senator
official officials
company firm business corporation
employee employees worker workers staff
job jobs employment
economy economic
country nation state
city town
people residents citizens civilians
child children kid kids
begin began start started launch launched
end ended finish finished stop stopped halt
buy bought purchase purchased acquire acquired
sell sold sale sales
build built construct constructed construction
destroy destroyed damage damaged
missile missiles rocket rockets
drone drones uav uavs
plane planes aircraft jet jets
ship ships vessel vessels
shell shells artillery
nuclear atomic
threat threaten threatened
negotiate negotiation negotiations talk
sanction sanctions penalty penalties
protest protests demonstration demonstrators rally
police officers cops
doctor doctors physician physicians
hospital clinic
disease illness virus infection
study research report survey
expert experts analyst analysts specialist
big large huge major
small little minor
fast quick rapid rapidly quickly
soon imminent imminently shortly
train training drill exercise
cooperation collaboration partnership alliance ties
relationship relations ties
reveal revealed disclose disclosed
investigate investigation probe inquiry
fire fired sack sacked dismiss dismissed
resign resigned quit
give gave given provide provided supply supplied hand
think believe believes estimate estimated expect expected assess
agency service bureau
estimate figure figures number numbers tally count assessment
join augment reinforce reinforcement
hit strike struck
talk talking speak speaking spoke discuss discussed
view position stance opinion
change changed shift shifted
continue continued keep kept maintain maintained
get got receive received obtain
front frontline front-line battlefield battlefront
day date
name named called identity
happen happened occur occurred
cause caused reason why
rule ruled govern governed
boost boosted strengthen strengthened bolster bolstered
depend depends dependent linked tied hinge
mean means meaning stand definition
founded establish established create created
located situated based
famous known renowned noted well-known celebrated
use used employ employed utilize utilise
show showed shown demonstrate demonstrated display displayed reveal
allow allowed permit permitted enable enabled
need needed require required necessary
try tried attempt attempted
include included contain contained comprise comprised consist
consider considered regard regarded deem deemed
important significant major
win won victory
lose lost loss defeat defeated
elect elected election
invent invented invention devise devised
discover discovered discovery find found
"""


_RUN = re.compile(r"\w+")
_NAME_START = re.compile(r"(?<![\w.])\w+")  # where a place name may begin: a word not preceded by a word or "."
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_POSSESSIVE_AT = re.compile(r"['\u2019]s\b", re.IGNORECASE)  # a possessive right after a place mention


def without_possessive(word: str) -> str:
    """A word without its possessive ending ("Kirby's" -> "Kirby")."""
    return _POSSESSIVE.sub("", word)


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Place name -> place concept, for every gazetteer entry and the table's other names; names by first word.

    One small anchored pattern per first word (its names longest first) is tried only where a text's word
    starts a name, instead of one big alternation at every position.
    """
    names: dict[str, str] = {}
    for line in _COUNTRIES.strip().splitlines():
        country, *rest = line.split("|")
        ident = PLACE + country
        names[country] = ident
        for part in rest:
            for name in part.split(","):
                if name.strip():
                    names.setdefault(name.strip(), ident)
    for place in PLACES:
        names.setdefault(place, PLACE + place)
    groups: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        groups.setdefault(_RUN.match(name).group(0), []).append(name)
    return names, {first: tuple(group) for first, group in groups.items()}


@cache
def _matcher(group: tuple[str, ...]) -> re.Pattern:
    """The anchored pattern of names sharing a first word, compiled on first use (most never occur)."""
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in group) + r")(?:['\u2019]s)?(?![\w])", re.IGNORECASE)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def place_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, concept) of every country, capital or demonym in a text (names like "US" only when capitalised,
    or "the us")."""
    names, groups = _places()
    found = []
    end = 0
    for word in _NAME_START.finditer(text):
        start = word.start()
        group = groups.get(word.group(0).lower())
        if start < end or group is None:
            continue
        m = _matcher(group).match(text, start)
        if m is None:
            continue
        end = m.end()
        raw = without_possessive(m.group(0))
        key = raw.lower()
        the_us = key == "us" and bool(_THE_BEFORE.search(text, 0, start))  # "us" is a pronoun, "the us" the country
        if key in _CASED and not raw[:1].isupper() and not the_us:
            continue
        if key == "us" and raw != "US" and not the_us:
            continue
        found.append((start, start + len(raw), names[key]))
    return found


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    """Stem -> the synonym concepts it belongs to (a word may sit in more than one group)."""
    groups: dict[str, set[str]] = {}
    for line in _SYNONYMS.strip().splitlines():
        words = line.split()
        ident = SYNONYM + words[0]
        for word in words:
            for stem in terms.stems(word):
                groups.setdefault(stem, set()).add(ident)
    return {stem: frozenset(ids) for stem, ids in groups.items()}


def synonym_groups() -> int:
    """How many synonym groups the table has (documented as general news vocabulary)."""
    return len(_SYNONYMS.strip().splitlines())


def synonyms(stem: str) -> frozenset[str]:
    """The synonym concepts of one stemmed term (empty when it is in no group)."""
    return _synonyms().get(stem, frozenset())


_CAP_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|for|and|the|de|du)\s+)*[A-Z][\w'\u2019-]*)+")
_WRITTEN_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]?[A-Z]{1,5}s?\b")
_CONNECTOR = frozenset({"of", "for", "and", "the", "de", "du"})


def acronyms(text: str) -> set[str]:
    """Acronym concepts of a text: the initials of every 2-6 word stretch of its capitalised runs."""
    found = set()
    for m in _CAP_RUN.finditer(text):
        words = [w for w in m.group(0).split() if w not in _CONNECTOR]
        for i in range(len(words)):
            for j in range(i + 2, min(i + 6, len(words)) + 1):
                found.add(ACRONYM + "".join(w[0] for w in words[i:j]).lower())
    return found


def concepts(text: str) -> list[str]:
    """Every concept a text mentions, with repeats (places, acronyms spelled out or written, synonyms)."""
    out = [c for _, _, c in place_mentions(text)]
    out.extend(sorted(acronyms(text)))
    out.extend(ACRONYM + w.lower() for w in _WRITTEN_ACRONYM.findall(text))
    groups = _synonyms()
    for token in tokenize(text):
        found = groups.get(terms.stem(token))
        if found:
            out.extend(sorted(found))
    return out


# Words after which a question's next word is a noun it asks about ("how many drones", "the GDP of").
NOUN_CUES = frozenset(
    {"the", "a", "an", "many", "much", "of", "his", "her", "its", "their", "our", "any", "some", "per", "about"}
    | {"for", "in", "on", "at", "by", "with", "what", "which", "whose"}
)
QUESTION_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'][A-Za-z0-9]+)*")


def question_units(text: str) -> tuple[list[tuple[str, frozenset[str]]], frozenset[str]]:
    """The question's terms as (key, alternatives), and the keys of its focus units.

    A place mention is one unit; another term matches its stem, synonyms or an acronym it may be.
    Focus units are what the question is about: places, names (capitalised past the first word),
    numbers and nouns (after an article, quantifier or preposition).
    """
    mentions = place_mentions(text)
    units: dict[str, frozenset[str]] = {}
    focus: set[str] = set()
    for _, _, concept in mentions:
        units.setdefault(concept, frozenset({concept}))
        focus.add(concept)
    rest = list(text)
    for start, end, _ in mentions:
        if _POSSESSIVE_AT.match(text, end):
            end += 2
        rest[start:end] = " " * (end - start)
    previous = ""
    for i, m in enumerate(QUESTION_WORD.finditer("".join(rest))):
        raw = m.group(0)
        token = raw.lower()
        if not tokenize(token) or token in terms.QUESTION_WORDS:
            previous = token
            continue
        stem = terms.stem(token)
        alts = {stem} | synonyms(stem)
        if token.isalpha() and 2 <= len(token) <= 6:
            alts.add(ACRONYM + token)
        units.setdefault(stem, frozenset(alts))
        if (i > 0 and raw[:1].isupper()) or raw[:1].isdigit() or previous in NOUN_CUES:
            focus.add(stem)
        previous = token
    return list(units.items()), frozenset(focus)
