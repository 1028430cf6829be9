"""A generated project served for real: uvicorn on a free port, production settings.

The blog example is built, migrated on an SQLite file and served under uvicorn
with `config.settings.production` (secret key and hosts from the environment, as
the generated README says).  A real HTTP client then does what a user would:
create / list / retrieve / update / delete an author as a signed-in user (a JWT:
the blog says `auth jwt`, and production settings have no HTTP Basic auth), create
a post that points at it and read it back nested, see anonymous writes refused,
fetch the schema and the docs, and go through the whole token flow: obtain, use,
verify, refresh with rotation, log out, and see tampered, unsigned, expired and
spent tokens refused with 401 problem+json.  The server is stopped by its PID
whatever happens.
"""

from __future__ import annotations

import base64
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import jwt
import pytest

from .services import (
    PASSWORD,
    ROOT,
    USERNAME,
    Deadline,
    build,
    create_user,
    django_shell,
    manage,
    project_env,
    serve,
)

pytestmark = pytest.mark.e2e

# Production settings hash passwords with PBKDF2 on every basic-auth request, so a
# request on a loaded 2-core machine can take a second: the budget allows for it.
BUDGET = 240
REFUSED = {401, 403}
SECRET_KEY = "live-test-" + "s" * 40
PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def served_blog(tmp_path: Path):
    deadline = Deadline(BUDGET)
    out = tmp_path / "out"
    build(ROOT / "examples/blog.djs", out, timeout=deadline.left())
    env = project_env(
        "production",
        f"sqlite:///{tmp_path / 'live.sqlite3'}",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Served over plain HTTP on 127.0.0.1, with no TLS proxy in front to redirect.
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    manage(out, "migrate", "--noinput", env=env, timeout=deadline.left())
    # As the documented start does: production serves hashed static names (WhiteNoise).
    manage(out, "collectstatic", "--noinput", env=env, timeout=deadline.left())
    create_user(out, env, timeout=deadline.left())
    user_id, tag_id = map(
        int,
        django_shell(
            out,
            "from django.contrib.auth import get_user_model\n"
            f"print(get_user_model().objects.get(username={USERNAME!r}).pk)\n"
            "from blog.models import Tag\n"
            "print(Tag.objects.create(name='Django', slug='django').pk)",
            env,
            timeout=deadline.left(),
        ).split(),
    )
    with serve(out, env, deadline) as server:
        yield server, (user_id, tag_id), deadline


def obtain(url: str) -> dict:
    response = httpx.post(
        url + "/api/auth/token/", json={"username": USERNAME, "password": PASSWORD}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def refused(response: httpx.Response) -> None:
    """A 401 in problem+json with a Bearer challenge."""
    assert response.status_code == 401, (response.request.url, response.text)
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_crud_over_http_as_a_logged_in_user(served_blog):
    server, (user_id, tag_id), deadline = served_blog
    access = obtain(server.url)["access"]
    auth = httpx.Client(base_url=server.url, headers=bearer(access), timeout=30)
    anon = httpx.Client(base_url=server.url, timeout=30)
    with auth, anon:
        assert auth.get("/api/authors/").json()["results"] == []

        author = {"name": "Ada", "email": "ada@example.com", "user_id": user_id}
        created = auth.post("/api/authors/", json=author)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["name"] == "Ada" and body["user"]["id"] == user_id
        assert "user_id" not in body  # write-only key, read back nested
        url = f"/api/authors/{body['id']}/"

        listed = auth.get("/api/authors/").json()["results"]
        assert [a["id"] for a in listed] == [body["id"]]
        assert anon.get(url).json()["email"] == "ada@example.com"  # reads are open

        patched = auth.patch(url, json={"bio": "Wrote the first program."})
        assert patched.status_code == 200, patched.text
        assert auth.get(url).json()["bio"] == "Wrote the first program."
        replaced = auth.put(url, json={**author, "name": "Ada Lovelace"})
        assert replaced.status_code == 200, replaced.text
        assert replaced.json()["name"] == "Ada Lovelace"

        invalid = auth.post("/api/authors/", json={**author, "email": "not an email"})
        assert invalid.status_code == 400
        assert "email" in invalid.json()["errors"]

        post = {"title": "Hello", "slug": "hello", "body": "Text.", "author_id": body["id"]}
        made = auth.post("/api/posts/", json={**post, "tags_ids": [tag_id]})
        assert made.status_code == 201, made.text
        read = auth.get(f"/api/posts/{made.json()['id']}/").json()
        assert read["author"]["id"] == body["id"]
        assert [(t["id"], t["name"]) for t in read["tags"]] == [(tag_id, "Django")]
        assert read["status"] == "draft" and read["views"] == 0  # spec defaults

        for method in ("post", "put", "patch", "delete"):
            target = "/api/authors/" if method == "post" else url
            kwargs = {} if method == "delete" else {"json": author}
            refused = anon.request(method.upper(), target, **kwargs)
            assert refused.status_code in REFUSED, (method, refused.status_code)
        # Production settings take no HTTP Basic auth: the password alone signs in no one.
        basic = httpx.post(
            server.url + "/api/authors/", json=author, auth=(USERNAME, PASSWORD), timeout=30
        )
        assert basic.status_code == 401

        assert auth.delete(f"/api/posts/{made.json()['id']}/").status_code == 204
        assert auth.delete(url).status_code == 204
        assert auth.get(url).status_code == 404
        assert auth.get("/api/authors/").json()["results"] == []
        deadline.left()


def test_the_jwt_flow_over_http(served_blog):
    """Sixteen requests: every step of the token flow, and every refused token."""
    server, (user_id, _), deadline = served_blog
    with httpx.Client(base_url=server.url, timeout=30) as client:
        refused(client.get("/api/auth/me/"))
        wrong = {"username": USERNAME, "password": "wrong"}
        refused(client.post("/api/auth/token/", json=wrong))
        tokens = obtain(server.url)
        me = client.get("/api/auth/me/", headers=bearer(tokens["access"]))
        assert me.status_code == 200, me.text
        assert me.json() == {"id": user_id, "username": USERNAME, "email": ""}
        verified = client.post("/api/auth/token/verify/", json={"token": tokens["access"]})
        assert verified.status_code == 200

        head, _, signature = tokens["access"].split(".")
        forged = {**claims(tokens["access"]), "user_id": str(user_id + 1)}
        refused(client.get("/api/auth/me/", headers=bearer(f"{head}.{b64(forged)}.{signature}")))
        unsigned = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims(tokens['access']))}."
        refused(client.get("/api/auth/me/", headers=bearer(unsigned)))
        past = int(time.time()) - 60
        expired = jwt.encode(
            {**claims(tokens["access"]), "iat": past - 60, "exp": past}, SECRET_KEY, "HS256"
        )
        refused(client.get("/api/auth/me/", headers=bearer(expired)))
        refused(client.get("/api/auth/me/", headers=bearer(tokens["refresh"])))

        rotated = client.post("/api/auth/token/refresh/", json={"refresh": tokens["refresh"]})
        assert rotated.status_code == 200, rotated.text
        fresh = rotated.json()
        assert fresh["refresh"] != tokens["refresh"]
        assert client.get("/api/auth/me/", headers=bearer(fresh["access"])).status_code == 200
        refused(client.post("/api/auth/token/refresh/", json={"refresh": tokens["refresh"]}))
        logout = client.post("/api/auth/logout/", json={"refresh": fresh["refresh"]})
        assert logout.status_code == 200, logout.text
        refused(client.post("/api/auth/token/refresh/", json={"refresh": fresh["refresh"]}))

        document = client.get("/api/schema/", params={"format": "json"}).json()
        schemes = document["components"]["securitySchemes"]
        assert schemes["jwtAuth"] == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
        assert "basicAuth" not in schemes  # production settings
        for path in ("token/", "token/refresh/", "token/verify/", "logout/", "me/"):
            assert f"/api/auth/{path}" in document["paths"], path
        assert client.get("/api-auth/login/").status_code == 200
    deadline.left()


