"""question + history + library -> `Query`: the one place a question is taken apart.

Everything below the chain (the metadata catalog, retrieval, answerability, the composer) reads the
`Query` made here once per turn and never re-reads the raw question. What is recognised:

- filters stated in the question: years, ranges and dates relative to the record's capture date ("the
  last three years", "this year"), months, categories the record carries, code, venues ("at CVPR",
  including venues the record lacks), publication types, authors in any spelling, first authors;
- papers the question names (by title, by the system name before a colon, by a quoted title) and what
  it names that the record does not hold (a quoted title, a system name that appears nowhere in it);
- what "it", "they" and "the paper" refer to, from the conversation;
- the slot asked for (a number, a dataset, where to get it, a method, a result, a definition, a comparison,
  a list);
- the intent that picks the answer path (`chain.ROUTES`): metadata, overview, compare, summarize,
  related_work, clarify, absent, search.

Hand-written patterns, no model, deterministic. They cover how questions are phrased, not what any field
is about: nothing here names a topic, a system or a venue of any particular record.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from datetime import date

from assistant.answerability import written_initialisms
from assistant.languages import assign_languages, is_language, language_code
from assistant.lexical import (CARDINAL, DURATION, FORMULA, PREPOSITIONS, STOPWORDS, formula_symbols, formula_terms,
                               is_base_verb, tokenize, verb_or_adverb_only, word_classes)
from assistant.people import People, fold_chars
from assistant.types import (ACRONYM, CAPITALISED, CATEGORY_NAMES, DASHES, MONTH_NAMES, STROKED, VENUE_FILLER, YEAR,
                             Filters, Paper, Researcher, any_work, names_piece, normalise_title, spells_venue,
                             status_name, venue_initials, venue_key, venue_matches)

Y = r"((?:19|20)\d\d)"
MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
       r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
N = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
# what asks a paper pointed at to be described: "tell me more about it", "what is the second one about?"
DESCRIBE = re.compile(r"\b(?:tell\s+me\s+(?:more|about)|more\s+(?:about|on|details?)|what(?:'s|\s+is|\s+was)\s+"
                      r"[^?]{0,40}\babout\b|describe|explain|details?\s+(?:of|on|about)|summari[sz]e|overview\s+of)",
                      re.I)
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10, "last": -1}
# a paper of the answer before pointed at by its place in it: "the second one", "the last of those", "paper [3]",
# "number 2" (not "his first paper", the earliest)
POSITION = re.compile(r"\bthe\s+(?P<word>" + "|".join(ORDINAL_WORDS) + r"|(?P<nth>\d{1,2})(?:st|nd|rd|th))\s+"
                      r"(?:one|item|result|entry|of\s+(?:them|those|these)|(?:paper|study|article|work)\s+(?:listed|"
                      r"above|there|you\s+(?:listed|mentioned|cited)))\b"
                      r"|\b(?:paper|study|article|item|number|no\.)\s*\[?(?P<cited>\d{1,2})\]?(?![\w.])"
                      r"|(?<![\w\]])\[(?P<bracket>\d{1,2})\](?!\()", re.I)
# (pattern, what its years mean); ranges first, so that a year inside one is not also read alone.
YEAR_RULES = [
    (rf"\b(?:published\s+)?between\s+{Y}\s+and\s+{Y}\b", "range"),
    (rf"\bfrom\s+{Y}\s*(?:to|through|until|till|-|–)\s*{Y}\b", "range"),
    (rf"\b(?:in\s+)?{Y}\s*(?:-|–|—)\s*{Y}\b", "range"),
    (rf"\b(?:in\s+)?{Y}\s+(?:or|and)\s+(?:later|after|onwards?)\b|\b(?:from\s+)?{Y}\s+on(?:wards?)?\b", "from"),
    (rf"\b(?:in\s+)?{Y}\s+(?:or|and)\s+(?:earlier|before)\b", "to"),
    (rf"\bsince\s+{Y}\b", "from"),
    (rf"\bafter\s+{Y}\b", "after"),
    (rf"\bbefore\s+{Y}\b", "before"),
    (rf"\b(?:until|till|through|up\s+to|no\s+later\s+than)\s+{Y}\b", "to"),
]
# Dates relative to when the record was captured: (pattern, years back for the start, years back for the end).
RELATIVE_RULES = [
    (rf"\b(?:in|during|over|within)?\s*(?:the\s+)?(?:last|past|previous|recent)\s+{N}\s+years?\b", "last_n"),
    (r"\b(?:in\s+|during\s+)?this\s+year\b|\b(?:in\s+)?the\s+current\s+year\b", "this"),
    (r"\b(?:in\s+|during\s+)?(?:last|the\s+past|the\s+previous)\s+year\b", "last"),
    (r"\b(?:so\s+far|to\s+date|until\s+now|up\s+to\s+now|as\s+of\s+now)\b", "so_far"),
]
NO_CODE = (r"\b(?:without|with\s+no|no|lacking)\s+(?:(?:public|released|available)\s+)?code\b(?:\s+available)?"
           r"|\bcode\s+(?:is\s+|was\s+)?(?:not\s+|un)available\b")
HAS_CODE = "|".join([
    r"\bwith\s+(?:(?:public|released|available|open[- ]source)\s+)?code(?:\s+(?:available|released))?\b",
    r"\b(?:has|have|having|had|release[sd]?|share[sd]?|provide[sd]?|publish(?:es|ed)?)\s+"
    r"(?:(?:their|its|the|public|open[- ]source)\s+)?code(?:\s+(?:available|released|public))?\b",
    r"\bcode\s+(?:is\s+|was\s+|are\s+|were\s+)?(?:publicly\s+)?(?:available|released|public|open[- ]sourced?)\b",
    r"\b(?:released|public|available|open[- ]source)\s+code\b|\bcode\s+releases?\b|\bopen[- ]sourced\b",
    r"\b(?:is|are|was|were)\s+open[- ]source\b|\bopen[- ]source\b(?=\s+(?:papers?|implementations?)\b)",
])
PREPRINT_SERVERS = r"arxiv|biorxiv|medrxiv|ssrn"  # said of preprints ("bioRxiv preprints", "only on arXiv")
KINDS = [  # (pattern, Paper.kind)
    (r"\bjournal\s+(?:papers?|articles?|publications?|versions?)\b|\b(?:in|at)\s+(?:a\s+)?journals?\b|\bjournals\b", "article"),
    (r"\bconference\s+(?:papers?|publications?|abstracts?|contributions?|presentations?|posters?|versions?)\b"
     r"|\b(?:in|at)\s+(?:a\s+)?conferences?\b"
     r"|\bproceedings\b", "inproceedings"),
    (rf"\b(?:(?:{PREPRINT_SERVERS}|psyarxiv|osf)\s+)?pre-?prints?\b|\bunpublished\b|\bnot\s+yet\s+published\b"
     r"|\b(?:only\s+)?(?:on|in)\s+(?:the\s+)?arxiv\b"
     r"|\barxiv[- ]only\b", "preprint"),
    (r"\b(?:book\s+)?chapters?(?:\s+(?:in|of|for)\s+(?:an?\s+|the\s+)?(?:edited\s+)?(?:volumes?|books?|collections?|"
     r"antholog(?:y|ies)|handbooks?|encyclopedias?))?\b", "chapter"),
    # a book, not a noun "book" qualifies ("the book recommendation study"), nor the book a review is of ("a review of a
    # book by X": a book review)
    (r"(?<!\breview\sof\sa\s)(?<!\breview\sof\sthe\s)(?<!\breview\sof\s)(?<!\breviews\sof\s)"
     r"\b(?:books?|monographs?)\b(?=\s*(?:$|[^\w\s]|(?:on|about|of|in|by|with|from|for|to|at|that|which|he|she|they|"
     r"it|his|her|their|did|does|do|was|were|is|are|has|have|had|and|or|published|written|authored|edited)\b))", "book"),
    # with its degree ("his doctoral thesis", "her PhD dissertation", "a master's thesis"): the degree is the kind too
    (r"\b(?:(?:doctoral|ph\.?\s?d\.?|master'?s?|m\.?sc\.?|bachelor'?s?|diploma|habilitation|honou?rs)\s+)?"
     r"(?:theses|thesis|dissertations?)\b", "thesis"),
    # "his reports", "technical reports"; not "how many published reports did the synthesis cover"
    (r"\b(?:his|her|their)\s+(?:technical\s+|research\s+)?reports\b|\b(?:technical|research)\s+reports?\b"
     r"|\bwhite\s+papers?\b", "report"),
]
# What asks for works not yet out (`Paper.status`), as a record marks them: "which are forthcoming or under review?"
# (not "accepted" or "submitted", which questions say of published works and theses too)
PENDING_ASKED = (r"\b(?:(?:marked|listed|labell?ed)\s+(?:as\s+)?)?(?:a\s+)?(forthcoming|in\s+press|to\s+appear|under\s+review|"
                 r"in\s+review|in\s+revision|in\s+preparation|work\s+in\s+progress)\b")
NOT_ASKERS = r"(?<!\bmy\s)(?<!\bour\s)(?<!\byour\s)"  # a kind of work not the asker's own ("my thesis is on ...")
# preprints not (yet) published elsewhere: not a published paper whose preprint the record also lists
ONLY_PREPRINTS = re.compile(r"\bunpublished\b|\bnot\s+(?:yet\s+)?published\b|\bonly\b(?:\s+[\w-]+){0,4}?\s+(?:pre-?prints?|"
                            rf"{PREPRINT_SERVERS})\b|\b(?:arxiv|biorxiv|medrxiv)[- ]only\b", re.I)
# what a meeting gives or hears, said to be "at" it: "a best paper award at OSDI", "a keynote at ICML"
GIVEN_AT = r"\b(?:awards?|prizes?|talks?|keynotes?|presentations?|tutorials?|posters?|demos?)\s+at\s+(?:the\s+)?"
VENUE_VERBS = (r"\b(?:appear(?:ed|s)?|publish(?:ed|es)?|accepted|presented|came\s+out|were|was|are|is|papers?|"
               r"publications?|work)\s+(?:at|in)\s+(?:the\s+)?")
SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "a", "an"})  # may give no letter to one
# " of the ", " & ", ": " between a venue's words ("Surface Topography: Metrology and Properties")
FILLER_RUN = rf"[,:]?(?:\s+(?i:{'|'.join(sorted(VENUE_FILLER))}|&))*\s+"
# after a venue's name: its acronym or gloss in brackets ("... (MRM)", "한국인구학 (the Korea Journal of Population
# Studies)"), or "SALT proceedings"
# what may follow a venue's name and goes with it: its acronym in brackets, "journal", or the one paper asked of ("in
# the Bioinformatics article": taking the name alone would leave "put to the test article")
VENUE_TAIL = r"(?:\s+(?i:itself)\b)?(?:\s*\([^()?!]{1,80}\))?(?:\s+(?i:proceedings|conference|journal|article|paper)\b)?"
JOINED = r"(?:\s*&\s*|\s+and\s+|[,:]?-?\s+|-)"  # between a venue's words as its key has them ("AI & Society": "ai society";
# "Computers, Environment and Urban Systems")
VENUE_NAME = r"[A-Z][\w'.-]*(?:\s+(?:(?:of|on|and|&|for|the|in)\s+)*[A-Z][\w'.-]*){0,8}"
VENUE_WORDS = (r"\b(?:Journal|Proceedings|Transactions|Letters|Review|Reports|Annals|Bulletin|Conference|Symposium|"
               r"Workshop|Magazine|Quarterly)\b")


def _byline_end(place: str, named: str) -> str:
    """A question's words for the author at one end of the author line: "the first author", "listed first"."""
    # "appear"/"come" first has any subject ("where did farming appear first"): a person's, or the author list
    list_tail = r"\s+(?:in|on)\s+the\s+(?:author\s+)?(?:list|byline)\b"
    # not first or last of other things: "which method is listed last among the search methods he reviews"
    of_others = (r"\s+(?:among|of|in|on)\s+(?:the\s+|his\s+|her\s+|their\s+)?+"
                 r"(?!(?:co-?)?authors?\b|author\s+(?:list|line)|byline|names?\b)\w")
    return (rf"(?:\b(?:is|as|was)\s+)?(?:\bthe\s+)?\b(?:{place})[- ](?:listed\s+)?author(?:ed|s)?\b(?:\s+(?:of|by|on)\b)?"
            rf"|\b(?:listed|named|placed|put)\s+{named}\b(?!{of_others})(?:{list_tail})?"
            rf"|\b(?:appears?|comes?)\s+{named}{list_tail}"
            rf"|\b(?:he|she|they|name)\s+(?:\w+\s+)?(?:appears?|comes?)\s+{named}\b")


FIRST_AUTHOR = _byline_end("first|lead", "first")
LAST_AUTHOR = _byline_end("last|senior|final", "last")  # often the senior one: "list her as the last author"
# How a person's name is written, said beside the name: "under his Korean name, 유삼현", "spelled as Daume"
NAME_FORM = (r"\b(?:under|with|using|by|in)\s+(?:his|her|their|the|this|that|a|an)\s+(?:[\w-]+\s+){0,2}?"
             r"(?:names?|spellings?)\b|\b(?:spelled|spelt|written)\s+(?:as|like)\b")
OWNER_AS_AUTHOR = r"author\s+lines?|\blisted\b|\bunder\s+(?:the|his|her|their)\s+(?:[\w-]+\s+)?names?\b|\bappears?\b|\bas\s+(?:an?\s+)?(?:co-?)?author\b|\bboth\b"
OWNER_WORDS = r"\b(?:he|she|him|her|his|hers|they|their|them|the\s+researcher|the\s+author)\b"
# the entries of the list the owner is no author of: "a paper in his list that he did not author", "not written by her"
NOT_THE_OWNERS = (r"\b(?:he|she|they)\s+(?:(?:did|does|do|has|have)\s*n(?:o|['’])t|never)\s+(?:co-?)?(?:author(?:ed)?|wr[io]te|"
                  r"written)\b|\bnot\s+(?:(?:co-?)?authored|written)\s+by\s+(?:him|her|them)\b"
                  r"|\b(?:without|not\s+listing)\s+(?:him|her|them)\s+(?:as\s+(?:an?\s+)?(?:co-?)?author)?")
# What the question sets aside ("agents themselves (rather than serving agent workloads)"): not its topic.
SET_ASIDE = (r"rather\s+than|instead\s+of|other\s+than|as\s+opposed\s+to|apart\s+from|excluding|except(?:\s+for)?|"
             r"not\s+counting|without\s+counting|leaving\s+(?:out|aside)")
EXCLUDED = re.compile(rf"\(?\b(?:{SET_ASIDE})\b[^)?.!;]*\)?|\(\s*not\s[^)]*\)|\b(?:are|is|were|was)\s+not\s[^)?.!;]*", re.I)
# Words a question about the table may consist of; any other word left over means it has a topic.
VOCAB = set("""
a an the and or of in on at to for from by with as about that this these those there here it its they them their he his
him she her i me my we our you your s what which who whom whose when where how many much is are was were be been
being do does did has have had having can could would will should any all each every both either ones one only just
also ever so far total overall altogether number count counts please list lists listed listing show give tell name
names find get see according among amongst paper papers publication publications published publish publishes
publishing work works article articles preprint preprints record records profile entry entries table appear appears
appeared come came out put puts release released write wrote written authored author authors co coauthor coauthors
collaborator collaborators collaborated joint jointly other others under piece pieces item items line lines year years month months date dates dated category categories
field fields area areas arxiv cs stat code available github repo repository link links url urls open source sourced
public publicly score scores scored scoring h index hindex citation citations cited novelty ai value values figure
figures stated latest newest recent recently most earliest oldest first last least highest lowest top best worst
longest shortest largest smallest biggest fewest
maximum researcher researchers person scientist venue venues conference conferences journal journals proceedings
type types kind kinds doi dois pdf pdfs website page pages title titles titled based
minimum max min bottom more than fewer less per breakdown distribution broken down split frequent frequently often
common cover covers span spans include includes contain contains hold holds held yes no not done between since after before until
through up later earlier older newer primary main anything something everything
together jointly alongside along produce produced produces placed place places penned coauthored contributed
anyone anybody someone somebody once twice again repeatedly if start starts begin begins end ends hers theirs
presented present presents issued study studies report reports series volume volumes edition editions
submitted submit defended awarded forthcoming edit edited
""".split())
# How a request is phrased, whatever the field: left out of the terms that must be covered by a passage.
REQUEST_WORDS = set(tokenize("""
what which who how why when where does do did is are was were has have had can could would will should
paper papers work works worked working study studies article articles publication publications research researcher record
propose proposes proposed present presents introduce introduces approach approaches method methods technique
techniques system systems idea ideas main key contribution contributions describe explain summarize summarise
overview tell show give list find use uses used using achieve achieves achieved result results improve improves
performance compare compared comparison difference differ versus vs between handle handles deal deals address
addresses solve solves problem problems focus focuses about regarding related relate draft paragraph project
author authors written wrote published publish based coauthor coauthors coauthored cowrote cowritten
i me my we our you your he him his she her hers it its they them their theirs this that these those
much many more most less least few several some any all each every other another such same own
than then also too very so just only even still yet both either neither not no nor
over under above below into onto from with without within across through during before after
against toward towards upon beyond along around behind beside besides despite throughout until amid unlike
can may might must shall let lets make makes made get gets got give gives take takes kind kinds type types
way ways thing things something anything someone done doing does being been one ones new
e g i.e e.g etc like per via versus among amongst whether while whose whom where
report reports reported reporting include includes included including according involve involves involved
primarily mainly mostly specifically particularly especially generally deal deals dealt themselves itself rather instead
""")) | {"s"}
# The question a described paper answers ("the paper on how long RNA persists"): what the asker says of the
# paper, not a number asked for nor a word the paper must use.
ASKED_OF_PAPER = r"(?:(?<=\bon\s)|(?<=\babout\s))how\s+(?:long|much|many|far|often|quickly)\b"
# The nouns a venue is asked by ("which journal", "what outlet"; a thesis's venue is its university).
VENUE_ASKED = r"(?:journal|conference|venue|outlet|university|institution|school|publisher|press)"
SCHOOL_ASKED = r"\b(?:which|what)\s+(?:university|institution|school)\b"  # a thesis's venue
# Phrases that frame a question in any field and carry no topic of their own.
FRAMING = re.compile(r"\bstate[- ]of[- ]the[- ]art\b|\bcompared\s+(?:to|with)\b|\bin\s+the\s+record\b"
                     r"|\bin\s+(?:this|the|his|her|their)\s+(?:record|profile|work)\b"
                     r"|\b(?:set|based|located|situated|conducted|carried\s+out)\s+(?=in\b)"  # "studies set in Iraq"
                     r"|\bas\s+well\s+as\b|\bfor\s+(?:example|instance)\b"  # "Cascadia as well as Mexico"
                     r"|\blook(?:s|ed|ing)?\s+(?:back\s+)?(?:on|at|into)\b"  # "which paper looks back on X"
                     r"|\b(?:entries|items)\s+(?:in|on|of)\s+(?:his|her|their|the|this)\s+(?:list|record)\b"
                     rf"|{ASKED_OF_PAPER}"
                     rf"|\b(?:which|what)\s+{VENUE_ASKED}\b", re.I)  # the venue asked for
