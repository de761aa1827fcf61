"""The archive's domain: one tightly linked set of models, split into modules by noun."""

from reviews.cache.models import PendingPurge

from .addresses import FormerAddress
from .common import Citation, Country, Stamped
from .festivals import Award, AwardOutcome, AwardRecipient, Edition, Festival, JuryMember, Section, Selection
from .films import Film, FilmTitle, TaggedFilm
from .people import Credit, Person, PersonName
from .reviews import Review, Source, TaggedReview
from .tagging import TagUse
from .visibility import published_q

__all__ = [
    "Award",
    "AwardOutcome",
    "AwardRecipient",
    "Citation",
    "Country",
    "Credit",
    "Edition",
    "Festival",
    "Film",
    "FormerAddress",
    "FilmTitle",
    "JuryMember",
    "PendingPurge",
    "Person",
    "PersonName",
    "Review",
    "Section",
    "Selection",
    "Source",
    "Stamped",
    "TaggedFilm",
    "TaggedReview",
    "TagUse",
    "published_q",
]
