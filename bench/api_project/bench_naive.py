"""Benchmark only: the baseline list endpoint, copied into a built blog project.

Written by bench/bench_api.py into the project it builds, never by djsc.  A plain
DRF ModelViewSet over the same manager, with the generated viewset's serializer
(the same nested author and tags), pagination, permissions and filter backends;
the one difference is the queryset: no select_related / prefetch_related, so each
row of a page costs a query for its author and one for its tags.

`UncachedPostViewSet` is the generated viewset without its cached reads (the `cache`
option of examples/blog.djs): the list the cache is compared with.  `OpenPostViewSet`
is that list without the spec's `allow` rules too (AllowAny, no narrowed queryset): the
list the permission layer is compared with.
"""

from blog.models import Post
from blog.views import PostViewSet
from config.urls import urlpatterns as generated_urls
from django.urls import path
from rest_framework import permissions, viewsets


class NaivePostViewSet(viewsets.ModelViewSet):
    queryset = Post.objects.all()
    serializer_class = PostViewSet.serializer_class
    pagination_class = PostViewSet.pagination_class
    permission_classes = PostViewSet.permission_classes
    filter_backends = PostViewSet.filter_backends
    filterset_class = PostViewSet.filterset_class
    search_fields = PostViewSet.search_fields
    ordering_fields = PostViewSet.ordering_fields
    ordering = PostViewSet.ordering


class UncachedPostViewSet(PostViewSet):
    def list(self, request, *args, **kwargs):
        return viewsets.ModelViewSet.list(self, request, *args, **kwargs)


class OpenPostViewSet(UncachedPostViewSet):
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return viewsets.ModelViewSet.get_queryset(self)  # every row, as AllowAny would


NAIVE_LIST = "/bench/naive/posts/"
OPEN_LIST = "/bench/open/posts/"
UNCACHED_LIST = "/bench/uncached/posts/"
urlpatterns = [
    *generated_urls,
    path(NAIVE_LIST.strip("/") + "/", NaivePostViewSet.as_view({"get": "list"})),
    path(UNCACHED_LIST.strip("/") + "/", UncachedPostViewSet.as_view({"get": "list"})),
    path(OPEN_LIST.strip("/") + "/", OpenPostViewSet.as_view({"get": "list"})),
]
