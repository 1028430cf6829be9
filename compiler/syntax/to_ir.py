"""Lark parse tree → IR nodes, with a span on every node."""

from __future__ import annotations

from lark import Token, Transformer, v_args

from djsc import ir
from djsc.source import Span

try:  # the Cython parser (see djsc.syntax.parser) hands over its own token class
    from lark_cython.lark_cython import Token as _CythonToken
except ImportError:  # pragma: no cover - the pure-Python parser alone
    _CythonToken = Token
TOKEN_TYPES = frozenset({Token, _CythonToken})

_BINARY_ALIASES = {"or_": "or", "and_": "and", "in_": "in", "not_in": "not in", "coalesce": "??"}
_ESCAPES = {"n": "\n", "t": "\t"}


def decode_string(text: str) -> str:
    """A STRING token's meaning: quotes dropped, `\\n` and `\\t` decoded, any other
    escaped character taken as itself (`\\"`, `\\\\`).  Called once per literal, here,
    so the IR carries the decoded value and no later stage unquotes again."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _string_literal(text: str, span: Span) -> ir.Literal:
    return ir.Literal(kind="string", text=text, value=decode_string(text), span=span)


class ToIR(Transformer):
    """Builds IR nodes; `file` names the source every span points into."""

    def __init__(self, file: str) -> None:
        super().__init__(visit_tokens=True)
        self.file = file

    # ------------------------------------------------------------ helpers
    def _span(self, meta) -> Span:
        if type(meta) is Span:  # the inline callbacks hand over finished spans
            return meta
        if getattr(meta, "empty", True):
            return Span(self.file, 0, 0)
        return Span(self.file, meta.start_pos, meta.end_pos)

    def _tok_span(self, tok: Token) -> Span:
        return Span(self.file, tok.start_pos, tok.end_pos)

    def _ident(self, tok: Token) -> ir.Ident:
        return ir.Ident(text=str(tok), span=self._tok_span(tok))

    def _join(self, first: ir.Node, last: ir.Node) -> Span:
        return Span(self.file, first.span.start, last.span.end)

    # ------------------------------------------------------------ tokens
    # Tokens stay tokens; rules convert them where their meaning is known.

    # ------------------------------------------------------------ top level
    def start(self, children):
        return tuple(children)

    @v_args(meta=True)
    def use_decl(self, meta, children):
        return ir.Use(path=decode_string(str(children[0])), span=self._span(meta))

    @v_args(meta=True)
    def app_decl(self, meta, children):
        name, *options = children
        return ir.App(name=self._ident(name), options=tuple(options), span=self._span(meta))

    @v_args(meta=True)
    def option(self, meta, children):
        name = self._ident(children[0])
        values: tuple = ()
        block = None
        for child in children[1:]:
            if isinstance(child, list):
                values = tuple(child)
            else:
                block = child
        return ir.Option(name=name, values=values, block=block, span=self._span(meta))

    def option_values(self, children):
        return list(children)

    def option_block(self, children):
        return tuple(children)

    def _value(self, kind: str, tok: Token) -> ir.OptionValue:
        text = str(tok)
        value = decode_string(text) if kind == "string" else text
        return ir.OptionValue(kind=kind, text=text, value=value, span=self._tok_span(tok))

    def v_string(self, children):
        return self._value("string", children[0])

    def v_number(self, children):
        return self._value("number", children[0])

    @v_args(meta=True)
    def v_negative(self, meta, children):
        return ir.OptionValue(kind="number", text="-" + str(children[-1]), span=self._span(meta))

    def v_duration(self, children):
        return self._value("duration", children[0])

    def v_rate(self, children):
        return self._value("rate", children[0])

    def v_name(self, children):
        return self._value("name", children[0])

    # ------------------------------------------------------------ enums
    @v_args(meta=True)
    def enum_decl(self, meta, children):
        name, *members = children
        return ir.Enum(name=self._ident(name), members=tuple(members), span=self._span(meta))

    @v_args(meta=True)
    def enum_member(self, meta, children):
        value = children[1] if len(children) > 1 else None
        return ir.EnumMember(name=self._ident(children[0]), value=value, span=self._span(meta))

    # ------------------------------------------------------------ entities
    @v_args(meta=True)
    def entity_decl(self, meta, children):
        name = self._ident(children[0])
        was = None
        flags = []
        members = []
        for child in children[1:]:
            if type(child) in TOKEN_TYPES:
                flags.append(self._ident(child))
            elif isinstance(child, tuple) and child and child[0] == "was":
                was = child[1]
            else:
                members.append(child)
        return ir.Entity(
            name=name, was=was, flags=tuple(flags), members=tuple(members), span=self._span(meta)
        )

    def was(self, children):
        return ("was", self._ident(children[0]))

    @v_args(meta=True)
    def field(self, meta, children):
        name = self._ident(children[0])
        type_ref = children[1]
        default = None
        modifiers = []
        for child in children[2:]:
            if isinstance(child, tuple) and child[0] == "default":
                default = child[1]
            else:
                modifiers.append(child)
        return ir.Field(
            name=name,
            type=type_ref,
            default=default,
            modifiers=tuple(modifiers),
            span=self._span(meta),
        )

    @v_args(meta=True)
    def type_ref(self, meta, children):
        name = self._ident(children[0])
        args: tuple = ()
        optional = False
        for child in children[1:]:
            if type(child) in TOKEN_TYPES:
                optional = True
            else:
                args = child
        return ir.TypeRef(name=name, args=args, optional=optional, span=self._span(meta))

    def type_args(self, children):
        return tuple(children)

    def default(self, children):
        return ("default", children[0])

    def _modifier(self, kind: ir.ModifierKind, meta, args=()) -> ir.Modifier:
        return ir.Modifier(kind=kind, args=tuple(args), span=self._span(meta))

    @v_args(meta=True)
    def m_unique(self, meta, children):
        return self._modifier(ir.ModifierKind.UNIQUE, meta)

    @v_args(meta=True)
    def m_search(self, meta, children):
        return self._modifier(ir.ModifierKind.SEARCH, meta)

    @v_args(meta=True)
    def m_filter(self, meta, children):
        return self._modifier(ir.ModifierKind.FILTER, meta)

    @v_args(meta=True)
    def m_order(self, meta, children):
        return self._modifier(ir.ModifierKind.ORDER, meta)

    @v_args(meta=True)
    def m_index(self, meta, children):
        return self._modifier(ir.ModifierKind.INDEX, meta)

    @v_args(meta=True)
    def m_min(self, meta, children):
        return self._modifier(ir.ModifierKind.MIN, meta, children)

    @v_args(meta=True)
    def m_max(self, meta, children):
        return self._modifier(ir.ModifierKind.MAX, meta, children)

    @v_args(meta=True)
    def m_length(self, meta, children):
        return self._modifier(ir.ModifierKind.LENGTH, meta, children)

    @v_args(meta=True)
    def m_pattern(self, meta, children):
        tok = children[0]
        lit = _string_literal(str(tok), self._tok_span(tok))
        return self._modifier(ir.ModifierKind.PATTERN, meta, [lit])

    @v_args(meta=True)
    def m_choices(self, meta, children):
        return self._modifier(ir.ModifierKind.CHOICES, meta, children)

    @v_args(meta=True)
    def m_primary(self, meta, children):
        return self._modifier(ir.ModifierKind.PRIMARY, meta)

    @v_args(meta=True)
    def m_was(self, meta, children):
        ident = children[0][1]
        return self._modifier(ir.ModifierKind.WAS, meta, [ir.Name(name=ident, span=ident.span)])

    @v_args(meta=True)
    def timestamps(self, meta, children):
        return ir.Timestamps(span=self._span(meta))

    @v_args(meta=True)
    def soft_delete(self, meta, children):
        return ir.SoftDelete(span=self._span(meta))

    @v_args(meta=True)
    def allow_rule(self, meta, children):
        ops, expr = children
        return ir.Permission(ops=ops, expr=expr, span=self._span(meta))

    @v_args(meta=True)
    def permission(self, meta, children):
        return ir.Permission(ops=(), expr=children[0], span=self._span(meta))

    @v_args(meta=True)
    def unique_group(self, meta, children):
        return ir.Group(kind="unique", fields=children[1], span=self._span(meta))

    @v_args(meta=True)
    def index_group(self, meta, children):
        return ir.Group(kind="index", fields=children[1], span=self._span(meta))

    @v_args(meta=True)
    def check_rule(self, meta, children):
        message = decode_string(str(children[1])) if len(children) > 1 else None
        return ir.CheckRule(expr=children[0], message=message, span=self._span(meta))

    @v_args(meta=True)
    def ordering(self, meta, children):
        return ir.Ordering(keys=children[0], span=self._span(meta))

    def name_list(self, children):
        return tuple(self._ident(t) for t in children)

    def order_keys(self, children):
        return tuple(children)

    @v_args(meta=True)
    def order_key(self, meta, children):
        desc = len(children) == 2
        return ir.OrderKey(path=children[-1], desc=desc, span=self._span(meta))

    # ------------------------------------------------------------ relations
    @v_args(meta=True)
    def relation_decl(self, meta, children):
        kind, source, target, *rest = children
        return ir.Relation(
            kind=self._ident(kind),
            source=source,
            target=target,
            options=rest[0] if rest else (),
            span=self._span(meta),
        )

    def relation_block(self, children):
        return tuple(children)

    @v_args(meta=True)
    def primary_option(self, meta, children):
        # The keyword is the option's name: an `Option` without values, as checks expect.
        span = self._span(meta)
        return ir.Option(name=ir.Ident(text="primary", span=span), span=span)

    @v_args(meta=True)
    def relation_end(self, meta, children):
        return ir.RelationEnd(
            entity=self._ident(children[0]),
            field=self._ident(children[1]),
            optional=len(children) > 2,
            span=self._span(meta),
        )

    @v_args(meta=True)
    def relation_target(self, meta, children):
        field = self._ident(children[1]) if len(children) > 1 else None
        return ir.RelationEnd(
            entity=self._ident(children[0]),
            field=field,
            optional=len(children) > 2,
            span=self._span(meta),
        )

    # ------------------------------------------------------------ commands
    @v_args(meta=True)
    def command_decl(self, meta, children):
        name, entity, *rest = children
        many = bool(rest) and type(rest[0]) in TOKEN_TYPES
        items = rest[1:] if many else rest
        return ir.Command(
            name=self._ident(name),
            entity=self._ident(entity),
            many=many,
            items=tuple(items),
            span=self._span(meta),
        )

    @v_args(meta=True)
    def input_block(self, meta, children):
        return ir.InputBlock(fields=tuple(children), span=self._span(meta))

    @v_args(meta=True)
    def require_rule(self, meta, children):
        message = decode_string(str(children[1])) if len(children) > 1 else None
        return ir.Require(expr=children[0], message=message, span=self._span(meta))

    @v_args(meta=True)
    def set_rule(self, meta, children):
        return ir.SetRule(assignments=tuple(children), span=self._span(meta))

    @v_args(meta=True)
    def assignment(self, meta, children):
        target, op, value = children
        return ir.Assignment(target=target, op=str(op), value=value, span=self._span(meta))

    @v_args(meta=True)
    def emit_rule(self, meta, children):
        event, *args = children
        return ir.Emit(event=self._ident(event), args=tuple(args), span=self._span(meta))

    @v_args(meta=True)
    def named_arg(self, meta, children):
        return ir.NamedArg(name=self._ident(children[0]), value=children[1], span=self._span(meta))

    # ------------------------------------------------------------ events
    @v_args(meta=True)
    def event_decl(self, meta, children):
        name = self._ident(children[0])
        entity = None
        fields = []
        apply = None
        for child in children[1:]:
            if type(child) in TOKEN_TYPES:
                entity = self._ident(child)
            elif isinstance(child, ir.Field):
                fields.append(child)
            else:
                apply = child
        return ir.Event(
            name=name, entity=entity, fields=tuple(fields), apply=apply, span=self._span(meta)
        )

    def apply_block(self, children):
        return tuple(children)

    # ------------------------------------------------------------ queries
    @v_args(meta=True)
    def query_decl(self, meta, children):
        name, entity, *rest = children
        many = bool(rest) and type(rest[0]) in TOKEN_TYPES
        items = rest[1:] if many else rest
        return ir.Query(
            name=self._ident(name),
            entity=self._ident(entity),
            many=many,
            items=tuple(items),
            span=self._span(meta),
        )

    @v_args(meta=True)
    def where_rule(self, meta, children):
        return ir.Where(expr=children[0], span=self._span(meta))

    @v_args(meta=True)
    def order_rule(self, meta, children):
        return ir.OrderRule(keys=children[0], span=self._span(meta))

    @v_args(meta=True)
    def limit_rule(self, meta, children):
        return ir.Limit(value=int(float(children[0])), span=self._span(meta))

    # ------------------------------------------------------------ channels
    @v_args(meta=True)
    def channel_decl(self, meta, children):
        name, *items = children
        return ir.Channel(name=self._ident(name), items=tuple(items), span=self._span(meta))

    @v_args(meta=True)
    def path_rule(self, meta, children):
        return ir.PathRule(path=decode_string(str(children[0])), span=self._span(meta))

    @v_args(meta=True)
    def broadcast_rule(self, meta, children):
        return ir.Broadcast(refs=tuple(children), span=self._span(meta))

    @v_args(meta=True)
    def event_ref(self, meta, children):
        if len(children) == 2:
            return ir.EventRef(
                entity=self._ident(children[0]),
                name=self._ident(children[1]),
                span=self._span(meta),
            )
        return ir.EventRef(entity=None, name=self._ident(children[0]), span=self._span(meta))

    # ------------------------------------------------------------ expressions
    def path(self, children):
        return tuple(self._ident(t) for t in children)

    @v_args(meta=True)
    def name(self, meta, children):
        return ir.Name(name=self._ident(children[0]), span=self._span(meta))

    @v_args(meta=True)
    def l_string(self, meta, children):
        return _string_literal(str(children[0]), self._span(meta))

    @v_args(meta=True)
    def l_number(self, meta, children):
        return ir.Literal(kind="number", text=str(children[0]), span=self._span(meta))

    @v_args(meta=True)
    def l_duration(self, meta, children):
        return ir.Literal(kind="duration", text=str(children[0]), span=self._span(meta))

    @v_args(meta=True)
    def member(self, meta, children):
        return ir.Member(obj=children[0], name=self._ident(children[1]), span=self._span(meta))

    @v_args(meta=True)
    def call(self, meta, children):
        func, *args = children
        return ir.Call(func=self._ident(func), args=tuple(args), span=self._span(meta))

    @v_args(meta=True)
    def conditional(self, meta, children):
        cond, then, otherwise = children
        return ir.Conditional(cond=cond, then=then, otherwise=otherwise, span=self._span(meta))

    @v_args(meta=True)
    def list_(self, meta, children):
        return ir.ListExpr(items=tuple(children), span=self._span(meta))

    @v_args(meta=True)
    def neg(self, meta, children):
        return ir.Unary(op="-", operand=children[-1], span=self._span(meta))

    @v_args(meta=True)
    def not_(self, meta, children):
        return ir.Unary(op="not", operand=children[0], span=self._span(meta))

    def _binary(self, op: str, meta, left, right) -> ir.Binary:
        return ir.Binary(op=op, left=left, right=right, span=self._span(meta))

    @v_args(meta=True)
    def compare(self, meta, children):
        left, op, right = children
        return self._binary(str(op), meta, left, right)

    @v_args(meta=True)
    def arith(self, meta, children):
        left, op, right = children
        return self._binary(str(op), meta, left, right)

    def __default__(self, data, children, meta):
        if data in _BINARY_ALIASES:
            left, right = children
            return ir.Binary(
                op=_BINARY_ALIASES[data], left=left, right=right, span=self._span(meta)
            )
        return super().__default__(data, children, meta)
