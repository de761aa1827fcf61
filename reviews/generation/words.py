"""The words, names and scripts of the generated archive.

Review texts come from a vocabulary of real English words followed by a long tail
of invented ones, drawn with Zipf frequencies. Titles and names are made of
syllables, each known in Latin letters and in its own script, so that every
original title or name comes with a consistent transliteration.
"""

import re
import unicodedata
from dataclasses import dataclass

# Real English words, roughly from most to least frequent in film reviews. The long tail of
# the vocabulary is invented (see Vocabulary) so that rare words are really rare.
COMMON_WORDS = """
the a and of to is in it this that I was as with for but film movie on his be not he are have you one
all at by an who so from like her just about out has what some there more if very good when can story
only even my no its up time they see would which really been were their much well also had me she
story characters character great how then first other do most into get will people could bad than too
make made any way acting because scenes scene life plot two watch love seen best did never many little
know think where after over films movies new does man being through off again still end better while
these old director should why here years back real thing something actors both few own cast go young
work those world same enough part seems though makes whole quite lot far another without every want
war family actually music nothing may long going look fact thought give us yet around day point done
show almost since feel right am director's role things find got however performance dream dreams
dreaming dreamed between funny years sure woman always each might beautiful action mind least kind
anyone performances minutes comedy rather set rest big original especially although horror course
times interesting human goes worst simply screen said trying money everything dvd shows put maybe
last looking script different let once someone american together comes sense reason probably true
version takes house believe wife job friends effects half plays help series everyone watching gives
style place high during men anything audience girl away begins everything tv looks special takes
black main shot until moments night death later instead city truly father sound else recommend
friend camera early hard seem used excellent star wonderful small idea boring nice read book fun
poor short completely perhaps lines hollywood classic mother evil second budget kill production
final problem playing less becomes getting dead boy keep name wasn't don't isn't can't didn't it's
I'm that's there's doesn't he's she's couldn't wouldn't won't I've you're I'd we're they're what's
said says finally simple hope heart political home soldier soldiers mother's crane cranes flying
silent silence memory memories beauty tragic tragedy love's poetic poetry painful pain brilliant
stunning masterpiece masterpieces cinematography photography frame framed framing light shadows
shadow camera's close closeup shots editing rhythm pace slow slowly quiet quietly landscape river
winter summer spring autumn snow rain sea train station village country countryside soviet russian
french italian german japanese director's cinematographer composer score soundtrack melody song
songs dance dancing theatre stage play novel adaptation adapted writer written writing dialogue
dialogues actor actress actresses ending endings beginning middle tension suspense mystery crime
murder police detective killer victim revenge justice truth lies lie honest honesty hero heroes
heroine villain villains journey road escape prison freedom hope hopes despair fear fears courage
brave innocent guilty faith church god history historical period costume costumes color colour
colors black-and-white monochrome grain print restored restoration subtitles dubbed dubbing
festival award awards prize jury critics critic audience audiences theater cinema cinemas screening
premiere release released decade century generation childhood children child son daughter brother
sister husband lover lovers marriage wedding funeral grief loss lost found finding search letter
letters window door street streets apartment room rooms kitchen garden forest mountain mountains
fire water sky sun moon stars war's battle front bombing bomb army officer general enemy peace
victory defeat return returns waiting waits waited fall falls falling rise rising runs running
walks walking eyes face faces hands voice voices smile tears laugh laughter cry crying scream
"""

