"""Benchmark only: runs inside a built, migrated blog project (see bench/bench_api.py).

Seeds authors, tags and posts (each post with an author and three tags), then, with
Django's test Client in this one process (no server, no network):

- counts the queries of one list request of the generated list without its cache
  and of the naive endpoint at every page size (`CaptureQueriesContext`), and checks
  that both return the same rows;
- measures requests per second of the generated `/api/posts/` (cached: after the
  warm-up every request is a hit), the same list uncached, and the naive one,
  interleaved in rounds so that a change in the machine's load hits all alike;
  bounded by a request count and a time budget per endpoint and page size.  The
  cache is whatever the settings say (bench_api.py points them at Redis).

Prints one JSON document on its last line.
"""

from __future__ import annotations

import argparse
import json
import time

import django
from django.test.utils import override_settings

django.setup()

from bench_naive import NAIVE_LIST, OPEN_LIST, UNCACHED_LIST  # noqa: E402
from blog.models import Author, Post, PostStatus, Tag  # noqa: E402
from blog.views import PostViewSet  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

GENERATED_LIST = "/api/posts/"
TAGS_PER_POST = 3


def seed(posts: int) -> None:
    """`posts` posts spread over 10 authors (each with a user) and 30 tags."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"writer{i}") for i in range(10)
    )
    authors = Author.objects.bulk_create(
        Author(name=f"Writer {i}", email=f"writer{i}@example.com", user=user)
        for i, user in enumerate(users)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"tag {i}", slug=f"tag-{i}") for i in range(30))
    rows = Post.objects.bulk_create(
        Post(
            title=f"Post {i}",
            slug=f"post-{i}",
            body="Lorem ipsum dolor sit amet. " * 20,
            author=authors[i % len(authors)],
            # Published, so the anonymous client the bench uses may read every row.
            status=PostStatus.PUBLISHED,
        )
        for i in range(posts)
    )
    Post.tags.through.objects.bulk_create(
        Post.tags.through(post_id=post.pk, tag_id=tags[(i + k) % len(tags)].pk)
        for i, post in enumerate(rows)
        for k in range(TAGS_PER_POST)
    )


def page_size_param() -> str:
    """The query parameter the generated pagination reads a page size from."""
    pagination = PostViewSet.pagination_class
    return getattr(pagination, "page_size_query_param", None) or pagination.limit_query_param


def get(client: Client, url: str, size: int) -> dict:
    response = client.get(url, {page_size_param(): size}, HTTP_ACCEPT="application/json")
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.content[:500]!r}")
    return response.json()


def count_queries(client: Client, url: str, size: int) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        body = get(client, url, size)
    return len(captured.captured_queries), body["results"]


def throughput(client: Client, sizes: list[int], requests: int, seconds: float) -> dict:
    """Requests per second, wall and CPU, of both endpoints at every page size."""
    urls = (GENERATED_LIST, UNCACHED_LIST, OPEN_LIST, NAIVE_LIST)
    cells = {(url, size): [0, 0.0, 0.0] for size in sizes for url in urls}
    for url, size in cells:  # warm-up: caches, lazy imports, SQLite's page cache
        for _ in range(3):
            get(client, url, size)
    batch = 5
    while any(n < requests and wall < seconds for n, wall, _ in cells.values()):
        for (url, size), cell in cells.items():
            if cell[0] >= requests or cell[1] >= seconds:
                continue
            todo = min(batch, requests - cell[0])
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(todo):
                get(client, url, size)
            cell[0] += todo
            cell[1] += time.perf_counter() - wall
            cell[2] += time.process_time() - cpu
    return {
        f"{url} {size}": {"requests": n, "wall": wall, "cpu": cpu}
        for (url, size), (n, wall, cpu) in cells.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100")
    parser.add_argument("--posts", type=int, default=150)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    seed(args.posts)
    override_settings(ROOT_URLCONF="bench_naive").enable()
    client = Client()
    queries = {}
    for size in sizes:
        generated, rows = count_queries(client, UNCACHED_LIST, size)
        naive, naive_rows = count_queries(client, NAIVE_LIST, size)
        if rows != naive_rows or len(rows) != min(size, args.posts):
            raise SystemExit(f"the endpoints disagree at page size {size} ({len(rows)} rows)")
        queries[size] = {"generated": generated, "naive": naive}
    result = {
        "page_size_param": page_size_param(),
        "cache": type(caches["default"]).__name__,
        "posts": args.posts,
        "queries": queries,
        "throughput": throughput(client, sizes, args.requests, args.seconds),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
