"""Every threshold and factor of answering, named, in one place.

Scores are shares of a question's weight an entry covers, in [0, 1], multiplied by the
factors of the question's structure. Change a number here, then run ``python -m bot eval``
on the development sets (and the held-out sets as totals only) before and after.
"""

from __future__ import annotations

# ---------------------------------------------------------------- input

MAX_QUESTION_CHARS = 500
READ_AT_MOST = 8 * MAX_QUESTION_CHARS  # characters read of a message before it is judged too long

# ---------------------------------------------------------------- ranking: what a term is worth

# How much a term found in a field counts: the entry's own name and what it
# counts say more than a word somewhere in the quoted sentence.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "title": 1.0,
    "counts": 1.0,
    "value": 1.0,
    "role": 1.0,
    "keywords": 0.9,
    "date": 0.9,
    "place": 0.9,
    "chair": 0.9,
    "speakers": 0.9,
    "attendees": 0.8,
    "org": 0.85,
    "issuer": 0.8,
    "period": 0.75,
    "answer": 0.75,
    "quote": 0.5,
}
SYNONYM_FACTOR = 0.8  # an entry's own word always beats a synonym of it (in the same field)
STOP_PAIR_FACTOR = 0.5  # a pair with a function word ("huyện ở") is rare, not distinctive
UNSEEN_PAIR = 0.2  # an unseen pair of known words ("nấu phở") is weak evidence of a foreign topic
TARGET_BOOST = 2.0  # "bao nhiêu <X>": X decides between the figures of one sentence
CONTEXT_WEIGHT = 0.5  # a word the conversation brings (not the question itself) counts half…
CONTEXT_SHARE = 0.5  # …and all of them at most half as much as the question's own words
FOCUS_BOOST = 2.0  # "cấp xã thì sao": what changed weighs more than what carried over
TOP_HITS = 64  # hits a ranking lists in full; counts of ties cover every candidate

# ---------------------------------------------------------------- ranking: the question's structure

NEAR_BOOST = 1.2  # an entry of the passage the conversation is on
SEEN_FACTOR = 0.8  # "còn …?": the entry just answered, when another is asked for
HEAD_BOOST = 1.1  # a figure whose counts open with the target noun counts it
# "how many": only a figure answers, unless the entry's answer holds a number
NOT_A_FIGURE_WITH_NUMBER = 0.7
NOT_A_FIGURE = 0.5
WRONG_UNIT = 0.6  # a figure in another unit than the one asked ("bao nhiêu tiền": not km)
NOT_COUNTING_TARGET = 0.7  # a figure that does not count what "bao nhiêu <X>" names
NOT_AN_OWNER = 0.85  # "who": neither a model, a person nor the kind the wording names
DOCUMENT_WITHOUT_ISSUER = 0.5  # "do ai ban hành": a document that names no issuer cannot answer
DATED_ELSEWHERE = 0.9  # "when": a year in its text, not its own date
UNDATED = 0.6  # "when": nothing dated at all
OTHER_ORG_UNOWNED = 0.9  # an organisation named: a document, event or person of no organisation
OTHER_ORG = 0.7  # an organisation named: another organisation's figure or model
OTHER_YEAR = 0.85  # a year named: an entry that does not mention it

# ---------------------------------------------------------------- the best answer

ANSWER_MIN = 0.45  # below: not sure enough to answer
SUGGEST_MIN = 0.25  # below: nothing related enough to suggest
CLEAR_MIN = 0.25  # below ANSWER_MIN, from here an entry that no other comes near answers…
CLEAR_MARGIN = 1.5  # …when it scores this many times the next entry of another title
MIN_EVIDENCE = 2.5  # an answer needs at least about one distinctive word of the question behind it
# a word of the question weighing this share of all its words, which the best entry lacks, makes
# the answer a guess: the bot asks back with suggestions instead of stating it…
DECISIVE_SHARE = 0.35
YES_NO_DECISIVE_SHARE = 0.15  # …and in "… có X không?" a yes stated of something else is a wrong fact
# a question asking neither how many nor when, that only a figure answers: from this score (below
# it, the figure's number is a guess at what was asked, and the bot asks back)
UNASKED_FIGURE_MIN = 0.5
TIE_SHARE = 0.99  # entries scoring this share of the best tie with it
MAX_TIES = 3  # more entries than this sharing the best score: the question does not pick one
CLOSE_CALL = 0.8  # runners-up within this share of the best are offered
# a follow-up naming no organisation stays with the one the conversation is about: its entry that
# fits, this close to the best, answers before another organisation's ("còn nhà tình thương?")
CARRIED_ORG_SHARE = 0.6
# a rare word of the question this heavy (its share of the question's weight) that the fitting
# entry lacks and an unfitting one near it holds: the question is that one's ("hũ gạo … bao nhiêu tiền")
NEIGHBOUR_WORD_SHARE = 0.1
COMPLEMENT = 0.75  # a runner-up this close that adds what the question asks joins the answer
# with no district named, another district's best entry answers too when it scores this share of
# the best and at least OTHER_DISTRICT_MIN (the districts' reports word the same thing differently)…
OTHER_DISTRICT_SHARE = 0.45
OTHER_DISTRICT_MIN = 0.35
# …unless it lacks a word or pair of the question weighing this share that the best entry holds
OTHER_DISTRICT_TERM_SHARE = 0.15
MAX_DISTRICT_ANSWERS = 3  # …and from this many other districts on, the bot asks which district
MAX_DISTRICT_ANSWERS_ASKED = 8  # districts offered to choose from
MAX_SUGGESTIONS = 3
SIBLING_SHARE = 0.85  # a figure of the same district counting the same thing this close joins the answer…
MAX_SIBLINGS = 4  # …up to this many figures in all