# Title words: English titles are built from these (The Silent River, Night of the Long Summer).
TITLE_ADJECTIVES = """
silent long last lost hidden golden dark bright cold warm red white black blue green little great
broken secret quiet wild distant strange empty endless forgotten burning falling flying sleeping
waiting wandering bitter sweet lonely final first new old young eternal invisible northern southern
"""
TITLE_NOUNS = """
river night summer winter city road house garden mirror voice shadow sea island mountain forest
train station letter song dream dreams cranes birds stranger strangers soldier soldiers mother
father daughter son brother sister heart hearts fire rain snow storm wind light lights door window
bridge harbour village journey return escape memory memories promise secret truth lie game hunter
thief witness judge angel devil saint sinner queen king prince empire republic revolution war peace
"""
HEAD_TAGS = (
    # The most used tags, most used first; the rest of the 20,000 are made up.
    "drama|comedy|war|romance|thriller|documentary|crime|black and white|family|horror|history|adaptation|"
    "coming of age|film noir|melodrama|animation|western|musical|science fiction|оттепель|satire|road movie|"
    "biography|period piece|slow cinema|silent film|new wave|neorealism|epic|debut feature|cold war|world war ii|"
    "based on a play|based on a novel|mystery|fantasy|adventure|cult film|art house|experimental|short film|"
    "remake|soviet cinema|新浪潮|political|propaganda|literary adaptation|ensemble cast|long take|tracking shot|"
    "restored print|award winner|festival favourite|military|childhood|grief|first love|small town|big city|revenge"
).split("|")

# Invented words are made of English-like syllables (names of characters never clash with them).
WORD_ONSETS = "b b br c d d f fl g gr h j k l l m m n n p pr r r s s sh st t t th tr v w".split()
WORD_VOWELS = "a a e e i o o u ai ea ee oo".split()
WORD_CODAS = ["", "", "", "", "", "n", "r", "l", "s", "t", "nd", "st", "ng", "m"]


@dataclass(frozen=True)
class Language:
    """A language of films and people, its script, and how its made-up words sound.

    Words are made of syllables, each a (Latin, native script) pair: the Latin forms
    joined give the transliteration, the native forms the original script.
    """

    code: str
    script: str  # ISO 15924
    weight: int  # share of films and people
    countries: tuple  # (ISO code, first year, last year), the likeliest first
    syllables: tuple  # ((latin, native), ...)
    family_endings: tuple = ()  # ((latin, native), ...): Kalatoz-ov, Kalatoz-ishvili
    articles: tuple = ()  # small words of titles in Latin-script languages

    @property
    def is_latin(self):
        return self.script == "Latn"


def _latin_syllables(consonants, vowels, codas=("",)):
    return tuple(
        (onset + vowel + coda, onset + vowel + coda)
        for onset in consonants.split("|")
        for vowel in vowels.split("|")
        for coda in codas
    )


# Romanised consonants and vowels → letters of the script, for the scripts written letter by letter.
ROMAN_CONSONANTS = "b v g d zh z k l m n p r s t f kh ts ch sh".split()
ROMAN_LETTERS = [*ROMAN_CONSONANTS, *"a e i y o u ya yu".split()]
LETTER_SCRIPTS = {
    script: dict(zip(ROMAN_LETTERS, letters.split(), strict=True))
    for script, letters in (
        ("Cyrl", "б в г д ж з к л м н п р с т ф х ц ч ш а е и ы о у я ю"),
        ("Grek", "μπ β γ δ ζ ζ κ λ μ ν π ρ σ τ φ χ τσ τσ σ α ε ι υ ο ου για γιου"),
        ("Geor", "ბ ვ გ დ ჟ ზ კ ლ მ ნ პ რ ს ტ ფ ხ ც ჩ შ ა ე ი ი ო უ ია იუ"),
        ("Arab", "ب ف ج د ژ ز ک ل م ن پ ر س ت ف خ تس چ ش ا ِ ی ی و و یا یو"),
    )
}
DEVANAGARI_CONSONANTS = dict(zip(ROMAN_CONSONANTS, "ब व ग द झ ज़ क ल म न प र स त फ़ ख त्स च श".split(), strict=True))
DEVANAGARI_SIGNS = {"a": "", "e": "\u0947", "i": "\u093f", "y": "\u0940", "o": "\u094b", "u": "\u0941"}
DEVANAGARI_VOWELS = {"a": "अ", "e": "ए", "i": "इ", "y": "ई", "o": "ओ", "u": "उ"}