# The kind of fact a question asks for, first match wins ("how much does it improve" asks a number).
SLOT_RULES = (
    ("number", re.compile(
        r"\b(how (?:much|many|fast|quickly|soon|rapidly|slowly|well|large|big|long|often|accurate|far|close|wide|high|"
        r"low|small|great|strong|precise)|by what (?:factor|margin)|speed ?ups?|"
        r"what (?:[\w-]+ (?:and |or )?)?(?:percentage|fraction|share|proportion|rate|accuracy|precision|score|size|number|"
        r"error|range)|percent|"
        r"what (?:was|were|is|are) the (?:[\w-]+ ){0,2}(?:costs?|prices?|durations?|lengths?|doses?|concentrations?|"
        r"distances?|heights?|depths?|widths?|weights?|masses|temperatures?|speeds?|velocit(?:y|ies))\b|"
        r"what (?:was|were|is|are) the (?:average|mean|median|total|maximum|minimum|peak)\b|"
        r"(?:improve|reduc|gain|sav|lower|rais|increas|decreas)\w* (?:by|of)\b|"
        r"(?:throughput|latency|accuracy) (?:gains?|improvements?|reductions?)|"
        # a level asked for ("at what temperature", "at what incidence is the impact greatest"), not a place
        r"at what (?!(?:[\w-]+ )?(?:university|institution|school|venue|conference|workshop|meeting|journal|event)\b))",
        re.I)),
    ("dataset", re.compile(
        r"\b(?:which|what) (?:\w+ )?(?:data ?sets?|data|data ?bases?|registr(?:y|ies)|registers?|benchmarks?|"
        r"corp(?:us|ora)|cohorts?|species|archives?|"
        r"samples?|sources|populations?|collections?|records|participants|patients|sites?|workloads?|traces?|"
        r"cities|countries|regions|locations|towns|villages|hospitals|schools|stations|basins|catchments)\b"
        r"|\b(?:evaluated|tested|trained|measured) on\b", re.I)),
    ("comparison", re.compile(r"\b(compare|comparison|differ|difference|versus|vs\.?|better than|worse than)\b",
                              re.I)),
    ("result", re.compile(r"\b(find|found|findings?|results?|conclu\w+|show(?:ed)?|outcomes?|discover\w*|"
                          r"(?:came|comes?) out (?:best|ahead|on top)|(?:performed|did|worked|was) best)\b",
                          re.I)),
    ("access", re.compile(r"\bwhere (?:can|could|do|does|is|are|was|were|may)\b.{0,80}?\b(?:download\w*|found|"
                          r"accessed|access|obtained|get|available|shared|hosted|deposited|archived|released)\b"
                          r"|\blicen[cs]e[ds]?\b|\bopen[- ]access\b", re.I)),
    ("method", re.compile(r"\bhow (?:does|do|did|is|are|was|were|can)\b|\bwhat (?:\w+ )?(?:technique|method|"
                          r"approach|algorithm|mechanism|procedure|strategy|design)s?\b|\bby what means\b"
                          r"|\b(?:through|by|via) (?:which|what) (?:\w+ )?(?:channel|pathway|mechanism|route)s?\b"
                          r"|\b(?:which|what) (?:[\w-]+ ){1,3}(?:did|does|do) (?:\w+ )?(?:use|employ|apply|adopt)\b"
                          # a means said to be used ("what loggers were used"), not a thing or a level ("which
                          # nematode was used", "which stimulus onset asynchronies were used")
                          r"|\b(?:which|what) (?:[\w-]+ ){0,3}(?:techniques?|methods?|approach(?:es)?|algorithms?|"
                          r"procedures?|strateg(?:y|ies)|models?|tools?|schemes?|tests?|software|instruments?|loggers?|"
                          r"sensors?|devices?|analys[ie]s|frameworks?) (?:was|were|is|are) (?:used|employed|applied|"
                          r"adopted)\b",
                          re.I)),
    ("time", re.compile(r"^\s*when\b|\bsince when\b|\b(?:in|during|from) (?:which|what) (?:year|month|season|period|"
                        r"decade|century)\b|\bwhat (?:year|month|date|season|period|time span)\b", re.I)),
    ("place", re.compile(r"^\s*where\b|\bwhere (?:was|were|did|is|are|do|does|had)\b|\b(?:in|from|at) (?:which|what) "
                         r"(?:country|region|city|state|province|place|location|area|island|river|site|town|village|"
                         r"part of)\b|\bwhich (?:country|region|city|state|province|island|river|town|village)\b", re.I)),
    ("definition", re.compile(r"^\s*(?:what (?:is|are|was)|define|who (?:is|are))\b", re.I)),
    ("list", re.compile(r"^\s*(?:which|what|list|name) (?:\w+ )?(?:papers|works|studies|articles|publications)\b",
                        re.I)),
)


# Where a question asking two things turns to the second: "How many sites took part, and what was the
# variation?", "Which framework does it use, and on how many sequences was it evaluated?"
PART_BREAK = re.compile(r"(?:,|;)\s*(?:and\s+)?(?=(?:how|what|which|who|whom|whose|where|when|why|whether|did|does|"
                        r"do|is|are|was|were|on|in|by|from|with|at|for)\b)|\?\s+(?=\S)|\s+and\s+(?=(?:(?:in|from|at|on|for|by)\s+)?(?:how|"
                        r"what|which|who|whose|where|when|why|whether)\b)", re.I)
# two question words asking of one thing: "When and where did the outbreak happen?"
PAIRED = re.compile(r"^\s*(when|where|how|why|who)\s+and\s+(when|where|how|why|who)\b(.+)$", re.I | re.S)


ASKS = re.compile(r"(?:how|what|which|who|whom|whose|where|when|why|whether|did|does|do|is|are|was|were|has|have|"
                  r"had|can|could|list|name|give|tell|describe|explain|summari[sz]e)\b|\S+(?:\s+\S+)*\s+(?:how|what|which|"
                  r"who|where|when|why)\b", re.I)


def slot_of(text: str) -> str | None:
    """The kind of fact a question (or one part of it) asks for."""
    return next((name for name, pattern in SLOT_RULES if pattern.search(text)), None)


def asked_parts(question: str) -> list[tuple[str, str | None]]:
    """The things a question asks, each with its slot, when it asks two or more; else []."""
    paired = PAIRED.match(question)
    if paired:
        rest = paired.group(3).strip(" ?")
        return [(f"{word} {rest}", slot_of(f"{word} {rest}")) for word in paired.group(1, 2)]
    parts: list[str] = []
    for part in (p.strip(" ,;?") for p in PART_BREAK.split(question)):
        if parts and not ASKS.match(parts[-1]):
            parts[-1] = f"{parts[-1]}, {part}"  # a frame before the question: "In the first study, how many ..."
        elif len(part.split()) >= 3:
            parts.append(part)
    return [(p, slot_of(p)) for p in parts] if len(parts) >= 2 else []


FOLLOW_UP = re.compile(r"\b(it|its|they|them|their|these|those|the (paper|system|work|approach|method|"
                       r"framework|authors?|study|article)(?!\s+(?:on|about|titled|called|named|that|which|where|in|"
                       r"from|with|by)\b))\b|^\s*(and\s+)?(this|that)\b|\b(this|that) (paper|system|work|one|study|"
                       r"article)\b"
                       # after a verb or preposition "that" points back: "when did that indicator fall", "in that
                       # cohort" (not "papers that use"; "this" more often means the record: "in this profile")
                       r"|\b(?:do|does|did|is|was|are|were|has|have|had|can|could|will|would|in|of|for|on|with|from|"
                       r"by|about|to|at|under|behind)\s+that\s+[a-z]", re.I)
# "When does his publication list start, and what are the latest entries on it?": "it" is the record itself
OWN_LIST = re.compile(r"\b(?:his|her|their|the|this)\s+(?:(?:publication|paper|reading)\s+)?(?:list|record|cv|"
                      r"bibliography)\b[^?]*\b(?:it|its)\b", re.I)
# the plural noun a count or list is made of, once a filter says where: "how many posts", "which reviews"
UNIT = re.compile(r"\b(?:how\s+many|which|what)\s+(?:of\s+(?:his|her|their|the)\s+)?([a-z]+s)\b(?=\s+(?:did|does|do|has|have|"
                  r"had|are|were|is|was|appeared|came|ran)\b)", re.I)  # "how many of his posts appeared on the X Blog?"
# the works a question counts or lists, perhaps a kind the record names only in its venues ("teaching cases")
PIECE_ASKED = re.compile(r"\b(?:how\s+many|which|what|list|all)\s+(?:(?:of\s+)?(?P<own>his|her|their)\s+)?"
                         r"(?P<piece>(?:[a-z-]+\s+)?(?!(?:has|was|is|does|this|his)\b)[a-z-]+s)\b(?P<wrote>\s+(?:has|have|had|did|does|do)\s+(?:[\w.'-]+\s+){1,3}?"
                         r"(?:wr[io]te|written|writes|publish(?:ed|es)?|(?:co-?)?authored|produced?)\b)?", re.I)
# a kind of work asked as what some of the owner's works are: "which of his papers are reviews?", "which of her
# publications is a review article?"
PIECE_IS = re.compile(r"\b(?:which|what|how\s+many)\s+(?:of\s+(?P<own>his|her|their)\s+)?(?:[a-z-]+\s+)?(?:papers|"
                      r"publications|works|articles|studies|outputs)\s+(?:is|are|was|were)\s+(?:an?\s+)?"
                      rf"(?P<piece>(?!(?:{PREPOSITIONS}|not|also|only|still)\b)(?:[a-z-]+\s+)?[a-z-]+)\s*[?.!]?\s*$", re.I)
# the words a venue's name may follow when it is asked as a venue ("which Liquid Crystals papers", "came out through
# the Burnet Institute", "are bioRxiv preprints"); after a topic's word, or "on" or "about", it is part of the topic
# ("his work on DNA liquid crystals")
VENUE_BEFORE = (r"which|what|how|many|any|all|his|her|their|its|the|a|an|is|are|was|were|be|been|through|via|by|with|"
                r"to|for|and|or|both|each|every|several|out|as|also|only|published|publish(?:es)?|appeared|appear|"
                r"(?:co-?)?wr[io]te|(?:co-?)?written|(?:co-?)?authored|came|come|papers?|articles?|publications?|journal|venue")
NAME_MARK = "\ue000"  # stands for a paper's name while the filters are read
# A piece of work named by what was done: "his study of X", "her total synthesis of X", "their analysis of X".
WORK_NOUN = r"stud(?:y|ies)|analys[ie]s|synthes[ie]s|surveys?|reviews?|trials?|experiments?|measurements?|simulations?|models?"
WORK_OF = rf"\b(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}(?:{WORK_NOUN})\s+of\s+"  # "his randomized controlled trial of"
# a work named by its design, which the paper itself then names: "his clinical trial of X" is a trial
DESIGN_OF = re.compile(r"\b(trials?|surveys?|simulations?|experiments?)\s+of\s+$", re.I)
# the noun of a described paper, to tell one ("his synthesis of X") from several ("his syntheses of X")
DESCRIBED_NOUN = re.compile(rf"\b(?:his|her|their|the)\s+(?:[\w-]+\s+)?(papers?|articles?|publications?|{WORK_NOUN})\b", re.I)
# "the paper on X": a paper described rather than named, whose metadata is asked for.
PIECE = (r"paper|study|article|publication|piece|note|essay|chapter|commentary|editorial|letter|reply|response|rejoinder"
         r"|report|preprint|thesis|dissertation|manuscript|book|talk|poster|review")
DESCRIBED = re.compile(rf"\b(?:the|her|his|their)\s+(?:{PIECE}|work)\s+(?:on|about|of|to|that|which|with(?=\s+(?-i:[A-Z]))|"
                       r"where|titled|called|named|[a-z]+ing)\b"  # "the study resolving ..."
                       rf"|\b(?:the|her|his|their)\s+(?:[\w-]+\s+){{1,4}}?(?:{PIECE}|work\s+(?=on|about))\b"  # "the slip study"
                       r"|\bthe\s+(?:[\w-]+\s+){1,3}?(?:papers|studies|articles|publications)\s+(?:on|about)\b"  # "the wind papers on"
                       rf"|{WORK_OF}"
                       # "in which journal did the first muon acceleration with an RF linac appear?": the work itself
                       rf"|\b(?:where|when|(?:in\s+|at\s+)?(?:which|what)\s+(?:{VENUE_ASKED}|year))\s+(?:did|was|were)"
                       r"\s+(?:the|an?)\s+[^?]{8,}?\s+(?:appear|(?:get\s+)?published|come\s+out|(?:get\s+)?presented)\b", re.I)
# "only two authors", "three-author papers", "with one co-author", "have just one co-author" (two authors in all)
AUTHORS_COUNT = re.compile(rf"\b(?:only|exactly|just)\s+{N}\s+authors\b|\b{N}[- ]author(?:ed)?\s+(?:papers?|works?|"
                           rf"articles?|publications?)\b|\b(?:with|ha(?:ve|s|d)|having)\s+(?:only|exactly|just)?\s*(?:a\s+single|{N})\s+co-?authors?\b"
                           r"|\bas\s+(?:his|her|their|the)\s+(?:only|sole|single|one)\s+co-?authors?\b", re.I)
ONLY_THESE = re.compile(r"\band\s+(?:nobody|no(?:\s+|-)one|no\s+other\s+(?:co-?)?authors?)(?:\s+else)?\b"  # "with X and nobody else"
                        r"|\bwith\s+(?:nobody|no(?:\s+|-)one)\s+else\b|\bjust\s+the\s+(?:two|three)\s+of\s+them\b", re.I)
SOLO = re.compile(r"\b(?:(?<!\bor\s)alone(?!\s+or\b)|(?:the\s+)?(?:sole|only)\s+author\b(?!s)|(?:on|by)\s+(?:his|her|their)\s+own|solo(?:[- ]authored)?|(?:single|sole)[- ]authored|(?:single|sole)[- ]authors?hip|as\s+(?:the\s+)?(?:sole|only)\s+author|by\s+(?:him|her|"
                  r"them)sel(?:f|ves)|without\s+(?:any\s+)?co-?authors?"
                  r"|(?:have|has|had|with)\s+(?:a\s+single|just\s+one|only\s+one|one)\s+author)\b(?!s)", re.I)
# "alone", "on their own", "by herself" are said of who wrote only in a question about writing; "what share did
# BCIE and DMDS explain on their own?" is about odorants
SAID_OF_ANYTHING = re.compile(r"(?i)alone|(?:on|by)\s+\w+\s+own|by\s+\w+sel(?:f|ves)")
AUTHORSHIP = re.compile(r"(?i)\b(?:wr[io]te|written|writ\w*|(?:co-?)?author\w*|publish\w*|papers?|works?|articles?|"
                        r"publications?|chapters?|books?|stud(?:y|ies)|theses|thesis|entries|items|record)\b")
WHOLE_RECORD = re.compile(
    r"\b(?:main|key|overall|major|central)\s+(?:research\s+)?(?:themes?|topics?|areas?|directions?|contributions?)\b"
    r"|\bwhat (?:does|do|did) (?:he|she|they|[\w-]+(?: [\w-]+)?) (?:work|research|publish) (?:on|about)\s*\??$"
    r"|\b(?:overview|summary) of (?:his|her|their|the|all|[\w-]+(?: [\w-]+)?'s) (?:work|research|papers|record|"
    r"publications)\s*[.?!]?$", re.I)
WHICH_OF = r"\bwhich\s+(?:of\s+(?:his|her|their|the|these)\s+)?"  # "which of his", "which"
BROAD = re.compile(r"(?<![\w-])(papers|works|studies|systems|projects|approaches|methods|publications|"
                   r"entries|all|any)(?![\w-])"  # not "all-in-one"
                   r"|^\s*(?:please\s+)?list\b"
                   rf"|{WHICH_OF}(?:articles|items|chapters|books|pieces)\b"
                   r"|\bwhat (has|did|does|do)\b.{0,40}?\b(done|do|worked|work|published|publish|written|write|"
                   r"(?:co-?)?authored|(?:co-?)?author)\b", re.I)


def words_begun(starts, capitals: bool = False) -> str:
    """A pattern for words in a row beginning with these letters or starts ("UN": "united nations"; with `capitals`,
    "United Nations" as a name is written)."""
    return r"[\s-]+".join(rf"{re.escape(start)}[a-z]+" if capitals else rf"{re.escape(start.lower())}\w*"
                          for start in starts)