def test_schema_and_docs_are_served(served_blog):
    server, _, deadline = served_blog
    with httpx.Client(base_url=server.url, timeout=30) as client:
        schema = client.get("/api/schema/", params={"format": "json"})
        assert schema.status_code == 200
        document = schema.json()
        assert document["openapi"].startswith("3.")
        assert {"/api/authors/", "/api/authors/{id}/", "/api/posts/"} <= set(document["paths"])
        assert client.get("/api/schema/").status_code == 200  # YAML by default
        for page in ("/api/docs/", "/api/redoc/"):
            response = client.get(page)
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/html")
        assert client.get("/api/no-such-endpoint/").status_code == 404
    deadline.left()


def test_concurrent_writers_on_one_sqlite_file_get_no_server_error(tmp_path: Path):
    """Two server processes on one SQLite file, several writers each: all writes land.

    SQLite's default deferred transactions make a second writer fail at once with
    "database is locked" (a 500); the generated settings must make it wait instead.
    """
    deadline = Deadline(BUDGET)
    out = tmp_path / "out"
    build(ROOT / "examples/blog.djs", out, timeout=deadline.left())
    env = project_env("test", f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    manage(out, "migrate", "--noinput", env=env, timeout=deadline.left())
    create_user(out, env, timeout=deadline.left())
    author_id = django_shell(
        out,
        "from django.contrib.auth import get_user_model\n"
        "from blog.models import Author\n"
        f"user = get_user_model().objects.get(username={USERNAME!r})\n"
        "print(Author.objects.create(name='A', email='a@example.com', user=user).pk)",
        env,
        timeout=deadline.left(),
    ).strip()
    per_writer, writers = 10, 6

    def write(url: str, writer: int) -> list[int]:
        with httpx.Client(base_url=url, auth=(USERNAME, PASSWORD), timeout=60) as client:
            return [
                client.post(
                    "/api/posts/",
                    json={
                        "title": "t",
                        "slug": f"w{writer}-{n}",
                        "body": "b",
                        "author_id": int(author_id),
                    },
                ).status_code
                for n in range(per_writer)
            ]

    with serve(out, env, deadline) as first, serve(out, env, deadline) as second:
        with ThreadPoolExecutor(max_workers=writers) as pool:
            jobs = [pool.submit(write, (first, second)[w % 2].url, w) for w in range(writers)]
            statuses = [status for job in jobs for status in job.result(deadline.left())]
    assert statuses == [201] * (per_writer * writers)
    count = django_shell(
        out, "from blog.models import Post\nprint(Post.objects.count())", env, deadline.left()
    )
    assert count.strip() == str(per_writer * writers)