def _letter_syllables(script, consonants, vowels):
    if script == "Deva":
        return tuple(
            (
                onset + vowel,
                DEVANAGARI_CONSONANTS[onset] + DEVANAGARI_SIGNS[vowel] if onset else DEVANAGARI_VOWELS[vowel],
            )
            for onset in consonants.split("|")
            for vowel in vowels.split("|")
        )
    letters = LETTER_SCRIPTS[script]
    return tuple(
        (onset + vowel, letters.get(onset, "") + letters[vowel])
        for onset in consonants.split("|")
        for vowel in vowels.split("|")
    )


def _kana_syllables():
    rows = {
        "": "アイウエオ",
        "k": "カキクケコ",
        "s": "サシスセソ",
        "t": "タチツテト",
        "n": "ナニヌネノ",
        "h": "ハヒフヘホ",
        "m": "マミムメモ",
        "r": "ラリルレロ",
        "g": "ガギグゲゴ",
        "z": "ザジズゼゾ",
        "b": "バビブベボ",
        "p": "パピプペポ",
    }
    irregular = {"si": "shi", "ti": "chi", "tu": "tsu", "hu": "fu", "zi": "ji"}
    syllables = []
    for onset, kana in rows.items():
        for vowel, char in zip("aiueo", kana, strict=True):
            syllables.append((irregular.get(onset + vowel, onset + vowel), char))
    return (*syllables, ("ya", "ヤ"), ("yu", "ユ"), ("yo", "ヨ"), ("n", "ン"))


def _hangul_syllables():
    initials = [("g", 0), ("n", 2), ("d", 3), ("r", 5), ("m", 6), ("b", 7), ("s", 9), ("", 11), ("j", 12),
                ("ch", 14), ("k", 15), ("t", 16), ("p", 17), ("h", 18)]  # fmt: skip
    vowels = [("a", 0), ("ae", 1), ("eo", 4), ("e", 5), ("o", 8), ("u", 13), ("eu", 18), ("i", 20)]
    finals = [("", 0), ("", 0), ("n", 4), ("ng", 21), ("l", 8), ("k", 1), ("m", 16)]
    return tuple(
        (i + v + f, chr(0xAC00 + (ii * 21 + vi) * 28 + fi))
        for i, ii in initials
        for v, vi in vowels
        for f, fi in finals
    )


CHINESE_SYLLABLES = tuple(
    zip(
        "ba bo ma mi li lu wang zhang chen shan hua long feng yun xiao ming jin guo tian hai yu xin an ping "
        "qing hong yue lan mei fang he chun dong xue bai zhou wen hui lin".split(),
        "巴波马米李路王张陈山花龙风云小明金国天海雨心安平青红月兰梅方河春东雪白周文慧林",
        strict=True,
    )
)

SLAVIC = "|b|v|g|d|zh|z|k|l|m|n|p|r|s|t|f|kh|ts|ch|sh"
ALWAYS = (0, 9999)


def _pairs(*words):
    return tuple((word, word) for word in words)


