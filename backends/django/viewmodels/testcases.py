"""What the generated tests of one entity create, send and expect.

Every value here is Python source chosen at generation time from the field's
rules (see `field_samples.samples`), so the emitted tests are plain literals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from djsc.backends.django.viewmodels.entities import EntityVM, write_name
from djsc.backends.django.viewmodels.field_samples import TEXTUAL
from djsc.backends.django.viewmodels.fields import FieldVM
from djsc.backends.django.viewmodels.paging import DEFAULT_MAX_PAGE_SIZE
from djsc.backends.django.viewmodels.relations import RelationVM
from djsc.emit.templating import pyrepr


@dataclass(frozen=True)
class Case:
    """One generated test: `name` is the test-function suffix."""

    name: str
    a: str = ""  # source of the first value / object kwargs
    b: str = ""  # source of the second value
    query: str = ""  # query-string value or expression
    param: str = ""
    field: str = ""


@dataclass
class EntityTests:
    e: EntityVM
    factory_lines: list[str] = field(default_factory=list)  # "name = value"
    post_generation: list[str] = field(default_factory=list)  # m2m names
    payload_items: list[str] = field(default_factory=list)  # '"name": value'
    unique_cases: list[Case] = field(default_factory=list)
    serializer_unique_cases: list[Case] = field(default_factory=list)
    check_cases: list[Case] = field(default_factory=list)
    # unique groups with an optional end: rows whose end is null never collide
    null_distinct_cases: list[Case] = field(default_factory=list)
    invalid_cases: list[Case] = field(default_factory=list)
    required_cases: list[str] = field(default_factory=list)
    filter_cases: list[Case] = field(default_factory=list)
    relation_filters: list[Case] = field(default_factory=list)
    huge_id_param: str = ""
    far_offset_param: str = ""  # a datetime filter, to prove a +23:00 offset is a 400
    search_case: Case | None = None
    ordering_case: Case | None = None
    update_case: Case | None = None
    link_cases: list[Case] = field(default_factory=list)  # many-to-many ends written by ids
    page_cap: Case | None = None  # a = the spec's `max`, b = one more, param = its parameter
    # cursor pages over rows sharing `name`'s value; a = the query parameters of each walk
    tie_case: Case | None = None
    batch_kwargs: str = ""
    str_check: str = ""
    access: Any = None  # access_tests.AccessTests, set by the tests feature

    @property
    def factory(self) -> str:
        return f"{self.e.name}Factory"

    @property
    def ids_path(self) -> str:
        """The arguments after `response` of the tests' `ids` helper: none for `id`."""
        path = self.e.pk_path
        return "" if path == ["id"] else "".join(f', "{name}"' for name in path)

    @property
    def payload(self) -> str:
        return f"{self.e.snake}_payload"


def factory_of(r: RelationVM) -> str:
    return "UserFactory" if r.target_is_user else f"{r.target}Factory"


def _grouped(e: EntityVM) -> set[str]:
    return {name for group in e.unique_groups for name in group}


def entity_tests(e: EntityVM, app: str) -> EntityTests:
    t = EntityTests(e)
    grouped = _grouped(e)
    for f in e.fields:
        if not f.writable or not f.samples:
            continue
        needs_unique = f.unique or f.name in grouped
        value = f.sequence if needs_unique and f.sequence else f.samples[0].code
        t.factory_lines.append(f"{f.name} = {value}")
        sample = f.samples[-1] if needs_unique else f.samples[0]
        payload = sample.code
        if f.category == "decimal" and not f.is_choice:
            # The API takes decimals as text (JSON would carry a Decimal as a float).
            literal = re.fullmatch(r'Decimal\(("[^"]*")\)', payload)
            payload = literal.group(1) if literal else f"str({payload})"
        elif f.category == "duration":
            # As the API writes durations (JSON would carry a timedelta as seconds).
            payload = pyrepr(sample.query)
        t.payload_items.append(f'"{f.name}": {payload}')
    for r in e.relations:
        if r.many:
            if r.writable:
                t.post_generation.append(r.name)
            # A payload that made a row of its own entity would break "nothing was created".
            if r.writable and not r.self_ref:
                t.payload_items.append(f'"{write_name(r)}": [{factory_of(r)}().pk]')
            continue
        if not r.optional and not r.self_ref:
            t.factory_lines.append(
                f'{r.name} = factory.SubFactory("{app}.tests.factories.{factory_of(r)}")'
            )
        if not r.self_ref:
            t.payload_items.append(f'"{write_name(r)}": {factory_of(r)}().pk')
    _model_cases(t)
    _serializer_cases(t)
    _api_cases(t)
    return t


