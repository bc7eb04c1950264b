"""The fast YAML path (libyaml's events, ruamel's resolver) gives the nodes ruamel gives."""

from __future__ import annotations

import pytest
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from strategy_bible.strategy import composer
from strategy_bible.strategy.composer import compose, ruamel_compose

from support import FIXTURES, REPO

SNIPPETS = [
    "a: 1\nb: 1.5\nc: 1e3\nd: .inf\ne: 0o17\nf: 0x1F\ng: 010\nh: 1_000\ni: +12\n",
    "yes: yes\nno: no\non: off\ny: n\nt: True\nf: FALSE\nnul: ~\nnul2: null\nempty:\n",
    "d: 2026-03-14\ndt: 2026-03-14T08:30\ndts: 2026-03-14T08:30:00\nsp: 2026-03-14 08:30:00\nbad: 2026-13-45\n",
    'q1: "2026-01-01"\nq2: \'12\'\nq3: "a\\tb\\u00e9\\/"\nlit: |\n  line\n   more\nfold: >-\n  one\n  two\n',
    "éà: Léa — « guillemets »\nemoji: 🥐 croissant\nafter: [é, è, {x: ü}]\n",
    "base: &b {value: 1, date: 2025-12-31}\ncopy: *b\nlist: &l [1, 2]\nagain: *l\n",
    "<<: {a: 1}\nm: {<<: {b: 2}, c: 3}\n",
    "s: !!str 123\ni: !!int '7'\nn: ! 12\ncustom: !foo bar\npy: !!python/object:os.system x\nset: !!set {a, b}\n",
    "? [complex, key]\n: value\n? plain\n: other\n",
    "- top\n- level\n- list\n",
    "just a scalar\n",
    "---\na: 1\n...\n",
    "a: 1\n# only a comment after\n",
    "k: v # comment\nurl: https://example.org/a#b\ncolon: a:b\n",
    "nested:\n  - id: a\n    checklist:\n      - task\n      - {task: t, done: true}\n",
    "dup: 1\ndup: 2\n",
    "\ufeffbom: 1\n",
    "a:\n  b:   # nothing yet\n\n  # a comment line\n  c: 1\nd:\ne: [1, , 2]\nf: {x: , y: 2}\n",
    "seq:\n  -\n  - b\n  - \nafter:\n    \n",
    "crlf: 1\r\nempty:\r\n  \r\nnext: x\r\n",
    "ls: a\u2028b\nnel: c\x85d\nempty: \u2028\n",
    "tab:\t1\nempty:\t\nk: v\n",
    "? only key\nx:\n",
    # syntax at the edges: both parsers must agree, or refuse alike
    "f: {a:1}\n",
    "g: [a:b, c: d]\n",
    "k: 'it''s'\n",
    'm: "\\x41\\N\\_"\n',
    "key with spaces: v\n",
    "? |\n  block key\n: v\n",
    "- - nested\n  - seq\n",
    "plain: multi\n  line\n  scalar\n",
    "p: -1\nq: - 1\n",
    "%TAG ! tag:x,2000:\n---\na: !b c\n",
    "a: !<tag:yaml.org,2002:str> 5\n",
    "a: &x 1\nb: &x 2\nc: *x\n",
    "@bad: 1\n",
    "a: @b\n",
    "a: `b`\n",
    "a: |+\n  keep\n\n",
    "a: >2\n   indented\n",
    "a: 'multi\n  line'\n",
    '"quoted key": 1\n',
    "a: b #c\n",
    "a: b#c\n",
    "- [a, b]: c\n",
    "a: \x07\n",
    "a: b\x00\n",
    "a: [b, c]]\n",
    "a:\n- b\n- c\n",
    "a:\n  - b\n - c\n",
    "a: 1\n b: 2\n",
    "a: {b: [c, {d: e}]}\n",
    "- a\nb: c\n",
    "a: *\n",
    "a: &\n",
    "a: !\n",
    "'a\n",
    'a: "b\n',
    "[1, 2]: x\n",
    "a: 1 # c\n# d\n",
    "{a: 1}\n",
    "a: b: c\n",
    "a: 'b' c\n",
    "a: -\n",
    "a: ? b\n",
    "a: >\n\n  x\n",
    "x: 'mars : le'\n",
    "x: mars : le\n",
    "x: - b\n",
    "x: 2026-03-14T08:30\n",
    "x: 1:30\n",
    "x: 0b101\n",
    "x: 0x_1\n",
    "x: .5\n",
    "x: 5.\n",
    "x: +.inf\n",
    "...\n",
    "---\n",
    "--- a\n",
    "a: 1\n...\nb: 2\n",
    "- !!map {a: 1}\n",
    "a: !!binary aGk=\n",
    "ids: [a, b,]\n",
    "a: {b}\n",
    "a: [b: c]\n",
    "a: {b: 1, c: }\n",
    "a: {c: , d: 2}\n",
    "a: {c:   , d: 2}\n",
    "a: [x, {c: }]\n",
    "a: {c:\n  }\n",
    "a: {c\n  : }\n",
    "a: [c: ]\n",
    "a: {? c }\n",
    "a: {? c : }\n",
    "a: ''\nb: \"\"\n",
    "a:    \n  \nb:\n",
    "a:\n\n\n",
    "key: value\n  # indented comment\nk2: v\n",
    "a: \u00a0b\n",
    "a: b\u00a0\n",
    "\u00e9: \u00e8\n",
    "a: !\n",
    "a: !!str\nb: &x\nc: *x\n",
    "é: ü — «\xa0»\nempty:\nnext: 1\nlater: 🥐🥐\nvide:   # é commentaire ü\n\n  # encore é\nfin: 2\n",
]