LANGUAGES = (
    Language(
        "en", "Latn", 30, (("US", *ALWAYS), ("GB", *ALWAYS), ("CA", *ALWAYS), ("AU", *ALWAYS), ("IE", *ALWAYS)),
        _latin_syllables("b|br|c|d|f|g|h|j|k|l|m|n|p|r|s|st|t|th|w", "a|e|i|o|u|ea|oo", ("", "n", "r", "l")),
        _pairs("son", "ton", "ley", "er"), ("the", "of", "a", "in"),
    ),
    Language(
        "fr", "Latn", 8, (("FR", *ALWAYS), ("BE", *ALWAYS), ("CH", *ALWAYS)),
        _latin_syllables("b|c|d|f|g|j|l|m|n|p|r|s|t|v|ch", "a|e|é|è|i|o|ou|u|ai|eau"),
        _pairs("et", "in", "ard"), ("le", "la", "les", "de", "du", "et", "une"),
    ),
    Language(
        "de", "Latn", 5, (("DE", *ALWAYS), ("DDDE", 1949, 1990), ("AT", *ALWAYS)),
        _latin_syllables("b|d|f|g|h|k|l|m|n|r|s|t|w|z|sch", "a|e|i|o|u|ä|ö|ü|ei|au", ("", "n", "r", "ch")),
        _pairs("er", "mann", "berg"), ("der", "die", "das", "und", "ein"),
    ),
    Language(
        "it", "Latn", 5, (("IT", *ALWAYS),), _latin_syllables("b|c|d|f|g|l|m|n|p|r|s|t|v|z|gn", "a|e|i|o|u|ia"),
        _pairs("i", "ini", "etti"), ("il", "la", "di", "e", "un"),
    ),
    Language(
        "es", "Latn", 6, (("ES", *ALWAYS), ("MX", *ALWAYS), ("AR", *ALWAYS)),
        _latin_syllables("b|c|d|f|g|j|l|m|n|ñ|p|r|s|t|v|ll", "a|e|i|o|u|á|é|í|ó"),
        _pairs("ez", "es"), ("el", "la", "los", "de", "y", "un"),
    ),
    Language(
        "pt", "Latn", 3, (("BR", *ALWAYS), ("PT", *ALWAYS)),
        _latin_syllables("b|c|d|f|g|j|l|m|n|p|r|s|t|v", "a|e|i|o|u|ã|õ|é|ê"),
        _pairs("es", "eira"), ("o", "a", "os", "de", "e"),
    ),
    Language(
        "pl", "Latn", 2, (("PL", *ALWAYS),),
        _latin_syllables("b|c|d|g|k|l|ł|m|n|p|r|s|t|w|z|ż|ś|sz|cz", "a|e|i|o|u|y|ą|ę|ó"),
        _pairs("ski", "czyk", "ak"), ("i", "w", "na"),
    ),
    Language(
        "cs", "Latn", 1, (("CZ", 0, 1917), ("CSHH", 1918, 1992), ("CZ", 1993, 9999)),
        _latin_syllables("b|c|č|d|h|k|l|m|n|p|r|ř|s|š|t|v|z|ž", "a|e|i|o|u|á|é|í|ě|ů"),
        _pairs("ek", "ová"), ("a", "v", "na"),
    ),
    Language(
        "sv", "Latn", 2, (("SE", *ALWAYS),), _latin_syllables("b|d|f|g|h|k|l|m|n|p|r|s|t|v|sj", "a|e|i|o|u|å|ä|ö"),
        _pairs("son", "berg", "ström"), ("en", "och", "i"),
    ),
    Language(
        "tr", "Latn", 1, (("TR", *ALWAYS),),
        _latin_syllables("b|c|ç|d|g|h|k|l|m|n|p|r|s|ş|t|y|z", "a|e|ı|i|o|ö|u|ü"),
        _pairs("oğlu", "er"), ("ve", "bir"),
    ),
    Language(
        "ru", "Cyrl", 6, (("RU", 0, 1921), ("SUHH", 1922, 1991), ("RU", 1992, 9999)),
        _letter_syllables("Cyrl", SLAVIC, "a|e|i|y|o|u|ya|yu"),
        (("ov", "ов"), ("ova", "ова"), ("sky", "ский"), ("in", "ин"), ("ev", "ев")), ("i", "v"),
    ),
    Language(
        "uk", "Cyrl", 1, (("UA", 0, 1921), ("SUHH", 1922, 1991), ("UA", 1992, 9999)),
        _letter_syllables("Cyrl", SLAVIC, "a|e|i|y|o|u|ya|yu"), (("enko", "енко"), ("chuk", "чук"), ("yak", "як")),
    ),
    Language(
        "sr", "Cyrl", 1, (("RS", 0, 1917), ("YUCS", 1918, 2003), ("RS", 2004, 9999)),
        _letter_syllables("Cyrl", SLAVIC, "a|e|i|o|u"), (("ich", "ич"), ("ovich", "ович")),
    ),
    Language(
        "ka", "Geor", 1, (("GE", 0, 1921), ("SUHH", 1922, 1991), ("GE", 1992, 9999)),
        _letter_syllables("Geor", SLAVIC, "a|e|i|o|u"),
        (("shvili", "შვილი"), ("dze", "ძე"), ("ia", "ია"), ("ava", "ავა")),
    ),
    Language(
        "el", "Grek", 1, (("GR", *ALWAYS),), _letter_syllables("Grek", SLAVIC, "a|e|i|o|u"),
        (("opoulos", "όπουλος"), ("akis", "άκης"), ("idis", "ίδης")),
    ),
    Language("ja", "Kana", 6, (("JP", *ALWAYS),), _kana_syllables()),
    Language("ko", "Hang", 3, (("KR", *ALWAYS),), _hangul_syllables()),
    Language("zh", "Hani", 5, (("CN", *ALWAYS), ("TW", *ALWAYS), ("HK", *ALWAYS)), CHINESE_SYLLABLES),
    Language("hi", "Deva", 4, (("IN", *ALWAYS),),
             _letter_syllables("Deva", "|b|v|g|d|k|l|m|n|p|r|s|t|kh|ch|sh", "a|e|i|y|o|u")),
    Language("ar", "Arab", 2, (("EG", *ALWAYS),), _letter_syllables("Arab", "|b|d|z|k|l|m|n|r|s|t|f|kh|sh", "a|i|u")),
    Language("fa", "Arab", 1, (("IR", *ALWAYS),),
             _letter_syllables("Arab", "|b|d|z|k|l|m|n|r|s|t|f|kh|sh|ch|p", "a|i|u|o")),
)  # fmt: skip
ENGLISH = LANGUAGES[0]