def _model_cases(t: EntityTests) -> None:
    e = t.e
    if e.str_code:
        # The factory fills the label, so the row reads as its value.
        plain = e.str_code == f"self.{e.str_field}"
        t.str_check = f"obj.{e.str_field}" if plain else f"str(obj.{e.str_field})"
    for f in e.fields:
        if f.unique and f.writable and f.samples:
            case = Case(f.name, a=f"{f.name}=first.{f.name}")
            t.unique_cases.append(case)
            t.serializer_unique_cases.append(case)
    scalars = {f.name for f in e.fields}
    optional_ends = {r.name: r for r in e.single if r.optional}
    for group in e.unique_groups:
        kwargs = ", ".join(f"{n}=first.{n}" for n in group)
        # NULLs are distinct (SQL's rule): the first row needs a value in each
        # optional end of the group for the second to collide with it.
        given = ", ".join(
            f"{n}={factory_of(optional_ends[n])}()" for n in group if n in optional_ends
        )
        case = Case("_".join(group), a=kwargs, b=given)
        t.unique_cases.append(case)
        if given:
            nulls = ", ".join(f"{n}=None" for n in group if n in optional_ends)
            others = ", ".join(f"{n}=first.{n}" for n in group if n not in optional_ends)
            t.null_distinct_cases.append(
                Case("_".join(group), a=nulls, b=", ".join(x for x in (nulls, others) if x))
            )
        if set(group) <= scalars:
            t.serializer_unique_cases.append(case)
    for number, check in enumerate(e.checks, start=1):
        if check.violation is not None:
            t.check_cases.append(
                Case(
                    f"check_{number}",
                    a=check.violation.kwargs,
                    param=check.violation.field,
                )
            )


def _serializer_cases(t: EntityTests) -> None:
    for f in t.e.fields:
        if not f.writable:
            continue
        for bad in f.invalid:
            t.invalid_cases.append(Case(f"{f.name}_{bad.rule}", a=bad.code, param=f.name))
        if f.required:
            t.required_cases.append(f.name)
    for r in t.e.single:
        if not r.optional and r.writable and not r.self_ref:
            t.required_cases.append(write_name(r))