def qualifies_noun(rest: str) -> bool:
    """Whether the text goes on with a word English uses only as a noun, not a word for a piece of work ("concept"
    in "which game studies concept becomes ..."): what comes before qualifies that noun, as a field's name does."""
    after = re.match(r"\s+([a-z]+)\b", rest)
    return bool(after and after.group(1) not in STOPWORDS and not any_work(after.group(1))
                and word_classes(after.group(1)) == {"NOUN"})


# things counted inside one work: "how many studies did his review retrieve?", "how many patients were in the trial?"
COUNTED_IN_ONE = re.compile(rf"\bhow\s+many\s+(?:[\w-]+\s+){{1,2}}(?:did|does|do|were|was|are|is)\s+(?:(?:in|of)\s+)?"
                            rf"(?:his|her|their|the|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?P<work>{PIECE}|{WORK_NOUN})\b", re.I)


def asks_several(question: str) -> bool:
    """Whether the question asks about several papers ("which papers ...", "what has she done on ..."); not a plural
    naming a field before the noun it qualifies ("which game studies concept becomes ..."), nor things counted inside
    one work ("how many studies did his review retrieve?")."""
    one = COUNTED_IN_ONE.search(question)
    if one and not re.search(r"(?<!i)s$", one.group("work"), re.I):
        return False
    return any(not (m.group(1) and qualifies_noun(question[m.end():]))
               and not (m.group(1) in OBJECT_PLURALS and not ASKED_FOR.search(question[:m.start()]))
               for m in BROAD.finditer(question))


# what papers build or study, plural: several papers are asked for only when the question asks which of them ("which
# systems", "his projects"), not when it counts them inside one ("how many free software projects were analysed?")
OBJECT_PLURALS = {"systems", "projects", "approaches", "methods"}
ASKED_FOR = re.compile(r"\b(?:which|what|list|all|any|his|her|their|these|those|other)\s+(?:[\w-]+\s+){0,3}$", re.I)


# "which of his papers presents ...": a plural asked of with a singular verb wants one paper
ONE_OF_THEM = re.compile(rf"{WHICH_OF}[\w-]+s\s+"
                         r"(?:is|was|has|does|(?!(?:i|wa|ha|doe)s\b)[a-z]+[^\Wsu]s)\b", re.I)
# ("of" may be gone with the name it stood before: "give me an overview of Aryeh Miller's work on X")
REQUEST = re.compile(r"^\s*(?:please\s+)?(?:summari[sz]e|give (?:me )?an overview(?: of)?|overview(?: of)?|describe|"
                     r"what has [\w .]+? (?:done|worked|published) (?:on|in|about))\s+", re.I)
# an area overview or a related-work paragraph asked for in the chat's plain mode: the request itself picks the
# answer path ("Summarise her work on X", "Give me an overview of what he found about X"; "Draft a related-work
# paragraph on X", "... Which of his papers should I cite?" of a project described); one piece of work ("summarise
# his survey of ...", "his paper on ...") stays a question about that piece
AREA_REQUEST = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:summari[sz]e|give (?:me )?(?:an? |a short |a brief )?"
    r"(?:overview|summary) of|(?:an? )?overview of)\s+"
    r"(?:(?:his|her|their|the|this|[\w.-]+(?:\s+[\w.-]+){0,2}'s?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:work|research|papers|publications|findings|contributions|studies|articles|works)\b"
    r"|(?:what|how)\s+(?:he|she|they|it|the record|this record|[\w.-]+(?:\s+[\w.-]+){0,2})\s+"
    r"(?:has|have|had|says?|did|does|found|applies|wrote|published)\b)", re.I)
RELATED_REQUEST = re.compile(r"\b(?:draft|write|compose)\b[^.?!]{0,60}\brelated[- ]work\b", re.I)
CITING_REQUEST = re.compile(r"\brelated[- ]work\b|\b(?:should|could|can|do|would) I cite\b|\bto cite\b"
                            r"|\b(?:my|our) literature review\b", re.I)
OWN_PROJECT = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}(?:project|paper|thesis|work|study|proposal|grant|"
                         r"dissertation|review|article|chapter|lab|group|analysis)\b"
                         r"|\bI(?:'m| am)?\s+(?:\w+ing|study|use|map|work)\b|\bwe(?:'re| are)?\s+\w+ing\b", re.I)


def requested_mode(question: str) -> str:
    """The answer mode a question asks for in its own words: "summarize" for an area overview, "related-work"
    for a related-work paragraph or the papers to cite for a project the user describes, else "ask"."""
    if RELATED_REQUEST.search(question) or CITING_REQUEST.search(question) and OWN_PROJECT.search(question):
        return "related-work"
    return "summarize" if AREA_REQUEST.search(question) else "ask"


# what is asked of the work, left after the request ("what he has done on X", "what this record says about X",
# "what M. Pfau and colleagues have published using OCT angiography"): the area is X
ASKED_OF_WORK = re.compile(r"^what\s+(?:[\w.'-]+\s+){1,5}?(?:(?:has|have|had)\s+)?(?:done|found|written|published|"
                           r"contributed|worked|shown|studied|researched|says?|said|reports?|reported)"
                           r"(?:\s+(?:on|about|in|with|to|concerning|regarding))?\s+", re.I)
SUBJECT = re.compile(r"^(?:(?:the|his|her|their|(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*)'[s]?)"
                     r"\s+)?(?:(?:research|work|papers?|publications?)\s+(?:on|about|in)\s+)?", re.I)
TRAILER = re.compile(r"\s+(?:research|work|papers|publications)$", re.I)
QUOTED = re.compile(r"(?:^|(?<=[\s:(]))[\"“‘'«]([^\"“”‘’'«»]{3,250}?)[\"”’'»](?=$|[\s.,;:?!)])")
CALLED = re.compile(r"\b(?:titled|entitled|called|named)\s+((?:[A-Z0-9][\w-]*[\s:,]*){1,12})")
# A word used as a name: CamelCase ("DeepNest"), letters with digits ("GPT4", "YOLOv3"), or capitalised in a
# name position ("How does Gandalf select ...", "the Gandalf paper").
# a name of three capitalised words or more, not opening the question ("the Linear Algebra Concept Assessment")
LONG_NAME = re.compile(r"(?<=[\w,;:] )([A-Z][\w'-]+(?:\s+(?:(?:of|and|for|on|the|de|in)\s+)?[A-Z][\w'-]+){2,})")
NAME_SHAPE = re.compile(r"\b(?:[A-Z]+[a-z]+[A-Z][\w-]*|[a-z]+[A-Z][\w-]*|[A-Z][A-Za-z]*\d[\w-]*|[A-Z]{2,}-\d+[\w-]*"
                        r"|[A-Z]{3,}[a-z]*)\b")  # ... "PHQ-9", "CBI-12": a versioned instrument or detector
INITIALISM = re.compile(r"[A-Z]{2,5}")  # as an abstract may write out ("UN": "United Nations")
# names joined by a hyphen into one ("TNA-GPT", "BERT-CRF"): a name of its own, though each part is the record's
JOINED_NAME = re.compile(rf"(?<![\w-]){CAPITALISED}(?:-{CAPITALISED})+(?![\w-])")
INDEFINITE = re.compile(r"\b(?i:an?|another|any)\s+(?:[\w-]+\s+){0,3}$")  # a phrase begun with "a" up to here
KIND_ENDS = re.compile(r"\s*(?:[,.;:?!)]|$|(?i:and|or|with|that|which|who|whose|in|on|of|for|to|from|by|as)\b)")


def names_kind(text: str, match: re.Match) -> bool:
    """Whether the capitalised word matched heads a phrase begun with "a" or "an" ("a fantasy action RPG and its
    community"): a kind of thing, not the name of one."""
    return bool(INDEFINITE.search(text[:match.start()]) and KIND_ENDS.match(text[match.end():]))


NAME_POSITION = re.compile(
    r"\b(?:does|did|do|is|was|about|of|in|the|summari[sz]e|describe|explain)\s+([A-Z][a-z]{2,}|[A-Z]{2,}\w*)"
    r"(?=\s+(?:do|does|work|works|achieve|achieves|handle|handles|use|uses|improve|improves|select|selects|choose|"
    r"chooses|compare|perform|performs|propose|address|solve|paper|system|framework|model|method|approach)\b)")

# a name given after the kind of thing it names ("his R package fossilflow", "the dataset called seaweedDB")
NAME_AFTER_KIND = re.compile(r"\b(?:package|library|toolkit|tool|software|app|dataset|database|pipeline|platform|"
                             r"simulator|algorithm|questionnaire)\s+(?:called\s+|named\s+)?([A-Za-z][\w-]{3,})\b")

DESCRIBED_WORK = re.compile(WORK_OF + r"(?P<x>[^?.!;]+)", re.I)  # "his study of X"
# "her paper on X", "work about X", "his X paper": the question presupposes a paper on all of X.
VERB_BEFORE = (r"(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)(?<!\bto\s)(?<!\bthey\s)(?<!\bwe\s)(?<!\byou\s)(?<!\bi\s)"  # "that work
               r"(?<!\bcan\s)(?<!\bcould\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bmust\s)"  # on": a verb
               r"(?<!\bshould\s)")
# "papers that analyse X": the verb says how the question is put, not what the papers must say
WORKS_THAT = r"\b(?:papers?|works?|stud(?:y|ies)|articles?|publications?)\s+(?:that\s+|which\s+)?"
STUDY_VERB = r"(?:stud(?:y|ies)|investigat\w*|examin\w*|explor\w*|analy[sz]\w*)\s+"
WORK_VERB = WORKS_THAT + STUDY_VERB
# What a paper analyses taken from something ("data from the CLARITY-TIMI 28 trial", "samples from two lakes"): the
# source is the subject; a paper names it without saying "data" or "samples".
MATERIAL = (r"(?:the\s+)?(?:[\w-]+\s+)?(?:data|data\s*sets?|records|samples|specimens|measurements|observations)\s+"
            r"(?:from|of|in|collected\s+(?:from|in))\s+")
MATERIAL_OF = re.compile(rf"^\s*{MATERIAL}", re.I)
STUDIED = re.compile(rf"({WORKS_THAT}){STUDY_VERB}(?:{MATERIAL})?", re.I)
# what a researcher makes for a purpose ("his iMALDI assay for plasma cortisol", "her R package for MODIS time series"):
# the words around the noun say what it is; the noun itself a paper may put otherwise ("a solution for ...")
MADE = (r"assays?|methods?|models?|tools?|devices?|algorithms?|software|packages?|datasets?|instruments?|scales?|"
        r"questionnaires?|frameworks?|techniques?|systems?|sensors?|protocols?|pipelines?")
MADE_FOR = re.compile(rf"\b(?:his|her|their)\s+(?P<x>(?:(?!(?:{PIECE}|papers|works?|{MADE}|that|which|who|to|and|or|is|are|"
                      rf"was|were|has|have|had)\b)[\w-]+\s+){{0,3}}?"
                      rf"(?:{MADE})\s+(?:for|of)\s+[^?.!;]+)", re.I)
MADE_HEAD = re.compile(rf"\b(?:{MADE})\s+(?:for|of)\s+", re.I)
PRESUPPOSED = [
    re.compile(VERB_BEFORE + r"\b(?:papers?|works?|stud(?:y|ies)|articles?|publications?|research|published|done|worked|written|"
               r"publish|(?:research|work|papers?)\s+(?:say|says|tell|tells|show|shows)|found|find|shown|learned|learnt)"
               r"\s+(?:(?:anything|something|any\s+work|much)\s+)?(?:on|about|regarding|concerning)\s+(?P<x>[^?.!;]+)", re.I),
    # (within one noun phrase: not "the publishing format where a study protocol ...")
    re.compile(r"\b(?:his|her|their|the)\s+(?P<x>(?:(?!(?:his|her|their|the|an?|where|which|that|who|whom|whose|when|while|"
               r"if|because)\s)[\w-]+\s+){1,4}?)(?:paper|study|article)\b", re.I),
    DESCRIBED_WORK,
    re.compile(WORK_VERB + r"(?P<x>[^?.!;]+)", re.I),
    # "has he studied X?", "did she ever look at X?": asked whether the record holds X
    re.compile(r"^\W*(?:has|have|did|does|do)\s+(?:[\w.'-]+\s+){0,3}?(?:ever\s+)?(?:stud(?:ied|y)|investigat(?:ed|e)|"
               r"examin(?:ed|e)|explor(?:ed|e)|analy[sz](?:ed|e)|look(?:ed)?\s+(?:at|into))\s+(?P<x>[^?.!;]+)", re.I),
    MADE_FOR,
    # "his paper using fNIRS to classify children with autism": what it did, said by a verb's -ing form
    re.compile(rf"\b(?:his|her|their)\s+(?:{PIECE})\s+(?P<x>[a-z]+ing\s+[^?.!;]+)", re.I),
    # "her Registered Report on X", "his thesis about X", "his case report of X": any kind of piece she wrote
    re.compile(rf"\b(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}?(?:(?:{PIECE})s?\s+(?:on|about|regarding|concerning)|"
               r"reports?\s+of)\s+(?P<x>[^?.!;]+)", re.I),
]


def _accents() -> dict[str, str]:
    """Each unaccented letter -> a character class of it and its accented forms ("a" -> "[aàáâãäå...]")."""
    forms: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code).lower()
        base = unicodedata.normalize("NFKD", char.translate(STROKED))[0]
        if base.isascii() and base.isalpha() and char != base:
            forms.setdefault(base, {base}).add(char)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in forms.items()}


ACCENTED = _accents()


def accented(word: str) -> str:
    """A pattern for a word as the record's keys fold it ("universitat"), matching it written with its accents
    ("Universität"); "and" matches "&" too, as keys fold it so ("AI & Society")."""
    if word == "and":
        return r"(?:and|&)"
    return "".join(ACCENTED.get(c, re.escape(c)) for c in word)


# the language works are written in ("which papers are in Portuguese", "written in Dutch", "Spanish-language
# articles"), not a language a paper studies ("replies to negative statements in Spanish")
WORKS = rf"(?:{PIECE}|work|entr(?:y|ie)|title|one)s?"
LANGUAGE_OF_WORK = re.compile(rf"\b(?i:written|published|(?:{WORKS})(?:\s+(?:are|were|is|was))?(?:\s+(?:written|published))?)"
                              r"\s+(?P<said>(?i:in)\s+(?P<name>[A-Z][a-z]+)(?:\s+(?i:language))?)\b"
                              rf"|\b(?P<adjectival>(?P<adjective>[A-Z][a-z]+)[- ](?i:language))\s+(?=(?i:{WORKS})\b)")
VENUE_NOUNS = r"papers?|publications?|articles?|proceedings|conferences?|journals?|workshops?"  # after a venue's name
VENUE_NOUN = rf"\s+(?i:{VENUE_NOUNS})\b"
# a verb of publishing, before a venue's name ("published in", "came out in")
PUBLISHING = r"appear\w*|publish\w*|accepted|presented|c[ao]me|out|(?:co-?)?wr[io]te|(?:co-?)?written|(?:co-?)?authored"


def alone_of_a_thing(text: str, solo: re.Match) -> bool:
    """Whether the `SOLO` match is "alone" said of a thing ("EEG alone, ECG alone and their fusion"), not of who
    wrote or of the writing ("did he write alone", "did she publish alone", "papers he published alone")."""
    before = re.search(r"([\w-]+)\W*$", text[:solo.start()])
    if not before or solo.group(0).lower() != "alone":
        return False
    word = before.group(1)
    if re.fullmatch(r"(?i)he|she|they|him|her|hers|his|them|theirs|it|wr[io]te|written|(?:co-?)?author(?:ed)?|"
                    r"published|worked|done|himself|herself|themselves|entirely|completely|all|mostly|papers?|works?|"
                    r"ones?|anything|something", word):
        return False
    kinds = word_classes(word)
    return not ("VERB" in kinds and ("NOUN" not in kinds or word.lower().endswith("ed")))


def modifies(after: str) -> bool:
    """Whether an acronym followed by `after` qualifies the noun that follows it ("bias in AI systems", "NLP
    models"), so that it names no venue ("papers in AI and Society", "at ICML 2020", "in ACL papers" do)."""
    word = re.match(r"\s+([a-z][a-z-]{2,})\b", after)
    return bool(word) and word.group(1) not in VOCAB and not verb_or_adverb_only(word.group(1)) \
        and not re.fullmatch(  # a verb after it is the question's: "what did her papers at ECRS propose?"
        rf"{VENUE_NOUNS}|symposi(?:um|a)|volumes?|issues?|special|track|main|findings", word.group(1))


def lookups_asked(question: str, papers: list[Paper] | None = None) -> list[str]:
    """Which of a paper's metadata the question asks for (who wrote it, when, where, its DOI ...); given the
    record's papers, not a field none of them carries ("the vaginal discharge score" is a topic there)."""
    text = DESCRIBING.sub(lambda m: m["piece"] or " on ", question.lower())
    asked = [k for k, pattern in LOOKUPS.items() if re.search(pattern, text)]
    if papers is not None:
        carried = {"score": any(p.score is not None for p in papers), "category": any(p.category for p in papers)}
        asked = [k for k in asked if carried.get(k, True)]
        # a university is the venue of a thesis only: of a record without theses, "which university served as the
        # case study?" asks what a paper says
        if "venue" in asked and not any(p.kind == "thesis" for p in papers) \
                and not re.search(LOOKUPS["venue"], re.sub(SCHOOL_ASKED, " ", text)):
            asked.remove("venue")
    return asked


def asks_lookup(question: str, papers: list[Paper] | None = None) -> bool:
    """Whether the question asks a paper's metadata (see `lookups_asked`)."""
    return bool(lookups_asked(question, papers))


