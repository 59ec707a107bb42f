"""Hand-labelled news-style snippets for attribution: each sentence fragment with the speaker it must get.

Written for the tests (fictional people, real institutions); each case exercises one reporting pattern.
A label is (fragment of the sentence, expected canonical speaker or None, expected title or ANY).
"""

from __future__ import annotations

from dataclasses import dataclass

ANY = object()  # the title is not checked


@dataclass(frozen=True)
class Case:
    """A snippet (a headline line is added before it) and the labels of the sentences it holds."""

    name: str
    text: str
    labels: tuple[tuple[str, str | None, object], ...]


CASES: list[Case] = [
    Case(
        "said that",
        "Maria Lopez said that the factory would close in March.",
        (("factory would close", "Maria Lopez", None),),
    ),
    Case(
        "said without that",
        "Economist Tom Reed said prices would keep rising this year.",
        (("prices would keep", "Tom Reed", "Economist"),),
    ),
    Case(
        "told reporters",
        "Interior Minister Ana Silva told reporters on Monday that the border was calm.",
        (("border was calm", "Ana Silva", "Interior Minister"),),
    ),
    Case(
        "told lawmakers, long institutional title",
        "Federal Reserve Board Chair Paul Grant told lawmakers that rates would stay high.",
        (("rates would stay", "Paul Grant", "Federal Reserve Board Chair"),),
    ),
    Case(
        "confirmed",
        "Police Chief Laura Brooks confirmed that three suspects were in custody.",
        (("three suspects", "Laura Brooks", "Police Chief"),),
    ),
    Case(
        "stated",
        "Governor Alan Price stated that the state budget was balanced.",
        (("budget was balanced", "Alan Price", "Governor"),),
    ),
    Case(
        "warned",
        "Dr. Helen Ward warned that hospitals could be overwhelmed by winter.",
        (("hospitals could be", "Helen Ward", "Dr."),),
    ),
    Case(
        "added",
        "Coach Ben Harris praised the team. Harris added that the season was not over.",
        (("praised the team", None, ANY), ("season was not over", "Ben Harris", "Coach")),
    ),
    Case(
        "believes",
        "Chief economist Sara Kim believes that inflation has peaked.",
        (("inflation has peaked", "Sara Kim", "Chief economist"),),
    ),
    Case(
        "according to a person",
        "The storm will reach the coast by Friday, according to meteorologist Dan Cole.",
        (("storm will reach", "Dan Cole", "meteorologist"),),
    ),
    Case(
        "according to a statement from an institution",
        "Exports fell 4% in May, according to a statement from the Ministry of Trade.",
        (("Exports fell", "the Ministry of Trade", None),),
    ),
    Case(
        "according to data from",
        "According to data from the World Bank, poverty rates fell last year.",
        (("poverty rates", "the World Bank", None),),
    ),
    Case(
        "has said",
        '"We will rebuild every school," Education Secretary Mark Hale has said.',
        (("rebuild every school", "Mark Hale", "Education Secretary"),),
    ),
    Case(
        "quote then X said",
        '"The results speak for themselves," Jane Porter said.',
        (("results speak", "Jane Porter", None),),
    ),
    Case(
        "quote then said X with appositive title",
        '"It is a sad day for the town," said Peter Long, the mayor of Springfield.',
        (("sad day", "Peter Long", "mayor of Springfield"),),
    ),
    Case(
        "name, appositive, said",
        "Rita Moss, a spokeswoman for the airline, said all flights would resume.",
        (("flights would resume", "Rita Moss", "spokeswoman for the airline"),),
    ),
    Case(
        "name, age, said",
        "Carl Dean, 54, said the flood destroyed his shop.",
        (("flood destroyed", "Carl Dean", None),),
    ),
    Case(
        "quote split around the speaker",
        '"We did not expect this," she said. "But we are ready." Before that, Judge Emma Stone had spoken.\n\n'
        '"The law is clear," Stone said, "and it will be applied."',
        (("law is clear", "Emma Stone", "Judge"),),
    ),
    Case(
        "multi-sentence quote in one paragraph",
        'Captain Joe Rivera said the crew was safe. "We lost power at noon. Nobody was hurt."',
        (("crew was safe", "Joe Rivera", "Captain"), ("Nobody was hurt", "Joe Rivera", "Captain")),
    ),
    Case(
        "quote before its tail in the next sentence",
        '"We lost power at noon. Nobody was hurt," Captain Joe Rivera said.',
        (("We lost power", "Joe Rivera", "Captain"), ("Nobody was hurt", "Joe Rivera", "Captain")),
    ),
    Case(
        "quote running over paragraphs",
        'Senator Amy Chen opened the hearing. "This agency has failed the public.\n\n'
        '"It ignored every warning and it must answer for that."',
        (("opened the hearing", None, ANY), ("failed the public", "Amy Chen", "Senator"), ("ignored", "Amy Chen", ANY)),
    ),
    Case(
        "quote paragraph after reported speech",
        "Union leader Frank Moore said the strike would go on.\n\n"
        '"Our members have voted. We will not go back until the offer improves."',
        (("strike would go on", "Frank Moore", "Union leader"), ("offer improves", "Frank Moore", "Union leader")),
    ),
    Case(
        "institution with the",
        "The Pentagon said Tuesday that the drills had ended.",
        (("drills had ended", "the Pentagon", None),),
    ),
    Case(
        "country as speaker",
        "Japan said it would send aid to the region.",
        (("send aid", "Japan", None),),
    ),
    Case(
        "capital city as speaker",
        "Beijing said the sanctions were unjustified.",
        (("sanctions were", "Beijing", None),),
    ),
    Case(
        "officials said",
        "Officials said the road would reopen next week.",
        (("road would reopen", "Officials", None),),
    ),
    Case(
        "officials with a place",
        "U.S. officials said the talks were productive.",
        (("talks were productive", "U.S. officials", None),),
    ),
    Case(
        "police said",
        "Police said two men were arrested near the station.",
        (("two men", "Police", None),),
    ),
    Case(
        "company in a statement, then it",
        "The company said in a statement that it would appeal. It added that jobs were safe.",
        (("would appeal", "the company", None), ("jobs were safe", "the company", None)),
    ),
    Case(
        "in a statement, the ministry said",
        "In a statement, the Foreign Ministry said the ambassador had been summoned.",
        (("summoned", "the Foreign Ministry", None),),
    ),
    Case(
        "pronoun across sentences",
        'Vice President Nora Fields visited the plant. "This is the future," she said.',
        (("visited the plant", None, ANY), ("the future", "Nora Fields", "Vice President")),
    ),
    Case(
        "pronoun across paragraphs",
        'Treasury Secretary Glen Ross met bankers on Monday.\n\n"The system is sound," he told reporters afterwards.',
        (("system is sound", "Glen Ross", "Treasury Secretary"),),
    ),
    Case(
        "pronoun gender picks the right person",
        'Mrs. Diane Clark and Mr. Owen Blake spoke at the rally. Blake left early.\n\n"We need change," she said.',
        (("need change", "Diane Clark", "Mrs."),),
    ),
    Case(
        "gender learned from the text",
        "Sam Patel, a local farmer, lost his harvest. Lucy Grant, a neighbour, lost her barn.\n\n"
        '"Everything is gone," he said.',
        (("Everything is gone", "Sam Patel", ANY),),
    ),
    Case(
        "pronoun prefers this paragraph's speaker",
        'Manager Rob Hill said the club had signed Leo Park last year. "It was the right choice," he said.',
        (("right choice", "Rob Hill", "Manager"),),
    ),
    Case(
        "surname resolves to name and title",
        "Foreign Minister Penny Wong met her counterpart. Wong said the meeting was useful.",
        (("meeting was useful", "Penny Wong", "Foreign Minister"),),
    ),
    Case(
        "honorific surname",
        "Chief executive Paul Adams said sales rose. Mr. Adams said costs also rose.",
        (("costs also rose", "Paul Adams", "Chief executive"),),
    ),
    Case(
        "family name first",
        "Unification Minister Kim Yong-ho said talks were possible. Kim added that no date was set.",
        (("no date was set", "Kim Yong-ho", "Unification Minister"),),
    ),
    Case(
        "title stripped from head of state",
        "Russian President Vladimir Putin said the West was to blame.",
        (("West was to blame", "Vladimir Putin", "Russian President"),),
    ),
    Case(
        "title with of",
        "Secretary of State Antony Blake said the deal was close.",
        (("deal was close", "Antony Blake", "Secretary of State"),),
    ),
    Case(
        "military ranks",
        "Army spokesman Lt. Col. Ray Diaz said the unit had withdrawn.",
        (("unit had withdrawn", "Ray Diaz", "Army spokesman Lt. Col."),),
    ),
    Case(
        "short honorific title",
        "Sen. Jo Baker said the bill would pass.",
        (("bill would pass", "Jo Baker", "Sen."),),
    ),
    Case(
        "title then surname only",
        "President Morales said the election was fair.",
        (("election was fair", "Morales", "President"),),
    ),
    Case(
        "the spokesman refers back",
        "Defense ministry spokesman Ivan Petrov said the strike was planned. "
        'Officials were silent. "It was a precise operation," the spokesman said.',
        (("precise operation", "Ivan Petrov", "Defense ministry spokesman"),),
    ),
    Case(
        "told a named outlet",
        'Actress Mia Stone told CNN that she was "deeply moved" by the letters.',
        (("deeply moved", "Mia Stone", "Actress"),),
    ),
    Case(
        "cue word inside a quote is not a cue",
        '"He said he would come," Anna Berg recalled.',
        (("He said he would come", "Anna Berg", None),),
    ),
    Case(
        "wrote",
        "Author Kate Lin wrote on social media that the book was finished.",
        (("book was finished", "Kate Lin", "Author"),),
    ),
    Case(
        "no antecedent for he",
        'He said the plan would work.\n\n"We are confident," she said.',
        (("plan would work", None, ANY), ("We are confident", None, ANY)),
    ),
    Case(
        "said to be is not speech",
        "Said to be the largest ship ever built, the vessel left port on Monday.",
        (("largest ship", None, ANY),),
    ),
    Case(
        "reported facts have no speaker",
        "The bridge collapsed on Tuesday morning. Rescue teams worked through the night.",
        (("bridge collapsed", None, ANY), ("Rescue teams", None, ANY)),
    ),
    Case(
        "could not confirm: what a source cannot say is its statement",
        "The Pentagon could not confirm whether the troops had crossed the border.",
        (("troops had crossed", "the Pentagon", None),),
    ),
    Case(
        "declined to say",
        "Mayor Lisa Grey declined to say whether she would run again.",
        (("run again", "Lisa Grey", "Mayor"),),
    ),
    Case(
        "did not respond to a request for comment is no statement",
        "Acme Corp. did not respond to a request for comment. A spokesman for the city did not return calls.",
        (("request for comment", None, ANY), ("return calls", None, ANY)),
    ),
    Case(
        "passive told",
        "Residents were told to leave their homes by Sunday.",
        (("leave their homes", None, ANY),),
    ),
    Case(
        "scare quotes are not speech",
        'The so-called "peace plan" was rejected by both sides.',
        (("peace plan", None, ANY),),
    ),
    Case(
        "quote paragraph with no earlier speaker",
        'The museum reopened in June.\n\n"It is a wonderful place."',
        (("wonderful place", None, ANY),),
    ),
    Case(
        "article voice between quotes",
        'Judge Ruth Adler said the case would go on. The trial began in 2022. "We are not done," Adler said.',
        (("trial began", None, ANY), ("not done", "Ruth Adler", "Judge")),
    ),
    Case(
        "said with a time phrase",
        "Energy Minister Omar Haddad said on Sunday that output would rise.",
        (("output would rise", "Omar Haddad", "Energy Minister"),),
    ),
    Case(
        "possessive title",
        "Germany's foreign minister Klara Weiss said the embassy would stay open.",
        (("embassy would stay", "Klara Weiss", "Germany's foreign minister"),),
    ),
    Case(
        "colon lead-in",
        'Council member Rosa Diaz said: "This is the most important vote I have taken."',
        (("most important vote", "Rosa Diaz", "Council member"),),
    ),
    Case(
        "speaker inside the sentence",
        "The plan, Mayor Tom Becker said, would be paid for by a new bond.",
        (("paid for by", "Tom Becker", "Mayor"),),
    ),
    Case(
        "participial phrase between name and cue",
        "U.S. Treasury Secretary Janet Yellen, speaking in Chicago, said she saw no signs of a recession.",
        (("no signs of a recession", "Janet Yellen", "U.S. Treasury Secretary"),),
    ),
    Case(
        "said X, who",
        '"Our classrooms are already full," said Janet Cole, who leads a parents\' group.',
        (("classrooms", "Janet Cole", None),),
    ),
    Case(
        "age description refers back",
        "Resident Linda Moreno lost her home. The 67-year-old said she would rebuild.",
        (("would rebuild", "Linda Moreno", "Resident"),),
    ),
    Case(
        "organisation after the name",
        "Analyst Priya Shah of Bernstein said the move was overdue.",
        (("overdue", "Priya Shah", "Analyst"),),
    ),
    Case(
        "company name with and",
        "Pacific Gas and Electric said it was cooperating with investigators.",
        (("cooperating", "Pacific Gas and Electric", None),),
    ),
    Case(
        "according to an owner's statement",
        "The decision was unanimous, according to the Fed's statement.",
        (("unanimous", "the Fed", None),),
    ),
    Case(
        "British honorific without a full stop",
        'Chief executive Sundar Rao sent a memo. "We hired for a different reality," Mr Rao wrote.',
        (("different reality", "Sundar Rao", "Chief executive"),),
    ),
    Case(
        "bare full name then surname",
        'Marcus Silva scored in the 89th minute. "I cannot describe this feeling," Silva told Sky Sports.',
        (("scored", None, ANY), ("describe this feeling", "Marcus Silva", None)),
    ),
    Case(
        "plural noun is not a cue",
        "Rights are limited in all member states: only citizens may vote.",
        (("member states", None, ANY),),
    ),
    Case(
        "wrote a work is not speech",
        "In 1819 the poet Percy Shelley wrote a political poem.",
        (("political poem", None, ANY),),
    ),
    Case(
        "a demonym is not a pronoun antecedent",
        "President Ana Ruiz spoke about North Korean troops. A reporter asked about South Korean aid.\n\n"
        '"I am worried," she said.',
        (("I am worried", "Ana Ruiz", "President"),),
    ),
    Case(
        "an unnamed official, then the official",
        "A senior U.S. official, speaking on condition of anonymity, said talks were stalled. "
        "The official said more prisoners could be freed.",
        (("talks were stalled", "a senior U.S. official", None), ("prisoners", "a senior U.S. official", None)),
    ),
    Case(
        "the ministry refers back to a named ministry",
        "The truce was extended by a day, Qatar's Foreign Ministry said. The ministry said talks would go on.",
        (("extended", "Qatar's Foreign Ministry", None), ("talks would go on", "Qatar's Foreign Ministry", None)),
    ),
    Case(
        "role, name, said",
        "The weather service expects more rain. Its chief meteorologist, Paul Gundersen, said the ground was soaked.",
        (("ground was soaked", "Paul Gundersen", "chief meteorologist"),),
    ),
    Case(
        "age and home town set off",
        "Mr Patel, 41, from Derby, said his kitchen was flooded.",
        (("kitchen was flooded", "Patel", "Mr"),),
    ),
    Case(
        "time phrase between subject and cue",
        "Police late on Monday said two people had died.",
        (("two people", "Police", None),),
    ),
    Case(
        "organisation with an appositive",
        'Build America, a trade group, said in a statement that the vote "sends the right signal."',
        (("right signal", "Build America", None),),
    ),
    Case(
        "plural common noun as a group",
        "Coffee prices hit a 13-year high on Monday as drought hit Brazil, traders said.",
        (("13-year high", "traders", None),),
    ),
    Case(
        "institution with an unlisted modifier",
        "Vietnam is also facing dry weather, its meteorological agency warned last week.",
        (("dry weather", "its meteorological agency", None),),
    ),
    Case(
        "lawmaker's party tag and appositive",
        "Sen. James Lane, R-Okla., the bill's lead negotiator, said he was frustrated.",
        (("frustrated", "James Lane", "Sen."),),
    ),
    Case(
        "relative clause between name and cue",
        "Farmer Ana Ribeiro, whose family has grown coffee for three generations, said the trees were dying.",
        (("trees were dying", "Ana Ribeiro", "Farmer"),),
    ),
    Case(
        "according to documents posted by",
        "The recall covers 2014 models, according to documents posted by the National Highway Traffic Safety "
        "Administration.",
        (("recall covers", "the National Highway Traffic Safety Administration", None),),
    ),
    Case(
        "according to an agency's data, abbreviation inside",
        "Crossings hit a record in December, according to U.S. Customs and Border Protection data.",
        (("Crossings hit", "U.S. Customs and Border Protection", None),),
    ),
    Case(
        "a decade is not a source",
        "Evidence gathered since the 1980s indicates that the species is older.",
        (("Evidence gathered", None, ANY),),
    ),
    Case(
        "a definite common noun with an appositive",
        "The clinic, the only one in the state, had said it would close if the law took effect.",
        (("would close", "the clinic", None),),
    ),
    Case(
        "a place qualifying an organisation inside an appositive",
        "Mary Zeller, a law professor at the University of California, Davis, said the ruling was narrow.",
        (("ruling was narrow", "Mary Zeller", "law professor at the University of California"),),
    ),
    Case(
        "inverted with an abbreviated honorific and a relative clause",
        '"We have seen early results fade before," said Dr. Sarah Kell, an epidemiologist who was not involved.',
        (("early results", "Sarah Kell", "Dr."),),
    ),
    Case(
        "according to a measure is not a source",
        "Seats are allocated according to member state size.",
        (("Seats are allocated", None, ANY),),
    ),
    Case(
        "inverted cue followed by more words is not inverted",
        'Lena Ortiz, a historian at Yale, said the justices "have signaled they are willing to revisit it."',
        (("justices", "Lena Ortiz", "historian at Yale"),),
    ),
    Case(
        "any verb after a quote and its speaker",
        '"What a ride," commander Jasmin Moghbeli radioed shortly after reaching orbit.',
        (("What a ride", "Jasmin Moghbeli", "commander"),),
    ),
    Case(
        "role set off before a name gives the title",
        'Its general secretary, Daniel Kebede, called the offer an insult. "We will strike again," Kebede said.',
        (("called the offer", None, ANY), ("strike again", "Daniel Kebede", "general secretary")),
    ),
    Case(
        "a definite description refers back to a named organisation",
        "The National Education Union said most members backed the strike. Talks will resume, the union said.",
        (("Talks will resume", "the National Education Union", None),),
    ),
    Case(
        "a short quoted sentence inside a running quote",
        '"Behind every number is a person," Tim Mitchell said. "Many cannot work. Some are getting sicker."',
        (("Many cannot work", "Tim Mitchell", None), ("getting sicker", "Tim Mitchell", None)),
    ),
    # British style: single quotation marks, apostrophes left alone (UK politics, arts, sport).
    Case(
        "single quotes, cue after",
        "'We will respond in a proportionate way,' the defence secretary, John Healey, said on Tuesday.",
        (("proportionate way", "John Healey", "defence secretary"),),
    ),
    Case(
        "single quotes, cue before with a colon",
        "Home Secretary Yvette Cole told the BBC: 'There is no excuse for this kind of violence.'",
        (("no excuse", "Yvette Cole", "Home Secretary"),),
    ),
    Case(
        "curly single quotes split around the speaker",
        "‘It was the best night of my life,’ said the singer, Amy Kerr. ‘I didn’t want it to end.’",
        (("best night", "Amy Kerr", "singer"), ("want it to end", "Amy Kerr", ANY)),
    ),
    Case(
        "apostrophes are not quotation marks",
        "The festival\u2019s rock 'n' roll stage, a hit in the '90s, won't return, the council's officers said.",
        (("rock 'n' roll", "the council's officers", None),),
    ),
    Case(
        "a plural possessive inside a single-quoted quote does not close it",
        "'The players' union has been clear about this for a long time,' said Gordon Hale, the union's chief "
        "executive.",
        (("clear about this", "Gordon Hale", "union's chief executive"),),
    ),
    Case(
        "a scare-quoted headline word is no quote",
        "Prices are 'unsustainable', according to the Office for National Statistics.",
        (("unsustainable", "the Office for National Statistics", None),),
    ),
    # Compound sources keep the words as written.
    Case(
        "two countries deny",
        "Russia and North Korea have denied the reports. Moscow and Pyongyang said the claims were false.",
        (("denied the reports", "Russia and North Korea", None), ("claims were false", "Moscow and Pyongyang", None)),
    ),
    Case(
        "two titled people, then each alone",
        "President Joe Biden and Vice President Kamala Harris said the deal was historic. Harris added that talks "
        "would continue.",
        (
            ("deal was historic", "President Joe Biden and Vice President Kamala Harris", None),
            ("talks would continue", "Kamala Harris", "Vice President"),
        ),
    ),
    Case(
        "a bare-name compound gives pronouns no antecedent",
        "Galor and Zeira showed that inequality slows growth. He found that taxes matter too.",
        (("inequality slows", "Galor and Zeira", None), ("taxes matter", None, ANY)),
    ),
    # Business news.
    Case(
        "said on Tuesday, told Reuters, she said",
        "Northwind Corp said on Tuesday that profit would miss forecasts. Chief executive Maria Okafor told "
        'Reuters the company had been hit by shipping costs. "We did not see this coming," she said.',
        (
            ("miss forecasts", "Northwind Corp", None),
            ("shipping costs", "Maria Okafor", "Chief executive"),
            ("see this coming", "Maria Okafor", "Chief executive"),
        ),
    ),
    Case(
        "passive announced by, role then name",
        "The results were announced by the company's finance chief, David Lin, at a briefing in London.",
        (("results were announced", "David Lin", "company's finance chief"),),
    ),
    Case(
        "it was announced by",
        "It was announced by the ministry on Friday that the plant would close in 2026.",
        (("plant would close", "the ministry", None),),
    ),
    Case(
        "declined to comment, did not respond",
        "Acme Corp. declined to comment on the lawsuit. Its lawyers did not respond to emails.",
        (("declined to comment", "Acme Corp.", None), ("respond to emails", None, ANY)),
    ),
    # Courts, science, crime.
    Case(
        "a court rules, a judge writes",
        "A court in Delaware ruled on Monday that the merger could proceed. Judge Amy Chen wrote that the "
        "objections had no merit.",
        (("merger could proceed", "a court in Delaware", None), ("no merit", "Amy Chen", "Judge")),
    ),
    Case(
        "researchers found, she noted",
        'Scientists at the University of Oslo found that the glacier had shrunk by a third. "The speed is '
        'alarming," said lead author Ingrid Berg. She noted that the trend was accelerating.',
        (
            ("shrunk by a third", "Scientists at the University of Oslo", None),
            ("speed is alarming", "Ingrid Berg", "lead author"),
            ("trend was accelerating", "Ingrid Berg", "lead author"),
        ),
    ),
    Case(
        "denied with an object that is an action is no statement",
        "The court denied the appeal. Officials denied him entry at the border.",
        (("denied the appeal", None, ANY), ("denied him entry", None, ANY)),
    ),
    Case(
        "was asked if",
        'The mayor was asked whether she would resign. "Absolutely not," she said.',
        (("would resign", "the mayor", ANY), ("Absolutely not", "the mayor", ANY)),
    ),
    # Sport: he added / she noted resolve by gender to the last named speaker.
    Case(
        "he added and she noted pick the speaker of their gender",
        "Coach Tom Wells praised the fans after the match. Captain Sara Diaz, who scored twice, said the team had "
        "been written off. He added that the title race was open. She noted that the squad was young.",
        (
            ("written off", "Sara Diaz", "Captain"),
            ("title race was open", "Tom Wells", "Coach"),
            ("squad was young", "Sara Diaz", "Captain"),
        ),
    ),
    Case(
        "a quote running over paragraphs, then a new speaker",
        '"We have a plan, and we will carry it out in full," Hale said.\n\n"Nothing about this is easy.\n\n'
        '"But we will get there," he said.\n\n"That is wishful thinking," said union leader Mick Lynch.',
        (
            ("Nothing about this", "Hale", ANY),
            ("get there", "Hale", ANY),
            ("wishful thinking", "Mick Lynch", "union leader"),
        ),
    ),
    Case(
        "the company and the agency refer back to the organisation just named",
        "Northwind Corp said it would appeal the fine. The company said the ruling was flawed.\n\n"
        "The Federal Aviation Administration said it was investigating. The agency said no one was hurt.",
        (
            ("ruling was flawed", "Northwind Corp", None),
            ("no one was hurt", "the Federal Aviation Administration", None),
        ),
    ),
    Case(
        "the company never refers back to a country",
        "Germany said exports fell in May. The company said it would cut 500 jobs.",
        (("exports fell", "Germany", None), ("cut 500 jobs", "the company", None)),
    ),
    # US politics.
    Case(
        "a cue coordinated with another verb takes the clause's subject",
        'White House press secretary Karine Jean-Pierre called the vote "a step forward" but said more work was '
        "needed. In 2019, the company cut 300 jobs and said it would sell its plant.",
        (
            ("more work was needed", "Karine Jean-Pierre", "White House press secretary"),
            ("sell its plant", "the company", None),
        ),
    ),
    Case(
        "a coordinated verb that is no speech keeps the article voice",
        "Peter Hale translated the poem and added a preface to the second edition.",
        (("added a preface", None, ANY),),
    ),
    Case(
        "according to a poll released on a day",
        "According to a Gallup poll released Monday, 28% of Americans named immigration as the top problem.",
        (("28% of Americans", "Gallup", ANY),),
    ),
    Case(
        "party tag and a trailing day",
        "The plan is dead on arrival, Sen. James Lankford, R-Okla., said Tuesday.",
        (("dead on arrival", "James Lankford", "Sen."),),
    ),
    # UK politics, single quotes.
    Case(
        "a pronoun after a name in the same (unsplit) sentence",
        "Campaigner Patrick Green, whose son was killed in 2010, welcomed the move. 'It has taken far too long,' he "
        "said. 'But it is a start.'",
        (("taken far too long", "Patrick Green", "Campaigner"),),
    ),
    Case(
        "an MP is a title",
        'Conservative MP Robert Jenrick disagreed. He said the plan was "weak". Labour MPs said it was a start.',
        (
            ("disagreed", None, ANY),
            ("plan was", "Robert Jenrick", "Conservative MP"),
            ("it was a start", "Labour MPs", None),
        ),
    ),
    # Business wire style.
    Case(
        "it said in a statement, a trailing weak cue, called it 'shameful'",
        "Acme Corp will cut 500 jobs, it said in a statement. Shares fell 5%, Reuters reported.\n\n"
        'The union called the decision "shameful". It said it would ballot members.',
        (
            ("cut 500 jobs", "Acme Corp", None),
            ("Shares fell", "Reuters", None),
            ("shameful", "the union", None),
            ("ballot members", "the union", None),
        ),
    ),
    Case(
        "a news outlet is never 'the company'; 'so-called' is no cue",
        "Talks had collapsed, Bloomberg News reported. The company said its so-called 'rescue plan' was dead.",
        (("Talks had collapsed", "Bloomberg News", None), ("rescue plan", "the company", None)),
    ),
    # Feature writing: present tense, beliefs without "that".
    Case(
        "believes without that, set off by a relative clause",
        "Historian Dr. Paul Reyes, who has written two books on the coast, believes fewer than ten keepers are "
        "still alive. Industry sources believe the sale will go ahead.",
        (("fewer than ten", "Paul Reyes", "Historian Dr."), ("sale will go ahead", "Industry sources", None)),
    ),
    Case(
        "believing a person or in something is no statement",
        "The jury believed him. Anna Cole believes in second chances.",
        (("jury believed him", None, ANY), ("second chances", None, ANY)),
    ),
    # Round 2, written before the rules they test: who a person is, said before their name ("said fan Tom Hale"),
    # namesakes, press releases, wire and local styles.
    Case(
        "a lay description before the name of an inverted speaker",
        'The crowd stayed on its feet through the final minute. "It was the loudest I\'ve ever heard this place," '
        "said fan Tom Hale, who has held season tickets since 1998.",
        (("stayed on its feet", None, ANY), ("loudest", "Tom Hale", "fan")),
    ),
    Case(
        "an unlisted noun describes the name after it",
        '"Austerity in a downturn only deepens it," said Nobel laureate Amos Kerr. Kerr has long opposed cuts.',
        (("Austerity", "Amos Kerr", "Nobel laureate"), ("long opposed", None, ANY)),
    ),
    Case(
        "a hyphenated description, British quotes",
        "'We were told the bus would come every ten minutes,' said mum-of-two Leanne Birch, from Hove. "
        "'Some days it never came at all.'",
        (("ten minutes", "Leanne Birch", "mum-of-two"), ("never came", "Leanne Birch", "mum-of-two")),
    ),
    Case(
        "an age before the name is no title",
        '"I heard a bang and then the lights went out," said 34-year-old Ryan Doyle, who lives across the street.',
        (("heard a bang", "Ryan Doyle", None),),
    ),
    Case(
        "a description capitalised at the start of a sentence",
        "Shopper Ann Cole told the BBC she was worried about prices. Cole said her weekly bill had doubled.\n\n"
        "Retiree Bob Marsh, 71, said he had cut back on heating.",
        (
            ("worried about prices", "Ann Cole", "Shopper"),
            ("weekly bill", "Ann Cole", "Shopper"),
            ("cut back on heating", "Bob Marsh", "Retiree"),
        ),
    ),
    Case(
        "a capitalised -ist or -ician description before a first name no list knows",
        'Archaeologist Barney Sloane said the coins were buried around 250 AD. "It is a remarkable find," he said.'
        "\n\nVolcanologist Ikaika Kahale said the lava had slowed. Socialist Party leaders said they would vote no.",
        (
            ("coins were buried", "Barney Sloane", "Archaeologist"),
            ("remarkable find", "Barney Sloane", "Archaeologist"),
            ("lava had slowed", "Ikaika Kahale", "Volcanologist"),
            ("would vote no", "Socialist Party leaders", ANY),
        ),
    ),
    Case(
        "an indefinite appositive describes the speaker",
        'Tom Hale, a lifelong supporter, said the club had lost its way. "It breaks my heart," said Ann Cole, a '
        "season-ticket holder from Leeds.",
        (("lost its way", "Tom Hale", "lifelong supporter"), ("breaks my heart", "Ann Cole", ANY)),
    ),
    Case(
        "an age, then the appositive",
        '"I heard it from two blocks away," said Carla Diaz, 42, a nurse who lives nearby.',
        (("two blocks away", "Carla Diaz", "nurse"),),
    ),
    Case(
        "press release: a capitalised title after the name, the quote running on",
        "BOSTON, March 3, 2025 -- Brightline Systems today announced a partnership with Halden Health.\n\n"
        '"This partnership marks a milestone for our company," said Dana Whitfield, Chief Executive Officer at '
        'Brightline Systems. "Together we will reach more patients than ever."',
        (
            ("marks a milestone", "Dana Whitfield", "Chief Executive Officer at Brightline Systems"),
            ("reach more patients", "Dana Whitfield", ANY),
        ),
    ),
    Case(
        "wire style: a strategist's title without an article",
        '"The bond market is telling you something," said Karen Voss, chief fixed income strategist at Marlow '
        "Securities. Voss wrote in a note to clients that yields would keep rising.",
        (
            ("telling you something", "Karen Voss", "chief fixed income strategist at Marlow Securities"),
            ("yields would keep rising", "Karen Voss", ANY),
        ),
    ),
    Case(
        "namesakes in one sentence: the surname alone is left as written",
        "Tom Hardy, 45, and his wife, Mary Hardy, 43, lost their home in the fire. Hardy said the smoke alarm woke "
        "them at 3 a.m.",
        (("smoke alarm", "Hardy", None),),
    ),
    Case(
        "namesakes told apart by an honorific",
        "Firefighter Tom Hardy led the crew. Baker Mary Hardy watched from the street.\n\n"
        '"I was terrified," Ms. Hardy said.\n\n"We got everyone out," Mr. Hardy said.',
        (("terrified", "Mary Hardy", "Baker"), ("everyone out", "Tom Hardy", "Firefighter")),
    ),
    Case(
        "namesakes: the one named in full in this paragraph",
        "Firefighter Tom Hardy led the crew on Sunday. His sister, Mary Hardy, runs the bakery next door.\n\n"
        "Tom Hardy said the fire started in the kitchen. Hardy added that nobody was hurt.",
        (("fire started", "Tom Hardy", "Firefighter"), ("nobody was hurt", "Tom Hardy", "Firefighter")),
    ),
    Case(
        "namesakes: the one named in the previous paragraph, not the one introduced first",
        "Mary Hardy opened the bakery in 1990.\n\nThe street has changed a great deal since then.\n\n"
        'Her son, Tom Hardy, now runs the shop.\n\n"We are busier than ever," Hardy said.',
        (("busier than ever", "Tom Hardy", ANY),),
    ),
    Case(
        "namesakes told apart by the pronoun after the cue",
        "Tom Hardy is the club's coach. Mary Hardy is its captain.\n\nHardy said she was proud of the squad.",
        (("proud of the squad", "Mary Hardy", None),),
    ),
    Case(
        "namesakes both named in the previous paragraph: no guess",
        'Coach Tom Hardy praised the team. Striker Mary Hardy scored twice.\n\n"It was a great night," Hardy said.',
        (("great night", "Hardy", None),),
    ),
    Case(
        "a family name written first, shared by two people",
        "North Korean leader Kim Jong Un inspected a missile factory, state media said. His sister, Kim Yo Jong, "
        'issued a separate warning.\n\nKim said the drills were "a rehearsal for invasion," according to KCNA.',
        (("missile factory", "state media", None), ("rehearsal for invasion", "Kim", None)),
    ),
    Case(
        "an abbreviated title, then the role in full",
        "Sen. Laura Whitman, R-Ohio, voted against the bill. The senator said it would raise costs.\n\n"
        'Gov. Dan Ortiz signed the order anyway. "We had no choice," the governor said.',
        (("raise costs", "Laura Whitman", "Sen."), ("no choice", "Dan Ortiz", "Gov.")),
    ),
    Case(
        "a party as the description",
        "Democrat Ana Flores, who represents the district, said the count was flawed. The Democrat said she would "
        "appeal.",
        (("count was flawed", "Ana Flores", "Democrat"), ("would appeal", "Ana Flores", "Democrat")),
    ),
    Case(
        "one of a crowd, named",
        "One fan, Tom Hale, said the tickets had sold out in minutes. Said another supporter: 'It is a scandal.'",
        (("sold out", "Tom Hale", "fan"), ("scandal", "another supporter", None)),
    ),
    Case(
        "a name followed by a home town",
        "Mike Doyle of Leeds said the trains were always late. Doyle has commuted for 20 years.",
        (("always late", "Mike Doyle", None), ("commuted", None, ANY)),
    ),
    Case(
        "an unnamed agency spokesperson with an acronym-like department",
        "A State Department spokesperson, speaking on condition of anonymity, said the embassy remained open.",
        (("embassy remained open", "a State Department spokesperson", None),),
    ),
    Case(
        "initials are not an acronym",
        'Sen. J.D. Vance said the plan was "dead on arrival." Vance later voted for it.',
        (("dead on arrival", "J.D. Vance", "Sen."),),
    ),
    Case(
        "a generational suffix and the surname",
        '"We are thrilled," said Martin Luther King III. King said the march would go ahead.',
        (("thrilled", "Martin Luther King III", None), ("march would go ahead", "Martin Luther King III", None)),
    ),
    Case(
        "a short capitalised name word is not an acronym",
        "North Korean leader Kim Jong Un said the tests would continue.",
        (("tests would continue", "Kim Jong Un", "North Korean leader"),),
    ),
    Case(
        "a curly apostrophe in a surname",
        "Conor O'Brien said the club would fight on. \u201cWe owe it to the fans,\u201d O\u2019Brien said.",
        (("owe it to the fans", "Conor O'Brien", None),),
    ),
    Case(
        "BBC style: leading participle, honorific without a stop",
        "Speaking to BBC Radio 4's Today programme, Health Secretary Tom Adeyemi said waiting lists would fall. "
        "Mr Adeyemi added that strikes had cost the NHS \u00a31bn.",
        (("waiting lists", "Tom Adeyemi", "Health Secretary"), ("strikes had cost", "Tom Adeyemi", ANY)),
    ),
    Case(
        "Reuters style: anonymous sources and people familiar",
        'The company is weighing a sale of its cloud unit, according to two people familiar with the matter. "We '
        'are looking at all options," a senior executive told Reuters on condition of anonymity.',
        (
            ("weighing a sale", "two people familiar with the matter", None),
            ("all options", "a senior executive", None),
        ),
    ),
    Case(
        "local news: a pronoun after a set-off lawyer, her client",
        'Fields\' lawyer, Maria Santos, said her client would plead not guilty. "He is innocent," Santos said. '
        "She told the Courier that the police had the wrong man.",
        (
            ("plead not guilty", "Maria Santos", "Fields' lawyer"),
            ("He is innocent", "Maria Santos", ANY),
            ("wrong man", "Maria Santos", ANY),
        ),
    ),
    Case(
        "sport: a role, a name, then an age description",
        'Striker Leo Marsh scored twice. "The lads were brilliant," the 29-year-old told reporters.\n\n'
        "Marsh added: 'We go again on Saturday.'",
        (("scored twice", None, ANY), ("lads were brilliant", "Leo Marsh", "Striker"), ("go again", "Leo Marsh", ANY)),
    ),
    Case(
        "a role set off before the name of a quote's speaker",
        '"We will appeal," the company\'s general counsel, Ruth Bader, said in a statement.',
        (("We will appeal", "Ruth Bader", "company's general counsel"),),
    ),
    Case(
        "an appositive that ends in an organisation is no source",
        "Judge Ann Smith, the first woman to lead the agency, said the budget was too small.",
        (("budget was too small", "Ann Smith", "Judge"),),
    ),
    Case(
        "any past-tense verb between a quote and the speaker after it",
        '"It\'s unacceptable," fumed Mayor Tom Reilly. "Get out!" shouted the crowd outside.',
        (("unacceptable", "Tom Reilly", "Mayor"), ("Get out", None, ANY)),
    ),
    Case(
        "a common first name makes a bare name a person for pronouns",
        'Jane Moss, who chairs the finance committee, questioned the figures. "Where is the money?" she asked.',
        (("questioned the figures", None, ANY), ("Where is the money", "Jane Moss", None)),
    ),
    Case(
        "a participial phrase set off after the subject is not the source",
        "The report, published Monday by the Institute for Fiscal Studies, warned that taxes would have to rise.",
        (("taxes would have to rise", "the report", None),),
    ),
    Case(
        "a family speaks as a group",
        '"Our hearts go out to everyone who helped," the Smith family said in a statement.',
        (("hearts go out", "the Smith family", None),),
    ),
    Case(
        "a role set off before the name, the name not a common one",
        "The head of the International Monetary Fund, Kristalina Georgieva, said growth would slow.",
        (("growth would slow", "Kristalina Georgieva", "head of the International Monetary Fund"),),
    ),
    Case(
        "an inverted speaker whose appositive ends the sentence",
        '"It\'s a difficult decision," said Sarah Cole, the mayor. The mayor said the plan would save money.',
        (("difficult decision", "Sarah Cole", "mayor"), ("save money", "Sarah Cole", "mayor")),
    ),
    Case(
        "a capitalised office after a name",
        '"Everyone\'s in shock," said Andy Burnham, the Mayor of Greater Manchester.',
        (("in shock", "Andy Burnham", "Mayor of Greater Manchester"),),
    ),
    Case(
        "a role word as a surname, with an appositive",
        'Mary Judge, a teacher, said the school was closing. "We will appeal," said Mary Judge.',
        (("school was closing", "Mary Judge", "teacher"), ("We will appeal", "Mary Judge", "teacher")),
    ),
    Case(
        "a title with 'to'",
        'Former U.S. Ambassador to Russia Michael McFaul wrote on X that the move was "desperate."',
        (("desperate", "Michael McFaul", "Former U.S. Ambassador to Russia"),),
    ),
    Case(
        "a role beside the name replaces a courtesy title",
        "Ms Rayner, the deputy prime minister, told the BBC that the target was achievable. 'It is within "
        "reach,' added Ms Rayner.",
        (("achievable", "Rayner", "deputy prime minister"), ("within reach", "Rayner", "deputy prime minister")),
    ),
    # Round 3, labelled before the code was run on them (28 of 31 speakers right then, 24 of 31 with the code of
    # before round 2); the one label changed since is marked.
    Case(
        "according to the utility, then its spokesman",
        'The storm knocked out power to 40,000 customers, according to the utility. "Crews will work around the '
        'clock," utility spokesman Dave Kerns said.',
        (("knocked out power", "the utility", None), ("around the clock", "Dave Kerns", "utility spokesman")),
    ),
    Case(
        "told a news conference",
        '"We see no reason to change course," European Central Bank President Christine Lagarde told a news '
        "conference in Frankfurt.",
        (("change course", "Christine Lagarde", "European Central Bank President"),),
    ),
    Case(
        "a spokesperson for a department, colon and single quotes",
        "A spokesperson for the Department for Education said: 'We are working to recruit more teachers.'",
        (("recruit more teachers", "a spokesperson for the Department for Education", None),),
    ),
    Case(
        "neighbours: an age appositive, a role set off before the name",
        'Linda Park, 63, has lived on Elm Street for 30 years. "The traffic is unbearable," Park said. Her '
        'neighbour, Tom Ruiz, agreed. "Something has to change," he said.',
        (("traffic is unbearable", "Linda Park", None), ("Something has to change", "Tom Ruiz", "neighbour")),
    ),
    Case(
        "admitted, inverted, a club before the role",
        '"We were second best," admitted Rangers manager Philippe Clement.',
        (("second best", "Philippe Clement", "Rangers manager"),),
    ),
    Case(
        "press release: two roles joined by 'and'",
        '"We\'re excited to bring this technology to market," said Priya Raman, co-founder and CEO of Nimbus Labs.',
        (("excited to bring", "Priya Raman", "co-founder and CEO of Nimbus Labs"),),
    ),
    Case(
        "a cue inside an 'after' clause leaves the main clause to the article (label changed from 'the company')",
        "Shares of Orion Foods rose 8% after the company said quarterly profit beat expectations.",
        (("quarterly profit", None, ANY),),
    ),
    Case(
        "a judge wrote in a ruling",
        'U.S. District Judge Amy Berman wrote in her ruling that the policy was "arbitrary and capricious."',
        (("arbitrary", "Amy Berman", "U.S. District Judge"),),
    ),
    Case(
        "a defendant who did not speak, his attorney who did",
        "The defendant, 34-year-old Kyle Mercer, did not speak during the hearing. His attorney, Lisa Monroe, said "
        "Mercer would plead not guilty.",
        (("did not speak", None, ANY), ("plead not guilty", "Lisa Monroe", "attorney")),
    ),
    Case(
        "namesakes: the one who spoke in the previous paragraph",
        "Brothers Sam Ortiz and Luis Ortiz founded the bakery in 2001. Luis Ortiz said business had never been "
        'better.\n\n"We work seven days a week," Ortiz said.',
        (("never been better", "Luis Ortiz", None), ("seven days", "Luis Ortiz", None)),
    ),
    Case(
        "the chief refers back to a police chief",
        'Police Chief Maria Gonzalez told reporters Friday that two officers were injured. "They are in stable '
        'condition," the chief said.',
        (("two officers", "Maria Gonzalez", "Police Chief"), ("stable condition", "Maria Gonzalez", "Police Chief")),
    ),
    Case(
        "says, an age before the name",
        '"I never thought I\'d see this day," says 82-year-old Walter Briggs, who served in Korea.',
        (("see this day", "Walter Briggs", None),),
    ),
    Case(
        "a party leader with a knighthood",
        'Labour leader Sir Keir Starmer said the result was "a disaster for the government".',
        (("disaster", "Keir Starmer", "Labour leader Sir"),),
    ),
    Case(
        "officials in a place",
        "Health officials in Ontario said 12 new cases were confirmed.",
        (("12 new cases", "Health officials in Ontario", None),),
    ),
    Case(
        "the ministry did not say",
        "The Interior Ministry said 40 people were detained. The ministry did not say where they were held.",
        (("40 people", "the Interior Ministry", None), ("where they were held", "the Interior Ministry", None)),
    ),
    Case(
        "one unnamed witness",
        '"It was chaos," said one witness, who asked not to be named.',
        (("chaos", "one witness", None),),
    ),
    Case(
        "according to a named centre",
        "According to the National Hurricane Center, the storm could strengthen overnight.",
        (("strengthen overnight", "the National Hurricane Center", None),),
    ),
    Case(
        "a letter to staff, then the surname told a newspaper",
        'In a letter to staff, chief executive Mark Oduya said the cuts were "painful but necessary".\n\n'
        "Oduya told the Financial Times last month that he expected a recovery by 2026.",
        (("painful but necessary", "Mark Oduya", "chief executive"), ("recovery by 2026", "Mark Oduya", ANY)),
    ),
    Case(
        "a first name only, with a role",
        '"We have been here before," said Ahmed, a taxi driver who gave only his first name.',
        (("been here before", "Ahmed", "taxi driver"),),
    ),
    Case(
        "the Kremlin said, then told",
        "The two leaders spoke by phone on Tuesday, the Kremlin said. Putin told Trump that Russia was open to talks.",
        (("spoke by phone", "the Kremlin", None), ("open to talks", "Putin", None)),
    ),
    Case(
        "an age, a role with a town, a relative clause",
        '"It\'s a bit of a nightmare," said Jo Bell, 29, a nurse from Leeds, who commutes by train.',
        (("nightmare", "Jo Bell", "nurse from Leeds"),),
    ),
    Case(
        "a courtesy title, a relative clause, a colon",
        'Mrs Ellis, whose son was injured, said: "Nobody has apologised."',
        (("Nobody has apologised", "Ellis", "Mrs"),),
    ),
    Case(
        "a group with an 'including' aside",
        "Supporters of the plan, including the mayor, said it would create jobs.",
        (("create jobs", "Supporters of the plan", None),),
    ),
    # Round 4, labelled before the code was run on them: 28 of 30 right then (26 of 30 speakers, 24 with titles,
    # with the code of before round 2); the last two fixes came after.
    Case(
        "NYT style: a governor, then Ms. with an appositive party",
        "Gov. Kathy Hochul of New York said on Monday that the state would sue. Ms. Hochul, a Democrat, said the "
        'rule was "unconscionable."',
        (("state would sue", "Kathy Hochul", "Gov."), ("unconscionable", "Kathy Hochul", "Gov.")),
    ),
    Case(
        "NYT style: Mr. on second reference declines to comment",
        "Mayor Eric Adams announced the plan in April. Mr. Adams, who is running for re-election, declined to comment.",
        (("announced the plan", None, ANY), ("declined to comment", "Eric Adams", "Mayor")),
    ),
    Case(
        "Guardian style: a party leader's title ends the sentence",
        '"This is a scandal," said Ed Davey, the Liberal Democrat leader. "The government has lost control."',
        (("scandal", "Ed Davey", "Liberal Democrat leader"), ("lost control", "Ed Davey", "Liberal Democrat leader")),
    ),
    Case(
        "a study found, then its lead author",
        "The study, published in the journal Nature, found that ocean temperatures had risen faster than expected. "
        '"We were surprised by the speed," said lead author Dr. Hannah Cole of the University of Exeter.',
        (("ocean temperatures", "the study", None), ("surprised by the speed", "Hannah Cole", "lead author Dr.")),
    ),
    Case(
        "asked about, a surname, a colon",
        'Asked about his future, Guardiola said: "I have a contract."',
        (("I have a contract", "Guardiola", None),),
    ),
    Case(
        "wire style: a market fact, then an analyst",
        'Brent crude futures rose 1.2% to $82.40 a barrel. "The market is tight," said Phil Flynn, senior market '
        "analyst at Price Futures Group.",
        (("Brent crude", None, ANY), ("market is tight", "Phil Flynn", "senior market analyst at Price Futures Group")),
    ),
    Case(
        "an office speaks in an email",
        "The mayor's office said in an email that the shelter would open Friday.",
        (("shelter would open", "the mayor's office", None),),
    ),
    Case(
        "witnesses told local media",
        "Witnesses told local media that they heard several explosions.",
        (("several explosions", "Witnesses", None),),
    ),
    Case(
        "an age description refers back to a bare full name just given",
        'Sifan Hassan finished fourth. "We are not giving up," the 24-year-old said after the race. Hassan said her '
        "training had been disrupted.",
        (("not giving up", "Sifan Hassan", None), ("training had been disrupted", "Sifan Hassan", None)),
    ),
    Case(
        "namesakes paragraphs apart: the one named and speaking last",
        "Janet Smith, a teacher, said class sizes had grown.\n\nThe district has hired 40 new staff this year.\n\n"
        'Superintendent Mark Smith said the budget was tight.\n\n"We are doing what we can," Smith said.',
        (
            ("class sizes", "Janet Smith", "teacher"),
            ("budget was tight", "Mark Smith", "Superintendent"),
            ("doing what we can", "Mark Smith", "Superintendent"),
        ),
    ),
    Case(
        "a spokesman who did not respond",
        "A spokesman for Mr. Johnson did not respond to a request for comment.",
        (("did not respond", None, ANY),),
    ),
    Case(
        "the company, in a statement to an outlet",
        '"We have done nothing wrong," the company said in a statement to CNBC.',
        (("done nothing wrong", "the company", None),),
    ),
    Case(
        "a trailing 'told reporters' after the statement",
        "It is unclear how many people were inside, Fire Chief Dan Wu told reporters.",
        (("how many people", "Dan Wu", "Fire Chief"),),
    ),
    Case(
        "a role with 'from' set off before the name",
        "The senator from Ohio, Rob Portman, told NPR he would not run again.",
        (("not run again", "Rob Portman", "senator from Ohio"),),
    ),
    Case(
        "tweeted, inverted",
        '"Our thoughts are with the families," tweeted Prime Minister Mark Carney.',
        (("thoughts are with", "Mark Carney", "Prime Minister"),),
    ),
    Case(
        "a news agency could not verify",
        "The Associated Press could not independently verify the claims.",
        (("verify the claims", "the Associated Press", None),),
    ),
    Case(
        "neither ... nor responded is no statement",
        "Neither the White House nor the Pentagon responded to requests for comment.",
        (("requests for comment", None, ANY),),
    ),
    Case(
        "an unnamed person described by age",
        "The 35-year-old mother of three, who asked that her last name not be used, said she was evicted in May.",
        (("evicted in May", "the 35-year-old mother of three", None),),
    ),
    Case(
        "Dr. keeps the title beside a dean appositive",
        "Dr. Ashish Jha, dean of the Brown University School of Public Health, said the numbers were worrying. Jha "
        "added that vaccination rates had stalled.",
        (("numbers were worrying", "Ashish Jha", "Dr."), ("rates had stalled", "Ashish Jha", "Dr.")),
    ),
    Case(
        "press release: a dateline, the boilerplate, then the founder",
        "SAN DIEGO, April 2, 2025 -- Kelp Robotics, a maker of underwater drones, today announced a $40 million "
        'funding round. "This investment lets us scale," said Omar Reyes, founder and chief executive of Kelp '
        "Robotics.",
        (("funding round", None, ANY), ("lets us scale", "Omar Reyes", "founder and chief executive of Kelp Robotics")),
    ),
    Case(
        "namesakes told apart by a title only one holds",
        "Coach Tom Hardy praised the team. Striker Mary Hardy scored twice.\n\n"
        '"It was a great night," Coach Hardy said.\n\nDr. Ann Cole and her husband, Tom Cole, run the clinic.\n\n'
        "Dr. Cole said the clinic would stay open.",
        (("great night", "Tom Hardy", "Coach"), ("stay open", "Ann Cole", "Dr.")),
    ),
    # A name inside a longer noun phrase before the cue is not the subject (both the old and the new rules once took
    # it); a relative clause after a group leaves the group as the source.
    Case(
        "a name that is the object inside the subject",
        "The decision to sack manager Tom Hale said a lot about the club. Messages to Hamas leader Ismail Haniyeh "
        "said the offer was final.",
        (("sack manager", None, ANY), ("offer was final", None, ANY)),
    ),
    Case(
        "a group with a relative clause holding a name",
        "Voters who backed candidate Ann Cole said the economy mattered most. Residents whose homes were flooded said "
        "they had received no help.",
        (("economy mattered", "Voters", None), ("no help", "Residents", None)),
    ),
    Case(
        "a group 'of' a described name",
        "Friends of murdered teacher Ann Maguire said she was loved by all.",
        (("loved by all", "Friends of murdered teacher Ann Maguire", None),),
    ),
    Case(
        "a subject after 'as' inside the clause",
        "Hundreds of people watched as Olympic champion Kelly Holmes said she was retiring.",
        (("retiring", "Kelly Holmes", "Olympic champion"),),
    ),
    # Round 5: two whole invented articles, labelled before the code was run on them (local news 16/16; a
    # football club 8/13 then, 10/13 after two fixes: a role written right before a name that is the only
    # capitalised run, and "declined to name"). Left out as known limits: "the former Wales international said"
    # (a description never attached to the name) and "accounts ... showed losses" (data, no "that").
    Case(
        "a whole local news article: agency, pensioner, namesakes by paragraph, mayor, expert, government",
        (
            "Residents of the riverside town of Kelby were told to leave their homes on Sunday as floodwater "
            "breached a defence wall.\n\n"
            "The Environment Agency issued a severe flood warning, its highest level, for the lower town at 6 "
            "a.m. Agency spokeswoman Claire Dunmore said the river had risen 1.2 metres overnight.\n\n"
            '"We are asking people to go now, not in an hour," she said. "The water is moving faster than our '
            'models predicted."\n\n'
            'Pensioner Harold Kemp, 84, refused to leave. "I was born in this house and I\'ll die in it," he told '
            "reporters from an upstairs window.\n\n"
            "His daughter, Susan Kemp, said she had begged him to go. Kemp, a nurse at the district hospital, "
            "said the family would stay nearby.\n\n"
            "The town's mayor, Anil Shah, said 300 people had spent the night in the leisure centre. Shah called "
            'the response "magnificent".\n\n'
            "According to the Met Office, another 40mm of rain could fall by Tuesday.\n\n"
            '"This is exactly what we warned about," said Dr. Fiona Gale, a hydrologist at Leeds University. Gale'
            " said funding for defences had fallen in real terms for a decade.\n\n"
            "The government said £5 million in emergency funding would be released. A Treasury spokesperson "
            "declined to say when."
        ),
        (
            ("were told to leave", None, ANY),
            ("severe flood warning", None, ANY),
            ("risen 1.2 metres", "Claire Dunmore", "Agency spokeswoman"),
            ("not in an hour", "Claire Dunmore", "Agency spokeswoman"),
            ("faster than our models", "Claire Dunmore", "Agency spokeswoman"),
            ("refused to leave", None, ANY),
            ("born in this house", "Harold Kemp", "Pensioner"),
            ("begged him to go", "Susan Kemp", "daughter"),
            ("stay nearby", "Susan Kemp", ANY),
            ("300 people", "Anil Shah", "town's mayor"),
            ("magnificent", "Anil Shah", ANY),
            ("40mm of rain", "the Met Office", None),
            ("exactly what we warned", "Fiona Gale", "Dr."),
            ("funding for defences", "Fiona Gale", "Dr."),
            ("£5 million", "the government", None),
            ("declined to say", "a Treasury spokesperson", None),
        ),
    ),
    Case(
        "a whole football article: father and son share a surname",
        (
            "Northfield Town's owner has put the club up for sale, ending a decade of family control.\n\n"
            "In a statement on the club's website, chairman Gary Whitlock said it was \"time for new energy and "
            'new money". Whitlock, 67, bought the club in 2014.\n\n'
            "His son, Ryan Whitlock, the club's chief executive, will stay on until a buyer is found. 'Dad has "
            "given everything to this club,' Ryan Whitlock told BBC Radio Northfield. 'Nobody should doubt that.'"
            "\n\n"
            'Supporters\' trust chair Mo Ahmed welcomed the news. "Fans want a say in what happens next," he said.'
            "\n\n"
            "The elder Whitlock said two parties had already shown interest. Whitlock declined to name them.\n\n"
            'Manager Lisa Trent said the sale would not distract her players. "We have a promotion to chase," the'
            " former Wales international said.\n\n"
            "The club's accounts, published in March, showed losses of £4.2m."
        ),
        (
            ("put the club up for sale", None, ANY),
            ("new energy", "Gary Whitlock", "chairman"),
            ("bought the club in 2014", None, ANY),
            ("will stay on", None, ANY),
            ("given everything", "Ryan Whitlock", ANY),
            ("Nobody should doubt", "Ryan Whitlock", ANY),
            ("welcomed the news", None, ANY),
            ("Fans want a say", "Mo Ahmed", "Supporters' trust chair"),
            # A reader knows the elder is the father; the rules see two Whitlocks named in earlier paragraphs.
            ("two parties", "Whitlock", "elder"),
            ("declined to name", "Whitlock", None),
            ("not distract", "Lisa Trent", "Manager"),
        ),
    ),
    # Round 6, labelled before the code was run on them (three labels' "The" lowered to the convention): 26 of 29
    # right then, 25 with the code of before this work; 29 after: a document's author ("A statement from the family
    # said", "a White House readout") and a description that fits nobody's title ("the Arsenal manager added") going
    # to the paragraph's only untitled speaker.
    Case(
        "earnings call",
        'Revenue rose 12% to $4.1 billion in the quarter. "Demand for our chips has never been stronger," '
        "Chief Financial Officer Laura Chen said on a call with analysts.",
        (
            ("Revenue rose", None, ANY),
            ("never been stronger", "Laura Chen", "Chief Financial Officer"),
        ),
    ),
    Case(
        "readout",
        "According to a White House readout, the two presidents agreed to keep talking.",
        (("agreed to keep talking", "White House", None),),
    ),
    Case(
        "lawyer in an email",
        "Grant's lawyer, Michael Ortiz, said in an email that his client denied all the charges.",
        (("denied all the charges", "Michael Ortiz", "Grant's lawyer"),),
    ),
    Case(
        "video facebook",
        "Mayor Helen Dorsey said in a video posted to Facebook that the boil-water notice would be lifted on Friday.",
        (("boil-water notice", "Helen Dorsey", "Mayor"),),
    ),
    Case(
        "prosecutor's office",
        "The Manhattan district attorney's office said the investigation was continuing.",
        (("investigation was continuing", "the Manhattan district attorney's office", None),),
    ),
    Case(
        "family statement",
        'A statement from the family said: "He was a loving father and a proud soldier."',
        (("loving father", "the family", None),),
    ),
    Case(
        "nhs trust",
        "The NHS trust said it had apologised to the patient's family.",
        (("apologised", "the NHS trust", None),),
    ),
    Case(
        "speaking to the guardian",
        "Speaking to the Guardian, the education secretary, Bridget Phillipson, said schools would get extra funding.",
        (("extra funding", "Bridget Phillipson", "education secretary"),),
    ),
    Case(
        "instagram",
        '"Thank you for all the love," the singer wrote on Instagram. Adele, 36, has not performed since August.',
        (
            ("all the love", "the singer", None),
            ("not performed", None, ANY),
        ),
    ),
    Case(
        "obituary",
        "His wife, Margaret, said he died peacefully at home. He was 91.",
        (
            ("died peacefully", "Margaret", "wife"),
            ("He was 91", None, ANY),
        ),
    ),
    Case(
        "council",
        'Councillor Priya Sharma, who chairs the planning committee, said the application had been "carefully'
        ' considered". The council said it would publish its decision next week.',
        (
            ("carefully considered", "Priya Sharma", "Councillor"),
            ("publish its decision", "the council", None),
        ),
    ),
    Case(
        "science release",
        '"This could change how we treat the disease," said study co-author Professor James Okoro of Imperial'
        " College London.",
        (("change how we treat", "James Okoro", "study co-author Professor"),),
    ),
    Case(
        "court documents",
        "According to court documents, the suspect bought the gun two days before the attack.",
        (("bought the gun", "court documents", None),),
    ),
    Case(
        "post match",
        '"We were poor in the first half," Arteta told Sky Sports. "We have to be better." The Arsenal '
        "manager added that Saka was fit.",
        (
            ("poor in the first half", "Arteta", "Arsenal manager"),
            ("We have to be better", "Arteta", "Arsenal manager"),
            ("Saka was fit", "Arteta", ANY),
        ),
    ),
    Case(
        "spokesperson for",
        "A spokesperson for the Home Office said: 'We do not comment on individual cases.'",
        (("individual cases", "a spokesperson for the Home Office", None),),
    ),
    Case(
        "interview with",
        "In an interview with CBS News, Senator Maria Cantu said she would vote against the bill.",
        (("vote against the bill", "Maria Cantu", "Senator"),),
    ),
    Case(
        "weather",
        "The National Weather Service warned that temperatures could fall below freezing. Forecasters said "
        "snow was likely in the mountains.",
        (
            ("below freezing", "the National Weather Service", None),
            ("snow was likely", "Forecasters", None),
        ),
    ),
    Case(
        "union boss",
        "Unite general secretary Sharon Graham said the offer was an insult. Graham said members would strike.",
        (
            ("an insult", "Sharon Graham", "Unite general secretary"),
            ("would strike", "Sharon Graham", "Unite general secretary"),
        ),
    ),
    Case(
        "two quotes two speakers",
        '"It is too early to say," said Dr. Rita Patel. "We need more data," added her colleague, Dr. Sam Osei.',
        (
            ("too early to say", "Rita Patel", "Dr."),
            ("need more data", "Sam Osei", ANY),
        ),
    ),
    Case(
        "mentioned not speaking",
        "The bill, sponsored by Rep. Tom Lee, passed 220-210. House Speaker Mike Johnson called the vote a victory.",
        (("passed 220-210", None, ANY),),
    ),
    # Round 7: two whole articles labelled before the run, 19/22 right then (the code of before this work too);
    # 21/22 after "KC" became a name suffix. Left as a limit: "..., Southwark Crown Court heard." ("heard" would
    # also make "parliament heard a claim that ..." parliament's), labelled here as the article's.
    Case(
        "a whole court report: prosecutor KC, barrister, judge, a police statement",
        (
            "A former police officer has been jailed for six years for taking bribes from a drug gang.\n\n"
            "Daniel Price, 45, accepted more than £80,000 in cash over three years, Southwark Crown Court heard."
            "\n\n"
            'Prosecutor Helen Marsh KC told the jury that Price had passed on details of raids. "He sold the '
            'trust placed in him," she said.\n\n'
            "Price's barrister, Jonathan Reed, said his client had been threatened by the gang. Reed said Price "
            'had "lived in fear" for his family.\n\n'
            'Sentencing him, Judge Andrew Cole said the offences were "a grave betrayal". The judge added: "You '
            'knew exactly what you were doing."\n\n'
            "Price showed no emotion as the sentence was read.\n\n"
            'In a statement, Detective Superintendent Mark Evans said the force would "root out" corruption. '
            '"This case shows no one is above the law," he said.\n\n'
            "The Independent Office for Police Conduct said it had referred two other officers to prosecutors."
        ),
        (
            ("jailed for six years", None, ANY),
            ("accepted more than", None, ANY),
            ("passed on details", "Helen Marsh KC", "Prosecutor"),
            ("sold the trust", "Helen Marsh KC", "Prosecutor"),
            ("threatened by the gang", "Jonathan Reed", "Price's barrister"),
            ("lived in fear", "Jonathan Reed", "Price's barrister"),
            ("grave betrayal", "Andrew Cole", "Judge"),
            ("exactly what you were doing", "Andrew Cole", "Judge"),
            ("showed no emotion", None, ANY),
            ("root out", "Mark Evans", "Detective Superintendent"),
            ("no one is above the law", "Mark Evans", "Detective Superintendent"),
            ("referred two other officers", "the Independent Office for Police Conduct", None),
        ),
    ),
    Case(
        "a whole business story: a chief executive, an analyst, a company that declined",
        (
            "Shares in Halden Motors fell 9% on Thursday after the carmaker cut its profit forecast.\n\n"
            "The company blamed weak demand in China and the cost of new tariffs. Chief executive Ingrid Solberg "
            'said the next two quarters would be "challenging".\n\n'
            '"We are not where we want to be," Solberg told analysts. "But the plan is working."\n\n'
            'Analysts were unconvinced. "The guidance cut is bigger than anyone expected," said Tom Brandt, an '
            "analyst at Kepler Cheuvreux.\n\n"
            "Brandt said the company might need to raise capital. Halden declined to comment on that.\n\n"
            "The carmaker employs 42,000 people worldwide."
        ),
        (
            ("fell 9%", None, ANY),
            ("blamed weak demand", None, ANY),
            ("challenging", "Ingrid Solberg", "Chief executive"),
            ("not where we want to be", "Ingrid Solberg", "Chief executive"),
            ("plan is working", "Ingrid Solberg", "Chief executive"),
            ("were unconvinced", None, ANY),
            ("guidance cut", "Tom Brandt", "analyst at Kepler Cheuvreux"),
            ("raise capital", "Tom Brandt", "analyst at Kepler Cheuvreux"),
            ("declined to comment", "Halden", None),
            ("employs 42,000", None, ANY),
        ),
    ),
    # Round 8, labelled before the run: 13 of 23 right then (15 with "The" lowered to the convention), as with the
    # code of before this work. Fixed after: people familiar with X, a possessive outlet before a name, a plural
    # title before names, "urged X to", hyphenated roles (director-general), a relative clause after an inverted
    # source. Left out as a limit: "Economists polled by Reuters had expected growth" ("expected" is no cue).
    Case(
        "a chief executive wrote in a blog post",
        "In a blog post on Tuesday, OpenAI chief executive Sam Altman wrote that the company would release "
        'the model "in the coming weeks".',
        (("coming weeks", "Sam Altman", "OpenAI chief executive"),),
    ),
    Case(
        "an agency said, then its director-general urged",
        "The World Health Organization said the outbreak was not yet a global emergency. Its director-"
        "general, Tedros Adhanom Ghebreyesus, urged countries to share data.",
        (
            ("global emergency", "the World Health Organization", None),
            ("share data", "Tedros Adhanom Ghebreyesus", "director-general"),
        ),
    ),
    Case(
        "an outlet's possessive before its reporter's name",
        "Reporting from Gaza City, Al Jazeera's Hani Mahmoud said the strikes had hit a school. \"People are "
        'sheltering wherever they can," he said.',
        (
            ("hit a school", "Hani Mahmoud", ANY),
            ("sheltering wherever", "Hani Mahmoud", ANY),
        ),
    ),
    Case(
        "denied a report, then he said",
        "Defence Minister Richard Marles denied the report. He said Australia had not been asked to send troops.",
        (
            ("denied the report", "Richard Marles", "Defence Minister"),
            ("not been asked", "Richard Marles", "Defence Minister"),
        ),
    ),
    Case(
        "the authors of a study",
        'The authors of the study, published in The Lancet, said their findings "should worry policymakers".',
        (("should worry", "the authors of the study", None),),
    ),
    Case(
        "an unnamed witness described by a relative clause",
        '"The whole building shook," said a woman who lives on the third floor. She declined to give her name.',
        (
            ("building shook", "a woman", None),
            ("declined to give her name", None, ANY),
        ),
    ),
    Case(
        "said of, then a player's surname",
        '"He was outstanding," coach Andy Reid said of his quarterback. Mahomes, who threw for 320 yards, '
        'said the team "never panicked."',
        (
            ("outstanding", "Andy Reid", "coach"),
            ("never panicked", "Mahomes", None),
        ),
    ),
    Case(
        "a party leader, then Mrs",
        'Conservative leader Kemi Badenoch said the budget was a "tax raid". Mrs Badenoch told the Commons '
        "that growth would suffer.",
        (
            ("tax raid", "Kemi Badenoch", "Conservative leader"),
            ("growth would suffer", "Kemi Badenoch", "Conservative leader"),
        ),
    ),
    Case(
        "a British police rank without stops, colon and single quotes",
        "Officers are appealing for witnesses. Det Insp Sarah Cole said: 'Somebody knows who did this.'",
        (
            ("appealing for witnesses", None, ANY),
            ("Somebody knows", "Sarah Cole", "Det Insp"),
        ),
    ),
    Case(
        "a mother set off before her name, then she",
        'The boy\'s mother, Lisa Hart, said he had been bullied for months. "The school did nothing," she said.',
        (
            ("bullied for months", "Lisa Hart", "boy's mother"),
            ("school did nothing", "Lisa Hart", "boy's mother"),
        ),
    ),
    Case(
        "according to people familiar with the discussions",
        "The merger talks have stalled over price, according to people familiar with the discussions, who "
        "asked not to be identified.",
        (("stalled over price", "people familiar with the discussions", None),),
    ),
    Case(
        "a spokesperson for Downing Street",
        'A spokesperson for Downing Street said the prime minister had "full confidence" in the chancellor.',
        (("full confidence", "a spokesperson for Downing Street", None),),
    ),
    Case(
        "the hospital said in a statement",
        '"We are devastated by the loss of our colleague," the hospital said in a statement on Sunday.',
        (("devastated", "the hospital", None),),
    ),
    Case(
        "a plural title before two names, then a surname",
        "Senators Ana Ruiz and Tom Blake met with the families. Ruiz said the meeting was emotional, while "
        "Blake said more funding was needed.",
        (("meeting was emotional", "Ana Ruiz", ANY),),
    ),
]