# Countries of co-production: (ISO code, first year, last year); the database holds them (migration 0008).
COUNTRIES = (
    ("US", None, None), ("GB", None, None), ("CA", None, None), ("AU", None, None), ("IE", None, None),
    ("FR", None, None), ("BE", None, None), ("CH", None, None), ("DE", None, None), ("DDDE", 1949, 1990),
    ("AT", None, None), ("IT", None, None), ("ES", None, None), ("MX", None, None), ("AR", None, None),
    ("BR", None, None), ("PT", None, None), ("PL", None, None), ("CSHH", 1918, 1992), ("CZ", None, None),
    ("SE", None, None), ("TR", None, None), ("SUHH", 1922, 1991), ("RU", None, None), ("UA", None, None),
    ("YUCS", 1918, 2003), ("RS", None, None), ("GE", None, None), ("GR", None, None), ("JP", None, None),
    ("KR", None, None), ("CN", None, None), ("TW", None, None), ("HK", None, None), ("IN", None, None),
    ("EG", None, None), ("IR", None, None),
)  # fmt: skip

# Alternative romanisations (Tchaikovsky, Chaikovskii, ...): the first rule that changes a name is used.
RESPELLINGS = (("kh", "h"), ("y", "i"), ("zh", "j"), ("ts", "tz"), ("ch", "tch"), ("sh", "sch"), ("v", "w"),
               ("ks", "x"), ("ya", "ia"), ("yu", "iu"), ("ov", "off"), ("k", "c"))  # fmt: skip
# Letters Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "ß": "ss"})


