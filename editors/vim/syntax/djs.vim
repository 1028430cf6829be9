" Vim syntax file
" Language:    djs (djsc specs: entities, relations, commands, events, queries, channels)
" Maintainer:  the djsc project
" Install:     copy editors/vim/{ftdetect,syntax} into ~/.vim (or a plugin manager's folder)

if exists("b:current_syntax")
  finish
endif

syn case match

" Declarations that start a top-level block.
syn keyword djsDeclaration use app enum entity relation command event query channel

" Words that have a meaning inside blocks.  The language keeps them contextual (a
" field may be called `order`), so a `name:` field is matched separately below and wins.
syn keyword djsKeyword was on input require else set emit apply where order limit if then
syn keyword djsKeyword allow path broadcast check ordering timestamps soft_delete
syn keyword djsModifier unique search filter index min max length pattern choices primary
syn keyword djsRelationKind one_to_one many_to_one one_to_many many_to_many
syn keyword djsFlag sourced audited
syn keyword djsOperator and or not in
syn keyword djsConstant true false null
syn keyword djsBuiltin self anyone authenticated nobody auth
syn keyword djsFunction now today owner role any count sum min max lower upper len sequence
syn keyword djsType String Text Slug Email URL Int BigInt Float Decimal Bool Date Time
syn keyword djsType DateTime Duration UUID JSON File Image User

" A name directly followed by `:` is a field name, whatever word it is.
syn match djsField "\<[A-Za-z_][A-Za-z0-9_]*\>\ze\s*:"

syn match djsNumber "\<[0-9]\+\(\.[0-9]\+\)\=\>"
syn match djsDuration "\<[0-9]\+\(ms\|s\|m\|h\|d\|w\)\>"
syn match djsRate "\<[0-9]\+/\(second\|minute\|hour\|day\|s\|m\|h\|d\)\>"
syn match djsOperatorSym "??\|==\|!=\|<=\|>=\|+=\|-=\|->\|[<>=+\-*/%]"

syn region djsString start=+"+ skip=+\\\\\|\\"+ end=+"+ oneline contains=djsEscape
syn match djsEscape "\\." contained

syn keyword djsTodo TODO FIXME XXX NOTE contained
syn match djsComment "//.*$" contains=djsTodo
syn match djsDocComment "///.*$" contains=djsTodo
syn region djsBlockComment start="/\*" end="\*/" contains=djsTodo

hi def link djsDeclaration Structure
hi def link djsKeyword Keyword
hi def link djsModifier StorageClass
hi def link djsRelationKind Type
hi def link djsFlag StorageClass
hi def link djsOperator Operator
hi def link djsOperatorSym Operator
hi def link djsConstant Boolean
hi def link djsBuiltin Special
hi def link djsFunction Function
hi def link djsType Type
hi def link djsField Identifier
hi def link djsNumber Number
hi def link djsDuration Number
hi def link djsRate Number
hi def link djsString String
hi def link djsEscape SpecialChar
hi def link djsComment Comment
hi def link djsBlockComment Comment
hi def link djsDocComment SpecialComment
hi def link djsTodo Todo

let b:current_syntax = "djs"
