"""Content codings of public pages: which one a request accepts, and the compressed bodies.

Only pages that are the same for every visitor are compressed (the page cache middleware
decides which): a compressed body whose length depends on a secret (a CSRF token, a
session's data) and on text an attacker sends (a search, a path) leaks the secret through
its length (BREACH). Public pages hold no secret, so their compressed bytes can be made
once, kept with the page and replayed (docs/performance.md has the figures).
"""

import gzip
import re
from functools import lru_cache

import brotli

IDENTITY = "identity"
# In the order preferred when a request accepts several equally: smallest first.
CODINGS = ("br", "gzip")
# Django's GZipMiddleware level. Brotli at quality 4 compresses a 60 KB page in 1.2 ms at p95, a
# little faster and smaller than gzip; 5 saves 5 % more for 1.7 times the time, and 11, the
# library's default, a hundred times longer (docs/performance.md).
GZIP_LEVEL = 6
BROTLI_QUALITY = 4
# Below this many bytes compressing saves less than the packet it would shave.
MIN_LENGTH = 200
# Text, and the structured types that are text: HTML, robots.txt, sitemaps, feeds, JSON, the icon.
COMPRESSIBLE = re.compile(
    r"text/|application/(?:[\w.-]+\+)?(?:xml|json)\b|application/javascript\b|image/(?:svg\+xml|x-icon|vnd\.microsoft\.icon)\b",
    re.IGNORECASE,
)
# Longer Accept-Encoding values are not read (they are not a browser's).
LONGEST_ACCEPT_ENCODING = 512


def is_compressible(response):
    """Whether `response`'s body is worth compressing: text of some size, not already encoded."""
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and len(response.content) >= MIN_LENGTH
        and bool(COMPRESSIBLE.match(response.get("Content-Type", "")))
    )


def compress(content, coding):
    if coding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    if coding == "gzip":
        # mtime=0: the same page gives the same bytes, so a strong ETag stays true of them.
        return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
    raise ValueError(f"unknown content coding {coding!r}")


def preferred(accept_encoding):
    """The coding to send a request with this Accept-Encoding: one of CODINGS, or IDENTITY."""
    if len(accept_encoding) > LONGEST_ACCEPT_ENCODING:
        return IDENTITY
    return _preferred(accept_encoding.lower())


@lru_cache(maxsize=256)  # browsers send a handful of distinct values
def _preferred(accept_encoding):
    weights = {}
    for part in accept_encoding.split(","):
        name, _, params = part.partition(";")
        name = name.strip()
        if name == "x-gzip":  # RFC 9110, 8.4.1.3: the same coding
            name = "gzip"
        weights[name] = _weight(params)
    default = weights.get("*", 0.0)  # codings not named take the weight of "*", if any
    best = max(CODINGS, key=lambda coding: (weights.get(coding, default), -CODINGS.index(coding)))
    return best if weights.get(best, default) > 0 else IDENTITY


def _weight(params):
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                return 0.0
            return weight if 0.0 <= weight <= 1.0 else 0.0  # NaN too
    return 1.0