# what says which paper is meant, not what is asked of it: "the UrgentHPC paper she co-wrote" (who wrote it is
# not asked), "the paper on open-source software for airborne EM" (nor whether code is available)
DESCRIBING = re.compile(rf"\b(?P<piece>{PIECE})s?\s+(?:that\s+|which\s+)?(?:he|she|they|i|we)\s+(?:co-?)?(?:wrote|authored)\b"
                        r"|\b(?:on|about|for|of|in)\s+(?:the\s+|an?\s+)?open[- ]source\b")
LOOKUPS = {
    # "when was it published", not "when did the convergence end"
    "date": r"\bwhen\b(?=[^?.,;]*\b(?:publish\w*|releas\w*|writ\w*|wrote|appear\w*|c[ao]me\s+out|out|presented|"
            r"submitted|accepted|from|dated?)\b)|^\s*when\s+(?:was|is)\s+(?:it|this|that)\s*\?*$"
            r"|\bdated?\b|\b(?:what|which)\s+year\b|^(?!.*\bwhere\b).*\bc[oa]me\s+(?:out|first)\b(?!\s+of\b)|\b(?:earlier|older|newer)\b"
            # said of papers ("which is older?", "the earlier paper"), not of something else ("the older NINDS criteria")
            r"(?!\s+(?!(?:than|one|ones|papers?|stud(?:y|ies)|works?|articles?|publications?|versions?)\b)[A-Za-z])"
            # "which is later?", "the later paper"; not "why does the dry season now arrive later?"
            r"|(?:\b(?:is|was|are|were|came|comes|come|appeared|published|released|written|the|one)\s+)later\b"
            r"|\blater\s+(?:than|ones?|papers?|stud(?:y|ies)|works?|articles?|publications?|versions?)\b"
            r"|\b(?:published|released)\s+(?:on|in|before|after|during|between)\b",
    # "who was involved", "who were its authors"; not "who is the godfather of pornography?", a fact the paper gives
    "authors": r"\bwho(?:\s+else)?\s+(?:wrote|authored|co-?authored|co-?wrote|worked|contributed|led|did|published)\b"
               r"|\bwho(?:\s+else)?\s+(?:was|were|is|are)\s+(?:(?:also\s+)?(?:behind|involved|on|listed|named|credited|"
               r"among|responsible|with|in)\b|(?:the|its|their|his|her)\s+(?:(?:first|last|lead|senior|corresponding|"
               r"main|other|co-?)\s*)?(?:co-?)?authors?\b|(?:the\s+)?(?:co-?)?authors?\b|it\b|they\b)|(?<!\bdid the )(?<!\bdo the )(?<!\bdoes the )(?<!\bhave the )(?<!\bhad the )(?<!\bcan the )"
               r"\bauthors?\b(?!\s+(?:in|from|based)\b)|\bwr[oi]te\b|\bwritten\b(?!\s+(?:for|in|as|about)\b)",  # not "who could attackers
    # target?", "what share had lead authors in the USA?", "what ratio did the authors define?"
    "code": r"\bcode\b|\bgithub\b|\bopen[- ]source|\brepo(?:s|sitor(?:y|ies))?\b",  # not "report"
    "category": r"\b(?:what|which)\s+(?:arxiv\s+|research\s+)?(?:categor|field\b|area\b)|\bcategor(?:y|ies)\s+(?:is|are|was|were)\b"
                r"|\barxiv\b",  # not "what role could the mixed-race category play"
    "score": r"\bscor",
    "venue": r"\bvenue\b|\bwhere\b[^?]*\b(?:published|appear\w*|presented|c[ao]me\s+out|forthcoming|in\s+press)\b"
             rf"|\b(?:which|what)\s+{VENUE_ASKED}",
    "kind": r"\b(?:what|which)\s+(?:kind|type)\s+of\s+(?:publication|paper)\b",
    "doi": r"\bdois?\b|\barxiv\s+(?:id|identifier|number)\b",
    "links": r"\blinks?\b(?!\s+(?:between|with|to\s+(?!(?:it|this|that|them|the\s+(?:paper|article|pdf|publication|study))\b)))"
             r"|\burls?\b|\bpdf\b|\bwebsite\b|\bslides\b",  # not "their link to survival"
}


@dataclass
class Query:
    """A question as understood: everything the answer path needs, made once per turn."""

    text: str  # the question as asked
    mode: str  # ask | summarize | related-work
    intent: str  # the route: metadata, overview, compare, summarize, related_work, clarify, absent, search
    topic: str  # what retrieval searches for: the question without its filters and request wording
    filters: Filters  # given (CLI, web form) merged with those stated in the question and the referents
    authors: list[str] = field(default_factory=list)  # every author the question requires (canonical names)
    named: list[Paper] = field(default_factory=list)  # papers named in the question, else the referents
    missing: list[str] = field(default_factory=list)  # premises not in the record: 'a paper titled "X"'
    referents: list[Paper] = field(default_factory=list)  # what "it"/"they" refer to
    follow_up: bool = False
    slot: str | None = None  # number, dataset, access, method, result, definition, comparison, list
    broad: bool = False  # asks about several papers ("which papers ...", "what has she done on ...")
    project: str = ""  # related work: the user's project, in their words
    residual: str = ""  # the question without its filter phrases
    salient: list[str] = field(default_factory=list)  # stemmed topic terms a passage should cover
    owner: str = ""  # whose record it is
    unsupported: bool = False  # a restriction Filters cannot express (e.g. a range of months)
    untyped: list[str] = field(default_factory=list)  # publication types asked of a record that gives none
    number: int | None = None  # "the three latest papers"
    described: bool = False  # "the paper on X": metadata of a paper described, not named
    several: bool = False  # ... or of several ("his syntheses of X")
    given_filters: bool = False  # the caller (CLI flags, web form) restricted the papers
    presupposed: list[list[str]] = field(default_factory=list)  # "a paper on X and Y": stemmed terms of X, of Y
    presupposed_text: list[str] = field(default_factory=list)  # X and Y as written
    proper: list[str] = field(default_factory=list)  # stemmed terms written as names (capitalised inside a sentence)
    context: list[Paper] = field(default_factory=list)  # papers the conversation was about, even with no "it"
    parts: list[tuple[str, str | None]] = field(default_factory=list)  # two or more things asked: (text, slot)
    alternatives: list[list[str]] = field(default_factory=list)  # "R packages, apps or workflows": any one will do
    initialisms: list[str] = field(default_factory=list)  # the record's initialisms the question spells out

    @property
    def metadata(self) -> bool:
        return self.intent == "metadata"


