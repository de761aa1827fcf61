"""What a visitor typed, parsed once and the same way for every database engine.

The grammar is the one PostgreSQL's websearch_to_tsquery reads, which people know
from web search engines:

    crane flying          both words (AND)
    "you can dream"       the words next to each other, in this order (a phrase)
    dream -war            dream, but not war (an excluded word or "phrase")
    kalatozov or urusevsky  either

Anything else (operators such as & | ! : * ( ) <->, SQL or HTML fragments, stray
quotes) only separates words. Words are runs of letters and digits in any script.
The backends never see the raw text: they rebuild their engine's query from the
parsed terms, which contain nothing but words.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_WORD_CHARS = 60
MAX_NAME_CHARS = 100
# Names: shorter words share too few trigrams with anything to be matched fuzzily.
SHORT_WORD = 5
YEARS = range(1870, 2101)

# Letters and digits of any script; the underscore is punctuation here, as for the engines.
WORD = re.compile(r"[^\W_]+")
# An optional minus, then a quoted phrase (closed or running to the end) or a bare token.
TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
# Control characters (NUL included) and the private-use characters snippets use as markers.
UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000\ue001]")

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian, Ukrainian and Belarusian letters, as commonly romanised for names (BGN/PCGN-like).
CYRILLIC_TO_LATIN = str.maketrans(
    dict(
        zip(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґў",
            "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya ye i yi g u".split(),
            strict=True,
        )
    )
    | {"ъ": "", "ь": ""}
)
# Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text):
    """Lower case without accents, for comparing names: "Mikhaïl Łódź" -> "mikhail lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate(UNDECOMPOSED))


def is_short(text):
    """True when every word is shorter than SHORT_WORD: such a name query matches whole words only
    ("lee" finds Ang Lee, not every name containing "lee")."""
    return max((len(word) for word in WORD.findall(text)), default=0) < SHORT_WORD


def transliterate(text):
    """Cyrillic letters in Latin ones: "Самойлова" -> "samoylova". Other scripts stay as they are."""
    return text.lower().translate(CYRILLIC_TO_LATIN)


@dataclass(frozen=True)
class Term:
    """One word, or several that must appear together in this order (a phrase)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self):
        return len(self.words) > 1


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: groups of alternatives that must all match, and excluded terms.

    `text` is the cleaned text to show back in the search box; `notices` say what
    was left out (an over-long query, too many words) so the page can tell the visitor.
    """

    text: str = ""
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    notices: tuple[str, ...] = field(default=())

    @property
    def is_empty(self):
        """Nothing to look for: no positive word (exclusions alone would match almost everything)."""
        return not self.groups

    @property
    def words(self):
        """Every positive word, in order."""
        return [word for group in self.groups for term in group for word in term.words]

    @property
    def years(self):
        """Positive words that read as a plausible year, e.g. 1958 in "cannes 1958"."""
        return sorted({int(word) for word in self.words if word.isdecimal() and int(word) in YEARS})

    def name_text(self, *, keep_years=False):
        """The text to compare with names and titles: the positive words, years left out unless
        they are all there is ("1984" is a title) or `keep_years` is set."""
        years = {str(year) for year in self.years}
        words = self.words if keep_years else [word for word in self.words if word not in years]
        return " ".join(words or self.words)[:MAX_NAME_CHARS].strip()

    def name_variants(self):
        """The name text, plus its romanisation when it holds Cyrillic letters, so that
        "Самойлова" also finds a person whose Cyrillic name is not on record."""
        text = self.name_text()
        variants = [text] if text else []
        if CYRILLIC.search(text):
            variants.append(transliterate(text))
        return variants

    def websearch_text(self):
        """The query rebuilt in websearch_to_tsquery's syntax from words only: safe to hand to it."""
        groups = [" or ".join(_websearch_term(term) for term in group) for group in self.groups]
        excluded = [f"-{_websearch_term(term)}" for term in self.excluded]
        return " ".join(groups + excluded)

    def fts5_match(self):
        """The query in SQLite FTS5's syntax: every word inside double quotes, so no word can be
        read as an operator, a column filter or a prefix."""
        groups = ["(" + " OR ".join(_fts5_phrase(term) for term in group) + ")" for group in self.groups]
        match = " AND ".join(groups)
        if self.excluded:
            # NOT is binary in FTS5: "(wanted) NOT (unwanted OR ...)".
            match = f"({match}) NOT (" + " OR ".join(_fts5_phrase(term) for term in self.excluded) + ")"
        return match


def _websearch_term(term):
    return f'"{" ".join(term.words)}"' if term.is_phrase else term.words[0]


def _fts5_phrase(term):
    return '"' + " ".join(term.words) + '"'


def clean(raw):
    """The visitor's text made safe to handle: a string, NFKC-normalised, without control
    characters, surrogates or our snippet markers, whitespace collapsed."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    text = str(raw or "").encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
    text = UNWANTED.sub(" ", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def parse(raw):
    """Parse what was typed into a SearchQuery. Never raises, whatever the input."""
    text = clean(raw)
    notices = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rstrip()
        notices.append(f"Your search was long: only its first {MAX_QUERY_CHARS} characters were used.")

    groups, excluded = [], []
    joins_previous = False
    word_count = 0
    for match in TOKEN.finditer(text):
        minus, phrase, bare = match.groups()
        token = bare if phrase is None else phrase
        if phrase is None and not minus and token.lower() == "or":
            # "or" joins the next term to the previous group; leading or trailing ones mean nothing.
            joins_previous = bool(groups)
            continue
        words = tuple(word[:MAX_WORD_CHARS].lower() for word in WORD.findall(token))
        if not words:
            continue  # only punctuation or operators
        if word_count + len(words) > MAX_WORDS:
            notices.append(f"Your search had many words: only the first {MAX_WORDS} were used.")
            break
        word_count += len(words)
        term = Term(words)
        if minus:
            excluded.append(term)
        elif joins_previous and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        joins_previous = False

    return SearchQuery(
        text=text,
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded),
        notices=tuple(notices),
    )