def unaccented(text):
    """ "Łukasz Żuławski" → "Lukasz Zulawski"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def word_list(text):
    """The words of a text, each once, in order."""
    return list(dict.fromkeys(text.split()))


TITLE_ADJECTIVE_LIST = word_list(TITLE_ADJECTIVES)
TITLE_NOUN_LIST = word_list(TITLE_NOUNS)


class Vocabulary:
    """The words of review texts and their frequencies, and a long pre-drawn stream of them.

    Sentences are slices of the stream at random places: as fast as joining a list,
    with the frequencies of the vocabulary (common words everywhere, invented ones rare).
    """

    invented_share = 0.12  # of all words in texts

    def __init__(self, rng, reviews):
        # Full size: 40,000 invented words and a stream of 2 million; less for small archives.
        invented_words = min(40_000, max(2_000, reviews // 10))
        stream_words = min(1 << 21, max(1 << 15, 16 * reviews))
        common = word_list(COMMON_WORDS)
        taken = set(common)
        invented = []
        while len(invented) < invented_words:
            word = "".join(
                rng.choice(WORD_ONSETS) + rng.choice(WORD_VOWELS) + rng.choice(WORD_CODAS)
                for _ in range(rng.choice((1, 2, 2, 2, 3)))
            )
            if word not in taken:
                taken.add(word)
                invented.append(word)
        self.words = common + invented
        self.invented = invented
        self.known = taken
        # Zipf-Mandelbrot over the whole list; the invented tail is scaled down to its share.
        weights = [1 / (rank + 2.7) for rank in range(len(self.words))]
        head, tail = sum(weights[: len(common)]), sum(weights[len(common) :])
        factor = self.invented_share / (1 - self.invented_share) * head / tail
        weights[len(common) :] = [weight * factor for weight in weights[len(common) :]]
        self.stream = rng.choices(self.words, weights=weights, k=stream_words)

    def phrase(self, random, count):
        start = int(random() * (len(self.stream) - count))
        return self.stream[start : start + count]

    def text(self, random, word_count, name, extra_sentence=""):
        """A review of `word_count` words (and the name, and the extra sentence): sentences of 5 to 30 words
        in paragraphs of 2 to 6, joined IMDb-style by <br /><br />.

        `name` (two capitalised words) goes into one sentence; `extra_sentence` ends the text.
        """
        stream = self.stream
        last_start = len(stream) - 30
        sentences = []
        done = 0
        # No sentence is longer than 30 words, so there are more sentences than this.
        name_at = int(random() * max(1, word_count // 30))
        while done < word_count:
            size = 5 + int(random() * 22)
            if word_count - done - size < 5:
                size = word_count - done
            start = int(random() * last_start)
            words = stream[start : start + size]
            if len(sentences) == name_at:
                words.insert(int(random() * len(words)), name)
            if size > 6 and random() < 0.35:
                comma = 2 + int(random() * (size - 4))
                words[comma] += ","
            sentence = " ".join(words)
            end = random()
            sentences.append(
                sentence[0].upper()
                + sentence[1:]
                + ("." if end < 0.86 else "!" if end < 0.94 else "?" if end < 0.97 else "...")
            )
            done += size
        if extra_sentence:
            sentences.append(extra_sentence)
        paragraphs = []
        index = 0
        while index < len(sentences):
            size = 2 + int(random() * 5)
            paragraphs.append(" ".join(sentences[index : index + size]))
            index += size
        return "<br /><br />".join(paragraphs)


@dataclass(frozen=True)
class Names:
    """A person's canonical name and their other names as (name, PersonName kind, language)."""

    canonical: str
    other: tuple


def capitalised(word):
    return word[:1].upper() + word[1:]


def name_word(rng, language, syllables, ending=False):
    """A made-up word of `language`: (Latin form, native form)."""
    parts = [rng.choice(language.syllables) for _ in range(syllables)]
    if ending and language.family_endings:
        parts.append(rng.choice(language.family_endings))
    latin = "".join(part[0] for part in parts)
    native = "".join(part[1] for part in parts)
    return capitalised(latin), capitalised(native)


def misspelt(rng, word):
    """One slip of the pen: a vowel changed (Urusevsky → Uresevsky), a letter dropped, doubled or swapped."""
    for _ in range(10):
        position = 2 + int(rng.random() * (len(word) - 2)) if len(word) > 2 else len(word) - 1
        kind = rng.random()
        if kind < 0.4 and word[position] in "aeiou":
            slip = word[:position] + rng.choice([v for v in "aeiou" if v != word[position]]) + word[position + 1 :]
        elif kind < 0.6:
            slip = word[:position] + word[position + 1 :]
        elif kind < 0.8:
            slip = word[:position] + word[position] + word[position:]
        else:
            slip = word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]
        if slip != word and len(slip) > 1:
            return slip
    return word + "e"


def respelt(name):
    for old, new in RESPELLINGS:
        if old in name.lower():
            respelt = re.sub(old, new, name, flags=re.IGNORECASE)
            return respelt[:1].upper() + respelt[1:]
    return name


def title_case(words):
    small = {"the", "of", "a", "an", "in", "and", "on", "at"}
    return " ".join(w if i and w in small else capitalised(w) for i, w in enumerate(words))