@dataclass
class Reader:
    """What understanding needs to know about one library, computed once per library."""

    papers: list[Paper]
    researcher: Researcher | None = None
    captured: date | None = None  # when the record was captured: "this year", "the last three years"
    owner_share: float = 0.6
    rare_zipf: float = 3.6  # see Settings.rare_zipf
    people: People = field(init=False)
    venues: dict[str, str] = field(init=False)  # acronym or folded name -> as written
    vocabulary: set[str] = field(init=False)  # folded words of the record's titles, abstracts and venues
    tokens: set[str] = field(init=False)  # the same text split at spaces only, punctuation dropped
    text: str = field(init=False)  # that text, folded
    uses: Counter = field(init=False)  # how many papers use each word (lower case) in title, abstract or keywords
    paper_texts: list[str] = field(init=False)  # each paper's title and abstract, normalised, with spaces around
    vocab: set[str] = field(init=False)  # metadata words, for the fields this record carries
    initialisms: dict[str, str] = field(init=False)  # folded -> as written: "oran" -> "O-RAN"
    initialism_papers: Counter = field(init=False)  # how many papers write each initialism
    initialism_prefixes: set[str] = field(init=False)  # every beginning of one, "" to "oran"

    def __post_init__(self):
        self.people = People(self.papers, self.researcher.name if self.researcher else "", self.owner_share)
        self.vocab = record_vocabulary(self.papers, self.researcher)
        self.venues, self.single_venues = {}, {}
        # a paper's venue, and the preprint servers of the copies merged into it ("bioRxiv" of one now in PeerJ)
        venues = [v for p in self.papers for v in [p.venue, p.event, *p.preprinted] if v]
        # a venue a paper appeared in is taken whole ("Radiology", not "European Journal of Radiology"); the meeting it
        # was presented at is a series, each edition's name holding it ("the DiGRA International Conference")
        self.whole_venues = {venue_key(v) for p in self.papers for v in [p.venue, *p.preprinted] if v}
        for venue in venues:
            for acronym in re.findall(rf"\b{ACRONYM}\b", venue):
                self.venues.setdefault(acronym, acronym)
            if len(venue.split()) >= 2:
                # a series named by its year ("State of the Climate in 2012", "2004 IEEE International Conference
                # on ..."): the series without it, every year's
                yearless = re.sub(r"\s+(?:in|of|for)$", "", re.sub(rf"\s*{YEAR.pattern}", "", venue).strip())
                dated = yearless != venue.strip() and len(yearless.split()) >= 2
                self.venues.setdefault(venue_key(venue), yearless if dated else venue)
                if dated:
                    self.venues.setdefault(venue_key(yearless), yearless)
            bare = re.sub(r"\s*\([^()]*\)$", "", venue.strip())  # "The Astrophysical Journal (ApJ)"
            if bare != venue.strip() and len(bare.split()) >= 2:
                self.venues.setdefault(venue_key(bare), bare)  # every gloss's papers: "Computer Graphics Forum"
            # (not at the stop of an abbreviated first word: "Schizophr. Res." is no "Schizophr" with a section)
            stop = "" if re.match(r"\s*[A-Z][a-z]*\.\s", venue) else "."
            head = re.split(rf"[{stop}:;(]\s|\s[{DASHES}]\s", venue, maxsplit=1)[0].strip()
            uncased = head[:1].isalpha() and head.lower() == head.upper()  # a script without case: "한국인구학"
            # "Radiology", "Isogloss"; a name capitalised inside ("eLife", "bioRxiv", "mBio"); not a common word
            if len(head.split()) == 1 and len(head) >= 4 and (head.lower() != head or uncased):
                self.single_venues.setdefault(normalise_title(head), head)
        words = " ".join(f"{p.title} {p.abstract} {p.venue} {p.event} {' '.join(p.preprinted)} {' '.join(p.keywords)}"
                         for p in self.papers)
        self.text = normalise_title(words)
        self.vocabulary = set(self.text.split())
        # "lexfit2", "xhate999"; names joined by a slash each ("KIC-8507979/TIC-272272592")
        self.tokens = {re.sub(r"[\W_]", "", t) for t in re.split(r"[\s/]+", fold_chars(words))}
        self.paper_texts = [f" {normalise_title(f'{p.title} {p.abstract}')} " for p in self.papers]
        self.formulas = set().union(*(formula_terms(f"{p.title} {p.abstract}") for p in self.papers))  # "cuins"
        self.initialisms, self.initialism_papers = {}, Counter()
        for p in self.papers:
            found = written_initialisms(p)
            for folded, written in found:
                self.initialisms.setdefault(folded, written)
            self.initialism_papers.update({folded for folded, _ in found})
        self.initialism_prefixes = {folded[:n] for folded in self.initialisms for n in range(len(folded) + 1)}
        self.uses = Counter(w for p in self.papers for w in {w.lower() for w in re.findall(
            r"[\w-]+", f"{p.title} {p.abstract} {' '.join(p.keywords)}")})  # how many papers use each word
        if self.captured is None and self.researcher and self.researcher.captured:
            try:
                self.captured = date.fromisoformat(self.researcher.captured)
            except ValueError:
                self.captured = None

    @property
    def owner(self) -> str:
        return self.people.owner_name

    @property
    def today(self) -> date:
        return self.captured or date.today()

    # --- the one entry point ------------------------------------------------------------------------------

    def read(self, question: str, mode: str = "ask", history: list[dict] | None = None,
             given: Filters | None = None) -> Query:
        """Take a question apart once: filters, named papers, referents, premises, slot and intent."""
        question = question.strip()
        history = list(history or [])
        # a paper of the answer before pointed at by its place ("tell me more about the second one"): "it", that one
        position = POSITION.search(question) if history else None
        placed = self.placed(position, history) if position else None
        if placed is not None:
            question = f"{question[:position.start()]}it{question[position.end():]}"
        if mode == "ask":  # the plain mode: the question may ask for an overview or related work itself
            mode = requested_mode(question)
        named = self.named_papers(question)
        masked, names = self.masked(question, named)
        parsed = self.parse(masked)
        for name in names:  # the names back in what is left of the question
            parsed.residual = parsed.residual.replace(NAME_MARK, name, 1)
        missing = self.missing_premises(question, named, parsed.filters.venue)
        follow_up = bool(FOLLOW_UP.search(question)) and not named and not OWN_LIST.search(question)
        referents = self.referents(history) if follow_up else []
        if placed is not None and not named:
            follow_up, referents = True, [placed]
        filters = merge_filters(given or Filters(), parsed.filters)
        # of versions named by one title, the kind asked ("the journal version of X"): that one
        if len(named) > 1 and filters.kinds and 0 < sum(filters.allows(p) for p in named) < len(named):
            named = [p for p in named if filters.allows(p)]
        if referents:
            filters.paper_ids = {p.paper_id for p in referents}
        residual = parsed.residual
        if not parsed.filters.is_empty():  # "How many posts did he write for Life in the Fast Lane?": the unit counted
            residual = UNIT.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)], residual, count=1)
        # "at which university was it done": a thesis's venue asked for, no topic; nor the venue's own words said
        # beside its acronym ("her reviews of digital editions in RIDE", "A Review Journal for Digital Editions")
        venue_stems = {t for p in self.papers if venue_matches(filters.venue, p.venue)
                       for t in tokenize(p.venue)} if filters.venue else set()
        unvenued = " ".join(w for w in residual.split() if not (venue_stems and (stems := tokenize(w))
                                                                and set(stems) <= venue_stems))
        topical = _is_topical(re.sub(rf"\b(?:which|what)\s+{VENUE_ASKED}\b", " ", unvenued, flags=re.I),
                              named or referents, self.vocab, named)
        slot = slot_of(re.sub(ASKED_OF_PAPER, " ", question, flags=re.I))
        description = DESCRIBED.search(question)
        described = bool(description) and not named
        if described:  # what is asked is said before the paper is described ("who were his co-authors on the
            slot = slot_of(question[:description.start()]) or slot  # report about ... results")
        noun = DESCRIBED_NOUN.search(question) if described else None
        several = bool(noun) and noun.group(1).lower().endswith("s") and not noun.group(1).lower().endswith("sis")
        plural = bool(re.search(r"\b(?:they|them|their|these|those)\b", question, re.I))
        query = Query(question, mode, "search", parsed.residual or question, filters, parsed.authors,
                      named or ([] if plural and len(referents) > 1 else referents), missing, referents,
                      follow_up, slot, owner=self.owner, given_filters=bool(given and not given.is_empty()),
                      residual=parsed.residual, unsupported=parsed.unsupported, untyped=parsed.untyped,
                      number=parsed.number,
                      broad=mode == "ask" and asks_several(question) and not ONE_OF_THEM.search(question),
                      described=described,
                      several=several, parts=asked_parts(question))
        if mode == "related-work":
            from assistant.compose import project_description

            query.project = project_description(question)
            query.topic = query.project
            query.intent = "related_work"
            described, unset = self.parse(query.project).filters, Filters()  # "editorial boards at ecology
            for name, value in vars(described).items():  # journals" describes the project; it asks for no venue
                if value and getattr(query.filters, name) == value:  # and no publication type
                    setattr(query.filters, name, getattr(unset, name))
        elif mode == "summarize":
            topic = SUBJECT.sub("", ASKED_OF_WORK.sub("", REQUEST.sub("", parsed.residual.strip(" .?!"), count=1),
                                                          count=1), count=1)
            query.topic = TRAILER.sub("", topic).strip() or question
            query.intent = "overview" if WHOLE_RECORD.search(question) or not topical else "summarize"
        elif not parsed.unsupported and not topical and not (named and not asks_lookup(question, self.papers)) \
                and not (referents and DESCRIBE.search(question)):  # "tell me more about it": what it says
            query.intent = "metadata"  # not "What does Nimbus do?": a named paper with nothing asked of the table
        elif follow_up and not referents and self.lacks_referent(question, history):
            query.intent = "clarify"
        elif missing:
            query.intent = "absent"
        elif WHOLE_RECORD.search(question) and not follow_up:
            query.intent = "overview"
        elif len(named) >= 2 and (slot == "comparison" or re.search(r"\b(?:and|both)\b", question, re.I)):
            query.intent = "compare"
        if query.broad and query.intent == "search" or query.intent == "summarize":  # "which papers are about the
            for paper in named:  # Foreshadow attack?": each one that uses the name ("Foreshadow-NG: ...", "... with
                # Foreshadow"), as few do
                if paper.system_name and paper.system_name != paper.title:
                    query.named += [p for p in self.phrase_users(paper.system_name)
                                    if all(p is not q for q in query.named)]
        query.salient = self.salient_terms(query)
        query.alternatives = [group for group in alternatives(query.topic) if set(group) <= set(query.salient)]
        # a thing named twice, by its common name and its scientific one ("the scarlet monkeyflower, Mimulus
        # cardinalis", "lemurs (Lemuroidea)"): a paper using either name is on it
        # and a phrase with its short form in brackets ("RAD sequencing (RADseq)", "marine protected areas (MPAs)")
        shortened = [(run, short) for words, short in SHORT_FORM.findall(query.topic)
                     if (run := abbreviated(short, words))]
        # and a word glossed by another in brackets ("insect-killing (entomopathogenic) nematodes")
        glossed = [(word, gloss) for word, gloss in GLOSSED.findall(query.topic) if not abbreviated(gloss, word)]
        for common, scientific in APPOSED.findall(query.topic) + shortened + glossed:
            names = [[t for t in tokenize(name) if t in query.salient] for name in (common, scientific)]
            if all(names) and not set(names[0]) & set(names[1]):
                query.alternatives += [[t] + names[1] for t in names[0]]
        for folded, words in self.spelled_initialisms(query.topic):
            groups = [g for g in self.initialism_groups(words) if g[0] in query.salient and len(g) > 1]
            if len(groups) >= 2 and folded not in query.salient:
                query.alternatives += groups  # "Open Radio Access Networks", "O-RAN" or "Open RAN"
                if self.initialism_papers[folded] > self.spelling_papers(words):  # searched as the record writes it
                    query.initialisms.append(self.initialisms[folded])
        # two words apart that the record writes as one ("Planet Four" for its "PlanetFour", "data set" for
        # "dataset"): either spelling will do ("multi-site" is already the record's "multi-site")
        for a, b in re.findall(r"(?<![\w-])(?=([A-Za-z]+)\s+([A-Za-z]+)(?![\w-]))", query.topic):
            joined = tokenize(a + b)
            pair = [t for t in tokenize(f"{a} {b}") if t in query.salient]
            if min(len(a), len(b)) >= 3 and (a + b).lower() in self.vocabulary and len(joined) == 1 and pair:
                query.alternatives += [[t, joined[0]] for t in pair]
                query.initialisms.append(a + b)
        query.context = referents or (self.referents(history) if history and not named else [])
        # (a name may open with small letters: "fNIRS", "mRNA", "eDNA"; or with an elided article: "L'Aquila")
        query.proper = [t for m in re.finditer(r"(?<=[\w,;:] )(?:(?:[A-Za-z]['’])?[A-Z][\w-]+|[a-z]{1,2}[A-Z]{2,}[\w-]*)", query.topic)
                        if self.names_subject(query.topic, m)
                        for t in tokenize(m.group(0)) if t in query.salient]
        if query.intent in ("search", "summarize") and not named:
            # a year before the work is when it appeared ("his 2019 study of X" is a study of X)
            text = re.sub(rf"{YEAR.pattern}\s+(?=(?:paper|study|article|chapter|book|review|survey|report)\b)", "",
                          FRAMING.sub(" ", parsed.residual), flags=re.I)
            for pattern in PRESUPPOSED:
                found = pattern.search(text)
                if not found:
                    continue
                about = re.split(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:which|what|who|whom|whose|how|where|when|why|did|does|do|"
                                 r"is|are|was|were)\b)"
                                 r"|\s+(?:that|which|who|whose)\s+"  # "..., which word is ...", "X that argues Y"
                                 # a clause of circumstance: "teleporting a qudit when the receiver cannot ..."
                                 r"|,?\s+(?:when|whenever|where|while|whereas|but|if|because|although|though)\s+",
                                 found.group("x"), maxsplit=1, flags=re.I)[0]
                about = MATERIAL_OF.sub("", about, count=1)
                if pattern is MADE_FOR:
                    about = MADE_HEAD.sub(" ", about, count=1)
                if re.search(r"\b(?:does|do|did)\b", text[:found.start()], re.I) and not re.search(
                        r"\b(?:say|says|tell|tells|show|shows|shown|found|find|learned|learnt|done|worked|written|"
                        r"publish(?:ed)?)\b", text[found.start():found.start("x")], re.I):
                    # "does the article on X apply to ...": the question's own verb ends what the paper is about
                    words = about.split()
                    verbs = [i for i, w in enumerate(words) if i and re.fullmatch(r"[a-z]+", w) and is_base_verb(w)
                             and "ADJ" not in word_classes(w)  # not "long" in "summarising long documents"
                             and words[i + 1:i + 2] != ["of"]]  # nor a noun: "cooperative control of vehicles"
                    if verbs:
                        about = " ".join(words[:verbs[-1]])
                design = DESIGN_OF.search(text[:found.start("x")]) if pattern is DESCRIBED_WORK else None
                for part in re.split(r"\s+(?:and|or)\s+|[,:;]\s*", about):  # "X: a, b and c" names four things
                    # not "appear"; nor the verb of what the paper set out to do, which it may say otherwise ("to cut
                    # taste and odor" of a paper on "reducing" them)
                    aims = {m.group(1).lower() for m in re.finditer(  # a verb with its object, not "response to stress"
                        r"\bto\s+([a-z]+)\s+(?!(?:in|of|on|at|for|with|by|from|and|or|the)\b)[a-z]", part)
                        if is_base_verb(m.group(1))}
                    # nor a count, which a paper may give in figures ("thousands of comments": "5,044 comments"), nor
                    # its year ("the 2021 study restoring ...": when, not what)
                    words = [w for w in re.findall(r"[\w'-]+", part) if w.lower() not in VOCAB and w.lower() not in aims
                             and not re.fullmatch(CARDINAL, w, re.I) and not re.fullmatch(DURATION, w, re.I)
                             and not YEAR.fullmatch(w)
                             and not self.written_out(w)]  # "UN": "United Nations"
                    terms = [t for t in tokenize(" ".join(words)) if t not in REQUEST_WORDS]
                    if terms and design:
                        terms += [t for t in tokenize(design.group(1)) if t not in terms]
                    if terms:
                        query.presupposed.append(terms)
                        query.presupposed_text.append(part.strip())
                break
        return query

    # --- parts ----------------------------------------------------------------------------------------------

    def parse(self, question: str) -> _Parsed:
        """Filters stated in the question, and the question with those phrases removed."""
        f, text = Filters(), question

        def take(pattern: str, flags: int = re.I) -> list[re.Match]:
            nonlocal text
            found = list(re.finditer(pattern, text, flags))
            for m in reversed(found):
                text = text[:m.start()] + " " + text[m.end():]
            return found

        take.current = lambda: text  # what is left of the question
        # A year is a publication date in a question about papers ("papers in 2020", "what did she publish in
        # 2019", "since 2020"); in "the 2019 elections", "the overall score in 2016" or "between 1993 and 2003,
        # how far did the gap narrow?" it is part of the topic.
        about_papers = re.search(r"\b(?:papers?|publications?|publish\w*|works?|worked|done|research|articles?|"
                                 r"preprints?|wr[io]te|written|appear\w*|c[ao]me\s+out|released?|record|dated?|"
                                 r"how\s+many|count)\b", text, re.I) \
            or not _is_topical(re.sub(Y, " ", re.sub(rf"\b{MON}\b", " ", text, flags=re.I)), [], self.vocab)
        for pattern, kind in YEAR_RULES if about_papers else ():
            for m in take(pattern):
                years = [int(y) for y in m.groups() if y]
                if kind == "range":
                    f.year_from, f.year_to = min(years), max(years)
                elif kind in ("from", "after"):
                    f.year_from = years[0] + (kind == "after")
                else:
                    f.year_to = years[0] - (kind == "before")
        now = self.today.year
        for pattern, kind in RELATIVE_RULES:
            for m in take(pattern):
                if kind == "last_n":
                    n = m.group(1).lower()
                    n = int(n) if n.isdigit() else NUMBER_WORDS[n]
                    f.year_from, f.year_to = now - n + 1, now
                elif kind == "this":
                    f.year_from = f.year_to = now
                elif kind == "last":
                    f.year_from = f.year_to = now - 1
        if f.year_from is not None or f.year_to is not None:  # "... publications fall in the last three years?"
            take(r"\b(?:fall|falls|fell|falling)\b(?=\s*[?.!]?\s*$)")
        months = []  # a month too: "the overturning in April 2008 to March 2012" is the topic's period
        if about_papers:
            months = take(rf"\b(?:(?:in|during|from)\s+)?{MON}\.?,?\s+(?:of\s+)?{Y}\b")
            # not a span of months, a season the paper studies ("mixing during September to November")
            named = "|".join(MONTH_NAMES)
            months += take(rf"\b(?:[Ii]n|[Dd]uring)\s+({named})\b(?!\s*(?:to|through|till|until|and|-|–)\s*(?:{named})\b)", 0)
        if months:
            f.month = [m[:3].lower() for m in MONTH_NAMES].index(months[0].group(1)[:3].lower()) + 1
            years = [int(m.group(2)) for m in months if m.re.groups > 1]
            if years:
                f.year_from, f.year_to = min(years), max(years)
        bare = rf"(?:\b(?:in|during|from|of)\s+)?\b{Y}\b" if about_papers else r"(?!x)x"
        years = [int(m.group(1)) for m in take(bare)]
        if years:
            f.year_from, f.year_to = min(years), max(years)
        unsupported = len(months) > 1
        if unsupported:
            f.month = None
        f.categories = self._take_categories(take)
        no_code, has_code = take(NO_CODE), take(HAS_CODE)
        f.code = False if no_code else True if has_code else None
        aside = {f"\ue000{i}\ue001": m.group(0) for i, m in enumerate(EXCLUDED.finditer(text))}
        for mark, words in aside.items():  # "in Bosque (not Bosque Nativo)": a venue set aside is not the one asked
            text = text.replace(words, mark, 1)
        for m in re.finditer(LANGUAGE_OF_WORK, take.current()):  # before venues: "published in Portuguese"
            code = language_code(m.group("name") or m.group("adjective"))
            if code:
                f.language = code
                # with a gloss in brackets saying it again: "(title and abstract in Portuguese)"
                take(rf"\(\s*[^()]*\b{re.escape(m.group('name') or m.group('adjective'))}\b[^()]*\)", 0)
                take(re.escape(m.group("said") or m.group("adjectival")), 0)
                assign_languages(self.papers)  # read once, when a question first asks for one
                break
        take(r"(?<=\bthe\s)[A-Z][\w&-]*(?=\s+journal\s+[A-Z])", 0)  # its publisher: "the MDPI journal Materials"
        f.venue, f.venue_exact = self._take_venue(take)
        # "the journal Neurology itself": not its sections either ("Neurology: Clinical Practice")
        f.venue_itself = f.venue_exact and bool(re.search(rf"\b{re.escape(f.venue)}\s+itself\b", question, re.I))
        if f.venue:  # the venue's other name beside it: "Prev Vet Med (Preventive Veterinary Medicine)"
            for m in re.finditer(VENUE_NAME, text):
                if " " in m.group(0) and venue_matches(m.group(0).rstrip("."), f.venue):
                    take(re.escape(m.group(0)), 0)
            take(r"\(\s*\)", 0)
            if f.venue_exact and not any(f.allows(p) for p in self.papers) \
                    and any(Filters(venue=f.venue, venue_exact=True).allows(p) for p in self.papers) \
                    and any(replace(f, venue_exact=False).allows(p) for p in self.papers):
                # "her Computational Humanities Research 2025 paper": the conference's proceedings that year, not the
                # journal of that name, which has no paper of 2025
                f.venue_exact = False
            edition = f.year_from if f.year_from == f.year_to else None
            held = [p for p in self.papers if replace(f, year_from=None, year_to=None, month=None).allows(p)]
            if edition is not None and held and not any(p.year == edition for p in held) \
                    and any(re.search(rf"\b{edition}\b", p.venue) for p in held):
                # "his PSA 1970 paper": the meeting's year, which the venue names, not the year it appeared (1971)
                f.year_from = f.year_to = None
                f.month = None
        for mark, words in aside.items():
            rest = re.sub(rf"^\(?\s*(?:{SET_ASIDE}|(?:(?:are|is|were|was)\s+)?not)\s+(?:in\s+|at\s+)?(?:the\s+)?", "", words,
                          flags=re.I).strip(" )")
            named_venue = f.venue and self.a_venue(rest, False)
            # "at OOPSLA, not counting its workshops": a venue's workshops are not the venue anyway
            named_venue = named_venue or f.venue and re.fullmatch(r"(?i)(?:its|their|the)\s+workshops?", rest)
            text = text.replace(mark, " " if named_venue else words, 1)  # the venue set aside says no more
        solo = SOLO.search(text)
        # "leaving aside his sole-authored works": the papers with co-authors
        solo_aside = bool(solo) and any(e.start() <= solo.start() < e.end() for e in EXCLUDED.finditer(text))
        if solo_aside:
            take(rf"\b(?:{SET_ASIDE})\s+(?:(?:his|her|their|the|any|all)\s+)?(?:{SOLO.pattern})"
                 r"(?:\s+(?:works?|papers?|articles?|publications?|ones?))?")
        if solo and alone_of_a_thing(text, solo):
            take(r"\balone\b")  # how the thing is taken, not a subject
        elif solo and (not SAID_OF_ANYTHING.fullmatch(solo.group(0)) or AUTHORSHIP.search(text)):
            f.authors_count = 1 if take(SOLO.pattern) and not solo_aside else None
        f.coauthored = solo_aside or bool(take(r"\b(?:co-?authored|co-?written|joint|multi-?author(?:ed)?)\s+"
                                               r"(?=(?:papers?|works?|articles?|publications?)\b)"))  # "on which co-authored papers is he listed first"
        only_these = bool(take(ONLY_THESE.pattern))  # the people named (and the owner) and nobody else
        for m in take(AUTHORS_COUNT.pattern):
            word = next((w for w in m.groups() if w), "1")  # "a single co-author"
            n = int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]
            f.authors_count = n + 1 if re.search(r"co-?authors?", m.group(0), re.I) else n
        f.unpublished = bool(ONLY_PREPRINTS.search(question))
        if any(p.status for p in self.papers):  # "which of his articles are forthcoming or under review?"
            f.statuses = {status_name(m.group(1)) for m in take(PENDING_ASKED)}
        untyped: list[str] = []
        if any(p.kind for p in self.papers):
            set_aside: set[str] = set()  # "rather than journal articles", "other than preprints"
            for pattern, kind in KINDS:  # not the asker's own: "my thesis is on ..."; "chapters or conference papers"
                aside = list(EXCLUDED.finditer(text))  # where the text now sets things aside
                for m in take(rf"{NOT_ASKERS}(?:{pattern})"):
                    outside = not any(e.start() <= m.start() < e.end() for e in aside)
                    (f.kinds if outside else set_aside).add(kind)
            if set_aside and not f.kinds:  # "which are not ..." said as "other than journal articles"
                # (not of a venue asked: "in Materials (not Frontiers in Materials or other journals ...)" sets
                # venues aside, not journal articles)
                f.kinds = {p.kind for p in self.papers if p.kind} - set_aside if not f.venue else set()
        else:  # a record that gives no publication types cannot tell which papers are preprints or articles
            untyped = [kind for pattern, kind in KINDS if re.search(rf"{NOT_ASKERS}(?:{pattern})", text, re.I)]
        asked = PIECE_ASKED.search(text)  # "how many teaching cases has she written?": named in venues
        written = asked["piece"] if asked else ""
        said_is = PIECE_IS.search(text)  # "which of his papers are reviews?": the reviews, not the papers
        if said_is and "NOUN" in word_classes(said_is["piece"].split()[-1]):  # not "... were published"
            written = said_is["piece"]
            asked = {"own": said_is["own"] or "theirs", "wrote": None,
                     "piece": written if written.endswith("s") else written + "s"}
        # the owner's works ("her teaching cases", "which op-eds has he written"), not what a paper counted ("how
        # many Heliconia plants were measured"); not "which journals"
        listed = re.search(r"\b(?:in|on)\s+(?:his|her|their|the|this)\s+(?:record|list|publication\s+list|cv)\b", text,
                           re.I)  # "how many systematic reviews are in his record?"
        if asked and (asked["own"] or asked["wrote"] or listed) and not f.kinds \
                and not re.search(rf"\b{VENUE_ASKED}s?$", asked["piece"], re.I) \
                and any(names_piece(asked["piece"], p) and f.allows(p) for p in self.papers):
            # (among the works the other filters allow: "which of her reviews appeared in RIDE?" of a record typing
            # none of its RIDE papers as reviews asks for those papers)
            f.piece = asked["piece"]
            take(rf"\b{re.escape(written)}\b")

        mentions = [(s, e, person, text[e:e + 2] in ("'s", "’s")) for s, e, person in self.people.mentions(text)]
        owner_listed = re.search(OWNER_AS_AUTHOR, text, re.I)
        (f.first_author, first), (f.last_author, last) = (self._author_at(pattern, text, mentions)
                                                          for pattern in (FIRST_AUTHOR, LAST_AUTHOR))
        at = first if f.first_author else last if f.last_author else None
        # "on which works is he not the first author?"
        f.byline_negated = bool(at and re.search(r"(?:\b(?:not|never)|n['’]t\s+(?:[\w.-]+\s+){0,3}?)\s*$",
                                                 text[:at.start()], re.I))  # "isn't Dom Ford"
        authors = []
        for _, _, person, possessive in mentions:
            if person.name in (f.first_author, f.last_author) or person.name in authors:
                continue
            if self.people.owner is person and (possessive or not owner_listed) \
                    and not (f.authors_count == 1 and not possessive):  # "did Mark Runacres write alone": his
                continue
            authors.append(person.name)
        for s, e, _, possessive in sorted(mentions, reverse=True):
            end = e + 2 if possessive else e
            head = re.search(r"(?:\b(?:by|with|and|from|of)\s+)?$", text[:s], re.I)
            text = text[:head.start() if head else s] + " " + text[end:]
        if f.byline_negated:
            take(r"\b(?:not|never)\b|\b\w+n['’]t\b")
        if f.first_author:
            take(FIRST_AUTHOR)
        if f.last_author:
            take(LAST_AUTHOR)
        if mentions:
            take(NAME_FORM)
        f.author = authors[0] if authors else ""
        # "is X a co-author", "co-written with X": an edited book X is an editor of is none
        f.as_author = bool(authors) and bool(re.search(r"\bco-?(?:authors?|authored|wr[io]te|written)\b", question, re.I))
        if self.people.owner and not authors and take(NOT_THE_OWNERS):
            f.not_authors = set(self.people.owner.variants)  # however the record spells the owner
        if f.authors_count == 1 and not authors and re.search(OWNER_WORDS, question, re.I):  # "which did he write
            f.solo_others = set(self.owner_coauthors)  # alone?": not his students' theses ("which works are
            # single-authored?": all)
        if only_these and authors and f.authors_count is None:  # the owner too: "did she write with X and nobody else"
            if self.people.owner and self.people.owner.name not in authors:
                authors.append(self.people.owner.name)
            f.authors_count = len(authors)
        for name in (self.people.owner_name, f.author, f.first_author, f.last_author):
            if name and (person := self.people.find(name)):
                f.spellings[name] = frozenset(person.variants)
        number = re.search(r"\b(\d{1,2})\b", text)
        residual = re.sub(r"\s+([?.!,;:])", r"\1", re.sub(r"\s+", " ", text)).strip()
        residual = re.sub(r"^[,;:]\s*|(?<=[,;])\s*[,;]", "", residual)
        return _Parsed(f, residual, authors, unsupported, int(number.group(1)) if number else None, untyped)

    def _take_categories(self, take) -> set[str]:
        """The record's categories: 'cs.DC', 'the DC category', 'DC papers', 'in DC', '<full name> category'."""
        carried = {p.category for p in self.papers if p.category}
        if not carried:
            return set()
        code = "|".join(sorted((re.escape(c) for c in carried), key=len, reverse=True))
        codes = {c for c in carried if c in CATEGORY_NAMES and take(
            rf"(?:\b(?:in|under|from)\s+)?(?:\bthe\s+)?\b{re.escape(CATEGORY_NAMES[c])}\s+categor(?:y|ies)\b")}
        for m in take(rf"(?:\b(?:in|under|from)\s+)?(?:\bthe\s+)?\b(?:cs|stat|eess|q-bio|physics|math)\.({code})\b"
                      r"(?:\s+categor(?:y|ies))?"):
            codes.add(next(c for c in carried if c.lower() == m.group(1).lower()))
        group = rf"((?:{code})(?:\s*(?:,|/|&|\bor\b|\band\b)\s*(?:{code}))*)"  # bare codes: as written
        # "in DC" alone names a category only when it is written like a code, not a word ("in autism" is a topic)
        coded = "|".join(sorted((re.escape(c) for c in carried if re.fullmatch(r"[A-Z]{2,}|\w+\.[\w.-]+", c)),
                                key=len, reverse=True)) or r"(?!x)x"
        for pattern in (rf"(?:\b(?i:in|under|from)\s+)?(?:\b(?i:the)\s+)?(?<![\w-]){group}\s+(?:(?i:categor(?:y|ies)|areas?)\b"
                        r"|(?=(?i:papers?)\b))",
                        rf"\b(?i:categor(?:y|ies))\s+{group}\b",
                        rf"\b(?i:in|under)\s+({coded})\b(?=\s*(?:[?.!,;]|$|\b(?i:and|or|with|without|since|before|after"
                        r"|between|from|during|in)\b))"):
            text = take.current()
            for m in re.finditer(pattern, text):
                before = re.search(r"([a-z][\w-]*)\s+$", text[:m.start(1)])
                if before and m.group(1).islower() and self.phrase_uses(f"{before.group(1)} {m.group(1)}"):
                    continue  # a phrase of the record's ending in the category's word: "topographic modularity paper"
                take(re.escape(m.group(0)), 0)
                codes.update(re.findall(rf"\b(?:{code})\b", m.group(1)))
        return codes

    def _author_at(self, pattern: str, text: str, mentions: list) -> tuple[str, re.Match | None]:
        """Who the question puts at one end of the author line, and where it says so: the person named nearest
        those words, or the owner ("on which papers is she first author?"); "" when it asks no such thing."""
        at = re.search(pattern, text, re.I)
        if at and mentions:
            return min(mentions, key=lambda m: min(abs(m[0] - at.start()), abs(m[0] - at.end())))[2].name, at
        owned = at and self.people.owner and re.search(OWNER_WORDS, text, re.I)
        return (self.people.owner.name, at) if owned else ("", None)

    def _take_venue(self, take) -> tuple[str, bool]:
        """A venue: one the record holds (acronym or full name), or an acronym after 'appeared at'; and whether
        it must be the whole of a paper's venue ("Radiology", not "European Journal of Radiology")."""
        acronyms = sorted((k for k in self.venues if re.fullmatch(ACRONYM, k)), key=len, reverse=True)
        names = sorted((k for k in self.venues if k not in acronyms), key=len, reverse=True)

        def take_name(words: list[str], joined: str = JOINED, end: str = r"\b") -> bool:
            """Take a venue's name, its words given as patterns, with "at/in/from the" before it; not a name
            written as part of the topic ("his work on DNA liquid crystals" of a record with "Liquid Crystals")."""
            pattern = rf"(?:\b(?:at|in|from)\s+)?(?:\bthe\s+)?\b{joined.join(words)}{end}{VENUE_TAIL}"
            for m in re.finditer(pattern, take.current(), re.I):
                before = re.search(r"([\w-]+)\W*$", take.current()[:m.start()])
                if qualifies_noun(take.current()[m.end():]) or self.written_as_topic(m, before):
                    continue  # the name is a field's ("which game studies concept becomes ...")
                # the name given as a gloss of an acronym: "in SISC, the SIAM Journal on Scientific Computing"
                apposed = re.search(rf"(?:\b(?:at|in|from)\s+)?(?<![\w-]){ACRONYM}\s*,\s*$", take.current()[:m.start()])
                # "posts that appeared on the Intellectual Freedom Blog": a blog or site a work came out on
                posted_on = re.search(r"\b(?:published|appeared|appear|appears|posted|post|posts|came\s+out|released|"
                                      r"aired)\s+on\s*$", take.current()[:m.start()], re.I)
                if re.match(r"(?i)(?:at|in|from)\b", m.group(0)) or not before or apposed or posted_on \
                        or re.fullmatch(VENUE_BEFORE, before.group(1), re.I):
                    take(re.escape(m.group(0)), 0)
                    if apposed:
                        take(re.escape(apposed.group(0)), 0)
                    return True
            return False

        # a venue's name can be taken only if the question holds the start of each of its words (as written, cut
        # short or abbreviated): a record of hundreds of venues is not tried venue by venue
        # an acronym of the record's glossed by its name ("at ICASSP, the IEEE International Conference on
        # Acoustics, Speech and Signal Processing"): the acronym, which every edition's venue string matches
        for m in re.finditer(rf"(?:\b(?i:at|in|from)\s+)?(?:\b(?i:the)\s+)?(?<![\w-])({ACRONYM})\s*,\s*(?:(?i:the)\s+)?"
                             rf"({VENUE_NAME}(?:,\s+{VENUE_NAME})*)", take.current()):
            if m.group(1) in self.venues and len(m.group(2).split()) >= 3 and venue_matches(m.group(1), m.group(2)):
                take(re.escape(m.group(0)), 0)
                return self.venues[m.group(1)], False
        folded = fold_chars(take.current())
        written = [k for k in names if all(w[:4] in folded for w in k.split() if w not in VENUE_FILLER)]
        lowered = {a.lower() for a in acronyms}
        for key in (k for k in written if k.split()[0].lower() in lowered):  # "AI & Society" before "AI"
            if take_name([accented(w) for w in key.split()]):
                return self.venues[key], False
        text = take.current()
        # the name of a conference or series inside the record's longer venues ("the ACM International Conference
        # on Computing Frontiers" of "Proceedings of the 20th ACM International Conference on ..."), before its
        # acronym alone
        inside = [m.group(0) for m in re.finditer(VENUE_NAME, text)  # three words if one says what it is ("the DiGRA
                  if (len(m.group(0).split()) >= 4 or len(m.group(0).split()) == 3 and re.search(VENUE_WORDS, m.group(0)))
                  and venue_key(m.group(0)) not in self.whole_venues  # a whole venue: below
                  and not re.search(r"[A-Z][\w'-]*[,:]?\s*$", text[:m.start()])  # nor a longer name's tail
                  and not re.match(r"[,:]\s*[A-Z]", text[m.end():])  # nor its head ("... Research: Atmospheres")
                  and any(f" {normalise_title(m.group(0))} " in f" {key} " for key in names)]
        if inside:
            phrase = max(inside, key=len)  # with its acronym before it: "at MILCOM, the IEEE Military ... Conference"
            take(rf"(?:\b(?:at|in|from)\s+)?(?:(?<![\w-]){ACRONYM}\s*,\s*)?(?:\bthe\s+)?{re.escape(phrase)}{VENUE_TAIL}",
                 0)
            return phrase, False
        # a venue's name glossed by an acronym the record has: "the IEEE Conference on Automation Science and
        # Engineering (CASE)" is CASE, however the name is worded, not the IEEE at its start
        for m in re.finditer(rf"(?:\b(?i:at|in|from)\s+)?(?:\b(?i:the)\s+)?{VENUE_NAME}\s*\(({ACRONYM})\)", text):
            if m.group(1) in self.venues and re.search(VENUE_WORDS, m.group(0)):
                take(re.escape(m.group(0)), 0)
                return self.venues[m.group(1)], False
        for key in acronyms:
            # an acronym the papers' own text uses ("HIV" beside "Lancet HIV") is a venue only where one is meant
            topical = self.uses.get(key.lower(), 0) >= 2
            found = [m for m in re.finditer(rf"(?:\b(?i:at|in|from)\s+)?(?:\b(?i:the)\s+)?"
                                            # "the Spanish JISBD conference": a word saying whose conference it is
                                            rf"(?:[A-Z][a-z]+\s+(?={re.escape(key)}\s+(?i:conference|workshop|symposium)\b))?"
                                            rf"(?:{ACRONYM}\s+){{0,2}}"  # "IEEE VIS",
                                            rf"(?<![\w-]){re.escape(key)}"  # "IEEE PES PowerTech"
                                            r"(?![\w-])(?:\s+(?:19|20)\d\d)?(?:\s*\([^()?!]{1,40}\))?"  # "(Oakland)"
                                            r"(?:\s+(?i:workshops?)\b|\s+(?i:conference|meeting)(?:\s+itself)?\b)?",
                                            text)  # "OOPSLA workshops": held at it; "the OOPSLA conference itself"
                     if not modifies(text[m.end():]) and (not topical or re.match(r"(?i:at|in|from)\s", m.group(0))
                                                          or re.match(VENUE_NOUN, text[m.end():]))
                     and not self.continues(key, text[m.end():])]
            if found:
                take(re.escape(found[0].group(0)), 0)
                # the acronym spelled out beside it: "PSCC, the Power Systems Computation Conference"
                gloss = re.match(rf"\s*,?\s*(?:(?i:the)\s+)?({VENUE_NAME})", take.current()[found[0].start():])
                if gloss and spells_venue(key, gloss.group(1)):
                    take(re.escape(gloss.group(0)), 0)
                else:  # or said in the words of the record's venues: "JISBD conference (Jornadas de Ingeniería
                    # del Software y Bases de Datos)", "TrustBus, the conference on Trust, Privacy and Security ..."
                    said = set(normalise_title(" ".join(v for v in self.venue_papers if venue_matches(key, v))).split())
                    gloss = re.match(r"\s*(?:(?i:conference|workshop|symposium|meeting)\s*)?(?:\(([^()?!]{3,160})\)"
                                     r"|,\s*((?:(?i:the)\s+)?[^,?!.;()]+(?:,\s*[^,?!.;()]+)*))",
                                     take.current()[found[0].start():])
                    words = set(normalise_title(gloss.group(1) or gloss.group(2)).split()) - VENUE_FILLER \
                        - {"conference", "workshop", "symposium", "meeting"} if gloss else set()
                    if words and words <= said:
                        take(re.escape(gloss.group(0)), 0)
                workshop = re.search(r"(?i)\bworkshops?$", found[0].group(0))
                return self.venues[key] + (" workshops" if workshop else ""), False
        for key in written:  # a whole venue of the record is not part of a longer one ("Media History", not
            if take_name([accented(w) for w in key.split()]):  # "TMG Journal for Media History")
                return self.venues[key], key in self.whole_venues
        for key in (k for k in written if len(k.split()) >= 3):  # an ending written otherwise ("Nederlandse" for
            if take_name([accented(w[:-2]) + r"\w{0,4}" if len(w) >= 6 else accented(w)  # "Nederlands")
                          for w in key.split()]):
                return self.venues[key], False
        for key in acronyms:  # written out where the record uses the acronym: "Journal of the American Medical
            if not re.fullmatch(r"[A-Z]{3,}", key):  # Association" for "JAMA"
                continue
            spelled = FILLER_RUN.join(rf"{letter}[a-z]+" for letter in key)
            for m in re.finditer(rf"(?:\b(?i:at|in|from)\s+)?(?:\b(?i:the)\s+)?\b{spelled}\b{VENUE_TAIL}", take.current()):
                if re.search(r"\b[A-Z][\w'-]*\s+(?:(?:of|the|for|on|and|in)\s+)*$", take.current()[:m.start()]):
                    continue  # the tail of a longer name: "Journal of the American Chemical Society" is not "ACS"
                take(re.escape(m.group(0)), 0)
                return self.venues[key], normalise_title(key) in self.whole_venues  # "JAMA", not "JAMA Pediatr"
        for key, head in self.single_venues.items():  # one word: only where a venue is meant
            # not the first word of a longer name: "Nature Communications" is not "Nature"
            for m in re.finditer(rf"\b(?:(?:at|in|from)\s+(?:the\s+)?(?:journal\s+)?{key}\b(?!\s+(?-i:[A-Z]))"
                                 rf"{VENUE_TAIL}|(?:the\s+)?(?<![\w-]){key}\s+(?="
                                 rf"(?:papers?|articles?|preprints?|proceedings|journal)\b))",  # not "the de-policing paper"
                                 take.current(), re.I):
                # nor the last word of a longer name: "his Annals of Neurology paper" is not "Neurology"
                if re.search(r"\b[A-Z][\w'-]*\s+(?:of|for|on|and|&|the)\s+(?:(?:of|the|for|on|and|in)\s+)*$",
                             take.current()[:m.start()]):
                    continue
                if not self.written_as_topic(m, re.search(r"([\w-]+)\W*$", take.current()[:m.start()])):
                    take(re.escape(m.group(0)), 0)
                    return head, normalise_title(head) in self.whole_venues
        # a family of journals named in full before the work where the record only abbreviates its first word ("the 2022
        # Frontiers paper" of "Front. Plant Sci."): the venues opening with that word
        for m in re.finditer(r"(?<![\w-])([A-Z][a-z]{3,})\s+(?=(?:papers?|articles?|stud(?:y|ies)|journals?)\b)",
                             take.current()):
            heads = {v.split()[0] for v in self.venue_papers if re.match(r"[A-Z][a-z]{2,}\.\s", v)
                     and m.group(1).lower().startswith(v.split()[0][:-1].lower())}
            if len(heads) == 1 and not any(v.split()[0].lower() == m.group(1).lower() for v in self.venue_papers):
                take(re.escape(m.group(0)), 0)
                return heads.pop(), False
        for key in written:  # written out where the record abbreviates: "Journal of Physical Chemistry C" for
            words = written_out(key)  # "J. Phys. Chem. C"
            if len(words) < 2:
                continue
            if take_name(words, FILLER_RUN, r"(?![\w-])"):
                return self.venues[key], False
        # written short where the record writes it out: "Ind. Eng. Chem. Res." for "Industrial & Engineering
        # Chemistry Research"; then without full stops, as PubMed abbreviates ("in PLOS Comput Biol", "in J
        # Neurosci"), where the words must be cut short, not a run of the venue's own words
        dotted = (r"(?:\b(?i:at|in|from)\s+)?(?:\b(?i:the)\s+)?\b((?:[A-Z][a-z]*\.\s*(?:&\s*)?){2,}"
                  r"(?:[A-Z][a-z]+\b\.?|[A-Z]\b)?)")
        undotted = r"\b(?i:at|in|from)\s+(?:(?i:the)\s+)?((?:[A-Z][A-Za-z]*\s+)+[A-Z][A-Za-z]*)(?![\w-])"
        for pattern, cut_short in ((dotted, False), (undotted, True)):
            for m in re.finditer(pattern, take.current()):
                short = m.group(1).strip()
                written = Counter({venue: n for venue, n in self.venue_papers.items() if venue_matches(short, venue)
                                   and not (cut_short and f" {normalise_title(short)} " in f" {normalise_title(venue)} ")})
                if written:
                    take(re.escape(m.group(0)), 0)
                    return journal_named(written), False
        section = r"(?:\s+[A-Z](?![\w-]))?"  # a journal's section: "EPJ E"
        for pattern, spelled in ((rf"(?:\b(?i:at|in)\s+(?:the\s+)?)?\b({ACRONYM}{section})(?:\s+(?:19|20)\d\d)?(?=\s+(?i:papers?|"
                                  r"publications?|conference|proceedings|journal)\b)", False),
                                 (rf"\b(?i:at|in)\s+(?:the\s+)?(?:{ACRONYM}\s+)?({ACRONYM}{section})(?:\s+(?:19|20)\d\d)?(?![\w-])"
                                  rf"(?i:\s+(?:proceedings|conference|journal)\b)?", True)):
            # an acronym of a venue the record writes out in full ("ICRA" for "... Robotics and Automation")
            for m in re.finditer(pattern, take.current()):
                if not spelled and m.group(1).lower() in self.vocabulary:
                    continue  # "NLP papers" where the record's own text says NLP: a topic, not a venue
                if modifies(take.current()[m.end():]):
                    continue
                if any(venue_matches(m.group(1), p.venue, spelled) or spells_venue(m.group(1), p.venue)
                       for p in self.papers if p.venue):
                    take(re.escape(m.group(0)), 0)
                    whole = {venue_key(p.venue): p.venue for p in self.papers
                             if p.venue and venue_initials(p.venue) == re.sub(r"\s", "", m.group(1)).upper()}
                    if len(whole) == 1:  # "JOC" is "Journal of Organic Chemistry", not "Australian Journal of Chemistry"
                        return next(iter(whole.values())), False
                    return m.group(1), False
        for m in take(rf"(?i:{VENUE_VERBS})({ACRONYM})(?:\s+(?:19|20)\d\d)?(?![\w-])", 0):
            if m.group(1).lower() not in self.vocabulary:
                return m.group(1), False
        # a venue the record lacks, written out: "appeared in Nature Ecology & Evolution" (answer: none)
        named = (rf"(?i:(?:appear\w*|publish\w*|accepted|presented|c[ao]me\s+out)\s+(?:(?:anything|any\s+(?:papers?|work)|"
                 rf"papers?|work)\s+)?|\b(?:any|anything)\s+(?:of\s+(?:his|her|their)\s+)?(?:work|papers?|publications?|"
                 rf"articles?\s+)?\s*)(?i:at|in)\s+(?:the\s+)?(?:(?i:journal|conference|workshop)\s+)?({VENUE_NAME})")
        # "is any of his work in The X Review?", "appeared in the journal Sociology of Religion"
        for m in re.finditer(named, take.current()):
            words = re.findall(r"\b[A-Z][\w'-]*", m.group(1))
            # one word is a journal's whole name only after a verb of publishing ("appeared in Nature"), and
            # not a language ("published in Portuguese")
            alone = len(words) == 1 and m.group(1) == words[0] and re.match(r"(?i)appear|publish|accepted|c[ao]me",
                                                                           m.group(0)) and not is_language(words[0])
            if len(words) >= 2 or re.search(VENUE_WORDS, m.group(1)) or alone:
                # a publisher's family of journals is every venue under its name ("in Frontiers journals": "Frontiers
                # in Psychiatry" and "Frontiers in Neuroscience")
                family = re.match(r"\s+(?i:journals|titles|conferences)\b", take.current()[m.end():])
                take(re.escape(m.group(0)), 0)
                # "The Accounting Review" is a journal's whole name, not part of "Pacific Accounting Review"
                name = m.group(1).strip()
                return name, not family and (name.startswith("The ") or bool(alone))
        return "", False

    @cached_property
    def paper_name_keys(self) -> list[tuple[Paper, list[tuple[str, str]]]]:
        """Each paper with what a question may call it (`paper_names`), each name with its form as compared."""
        return [(paper, [(n, normalise_title(n)) for n in paper_names(paper)]) for paper in self.papers]

    def named_papers(self, question: str) -> list[Paper]:
        """Papers the question names, by title, system name or a name in the title, in order of mention."""
        norm, hits = f" {normalise_title(question)} ", []
        spans = {}  # paper -> where its names are written
        for paper, keyed in self.paper_name_keys:
            # only a name the question writes (below) counts: the others need no more looking at
            names = [n for n, key in keyed if f" {key} " in norm]
            # (one word as written, or capitalised where the name is in capitals: "Flama" for "FLAMA")
            names = [n for n in names if " " in n.strip() or re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question)
                     or n.isupper() and any(m.group(0)[0].isupper() for m in re.finditer(
                         rf"(?<![\w-]){re.escape(n)}(?![\w-])", question, re.I))]
            # a name taken from inside a title names that paper only if no other paper uses it ("ReaxFF" in
            # four abstracts is a method, not one paper's name)
            names = [n for n in names if n in (paper.title, paper.system_name) or self.uses.get(n.lower(), 0) <= 1]
            # and a system name most papers of a programme use ("RAPID" in 22 abstracts: the array) is the topic
            names = [n for n in names if n != paper.system_name or n == paper.title or self.phrase_uses(n) <= 3]
            # a short title that other papers use as a phrase ("The Rule of Law") is named only in quotes
            names = [n for n in names if n != paper.title or not 2 <= len(n.split()) <= 4 or self.phrase_uses(n) <= 1]
            # a name that is also a venue, said as one ("pieces in Biotropica"), is the venue
            names = [n for n in names if normalise_title(n) not in self.shared_venues or not re.search(
                rf"\b(?:in|at|for)\s+(?:the\s+)?{re.escape(n)}(?![\w-])", question, re.I)]
            # a one-word name counts as written ("Nimbus", not the word "autism" for a chapter titled "Autism")
            found = [(m.start(), m.end()) for n in map(normalise_title, names) if len(n) >= 3
                     for m in re.finditer(rf"(?<= ){re.escape(n)}(?= )", norm)]
            if found:
                spans[id(paper)] = (paper, found)
        # a name written inside another paper's longer one names that one: "scRepertoire 2" is not "scRepertoire",
        # a whole title "SGX-Step: A Practical Attack Framework ..." is not "SGX-Step: An Open-Source Framework ..."
        for key, (paper, found) in spans.items():
            own = [(a, b) for a, b in found if not any(c <= a and b <= d and d - c > b - a
                                                       for other, (_, theirs) in spans.items() if other != key
                                                       for c, d in theirs)]
            if own:
                hits.append((min(a for a, _ in own), paper))
        # a system name another title opens with, its colon inside the name, names that paper too ("Planet Four:
        # Terrains -- Discovery of ..." is a Planet Four Terrains paper as much as "Planet Four Terrains: A Citizen
        # Science Project ..."); not a longer name ("Big GABA II: ...") nor one merely in the title
        for at, paper in list(hits):
            name = normalise_title(paper.system_name) if paper.system_name else ""
            hits += [(at, other) for other in self.papers if name and other.system_name
                     and f"{normalise_title(other.title)} ".startswith(f"{name} ")
                     and f"{name} ".startswith(f"{normalise_title(other.system_name)} ")
                     and name != normalise_title(other.system_name)
                     and all(other is not p for _, p in hits)]
        for quoted in quoted_titles(question):
            paper = self.title_like(quoted)
            if paper is not None and all(paper is not p for _, p in hits):
                hits.append((len(norm), paper))
        # a name asked of as a project's ("the Water4Cities project") names the other papers that say they come
        # from it ("developed within Water4Cities"), as long as few do; a system's name names its own paper
        for at, paper in list(hits):
            if not paper.system_name or not re.search(rf"(?<![\w-]){re.escape(paper.system_name)}\s+(?:project|"
                                                      r"programme|program|consortium|initiative|network)\b",
                                                      question, re.I):
                continue
            users = self.phrase_users(paper.system_name)
            if len(users) <= 3:
                hits += [(at, other) for other in users if all(other is not p for _, p in hits)]
        # two titles opening with one name ("Super-human multi-talker speech recognition: A graphical modeling
        # approach" and ": The IBM 2006 ... System"), the question saying more of one ("the graphical-modeling
        # paper on ..."): that one
        asked = set(tokenize(question))
        for name in {normalise_title(p.system_name) for _, p in hits if p.system_name}:
            sharing = [(at, p) for at, p in hits if p.system_name and normalise_title(p.system_name) == name]
            said = {id(p): len(asked & (set(tokenize(p.title)) - set(tokenize(name)))) for _, p in sharing}
            if len(sharing) >= 2 and len(set(said.values())) > 1:
                hits = [(at, p) for at, p in hits if id(p) not in said or said[id(p)] == max(said.values())]
        return [paper for _, paper in sorted(hits, key=lambda h: h[0])]

    def written_as_topic(self, found: re.Match, before: re.Match | None) -> bool:
        """Whether a venue's name found in the question is the topic instead: written in lower case, of words the
        record's papers use ("ageing in primates" of a record with the journal Primates), with no publishing word
        before it ("published in primates") nor venue word in it ("in the primates journal")."""
        name = re.sub(r"(?i)^(?:(?:at|in|from)\s+)?(?:the\s+)?", "", found.group(0))
        words = [w for w in re.findall(r"[\w-]+", name) if w not in VENUE_FILLER]
        return name == name.lower() and bool(words) and all(self.uses.get(w, 0) >= 2 for w in words) \
            and not re.search(rf"\b(?:{VENUE_NOUNS}|itself)\b", name) \
            and not (before and re.fullmatch(PUBLISHING, before.group(1), re.I))

    def continues(self, acronym: str, after: str) -> bool:
        """Whether the words after an acronym go on to a longer venue of the record that starts with it, written
        out ("PLoS Medicine" for "PLoS Med") or cut short ("PLOS Comput Biol"), or to another acronym of one of
        its venues ("IEEE TVCG", "ACM CHI"): that venue is meant, not every one the first acronym is part of."""
        second = re.match(rf"\s+({ACRONYM})(?![\w-])", after)
        if second and (second.group(1) in self.venues or self.a_venue(second.group(1))):
            return True
        following = re.match(r"\s+([A-Z][a-z]+)", after)
        word = following.group(1).lower() if following else ""
        return bool(following) and any(  # or cut short ("PLOS Comput Biol" for "PLOS Computational Biology")
            len(key.split()) >= 2 and key.split()[0] == acronym.lower()
            and (word.startswith(key.split()[1]) or len(word) >= 3 and key.split()[1].startswith(word))
            for key in self.venues)

    @cached_property
    def owner_coauthors(self) -> set[str]:
        """Every spelling of each person who shares a paper with the owner: another person, whose sole-authored
        works in the record (a student's thesis) are not the owner's."""
        people = self.people
        if people.owner is None:
            return set()
        found = set()
        for paper in self.papers:
            if any(people.is_owner(a) for a in paper.authors):
                for author in paper.authors:
                    person = people.of(author)
                    if not people.is_owner(author) and person is not None and person is not people.owner:
                        found |= set(person.variants)
        return found

    @cached_property
    def venue_papers(self) -> Counter:
        """How many papers give each venue, as written."""
        return Counter(v for p in self.papers for v in (p.venue, p.event) if v)

    @cached_property
    def shared_venues(self) -> set[str]:
        """The venues (normalised) of two or more papers."""
        counts = Counter(normalise_title(p.venue) for p in self.papers if p.venue)
        return {v for v, n in counts.items() if n >= 2}

    @cached_property
    def stemmed(self) -> str:
        """The record's text as stemmed terms, with spaces around; a possessive's "s" left out ("Spotify's AI DJ"
        writes the name "Spotify AI DJ")."""
        return f" {' '.join(t for t in tokenize(self.text) if t != 's')} "

    def phrase_uses(self, phrase: str) -> int:
        """How many papers use the phrase in their title or abstract."""
        return len(self.phrase_users(phrase))

    def phrase_users(self, phrase: str) -> list[Paper]:
        """The papers that use the phrase in their title or abstract."""
        key = f" {normalise_title(phrase)} "
        return [paper for paper, text in zip(self.papers, self.paper_texts) if key in text]

    @staticmethod
    def masked(question: str, named: list[Paper]) -> tuple[str, list[str]]:
        """The question with the names of the papers it names replaced by NAME_MARK, and those names in order:
        a name's words are not filters ("the Forgotten Books paper" asks for no books)."""
        folded, spans = fold_chars(question), []
        for paper in named:
            for name in paper_names(paper):
                words = normalise_title(name).split()
                found = re.search(r"(?<!\w)" + r"[\W_]+".join(map(re.escape, words)) + r"(?!\w)", folded) if words else None
                if found and not any(s < found.end() and found.start() < e for s, e in spans):
                    spans.append(found.span())
        names = [question[start:end] for start, end in sorted(spans)]
        for start, end in sorted(spans, reverse=True):
            question = question[:start] + NAME_MARK + question[end:]
        return question, names

    def title_like(self, text: str) -> Paper | None:
        """The record's paper whose title this is, allowing small differences of wording, or whose title alone
        holds this phrase."""
        words = set(normalise_title(text).split())
        if not words:
            return None
        best, score = None, 0.0
        for paper in self.papers:
            title = set(normalise_title(paper.title).split())
            overlap = len(words & title) / len(words | title) if title else 0.0
            if overlap > score:
                best, score = paper, overlap
        # small differences of wording, not a word the title lacks ("... evidence from European cities" is not
        # "... evidence from US cities")
        if score >= 0.75 and set(tokenize(text)) <= set(tokenize(best.title)):
            return best
        # a phrase of one title quoted as its name ("the 'mulatto escape hatch' paper")
        if len(words) < 2:
            return None
        phrase = f" {normalise_title(text)} "
        holding = [p for p in self.papers if phrase in f" {normalise_title(p.title)} "]
        return holding[0] if len(holding) == 1 else None

    def missing_premises(self, question: str, named: list[Paper], venue: str = "") -> list[str]:
        """What the question presupposes that the record lacks: a quoted title, a name found nowhere in it
        (`venue`: the venue the question names, which is no such premise)."""
        missing = [f"paper titled “{q}”" for q in quoted_titles(question)
                   if self.title_like(q) is None and len(q.split()) >= 3]
        unquoted = question
        for title in quoted_titles(question):
            unquoted = unquoted.replace(title, " ")
        if venue and len(words := written_out(venue_key(venue))) >= 2:  # "Journal of Systems and Software" of the
            unquoted = re.sub(FILLER_RUN.join(words), " ", unquoted, flags=re.I)  # record's "J. Syst. Softw."
        for m in LONG_NAME.finditer(unquoted):  # "the Linear Algebra Concept Assessment she developed"
            for name in re.split(r"\s+and\s+", m.group(1)):  # "Milky Way and Magellanic Cloud": two names
                name = re.sub(r"['’]s?$", "", name)  # "Old School RuneScape's player democracy"
                # "Benin's National Assembly": each side of a possessive on its own; plurals and stop words aside
                parts = [" ".join(tokenize(part)) for part in re.split(r"(?<=\w)['’]s\s+", name)]
                if len(name.split()) >= 3 and any(f" {part} " not in self.stemmed for part in parts) \
                        and not self.people.mentions(name) and not (venue and venue_matches(name, venue)) \
                        and not self.named_together(re.split(r"\s+(?:for|on|in)\s+", name)) \
                        and not self.named_together(name.rsplit(None, 1)) \
                        and not self.written_apart(name) and not self.spelled_inside(name) \
                        and not self.acronym_led(name):
                    missing.append(f"paper or system named {name}")
        known = {normalise_title(n) for p in named for n in paper_names(p)}
        candidates = [m.group(0) for m in NAME_SHAPE.finditer(question) if not names_kind(question, m)]
        candidates += [m.group(1) for m in NAME_POSITION.finditer(question)]
        candidates += [m.group(0) for m in JOINED_NAME.finditer(question) if not self.written_apart(m.group(0))]
        # a word English does not know, given as a tool's or dataset's name: the name of one
        candidates += [m.group(1) for m in NAME_AFTER_KIND.finditer(question) if not word_classes(m.group(1))]
        people = {t for p in self.people.people for v in p.variants for t in normalise_title(v).split()}
        for word in dict.fromkeys(candidates):
            key = normalise_title(word)
            whole = re.sub(r"[\W_]", "", fold_chars(word))
            # a name the record writes with other punctuation ("IL-17-producing" for "IL-17 Producing") is there
            if self.figure_apart(whole):
                continue
            if not key or key in known or key in people or whole in self.tokens or formula_terms(word) & self.formulas \
                    or " " in key and self.phrase_uses(key) \
                    or " " not in key and (
                    key in self.vocabulary or key.rstrip("s") in self.vocabulary):
                continue
            # (or what was won or given "at" it: "a best paper award at OSDI", "a talk at ICML")
            if re.fullmatch(ACRONYM, word) and (re.search(rf"{VENUE_VERBS}{re.escape(word)}\b", question, re.I)
                                                or re.search(rf"{GIVEN_AT}{re.escape(word)}\b", question, re.I)
                                                or self.a_venue(word)):
                continue  # a venue (perhaps one the record lacks: a metadata question with the answer "none")
            if key.isdigit() or re.fullmatch(r"(?:19|20)\d\d", key) or key in {c.lower() for c in CATEGORY_NAMES} \
                    or self.spelled_out(word) or self.everyday_initialism(word):
                continue
            missing.append(f"paper or system named {word}")
        return missing

    def figure_apart(self, word: str) -> bool:
        """Whether the record writes the word's letters and figures only apart ("R2" as "R 2": a superscript an
        export lost), never together."""
        split = re.fullmatch(r"([a-z]+)(\d+)", word.lower())
        return bool(split) and f" {split.group(1)} {split.group(2)} " in f" {self.text} " \
            and word.lower() not in self.vocabulary

    def everyday_initialism(self, word: str) -> bool:
        """Whether an initialism is one English uses every day ("PhD", "URL", "DNA": as common as `rare_zipf` or
        more), not the name of a system or dataset a question presupposes."""
        if not initialism_shaped(word):
            return False
        from wordfreq import zipf_frequency

        return zipf_frequency(word.lower(), "en", wordlist="small") >= self.rare_zipf

    def written_apart(self, name: str) -> bool:
        """Whether one paper writes each word of the name close together in another order or with words between
        ("Knights Landing Xeon Phi" as "Xeon Phi (Knights Landing)")."""
        words = normalise_title(name).split()
        span = len(words) + 3
        for text in self.paper_texts:
            if not all(f" {w} " in text for w in words):
                continue
            tokens = text.split()
            at = [i for i, t in enumerate(tokens) if t in words]
            for i in at:
                if set(words) <= {tokens[j] for j in at if i <= j < i + span}:
                    return True
        return False

    def a_venue(self, asked: str, spelled: bool = True) -> bool:
        """Whether what is asked names the venue of one of the record's papers (see `venue_matches`)."""
        return any(venue_matches(asked, venue, spelled) for venue in self.venue_papers)

    def names_subject(self, topic: str, match: re.Match) -> bool:
        """Whether a capitalised word of the question names its subject: not a kind of thing ("a fantasy action
        RPG"), nor an initialism the record writes out ("UN": "United Nations") or a venue's ("RBPI")."""
        word = match.group(0)
        return not names_kind(topic, match) and not self.written_out(word) \
            and not (re.fullmatch(ACRONYM, word) and self.a_venue(word))

    def named_together(self, names: list[str]) -> bool:
        """Whether these are two or more names one paper uses ("the Labrador Sea for TERIFIC": the sea and the
        project; "the University of Pittsburgh GWAS": the university's study), not the parts of one longer name the
        record lacks."""
        keys = [f" {normalise_title(name)} " for name in names]
        return len(keys) >= 2 and any(all(key in text for key in keys) for text in self.paper_texts)

    def spelled_initialisms(self, topic: str) -> list[tuple[str, list[str]]]:
        """Runs of the topic's words whose initials are an initialism the record's papers write ("Open Radio
        Access Networks": O-RAN, "ST-elevation myocardial infarction": STEMI), longest first: (the initialism
        folded, the run's words)."""
        words = re.findall(r"[A-Za-z]+", topic)
        longest: dict[int, tuple[int, str]] = {}
        for i, j, hit in self.initialism_spans(words):
            longest[i] = (j, hit)  # spans come shortest first from each start
        found, i = [], 0
        while i < len(words):
            if i in longest:
                j, hit = longest[i]
                found.append((hit, words[i:j]))
                i = j
            else:
                i += 1
        return found

    def initialism_spans(self, words: list[str]):
        """Each run of two words or more, words[i:j], whose initials are one of the record's initialisms: (i, j,
        the initialism folded). A word in capitals gives all its letters, a small word inside ("of") one or
        none; three letters from words in lower case are too often chance ("against repeat testing" is no ART).
        A run is grown word by word while its letters may still begin an initialism, so a long question costs
        no more than a short one."""
        if not self.initialisms:
            return
        for i, first in enumerate(words):
            if first.lower() in SMALL_WORDS:
                continue
            spelled, capitalised = {""}, True
            for j in range(i, len(words)):
                word = words[j]
                lower = word.lower()
                if lower in STOPWORDS and lower not in SMALL_WORDS:
                    break
                own = lower if word.isupper() and len(word) <= 4 else word[0].lower()
                spelled = {s + o for s in spelled for o in ({own, ""} if lower in SMALL_WORDS else {own})
                           if s + o in self.initialism_prefixes}
                if not spelled:
                    break
                capitalised = capitalised and (lower in SMALL_WORDS or word[0].isupper())
                if j > i and lower not in SMALL_WORDS:
                    short = 3 if capitalised else 4
                    hit = next((s for s in sorted(spelled, key=len, reverse=True)
                                if len(s) >= short and s in self.initialisms), None)
                    if hit:
                        yield i, j + 1, hit

    def spelling_papers(self, words: list[str]) -> int:
        """How many papers write the words out, in this order, each perhaps with another ending."""
        pattern = re.compile(r"\s+".join(rf"{re.escape(fold_chars(w).lower()[:max(3, len(w) - 2)])}\w*" for w in words))
        return sum(bool(pattern.search(text)) for text in self.paper_texts)

    def initialism_groups(self, run: list[str]) -> list[list[str]]:
        """For each word of a run spelling initialisms, the word's stem and each initialism whose run holds it
        ("Open Radio Access Networks": open or ORAN; radio, ORAN or RAN; ...): a paper using the initialism
        uses each word it stands for, and one using some of the words is partly on the topic, as before."""
        spans = list(self.initialism_spans(run))
        groups = []
        for k, word in enumerate(run):
            stems = tokenize(word)
            if len(stems) == 1:
                groups.append(stems + [hit for i, j, hit in spans if i <= k < j and hit != stems[0]])
        return groups

    def written_out(self, initialism: str) -> bool:
        """Whether an abstract writes the initialism out as a name, each word capitalised ("UN": "United Nations"):
        stricter than `spelled_out`, since any three words may begin with "t", "m" and "s"."""
        if not INITIALISM.fullmatch(initialism):
            return False
        pattern = re.compile(rf"(?<![\w-]){words_begun(initialism, capitals=True)}\b")
        return any(pattern.search(p.abstract) for p in self.papers)

    def spelled_inside(self, name: str) -> bool:
        """Whether a paper writes the name with its initialism spelled out ("UN General Assembly": "United Nations
        General Assembly")."""
        words = name.split()
        if not any(INITIALISM.fullmatch(w) for w in words):
            return False
        parts = [words_begun(w) if INITIALISM.fullmatch(w) else re.escape(normalise_title(w)) for w in words]
        pattern = re.compile(rf"(?<!\w){' '.join(parts)}(?!\w)".replace(" ", r"\s+"))
        return any(pattern.search(text) for text in self.paper_texts)

    def acronym_led(self, name: str) -> bool:
        """Whether a name is an acronym the record writes out, then words the record writes together ("the ALA
        Annual Conference" of a record with "the American Library Association's 2019 Annual Conference")."""
        head, _, rest = name.partition(" ")
        return bool(rest) and re.fullmatch(ACRONYM, head) is not None and self.spelled_out(head) \
            and f" {' '.join(tokenize(rest))} " in self.stemmed

    def spelled_out(self, word: str) -> bool:
        """Whether an acronym is the initials of words the record writes out ("KdV": "Korteweg-de Vries",
        "OLED": "organic light-emitting diode"), or the starts of them, a capital beginning each ("LXe": "liquid
        xenon"); in the plural too ("GCMs": "Global Circulation Models")."""
        if not initialism_shaped(word):
            return False
        single = [list(word[:-1])] if re.fullmatch(r"[A-Z]{2,}s", word) else []
        for starts in (list(word), re.findall(r"[A-Z][a-z]*|[a-z]+", word), *single):
            if re.search(rf"(?<![\w-]){words_begun(starts)}\b", self.text):
                return True
        return False

    @staticmethod
    def lacks_referent(question: str, history: list[dict]) -> bool:
        """'How much faster is it?' with nothing earlier to point at; not 'Which work lets X do it ...'."""
        if re.match(r"^\s*(?:which|what)\s+(?:\w+\s+)?(?:papers?|works?|studies|study|systems?|articles?)\b",
                    question, re.I):
            return False
        first = PART_BREAK.search(question)
        if not history and first and re.match(r"\s*(?:which|what)\b", question, re.I) \
                and not FOLLOW_UP.search(question[:first.start()]):
            return False  # "which is his thesis, and where was it done?": "it" is what the first part asks for
        own = [t for t in tokenize(FOLLOW_UP.sub(" ", question)) if t not in REQUEST_WORDS]
        if not history and own and DESCRIBED.search(question):
            return False  # "who wrote the study of the Lyapunov exponent of walking?": the paper is described
        if not history and own and all(m.group(0).lower() in ("they", "them", "their")
                                       for m in FOLLOW_UP.finditer(question)):
            return False  # "what have they published on boas?": the record's owner, as "they"
        return not history and len(own) <= 3 or bool(history) and not own

    def placed(self, m: re.Match, history: list[dict]) -> Paper | None:
        """The paper a question points at by its place (`m`, a `POSITION` match: "the second one", "the last of
        those", "paper [3]") in the latest answer that names two or more, in the order that answer gives them;
        None when that answer has no such place."""
        place = int(m.group("nth") or m.group("cited") or m.group("bracket") or 0) \
            or ORDINAL_WORDS[m.group("word").lower()]
        for turn in reversed(history):
            if turn.get("role") not in (None, "assistant"):
                continue
            listed = self.named_papers(str(turn.get("content", "")))
            if len(listed) >= 2:
                return listed[-1] if place == -1 else listed[place - 1] if place <= len(listed) else None
        return None

    def referents(self, history: list[dict]) -> list[Paper]:
        """Papers named (by title or system name) in the latest turn that names any."""
        for turn in reversed(history):
            found = self.named_papers(str(turn.get("content", "")))
            if found:
                return found
        return []

    def as_formulas(self, text: str) -> str:
        """The text with each chemical formula the record writes, however it writes it, given by its symbols
        alone ("CuInSe2" as "CuInSe" when the record has "CuInSe 2"; `lexical.formula_terms`)."""
        def symbols(m: re.Match) -> str:
            written = formula_symbols(m.group(0))
            return written if written and set(tokenize(written)) <= self.formulas else m.group(0)

        return FORMULA.sub(symbols, text)

    def salient_terms(self, query: Query) -> list[str]:
        """The topic's own terms (stemmed), without request wording, names of papers or people."""
        text = self.as_formulas(EXCLUDED.sub(" ", FRAMING.sub(" ", STUDIED.sub(r"\1", query.topic))))
        text = re.sub(r"(?i)\bco-(?=authors?\b|authored\b|wr[io]t)", "co", text)  # "co-authors": who, not a topic
        # as the record writes it: "R2" as "R 2"
        text = re.sub(r"\b([A-Za-z]+)(\d+)\b", lambda m: f"{m.group(1)} {m.group(2)}" if self.figure_apart(m.group(0))
                      else m.group(0), text)
        for paper in query.named:
            for name in paper_names(paper):
                text = re.sub(rf"(?i)\b{re.escape(name)}\b", " ", text)
        # a co-author's name is written as one ("Rice", "Wang"), not as a word ("rice") or an initialism ("TB"
        # of "the North West TB Audit Steering Committee")
        shaped = {t for w in re.findall(r"[\w'-]+", text) if w[:1].isupper() and not w.isupper() for t in tokenize(w)}
        people = {t for p in self.people.people for v in p.variants for t in tokenize(v)} & shaped
        spelled = {t for m in re.finditer(rf"{NAME_SHAPE.pattern}|\b[A-Z]{{2,}}[a-z]{{1,2}}\b", text)  # "LXe"
                   if m.group(0).lower() not in self.vocabulary
                   and self.spelled_out(m.group(0)) for t in tokenize(m.group(0))}  # only written out: known
        # an adjective made from a request word is the topic's ("projective dynamics", "comparative genomics")
        adjectives = {t for w in re.findall(r"[^\W\d_]+iv(?:e|es|ely|ity)\b", text, re.I) for t in tokenize(w)}
        return [t for t in dict.fromkeys(tokenize(text)) if (t not in REQUEST_WORDS or t in adjectives)
                and t not in people and t not in spelled and not t.isdigit()]