def _same(fast, slow, path="") -> None:
    assert type(fast) is type(slow), path
    if fast is None:
        return
    assert fast.tag == slow.tag, path
    assert (fast.start_mark.line, fast.start_mark.column) == (slow.start_mark.line, slow.start_mark.column), path
    assert fast.anchor == slow.anchor, path
    if isinstance(fast, ScalarNode):
        assert fast.value == slow.value, path
        assert fast.style == slow.style, path
    elif isinstance(fast, SequenceNode):
        assert len(fast.value) == len(slow.value), path
        for index, (a, b) in enumerate(zip(fast.value, slow.value, strict=False)):
            _same(a, b, f"{path}[{index}]")
    else:
        assert isinstance(fast, MappingNode) and len(fast.value) == len(slow.value), path
        for (ka, va), (kb, vb) in zip(fast.value, slow.value, strict=False):
            _same(ka, kb, f"{path}.key")
            _same(va, vb, f"{path}.{kb.value if isinstance(kb, ScalarNode) else '?'}")


def _files():
    folders = [FIXTURES / "valid", FIXTURES / "invalid", FIXTURES / "hostile", REPO / "strategies"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.y*ml"))


@pytest.mark.skipif(composer._CParser is None, reason="PyYAML without libyaml: only the ruamel path exists")
@pytest.mark.parametrize("text", SNIPPETS + [p.read_text(encoding="utf-8-sig") for p in _files()])
def test_fast_path_gives_the_nodes_ruamel_gives(text):
    try:
        slow = ruamel_compose(text)
    except YAMLError as error:  # the file is refused, with ruamel's message
        with pytest.raises(type(error)) as raised:
            compose(text)
        assert str(raised.value) == str(error)
    else:
        _same(compose(text), slow)


@pytest.mark.skipif(composer._CParser is None, reason="PyYAML without libyaml: only the ruamel path exists")
def test_the_fast_path_is_taken_for_ordinary_files_and_left_for_unusual_ones():
    assert _fast_accepts((FIXTURES / "valid" / "contract-example.yml").read_text(encoding="utf-8"))
    for unusual in (
        "%YAML 1.1\n---\na: yes\n",
        "a: 1\n---\nb: 2\n",
        "a: *nowhere\n",
        "a: [1\n",
        "a:\n\t- b\n",
        "a" + ": [" * 100 + "]" * 100 + "\n",
    ):
        assert not _fast_accepts(unusual), unusual


def test_errors_are_ruamels():
    from ruamel.yaml.error import MarkedYAMLError

    for broken in ("a: [1\n", "a: b: c\n", "a: 1\n---\nb: 2\n", "a: *nowhere\n"):
        with pytest.raises(MarkedYAMLError):
            compose(broken)


def _fast_accepts(text: str) -> bool:
    try:
        composer._Composer(text).document()
    except (composer._Unusual, composer._pyyaml.YAMLError, RecursionError):
        return False
    return True
