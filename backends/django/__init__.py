"""The Django + DRF backend.

The order below is only the tie-breaker: `Backend` sorts the features so each runs
after the features it `requires` and after every feature contributing to its slots
(`settings`, `urls`, `project` and `readme` render what others contribute).
"""

from djsc.backends.base import Backend
from djsc.backends.django.features.admin import AdminFeature
from djsc.backends.django.features.auth import AuthFeature
from djsc.backends.django.features.caching import CacheFeature
from djsc.backends.django.features.cors import CorsFeature
from djsc.backends.django.features.deploy import DeployFeature
from djsc.backends.django.features.django_rules import DjangoRulesFeature
from djsc.backends.django.features.filters import FiltersFeature
from djsc.backends.django.features.guards import GuardsFeature
from djsc.backends.django.features.metrics import MetricsFeature
from djsc.backends.django.features.models import ModelsFeature
from djsc.backends.django.features.observability import ObservabilityFeature
from djsc.backends.django.features.openapi import OpenApiFeature
from djsc.backends.django.features.pending import PendingFeature
from djsc.backends.django.features.permissions import PermissionsFeature
from djsc.backends.django.features.project import ProjectFeature
from djsc.backends.django.features.readme import ReadmeFeature
from djsc.backends.django.features.serializers import SerializersFeature
from djsc.backends.django.features.settings import SettingsFeature
from djsc.backends.django.features.tests import TestsFeature
from djsc.backends.django.features.throttle import ThrottleFeature
from djsc.backends.django.features.tracing import TracingFeature
from djsc.backends.django.features.urls import UrlsFeature
from djsc.backends.django.features.views import ViewsFeature

BACKEND = Backend(
    "django",
    features=(
        DjangoRulesFeature(),
        ModelsFeature(),
        AdminFeature(),
        PermissionsFeature(),
        SerializersFeature(),
        FiltersFeature(),
        ViewsFeature(),
        GuardsFeature(),
        OpenApiFeature(),
        AuthFeature(),
        ThrottleFeature(),
        CorsFeature(),
        CacheFeature(),
        MetricsFeature(),
        ObservabilityFeature(),
        TracingFeature(),
        DeployFeature(),
        TestsFeature(),
        UrlsFeature(),
        SettingsFeature(),
        ProjectFeature(),
        ReadmeFeature(),
        PendingFeature(),
    ),
)

__all__ = ["BACKEND"]