@dataclass
class _Parsed:
    filters: Filters
    residual: str
    authors: list[str]  # every author the question requires; Filters.author holds only the first
    unsupported: bool = False  # a restriction Filters cannot express (e.g. a range of months)
    number: int | None = None
    untyped: list[str] = field(default_factory=list)  # publication types asked of a record that gives none


# a common name and, after a comma or in brackets, a scientific one: "the scarlet monkeyflower, Mimulus cardinalis"
APPOSED = re.compile(r"((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*)\s*(?:,\s+|\(\s*)([A-Z][a-z]+(?:\s+[a-z]{3,}){0,2})\s*(?=[)?.!;,]|$)")
# words, then one word in brackets that may be their short form ("RAD sequencing (RADseq)")
SHORT_FORM = re.compile(r"((?:[\w'-]+\s+){0,3}[\w'-]+)\s*\(\s*([\w-]{2,15})\s*\)")
# a word, then another in lower case in brackets that says the same ("insect-killing (entomopathogenic)")
GLOSSED = re.compile(r"([\w'-]+)\s*\(\s*([a-z][a-z-]{5,})\s*\)")


def abbreviated(short: str, words: str) -> str:
    """The run of `words`, to the last, that `short` is made of the beginnings of, in order ("RAD sequencing" for
    "RADseq", "marine protected areas" for "MPAs", "single-cell RNA sequencing" for "scRNA-seq"), or ""."""
    letters = re.sub(r"[^a-z]", "", short.lower())
    letters = letters[:-1] if short.endswith("s") and len(letters) > 2 else letters  # a plural: "MPAs"
    split = words.split()

    # each word's parts as (letters, optional): a hyphened word's later parts may give no letter ("X-ray absorption
    # near-edge structure": XANES)
    def pieces(word: str) -> list[tuple[str, bool]]:
        kept = [p for p in (re.sub(r"[^a-z]", "", w.lower()) for w in word.split("-")) if p]
        return [(p, k > 0) for k, p in enumerate(kept)]

    parts = [pieces(word) for word in split]

    def fits(rest: str, flat: list[tuple[str, bool]]) -> bool:  # `rest` spelled by a beginning of each of `flat`
        if not flat:
            return not rest
        (part, optional), after = flat[0], flat[1:]
        return any(rest.startswith(part[:n]) and fits(rest[n:], after) for n in range(1, len(part) + 1)) \
            or optional and fits(rest, after)

    for start in range(len(split) - 1, -1, -1):  # the fewest words
        flat = [p for word in parts[start:] for p in word]
        if len(letters) >= 2 and len(flat) >= 2 and fits(letters, flat):
            return " ".join(split[start:])
    return ""