def _api_cases(t: EntityTests) -> None:
    e = t.e
    for f in e.filter_fields:
        if not f.writable or len(f.samples) < 2:
            continue
        lookups = e.lookups(f)
        if "gte" in lookups:
            # the later value matches `>=` it, the earlier does not
            t.filter_cases.append(
                Case(
                    f"{f.name}_gte",
                    a=f.samples[1].code,
                    b=f.samples[0].code,
                    query=pyrepr(f.samples[1].query),
                    param=f"{f.name}__gte",
                    field=f.name,
                )
            )
        else:
            t.filter_cases.append(
                Case(
                    f.name,
                    a=f.samples[0].code,
                    b=f.samples[1].code,
                    query=pyrepr(f.samples[0].query),
                    param=f.name,
                    field=f.name,
                )
            )
    # `?x__isnull=true` finds the row without a value (a check may forbid null, so
    # only fields no check names).
    nullable = [
        f
        for f in e.filter_fields
        if f.optional and f.writable and f.samples and f.name not in e.checked_fields
    ]
    if nullable:
        f = nullable[0]
        t.filter_cases.append(
            Case(
                f"{f.name}_isnull",
                a="None",
                b=f.samples[0].code,
                query='"true"',
                param=f"{f.name}__isnull",
                field=f.name,
            )
        )
    t.far_offset_param = next((f.name for f in e.filter_fields if f.category == "datetime"), "")
    for r in e.relations:
        if r.self_ref:
            continue
        make = f"[{factory_of(r)}()]" if r.many else f"{factory_of(r)}()"
        pk = f"match.{r.name}.first().pk" if r.many else f"match.{r.name}_id"
        if r.many and not r.writable:
            continue
        t.relation_filters.append(Case(r.name, a=make, query=pk, param=r.name))
        if not r.target_key_text:  # any text is a valid key: no value is too large
            t.huge_id_param = t.huge_id_param or r.name
    search = [f for f in e.fields if f.name in e.search_fields and _fits_needle(f)]
    if search:
        t.search_case = Case(search[0].name, a='"needle"')
    order = [f for f in e.ordering_fields if f.writable and len(f.samples) >= 2]
    if order:
        f = order[0]
        t.ordering_case = Case(f.name, a=f.samples[0].code, b=f.samples[1].code)
    grouped = _grouped(e)
    text = [
        f
        for f in e.fields
        if f.writable
        and f.category in TEXTUAL
        and f.samples
        and not f.unique
        and f.name not in grouped
        and f.pattern is None
        and not f.is_choice
    ]
    if text:
        first = text[0]
        value = first.samples[-1]
        t.update_case = Case(first.name, a=value.code, query=pyrepr(value.query))
    kwargs = [f"{r.name}=[{factory_of(r)}()]" for r in e.many if r.writable]
    t.batch_kwargs = ", ".join(kwargs)
    t.link_cases = [
        Case(r.name, a=factory_of(r), param=write_name(r)) for r in e.many if r.writable
    ]
    pag = e.pagination
    # Proving the cap takes max + 1 rows: only for caps a spec lowered below the default.
    if pag is not None and pag.paginated and pag.max_size < DEFAULT_MAX_PAGE_SIZE:
        param = "limit" if pag.kind == "offset" else "page_size"
        t.page_cap = Case("page_cap", a=str(pag.max_size), b=str(pag.max_size + 1), param=param)
    t.tie_case = _tie_case(e)


def _tie_case(e: EntityVM) -> Case | None:
    """Cursor pages walked one row at a time over rows that share a key's value.

    The key is the list's first default key when it is not unique, else a client
    `?ordering=` key that is not.  Every row is set to one value by an `update()`, so
    keys a check relates to other fields, or that a unique group holds, are left out.
    """
    if not e.cursor:
        return None
    grouped = _grouped(e)

    def shared(name: str) -> bool:
        f = e.field_map.get(name)
        return (
            f is not None
            and not f.primary_key
            and not e.sorts_uniquely(name)
            and name not in grouped
            and name not in e.checked_fields
        )

    orderable = [f.name for f in e.ordering_fields]
    first = e.view_ordering[0].lstrip("-")
    if shared(first):
        walks = [{"page_size": 1}]
        if first in orderable:
            walks += [{"page_size": 1, "ordering": key} for key in (first, "-" + first)]
    else:
        first = next((name for name in orderable if shared(name)), "")
        walks = [{"page_size": 1, "ordering": key} for key in (first, "-" + first)]
    if not first:
        return None
    return Case(first, a=", ".join(pyrepr(w) for w in walks) + ",")


def _fits_needle(f: FieldVM) -> bool:
    return (
        f.writable
        and f.pattern is None
        and not f.is_choice
        and not f.unique
        and (f.max_length is None or f.max_length >= 6)
    )
