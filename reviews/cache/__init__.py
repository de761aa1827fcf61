"""The page cache: whole pages and costly figures, kept until what they show changes.

- keys.py: the names of what a page shows (`film:12`, `films`), recorded as it renders.
- writes.py: what each table's writes name, kept by database triggers in a log.
- purging.py: after a commit, purging what the log names; publishing scheduled reviews.
- store.py: Redis, where pages and figures are kept under their keys.
- figures.py: counts and rankings kept between requests, cheap or refreshed in the background,
  and the cards many pages share.
- middleware.py: serving and keeping pages, their Surrogate-Key, validators and Cache-Control.
- encoding.py: the content codings public pages go in (Brotli, gzip), compressed once as kept.

docs/architecture.md walks through a page's life; docs/performance.md has the figures.
"""

from .figures import kept, kept_each
from .keys import shows

__all__ = ["kept", "kept_each", "shows"]
