"""`djsc new NAME [--dir D]`: a folder with a small working spec and a README.

The starter spec uses the constructs the Django backend generates today (app block,
enum, two entities, a relation, `allow` rules the default permissions enforce),
passes `djsc check --strict` (the backend's checks included), and is already in
`djsc fmt` canonical form.  Commands and queries join it when they are generated.
"""

from __future__ import annotations

import keyword
import os
import sys

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

SPEC_TEMPLATE = """\
app {name} {{
  title "{title}"
  database sqlite
}}

/// Where a task stands.
enum TaskStatus {{ todo  doing  done }}

/// A group of tasks.
entity Project {{
  name: String(120) unique
  description: Text?
  timestamps
  allow read: anyone
  allow create, update, delete: authenticated
}}

/// One thing to do.
entity Task {{
  title: String(200) search
  status: TaskStatus = todo filter
  due_at: DateTime? order
  timestamps
  allow read: anyone
  allow create, update, delete: authenticated
}}

relation many_to_one Task.project -> Project.tasks {{ on_delete cascade }}
"""

README_TEMPLATE = """\
# {name}

A djsc spec: `{name}.djs` describes the data and the
operations of a Django + Django REST framework API.

## Build

```sh
djsc check {name}.djs             # report every problem in the spec
djsc build {name}.djs -o build    # generate the Django project into ./build
cd build
python manage.py migrate
python manage.py runserver
```

## Edit

- `djsc fmt {name}.djs` formats the spec canonically.
- `djsc graph {name}.djs` prints its entity-relationship diagram (Mermaid).
- `djsc explain DJS0101` explains a diagnostic code.

Run `djsc build` again after each change; files you own (hooks) are never
overwritten.
"""


def starter_spec(name: str) -> str:
    return SPEC_TEMPLATE.format(name=name, title=name.replace("_", " ").strip().title())


def starter_readme(name: str) -> str:
    return README_TEMPLATE.format(name=name)


def cmd_new(args) -> int:
    name: str = args.name
    if not name.isidentifier() or keyword.iskeyword(name) or not name.isascii():
        print(
            f"error: `{name}` is not a valid project name\n"
            " = help: use a Python identifier, like `todo` or `my_shop`",
            file=sys.stderr,
        )
        return EXIT_USAGE
    folder = args.dir or os.path.join(os.curdir, name)
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        print(
            f"error: `{folder}` already exists and is not empty\n"
            " = help: pick another name or pass `--dir` with a new or empty folder",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    try:
        os.makedirs(folder, exist_ok=True)
        spec = os.path.join(folder, f"{name}.djs")
        _write(spec, starter_spec(name))
        _write(os.path.join(folder, "README.md"), starter_readme(name))
    except OSError as err:
        print(f"error: cannot create `{folder}`: {err.strerror or err}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"created {spec}")
    print(f"next: djsc check {spec}")
    return EXIT_OK


def _write(path: str, text: str) -> None:
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