ALTERNATIVES = re.compile(r"(?:[\w'-]+,\s+)+[\w'-]+,?\s+or\s+[\w'-]+|[\w'-]+\s+or\s+[\w'-]+")


def initialism_shaped(word: str) -> bool:
    """Two to six letters, two or more of them capitals: "KdV", "LXe", "PhD", "GCMs"."""
    return bool(re.fullmatch(r"[A-Za-z]{2,6}", word)) and sum(c.isupper() for c in word) >= 2


def written_out(key: str) -> list[str]:
    """Patterns for a venue's words (as `venue_key` gives them) written out in full or cut short: "j syst softw"
    matches "Journal of Systems and Software" and "J. Syst. Softw." (joined with FILLER_RUN)."""
    return [rf"{re.escape(w)}[a-z]*\.?" for w in key.split() if w not in VENUE_FILLER]


def journal_named(written: Counter) -> str:
    """The venue a short form names, of the record's venues it matches (with their papers' counts): the journal
    written with and without its subtitle ("Proceedings of the Royal Society B" and "...: Biological Sciences") by
    its title before the subtitle, which names both; else the one most papers give."""
    heads = {re.split(r"\s*:\s", venue)[0] for venue in written}
    return heads.pop() if len(heads) == 1 else written.most_common(1)[0][0]