# ---------------------------------------------------------------- the article's own words (passages)

PASSAGE_TIER = True  # where no curated entry answers, a sentence of the article that clearly does
PASSAGE_MIN = 0.5  # a passage answers only from this score…
PASSAGE_MARGIN = 1.3  # …this many times the next passage's…
PASSAGE_EVIDENCE = 3.5  # …on words of the question this distinctive
PASSAGE_MIN_WORDS = 8  # a shorter line (a dateline, a caption, a byline) is no passage
PASSAGE_MAX_CHARS = 300  # a longer sentence is read clause by clause
VAGUE_SHARE = 0.8  # entries of this share of the best score…
VAGUE_TITLES = 3  # …with more titles than this: a vague question, asked back, never answered by a passage
PASSAGE_OWN_WORDS = 2  # a follow-up's own words the passage must hold (not only the conversation's)
# "… có tặng bò không?": a word typed with its marks that at most this many entries print so says
# what a yes must be about (folded, its letters may be common: "bộ", "bỏ")
RARE_AS_TYPED = 3

# ---------------------------------------------------------------- lists

LIST_ALL_LIMIT = 40  # a list longer than this across all districts asks for a district first
LIST_NARROW = 0.3  # a list question's extra words keep the entries covering this share of them
LIST_SHORT = 12  # a list this short is shown whole…
LIST_NARROW_SHORT = 0.5  # …unless its extra words cover this share of a few entries
LIST_FOREIGN_WORDS = 2  # a list question's extra words that no article has, this many: not a list ("bệnh viện…")
LIST_AS_FACTS = 3  # a narrowed list this short is answered with the entries' full answers
MAX_DISTRICT_CHOICES = 8  # districts offered to choose from (the line of districts names the rest)

# ---------------------------------------------------------------- comparisons

PER_DISTRICT = 4  # figures given for one district at most
# a base of more districts than this compares only the districts whose entries match the question
# best (one ranking of the whole base picks them): a reply cannot list hundreds of districts
COMPARED_DISTRICTS = 12
AS_GOOD = 0.85  # another figure this close to the district's best is given too
# organisations of one district compared ("Mặt trận hay Hội Nông dân xây nhiều nhà hơn"): each one's
# best figure from this score (the others' names are part of the question, not of its entries)
ORG_COMPARED_MIN = 0.3

# ---------------------------------------------------------------- follow-ups

THIN = 2  # a question with at most this many words of its own leans on the context
# a follow-up the conversation's district asks back about moves to another district's answer
# only from this score (a name matched, not a few common words)
MOVE_MIN = 0.6
# a follow-up's own word this rare in the base must be held by the entry answering it, when one of
# the conversation's district holds it ("khẩu hiệu là gì?": not the figure just before)
OWN_WORD_IDF = 3.0
PENDING_WORDS = 3  # after a question left open, a turn this short completes it ("của hội nông dân ấy")

# a follow-up's sentence said again without the figure just read ("ai làm?", "kéo dài bao lâu?") is
# cut at the clause or predicate opening within this many words before that figure…
RESTATE_REACH = 4
RESTATE_MIN_WORDS = 6  # …and only when at least this many words are left

# ---------------------------------------------------------------- what an entry answers

HEAD_WORDS = 3  # a figure counts what the first words of its `counts` name ("căn nhà Đại đoàn kết…")
COUNTED_WORD_IDF = 2.5  # a word of what is counted this rare (or unknown) must be one the figure counts

# ---------------------------------------------------------------- replies on a phone

SHORT_QUOTE_CHARS = 160  # a quote this short is shown whole; a longer one, the clause holding the figure…
SHORT_QUOTE_MIN = 40  # …widened by its neighbours until it has this many characters
# a non-figure entry answers "bao nhiêu X" only when it puts a number within this many words
# before X ("giúp 20 hộ nghèo", "trồng 5 ha sâm")
NUMBER_REACH = 3
# a base with more articles than this has its sentences indexed after it is ready, in a thread
PASSAGES_AT_ONCE_ARTICLES = 200

# the curators' console: a sentence of an article "holds" the board's answer to a handed-off question
# when it has every number of the answer and this share of its word pairs (then it can become an entry)
BOARD_ANSWER_SUPPORT = 0.5
