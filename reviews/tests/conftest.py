import uuid

import pytest
from django.conf import settings
from django.test import override_settings

from reviews.cache.store import get_store


@pytest.fixture(autouse=True, scope="session")
def plain_static_files():
    """Production settings use the manifest storage, whose manifest only collectstatic
    writes; tests serve static files straight from static/ instead."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, WHITENOISE_AUTOREFRESH=True, WHITENOISE_USE_FINDERS=True):
        yield


@pytest.fixture(autouse=True)
def page_cache_of_its_own():
    """Each test gets a page cache of its own in Redis (a key prefix), emptied afterwards: the
    databases are emptied between tests, the cache must be too."""
    with override_settings(PAGE_CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex}"):
        yield
        store = get_store()
        if store is not None:
            store.clear()