def alternatives(topic: str) -> list[list[str]]:
    """The stemmed terms of each list of one-word alternatives in the topic ("apps, packages or workflows",
    "in blueberry or potato"): a paper on any one of them is on that part of the question."""
    groups = []
    for m in ALTERNATIVES.finditer(topic):
        words = [w for w in re.split(r",\s*|\s+or\s+", m.group(0)) if w]
        terms = [tokenize(w) for w in words]
        if len(terms) >= 2 and all(len(t) == 1 for t in terms):
            groups.append(list(dict.fromkeys(t[0] for t in terms)))
    return [g for g in groups if len(g) >= 2]


def paper_names(paper: Paper) -> list[str]:
    """What a question may call a paper: its title, its system name before ':', CamelCase names in it."""
    if paper.system_name:
        return [paper.title, paper.system_name]
    return [paper.title] + [w for w in re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b", paper.title) if w[-1] != "s"]


def quoted_titles(question: str) -> list[str]:
    found = [m.group(1).strip() for m in QUOTED.finditer(question)]
    found += [m.group(1).strip(" :,") for m in CALLED.finditer(question) if len(m.group(1).split()) >= 2]
    # a title has words of substance: "X is a Y" in quotes is an example, not a title
    return [q for q in dict.fromkeys(found) if sum(len(w) >= 4 for w in re.findall(r"\w+", q)) >= 2]


def merge_filters(given: Filters, asked: Filters) -> Filters:
    """The filters given by the caller, completed by those stated in the question."""
    merged = Filters(**{k: (set(v) if isinstance(v, set) else v) for k, v in given.__dict__.items()})
    default = Filters()
    for name, value in asked.__dict__.items():
        if value != getattr(default, name) and getattr(merged, name) == getattr(default, name):
            setattr(merged, name, value)
    return merged


def _is_topical(residual: str, named: list[Paper], vocab: frozenset[str] | set[str] = VOCAB,
                titled: list[Paper] = ()) -> bool:
    """Whether what is left of a question names a topic: a word that is not a metadata word, a number (in
    figures or words: "which two co-authors") or an adverb ("entirely", "solely": they say how, not what).
    The words of the `titled` papers' titles (those the question names) name them, not a topic."""
    norm = f" {normalise_title(residual)} "
    for name in (normalise_title(n) for paper in named for n in paper_names(paper)):
        # with the words before it that say what kind of piece it is ("his practice pointer 'X'", "her policy brief X")
        norm = re.sub(rf"(?:\b(?:his|her|their|the|this|that)\s+(?:(?!(?:{PREPOSITIONS})\b)[\w-]+\s+){{0,2}})?"
                      rf"\b{re.escape(name)}\b", " ", norm)
    title_words = {w for paper in titled for w in normalise_title(paper.title).split()}  # "the study of drought
    return any(w not in vocab and w not in title_words and not w.isdigit() and w not in NUMBER_WORDS  # and
               and word_classes(w) != {"ADV"}  # migration in Mozambique": "... of Rural Mozambique"
               # "where was his essay X published?" (the noun after a determiner, not "how many did it review")
               and not (named and re.fullmatch(rf"(?:{PIECE})s?", w)
                        and re.search(rf"\b(?:the|his|her|their|this|that|its|an?)\s+{w}\b", norm))
               for w in norm.split())


# Metadata words that name a field only some records carry: without the field, the word is a topic
# ("the overall score in 2016" of an index a paper computes). The owner's figures (h-index, citations) stay
# metadata words: asked of a record without them, the answer is that the record does not state them.
FIELD_WORDS = {
    "score": {"score", "scores", "scored", "scoring", "novelty", "ai", "value", "values"},
    "code": {"code", "github", "repo", "repository", "open", "source", "sourced"},
    "category": {"category", "categories", "arxiv", "cs", "stat", "primary"},
}


def record_vocabulary(papers: list[Paper], researcher: Researcher | None) -> set[str]:
    """VOCAB without the words of fields this record does not carry."""
    r = researcher
    carried = {
        "score": any(p.score is not None for p in papers) or bool(r and (r.novelty or r.ai_score)),
        "code": any(p.code_available or p.code_url or "code" in p.links for p in papers),
        "category": any(p.category for p in papers),
    }
    return VOCAB - set().union(*(words for field, words in FIELD_WORDS.items() if not carried[field]))
