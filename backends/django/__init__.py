"""The Django + DRF backend.

Features run in this order; `urls`, `settings` and `readme` come after the features
whose contributions they render.
"""

from djsc.backends.base import Backend, Capability
from djsc.backends.django.features.admin import AdminFeature
from djsc.backends.django.features.filters import FiltersFeature
from djsc.backends.django.features.models import ModelsFeature
from djsc.backends.django.features.openapi import OpenApiFeature
from djsc.backends.django.features.pending import PendingFeature
from djsc.backends.django.features.project import ProjectFeature
from djsc.backends.django.features.readme import ReadmeFeature
from djsc.backends.django.features.serializers import SerializersFeature
from djsc.backends.django.features.settings import SettingsFeature
from djsc.backends.django.features.tests import TestsFeature
from djsc.backends.django.features.urls import UrlsFeature
from djsc.backends.django.features.views import ViewsFeature

BACKEND = Backend(
    "django",
    features=(
        ModelsFeature(),
        AdminFeature(),
        SerializersFeature(),
        FiltersFeature(),
        ViewsFeature(),
        OpenApiFeature(),
        TestsFeature(),
        UrlsFeature(),
        SettingsFeature(),
        ProjectFeature(),
        ReadmeFeature(),
        PendingFeature(),
    ),
    capabilities=frozenset({Capability.RELATIONS}),
)

__all__ = ["BACKEND"]
