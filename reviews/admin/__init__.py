"""The editors' product: every model of the archive, editable in the admin.

Every ModelAdmin derives from base.ArchiveModelAdmin, which records the editor on
Stamped records (and on Stamped inline rows).
"""

from . import festivals, films, reviews, tags  # noqa: F401  (registers the ModelAdmins)
