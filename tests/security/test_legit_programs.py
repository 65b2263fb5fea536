"""Legitimate logic-block programs that the sandbox must keep running, with exact outputs.

The security layers must not break ordinary code: every allowed module used the way a real
block would, the usual Python constructs, print, input and context.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

import pytest
from agentbuilder.sandbox.v1 import sandbox_pb2

OK = sandbox_pb2.EXECUTE_STATUS_OK


@dataclass(frozen=True)
class Program:
    code: str
    output: Any
    input: dict | None = None
    context: dict | None = None
    stdout: str | None = None
    limits: dict = field(default_factory=dict)


def program(program_id: str, code: str, output: Any, **options):
    source = textwrap.dedent(code).strip("\n") + "\n"
    return pytest.param(Program(source, output, **options), id=program_id)


PROGRAMS = [
    program(
        "arithmetic-on-input",
        """
        a = input['a']
        b = input['b']
        output = {
            'sum': a + b,
            'diff': a - b,
            'prod': a * b,
            'floordiv': a // b,
            'mod': a % b,
            'pow': a ** 2,
            'div': a / 4,
            'neg': -a,
            'int': int(a) * 3,
            'big': (2 ** 100) % 97,
            'divmod': list(divmod(int(a), int(b))),
        }
        """,
        {
            "sum": 10,
            "diff": 4,
            "prod": 21,
            "floordiv": 2,
            "mod": 1,
            "pow": 49,
            "div": 1.75,
            "neg": -7,
            "int": 21,
            "big": 2**100 % 97,
            "divmod": [2, 1],
        },
        input={"a": 7, "b": 3},
    ),
    program(
        "string-methods",
        """
        s = input['s']
        words = s.strip().lower().split()
        output = {
            'strip': s.strip(),
            'upper': s.strip().upper(),
            'title': 'hello big world'.title(),
            'words': words,
            'joined': '-'.join(words),
            'replace': s.strip().replace('World', 'There'),
            'startswith': s.strip().startswith('Hello'),
            'find': s.find('World'),
            'count': s.count('o'),
            'split_comma': 'a,b,,c'.split(','),
            'rsplit': 'a.b.c'.rsplit('.', 1),
            'partition': list('key=value=x'.partition('=')),
            'zfill': '42'.zfill(5),
            'center': 'ab'.center(6, '*'),
            'isdigit': ['123'.isdigit(), '12a'.isdigit()],
            'slice': s.strip()[::-1],
            'in': 'lo, W' in s,
            'casefold': 'Straße'.casefold(),
            'translate': 'abc'.translate(str.maketrans('ab', 'xy')),
            'removeprefix': 'prefix-name'.removeprefix('prefix-'),
        }
        """,
        {
            "strip": "Hello, World",
            "upper": "HELLO, WORLD",
            "title": "Hello Big World",
            "words": ["hello,", "world"],
            "joined": "hello,-world",
            "replace": "Hello, There",
            "startswith": True,
            "find": 9,
            "count": 2,
            "split_comma": ["a", "b", "", "c"],
            "rsplit": ["a.b", "c"],
            "partition": ["key", "=", "value=x"],
            "zfill": "00042",
            "center": "**ab**",
            "isdigit": [True, False],
            "slice": "dlroW ,olleH",
            "in": True,
            "casefold": "strasse",
            "translate": "xyc",
            "removeprefix": "name",
        },
        input={"s": "  Hello, World  "},
    ),
    program(
        "str-format",
        """
        import datetime
        person = {'name': 'Ada', 'langs': ['en', 'fr']}
        output = [
            '{}-{}'.format('a', 'b'),
            '{0}-{1}-{0}'.format('x', 'y'),
            '{name} is {age}'.format(name='Ada', age=36),
            '{:>6}|{:<6}|{:^6}'.format('r', 'l', 'c'),
            '{:.2f} {:05d} {:x} {:#o} {:b} {:.1%} {:,} {:e}'.format(3.14159, 42, 255, 8, 5, 0.256, 1234567, 12345.678),
            '{p[name]} speaks {p[langs][1]}'.format(p=person),
            '{0.year}-{0.month:02d}-{0.day:02d}'.format(datetime.date(2024, 3, 9)),
            '{:{width}.{prec}f}'.format(2.71828, width=8, prec=3),
            '{!r} {!s}'.format('q', 'q'),
            '{{literal}} {}'.format(1),
            '{x}/{y}'.format_map({'x': 1, 'y': 2}),
            '%s has %d items (%.1f%%)' % ('cart', 3, 42.5),
            '%(a)s=%(b)05.1f' % {'a': 'k', 'b': 2.5},
        ]
        """,
        [
            "a-b",
            "x-y-x",
            "Ada is 36",
            "     r|l     |  c   ",
            "3.14 00042 ff 0o10 101 25.6% 1,234,567 1.234568e+04",
            "Ada speaks fr",
            "2024-03-09",
            "   2.718",
            "'q' q",
            "{literal} 1",
            "1/2",
            "cart has 3 items (42.5%)",
            "k=002.5",
        ],
    ),
    program(
        # Python numbers the empty field names itself, attribute and index included
        "str-format-auto-numbered-fields",
        """
        output = ['{.real} {[0]}'.format(3, [5]), '{} {.imag}'.format('a', 2), '{[k]}'.format({'k': 'v'})]
        """,
        ["3 5", "a 0", "v"],
    ),
    program(
        "f-strings",
        """
        name = 'Ada'
        n = 7
        price = 1234.5
        items = ['a', 'b']
        output = [
            f'Hello {name}!',
            f'{n} squared is {n * n}',
            f'{price:,.2f}',
            f'{name!r:>8}',
            f'{n:03d}|{n:<4}|{n:^5}|{n:x}',
            f'{len(items)} items: {", ".join(items)}',
            f'{"nested " + name.upper()}',
            f'{price:{10}.{1}f}',
            f'{n=}',
        ]
        """,
        [
            "Hello Ada!",
            "7 squared is 49",
            "1,234.50",
            "   'Ada'",
            "007|7   |  7  |7",
            "2 items: a, b",
            "nested ADA",
            "    1234.5",
            "n=7",
        ],
    ),
    program(
        "comprehensions",
        """
        nums = list(range(10))
        pairs = {'a': 1, 'b': 2, 'c': 3}
        output = {
            'squares': [x * x for x in nums if x % 2 == 0],
            'dict': {k: v * 10 for k, v in pairs.items() if v > 1},
            'set': sorted({x % 3 for x in nums}),
            'nested': [[i * j for j in range(3)] for i in range(3)],
            'flat': [y for row in [[1, 2], [3], []] for y in row],
            'gen_sum': sum(x for x in nums if x > 5),
            'cond': ['even' if x % 2 == 0 else 'odd' for x in range(4)],
            'inverted': {v: k for k, v in pairs.items()} == {1: 'a', 2: 'b', 3: 'c'},
        }
        """,
        {
            "squares": [0, 4, 16, 36, 64],
            "dict": {"b": 20, "c": 30},
            "set": [0, 1, 2],
            "nested": [[0, 0, 0], [0, 1, 2], [0, 2, 4]],
            "flat": [1, 2, 3],
            "gen_sum": 30,
            "cond": ["even", "odd", "even", "odd"],
            "inverted": True,
        },
    ),
    program(
        "generators-and-yield",
        """
        def countdown(n):
            while n > 0:
                yield n
                n -= 1

        def chunks(seq, size):
            for i in range(0, len(seq), size):
                yield seq[i:i + size]

        def delegate():
            yield 'start'
            yield from countdown(2)
            yield 'end'

        def accumulator():
            total = 0
            while True:
                value = yield total
                total += value

        acc = accumulator()
        next(acc)
        acc.send(5)
        g = countdown(3)
        output = {
            'countdown': list(countdown(4)),
            'chunks': list(chunks([1, 2, 3, 4, 5], 2)),
            'delegate': list(delegate()),
            'send': acc.send(10),
            'next_default': next(iter([]), 'empty'),
            'manual': [next(g), next(g)],
            'genexp': list(x * 2 for x in range(3)),
        }
        """,
        {
            "countdown": [4, 3, 2, 1],
            "chunks": [[1, 2], [3, 4], [5]],
            "delegate": ["start", 2, 1, "end"],
            "send": 15,
            "next_default": "empty",
            "manual": [3, 2],
            "genexp": [0, 2, 4],
        },
    ),
    program(
        "closures-and-lambdas",
        """
        def make_adder(n):
            def add(x):
                return x + n
            return add

        def make_counter():
            state = {'count': 0}
            def increment():
                state['count'] = state['count'] + 1
                return state['count']
            return increment

        def compose(*fns):
            def composed(x):
                for f in reversed(fns):
                    x = f(x)
                return x
            return composed

        add5 = make_adder(5)
        counter = make_counter()
        counter()
        counter()
        double = lambda x: x * 2
        inc_then_double = compose(double, make_adder(1))
        multipliers = [lambda x, k=k: x * k for k in range(1, 4)]
        output = {
            'add5': add5(10),
            'counter': counter(),
            'compose': inc_then_double(4),
            'multipliers': [m(10) for m in multipliers],
            'map': list(map(lambda s: s.upper(), ['a', 'b'])),
            'filter': list(filter(lambda x: x > 1, [0, 1, 2, 3])),
            'kwargs': (lambda a, b=2, *args, **kw: [a, b, list(args), sorted(kw)])(1, 3, 4, z=1),
        }
        """,
        {
            "add5": 15,
            "counter": 3,
            "compose": 10,
            "multipliers": [10, 20, 30],
            "map": ["A", "B"],
            "filter": [2, 3],
            "kwargs": [1, 3, [4], ["z"]],
        },
    ),
    program(
        "sorting-with-key",
        """
        people = input['people']
        by_age = sorted(people, key=lambda p: p['age'])
        by_score_then_name = sorted(people, key=lambda p: (-p['score'], p['name']))
        words = ['banana', 'Apple', 'cherry', 'date']
        ranked = list(people)
        ranked.sort(key=lambda p: p['name'], reverse=True)
        output = {
            'by_age': [p['name'] for p in by_age],
            'by_score_then_name': [p['name'] for p in by_score_then_name],
            'len': sorted(words, key=len),
            'casefold': sorted(words, key=str.lower),
            'reverse': sorted([3, 1, 2], reverse=True),
            'in_place': [p['name'] for p in ranked],
            'max_by': max(people, key=lambda p: p['score'])['name'],
            'min_by': min(words, key=len),
        }
        """,
        {
            "by_age": ["cy", "al", "bo"],
            "by_score_then_name": ["al", "bo", "cy"],
            "len": ["date", "Apple", "banana", "cherry"],
            "casefold": ["Apple", "banana", "cherry", "date"],
            "reverse": [3, 2, 1],
            "in_place": ["cy", "bo", "al"],
            "max_by": "bo",
            "min_by": "date",
        },
        input={
            "people": [
                {"name": "bo", "age": 40, "score": 9},
                {"name": "al", "age": 30, "score": 9},
                {"name": "cy", "age": 20, "score": 5},
            ]
        },
    ),
    program(
        "exceptions-raised-and-caught",
        """
        log = []

        def parse(value):
            try:
                return int(value)
            except ValueError as e:
                log.append('bad: ' + str(e))
                return None
            finally:
                log.append('parsed ' + repr(value))

        def check(x):
            if x < 0:
                raise ValueError(f'negative: {x}')
            return x

        results = [parse('12'), parse('x')]
        try:
            check(-1)
        except (TypeError, ValueError) as e:
            results.append(e.args[0])
        try:
            {}['missing']
        except KeyError as e:
            results.append('key ' + str(e))
        except Exception:
            results.append('wrong handler')
        else:
            results.append('no error')
        try:
            1 / 0
        except ArithmeticError as e:
            results.append('arith: ' + str(e))
        try:
            try:
                [][1]
            except IndexError:
                raise LookupError('wrapped')
        except LookupError as e:
            results.append(str(e))
        try:
            assert 1 == 2, 'assert message'
        except AssertionError as e:
            results.append(str(e))
        ok = True
        try:
            pass
        except Exception:
            ok = False
        else:
            results.append('else ran')
        output = {'results': results, 'log': log, 'ok': ok}
        """,
        {
            "results": [
                12,
                None,
                "negative: -1",
                "key 'missing'",
                "arith: division by zero",
                "wrapped",
                "assert message",
                "else ran",
            ],
            "log": [
                "parsed '12'",
                "bad: invalid literal for int() with base 10: 'x'",
                "parsed 'x'",
            ],
            "ok": True,
        },
    ),
    program(
        "json-round-trip",
        """
        import json
        doc = {'name': 'Ada', 'tags': ['x', 'y'], 'n': 3, 'ok': True, 'none': None, 'f': 1.5}
        text = json.dumps(doc, sort_keys=True)
        compact = json.dumps(doc, sort_keys=True, separators=(',', ':'))
        back = json.loads(text)
        try:
            json.loads('{bad json')
            error = None
        except json.JSONDecodeError as e:
            error = [e.msg, e.pos]
        output = {
            'text': text,
            'compact': compact,
            'equal': back == doc,
            'pretty': json.dumps({'a': [1, 2]}, indent=2),
            'unicode': json.dumps('h\u00e9', ensure_ascii=False),
            'ascii': json.dumps('h\u00e9'),
            'error': error,
            'parsed': json.loads(input['payload'])['items'][1],
        }
        """,
        {
            "text": '{"f": 1.5, "n": 3, "name": "Ada", "none": null, "ok": true, "tags": ["x", "y"]}',
            "compact": '{"f":1.5,"n":3,"name":"Ada","none":null,"ok":true,"tags":["x","y"]}',
            "equal": True,
            "pretty": '{\n  "a": [\n    1,\n    2\n  ]\n}',
            "unicode": '"h\u00e9"',
            "ascii": '"h\\u00e9"',
            "error": ["Expecting property name enclosed in double quotes", 1],
            "parsed": {"id": 2},
        },
        input={"payload": '{"items": [{"id": 1}, {"id": 2}]}'},
    ),
    program(
        "re-with-groups",
        r"""
        import re
        text = 'Contact: ada@example.com, bob@test.org; phone 555-1234'
        email = re.compile(r'(?P<user>[\w.]+)@(?P<host>[\w.]+)')
        m = email.search(text)
        phone = re.search(r'(\d{3})-(\d{4})', text)
        output = {
            'user': m.group('user'),
            'host': m.group(2),
            'groupdict': m.groupdict(),
            'span': list(m.span()),
            'all': [list(t) for t in email.findall(text)],
            'phone': list(phone.groups()),
            'sub': re.sub(r'\d', '#', 'a1b22'),
            'sub_fn': re.sub(r'\w+', lambda mm: mm.group(0).upper(), 'ab cd'),
            'sub_backref': re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'x@y'),
            'split': re.split(r'[,;]\s*', 'a, b;c'),
            'fullmatch': bool(re.fullmatch(r'[a-z]+', 'abc')),
            'ignorecase': bool(re.match('HELLO', 'hello world', re.IGNORECASE)),
            'multiline': re.findall(r'^\w', 'ab\ncd', re.M),
            'finditer': [x.start() for x in re.finditer('a', 'banana')],
            'escape': re.escape('a.b'),
            'subn': list(re.subn('a', 'o', 'banana')),
            'no_match': re.match('z', 'abc') is None,
        }
        """,
        {
            "user": "ada",
            "host": "example.com",
            "groupdict": {"user": "ada", "host": "example.com"},
            "span": [9, 24],
            "all": [["ada", "example.com"], ["bob", "test.org"]],
            "phone": ["555", "1234"],
            "sub": "a#b##",
            "sub_fn": "AB CD",
            "sub_backref": "y at x",
            "split": ["a", "b", "c"],
            "fullmatch": True,
            "ignorecase": True,
            "multiline": ["a", "c"],
            "finditer": [1, 3, 5],
            "escape": "a\\.b",
            "subn": ["bonono", 3],
            "no_match": True,
        },
    ),
    program(
        "datetime-arithmetic",
        """
        import datetime
        d = datetime.date(2024, 2, 28)
        later = d + datetime.timedelta(days=2)
        start = datetime.datetime.strptime('2024-01-15 10:30', '%Y-%m-%d %H:%M')
        end = datetime.datetime(2024, 1, 16, 12, 0, 30)
        utc = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
        plus2 = utc.astimezone(datetime.timezone(datetime.timedelta(hours=2)))
        output = {
            'later': later.isoformat(),
            'weekday': later.weekday(),
            'strptime': start.isoformat(),
            'delta_seconds': (end - start).total_seconds(),
            'delta_days': (end - start).days,
            'strftime': end.strftime('%d/%m/%Y %H:%M:%S'),
            'utc': utc.isoformat(),
            'plus2': plus2.isoformat(),
            'fromiso': datetime.datetime.fromisoformat('2024-05-06T07:08:09').hour,
            'date_fromiso': datetime.date.fromisoformat('2023-12-31').toordinal() - datetime.date(2023, 1, 1).toordinal(),
            'replace': d.replace(year=2023).isoformat(),
            'time': datetime.time(9, 5).isoformat(),
            'compare': datetime.date(2024, 1, 1) < datetime.date(2024, 1, 2),
            'minmax': [datetime.MINYEAR, datetime.MAXYEAR],
            'week': [d.isocalendar()[1], d.strftime('%A')],
        }
        """,
        {
            "later": "2024-03-01",
            "weekday": 4,
            "strptime": "2024-01-15T10:30:00",
            "delta_seconds": 91830.0,
            "delta_days": 1,
            "strftime": "16/01/2024 12:00:30",
            "utc": "2024-01-01T12:00:00+00:00",
            "plus2": "2024-01-01T14:00:00+02:00",
            "fromiso": 7,
            "date_fromiso": 364,
            "replace": "2023-02-28",
            "time": "09:05:00",
            "compare": True,
            "minmax": [1, 9999],
            "week": [9, "Wednesday"],
        },
    ),
    program(
        "statistics",
        """
        import statistics
        data = [2, 4, 4, 4, 5, 5, 7, 9]
        output = {
            'mean': statistics.mean(data),
            'median': statistics.median(data),
            'median_odd': statistics.median([3, 1, 2]),
            'mode': statistics.mode(data),
            'pstdev': statistics.pstdev(data),
            'stdev': round(statistics.stdev(data), 6),
            'variance': round(statistics.variance(data), 6),
            'fmean': statistics.fmean([1.5, 2.5]),
            'quantiles': statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8], n=4),
            'harmonic': round(statistics.harmonic_mean([1, 2, 4]), 6),
        }
        try:
            statistics.mean([])
        except statistics.StatisticsError as e:
            output['error'] = str(e)
        """,
        {
            "mean": 5,
            "median": 4.5,
            "median_odd": 2,
            "mode": 4,
            "pstdev": 2.0,
            "stdev": 2.13809,
            "variance": 4.571429,
            "fmean": 2.0,
            "quantiles": [2.25, 4.5, 6.75],
            "harmonic": 1.714286,
            "error": "mean requires at least one data point",
        },
    ),
    program(
        "itertools",
        """
        import itertools
        records = [('a', 1), ('a', 2), ('b', 3), ('c', 4), ('c', 5)]
        output = {
            'combinations': [list(c) for c in itertools.combinations('abc', 2)],
            'permutations': len(list(itertools.permutations(range(4), 2))),
            'product': [''.join(p) for p in itertools.product('ab', repeat=2)],
            'groupby': {k: [v for _, v in g] for k, g in itertools.groupby(records, key=lambda r: r[0])},
            'chain': list(itertools.chain([1, 2], (3,), 'ab')),
            'from_iterable': list(itertools.chain.from_iterable([[1], [2, 3]])),
            'accumulate': list(itertools.accumulate([1, 2, 3, 4])),
            'islice': list(itertools.islice(itertools.count(10, 5), 3)),
            'zip_longest': [list(p) for p in itertools.zip_longest('ab', 'xyz', fillvalue='-')],
            'cycle': list(itertools.islice(itertools.cycle('ab'), 5)),
            'repeat': list(itertools.repeat('z', 3)),
            'takewhile': list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])),
            'pairwise': [list(p) for p in itertools.pairwise([1, 2, 3])],
            'starmap': list(itertools.starmap(pow, [(2, 3), (3, 2)])),
            'compress': list(itertools.compress('abcd', [1, 0, 1, 0])),
        }
        """,
        {
            "combinations": [["a", "b"], ["a", "c"], ["b", "c"]],
            "permutations": 12,
            "product": ["aa", "ab", "ba", "bb"],
            "groupby": {"a": [1, 2], "b": [3], "c": [4, 5]},
            "chain": [1, 2, 3, "a", "b"],
            "from_iterable": [1, 2, 3],
            "accumulate": [1, 3, 6, 10],
            "islice": [10, 15, 20],
            "zip_longest": [["a", "x"], ["b", "y"], ["-", "z"]],
            "cycle": ["a", "b", "a", "b", "a"],
            "repeat": ["z", "z", "z"],
            "takewhile": [1, 2],
            "pairwise": [[1, 2], [2, 3]],
            "starmap": [8, 9],
            "compress": ["a", "c"],
        },
    ),
    program(
        "functools",
        """
        import functools

        @functools.lru_cache(maxsize=None)
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)

        @functools.cache
        def square(x):
            return x * x

        def compare(a, b):
            return (a > b) - (a < b)

        def power(base, exp):
            return base ** exp

        cube = functools.partial(power, exp=3)
        square(3)
        square(3)
        info = fib.cache_info()
        output = {
            'reduce': functools.reduce(lambda a, b: a * b, [1, 2, 3, 4, 5]),
            'reduce_init': functools.reduce(lambda acc, s: acc + len(s), ['ab', 'c'], 100),
            'partial': [cube(2), cube(3)],
            'partial_args': functools.partial(max, 10)(3, 20),
            'fib70': fib(70),
            'cache_misses': fib.cache_info().misses,
            'cmp_to_key': sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: compare(b, a))),
            'cache_square': square.cache_info().hits,
        }
        """,
        {
            "reduce": 120,
            "reduce_init": 103,
            "partial": [8, 27],
            "partial_args": 20,
            "fib70": 190392490709135,
            "cache_misses": 71,
            "cmp_to_key": [3, 2, 1],
            "cache_square": 1,
        },
    ),
    program(
        "collections",
        """
        import collections
        words = 'the cat and the hat and the bat'.split()
        counts = collections.Counter(words)
        groups = collections.defaultdict(list)
        for w in words:
            groups[w[0]].append(w)
        dq = collections.deque([1, 2, 3], maxlen=4)
        dq.appendleft(0)
        dq.append(4)
        dq.rotate(1)
        od = collections.OrderedDict([('a', 1), ('b', 2), ('c', 3)])
        od.move_to_end('a')
        chain = collections.ChainMap({'x': 1}, {'x': 2, 'y': 3})
        tally = collections.defaultdict(int)
        for ch in 'mississippi':
            tally[ch] = tally[ch] + 1
        output = {
            'most_common': [list(p) for p in counts.most_common(2)],
            'count_the': counts['the'],
            'missing': counts['zebra'],
            'groups': dict(groups),
            'deque': list(dq),
            'popleft': dq.popleft(),
            'ordered': list(od),
            'chain': [chain['x'], chain['y'], len(chain)],
            'tally': dict(tally),
            'counter_math': dict(collections.Counter('aab') + collections.Counter('bc')),
        }
        """,
        {
            "most_common": [["the", 3], ["and", 2]],
            "count_the": 3,
            "missing": 0,
            "groups": {
                "t": ["the", "the", "the"],
                "c": ["cat"],
                "a": ["and", "and"],
                "h": ["hat"],
                "b": ["bat"],
            },
            "deque": [4, 1, 2, 3],
            "popleft": 4,
            "ordered": ["b", "c", "a"],
            "chain": [1, 3, 2],
            "tally": {"m": 1, "i": 4, "s": 4, "p": 2},
            "counter_math": {"a": 2, "b": 2, "c": 1},
        },
    ),
    program(
        "random-seeded-is-deterministic",
        """
        import random
        random.seed(42)
        first = [random.randint(1, 100) for _ in range(5)]
        random.seed(42)
        second = [random.randint(1, 100) for _ in range(5)]
        random.seed('abc')
        deck = list(range(10))
        random.shuffle(deck)
        random.seed('abc')
        deck2 = list(range(10))
        random.shuffle(deck2)
        random.seed(7)
        picks = [random.choice('abcdef'), random.sample(range(100), 3), round(random.uniform(1, 2), 10)]
        random.seed(7)
        picks2 = [random.choice('abcdef'), random.sample(range(100), 3), round(random.uniform(1, 2), 10)]
        unseeded = random.random()
        output = {
            'first': first,
            'same_again': first == second,
            'shuffle_same': deck == deck2 and sorted(deck) == list(range(10)),
            'picks_same': picks == picks2,
            'gauss_is_float': isinstance(random.gauss(0, 1), float),
            'in_range': 0 <= unseeded < 1,
        }
        """,
        {
            "first": [82, 15, 4, 95, 36],
            "same_again": True,
            "shuffle_same": True,
            "picks_same": True,
            "gauss_is_float": True,
            "in_range": True,
        },
    ),
    program(
        "math",
        """
        import math
        output = {
            'sqrt': math.sqrt(16),
            'floor_ceil': [math.floor(2.7), math.ceil(2.1)],
            'gcd': math.gcd(48, 18),
            'lcm': math.lcm(4, 6),
            'factorial': math.factorial(10),
            'comb': math.comb(10, 3),
            'perm': math.perm(5, 2),
            'pi': round(math.pi, 5),
            'e': round(math.e, 5),
            'log': [math.log(math.e), math.log10(1000), math.log2(8), round(math.log(8, 2), 9)],
            'trig': [round(math.sin(math.pi / 2), 9), round(math.cos(0), 9), round(math.degrees(math.pi), 9)],
            'hypot': math.hypot(3, 4),
            'isclose': math.isclose(0.1 + 0.2, 0.3),
            'isinf': [math.isinf(math.inf), math.isnan(math.nan)],
            'fsum': math.fsum([0.1] * 10),
            'prod': math.prod([1, 2, 3, 4]),
            'isqrt': math.isqrt(17),
            'trunc': math.trunc(-2.5),
            'copysign': math.copysign(3, -0.0),
            'dist': math.dist((0, 0), (3, 4)),
        }
        """,
        {
            "sqrt": 4.0,
            "floor_ceil": [2, 3],
            "gcd": 6,
            "lcm": 12,
            "factorial": 3628800,
            "comb": 120,
            "perm": 20,
            "pi": 3.14159,
            "e": 2.71828,
            "log": [1.0, 3.0, 3.0, 3.0],
            "trig": [1.0, 1.0, 180.0],
            "hypot": 5.0,
            "isclose": True,
            "isinf": [True, True],
            "fsum": 1.0,
            "prod": 24,
            "isqrt": 4,
            "trunc": -2,
            "copysign": -3.0,
            "dist": 5.0,
        },
    ),
    program(
        "unpacking-and-starred",
        """
        a, b = 1, 2
        a, b = b, a
        first, *rest = [1, 2, 3, 4]
        *init, last = 'abc'
        head, *middle, tail = range(5)
        (x, (y, z)) = (1, (2, 3))
        pairs = []
        for i, (k, v) in enumerate(sorted({'b': 2, 'a': 1}.items())):
            pairs.append([i, k, v])
        args = [3, 9, 4]
        kwargs = {'sep': '|'}
        merged = {**{'a': 1}, **{'b': 2}, 'c': 3}
        combined = [*args, *'xy']
        output = {
            'swap': [a, b],
            'rest': rest,
            'first': first,
            'init': init,
            'last': last,
            'middle': middle,
            'ends': [head, tail],
            'nested': [x, y, z],
            'pairs': pairs,
            'star_call': max(*args),
            'kw_call': '{sep}'.format(**kwargs),
            'merged': merged,
            'combined': combined,
        }
        """,
        {
            "swap": [2, 1],
            "rest": [2, 3, 4],
            "first": 1,
            "init": ["a", "b"],
            "last": "c",
            "middle": [1, 2, 3],
            "ends": [0, 4],
            "nested": [1, 2, 3],
            "pairs": [[0, "a", 1], [1, "b", 2]],
            "star_call": 9,
            "kw_call": "|",
            "merged": {"a": 1, "b": 2, "c": 3},
            "combined": [3, 9, 4, "x", "y"],
        },
    ),
    program(
        "augmented-assignment-on-items",
        """
        counts = {'a': 1, 'b': 10}
        counts['a'] += 1
        counts['b'] -= 3
        counts['b'] *= 2
        values = [1, 2, 3]
        values[0] += 10
        values[-1] **= 2
        matrix = [[1, 2], [3, 4]]
        matrix[1][0] //= 2
        text = {'s': 'ab'}
        text['s'] += 'cd'
        total = 0
        for v in values:
            total += v
        calls = []
        def key():
            calls.append(1)
            return 'k'
        once = {'k': 1}
        once[key()] += 1
        nested = {'a': {'b': [0]}}
        nested['a']['b'][0] += 5
        output = {
            'counts': counts,
            'values': values,
            'matrix': matrix,
            'text': text,
            'total': total,
            'once': [once, len(calls)],
            'nested': nested,
        }
        """,
        {
            "counts": {"a": 2, "b": 14},
            "values": [11, 2, 9],
            "matrix": [[1, 2], [1, 4]],
            "text": {"s": "abcd"},
            "total": 22,
            "once": [{"k": 2}, 1],
            "nested": {"a": {"b": [5]}},
        },
    ),
    program(
        "augmented-assignment-on-names",
        """
        n = 10
        n += 5
        n -= 3
        n *= 2
        n //= 5
        n **= 2
        n %= 7
        s = 'a'
        s += 'b'
        s *= 2
        lst = [1]
        lst += [2, 3]
        bits = 0b1100
        bits |= 0b0011
        bits &= 0b1010
        bits ^= 0b0001
        bits <<= 2
        bits >>= 1
        output = [n, s, lst, bits]
        """,
        [2, "abab", [1, 2, 3], 22],
    ),
    program(
        "recursion-fib-20",
        """
        def fib(n):
            if n < 2:
                return n
            return fib(n - 1) + fib(n - 2)

        def solve():
            memo = {}
            def fact(n):
                if n in memo:
                    return memo[n]
                result = 1 if n <= 1 else n * fact(n - 1)
                memo[n] = result
                return result
            return fact(15)

        def flatten(items):
            out = []
            for item in items:
                if isinstance(item, list):
                    out.extend(flatten(item))
                else:
                    out.append(item)
            return out

        def depth(n):
            return 0 if n == 0 else 1 + depth(n - 1)

        output = [fib(20), solve(), flatten([1, [2, [3, [4]]], 5]), depth(300)]
        """,
        [6765, 1307674368000, [1, 2, 3, 4, 5], 300],
    ),
    program(
        "print-captured",
        """
        print('hello', 42)
        print('a', 'b', sep='-', end='!\\n')
        print()
        print([1, 'x'], {'k': None}, 1.5, True)
        for i in range(3):
            print(i, end=' ')
        print()
        output = 'done'
        """,
        "done",
        stdout="hello 42\na-b!\n\n[1, 'x'] {'k': None} 1.5 True\n0 1 2 \n",
    ),
    program(
        "print-inside-functions",
        """
        def report(x):
            print('value', x)
            return x * 2

        output = [report(i) for i in range(2)]
        """,
        [0, 2],
        stdout="value 0\nvalue 1\n",
    ),
    program(
        "reading-context",
        """
        output = {
            'execution': context['execution_id'],
            'node': context.get('node_id'),
            'var': context['variables']['region'],
            'keys': sorted(context),
            'missing': context.get('nope', 'default'),
        }
        """,
        {
            "execution": "exec-123",
            "node": "node-7",
            "var": "eu",
            "keys": ["execution_id", "node_id", "variables"],
            "missing": "default",
        },
        context={"execution_id": "exec-123", "node_id": "node-7", "variables": {"region": "eu"}},
    ),
    program(
        # JSON integers in input behave as ints: range(), indexing and str() as a user expects
        "input-integers-are-ints",
        """
        n = input['n']
        output = [list(range(n)), 'abcdef'[input['i']], str(n), [0] * n, input['big'] // 7, input['f']]
        """,
        [[0, 1, 2], "c", "3", [0, 0, 0], 142857, 2.5],
        input={"n": 3, "i": 2, "big": 1000000, "f": 2.5},
    ),
    program(
        "input-round-trip",
        "output = input",
        {
            "s": "x",
            "n": 1.5,
            "b": False,
            "none": None,
            "list": [1, "a", [None]],
            "obj": {"k": {"j": []}},
        },
        input={
            "s": "x",
            "n": 1.5,
            "b": False,
            "none": None,
            "list": [1, "a", [None]],
            "obj": {"k": {"j": []}},
        },
    ),
    program(
        "every-json-type",
        """
        output = {
            'null': None,
            'true': True,
            'false': False,
            'int': 42,
            'negative': -7,
            'float': 3.25,
            'max_safe': 2 ** 53 - 1,
            'string': 'text',
            'empty_string': '',
            'list': [1, 'two', None, [3.5]],
            'empty_list': [],
            'dict': {'nested': {'deep': [True]}},
            'empty_dict': {},
        }
        """,
        {
            "null": None,
            "true": True,
            "false": False,
            "int": 42,
            "negative": -7,
            "float": 3.25,
            "max_safe": 2**53 - 1,
            "string": "text",
            "empty_string": "",
            "list": [1, "two", None, [3.5]],
            "empty_list": [],
            "dict": {"nested": {"deep": [True]}},
            "empty_dict": {},
        },
    ),
    program(
        # about 300 KB of compact JSON, well under the default 1 MiB
        # at most 100000 values per output, containers included
        "output-many-small-numbers",
        "output = [i % 10 for i in range(97999)] + [None] * 1000 + [True] * 1000",
        [i % 10 for i in range(97999)] + [None] * 1000 + [True] * 1000,
    ),
    program("top-level-string", "output = 'just a string'", "just a string"),
    program("top-level-list", "output = [1, 2, 3]", [1, 2, 3]),
    program("top-level-number", "output = 2.5", 2.5),
    program("top-level-bool", "output = False", False),
    program("unassigned-output-is-null", "x = 1", None),
    program("explicit-none", "output = None", None),
    program(
        "unicode-strings",
        """
        s = 'h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \U0001f600'
        output = {
            'upper': s.upper(),
            'len': len(s),
            'reversed': ''.join(reversed('\u65e5\u672c\u8a9e')),
            'utf8_len': len(s.encode('utf-8')),
            'ord': ord('\u2713'),
            'chr': chr(0x1F600),
            'isalpha': '\u00e9\u00e8'.isalpha(),
            'key': {'cl\u00e9': 'valeur'},
            'input': input['greeting'] + '!',
            'normalize_free_compare': 'stra\u00dfe'.upper(),
        }
        """,
        {
            "upper": "H\u00c9LLO W\u00d6RLD \u2713 \u65e5\u672c\u8a9e \U0001f600",
            "len": 19,
            "reversed": "\u8a9e\u672c\u65e5",
            "utf8_len": 32,
            "ord": 0x2713,
            "chr": "\U0001f600",
            "isalpha": True,
            "key": {"cl\u00e9": "valeur"},
            "input": "\u4f60\u597d\u00a1!",
            "normalize_free_compare": "STRASSE",
        },
        input={"greeting": "\u4f60\u597d\u00a1"},
    ),
    program(
        "str-encode-other-codecs",
        """
        s = 'h\u00e9llo'
        output = [len(s.encode('latin-1')), len(s.encode('utf-16-le')), s.encode('ascii', 'replace').decode('ascii')]
        """,
        [5, 10, "h?llo"],
    ),
    program(
        "five-mb-allocation",
        """
        data = 'x' * (5 * 1024 * 1024)
        numbers = list(range(200000))
        table = {i: str(i) for i in range(50000)}
        output = [len(data), sum(numbers), len(table)]
        """,
        [5 * 1024 * 1024, sum(range(200000)), 50000],
    ),
    program(
        "builtins-tour",
        """
        data = [3, -1, 4, -1, 5]
        it = iter(data)
        output = {
            'len': len(data),
            'abs': [abs(x) for x in data],
            'minmax': [min(data), max(data), min(3, 1, 2), max('ab', 'b')],
            'sum': sum(data),
            'sorted': sorted(data),
            'reversed': list(reversed(data)),
            'enumerate': list(enumerate('ab', start=1)) == [(1, 'a'), (2, 'b')],
            'zip': [list(p) for p in zip('ab', [1, 2])],
            'any_all': [any(x > 4 for x in data), all(x > -2 for x in data)],
            'round': [round(2.675, 2), round(7.5), round(1234, -2)],
            'conv': [int('42'), int('ff', 16), float('1.5'), str(7), bool(''), bool([0])],
            'chr_ord': [chr(65), ord('a')],
            'bases': [hex(255), bin(5), oct(8)],
            'pow': [pow(2, 10), pow(3, 4, 5)],
            'divmod': list(divmod(17, 5)),
            'containers': [sorted(set([2, 1, 2])), list(tuple('ab')), dict(a=1), sorted(frozenset('ba'))],
            'repr': repr('q'),
            'hash_equal': hash('abc') == hash('ab' + 'c'),
            'callable': [callable(len), callable(3)],
            'next': [next(it), next(it)],
            'slice': data[slice(1, 3)],
            'isinstance': [isinstance(1, int), isinstance(True, int), isinstance('a', (int, str))],
            'issubclass': issubclass(bool, int),
            'range': list(range(10, 0, -3)),
            'map_filter': list(map(str, filter(lambda x: x > 0, data))),
        }
        """,
        {
            "len": 5,
            "abs": [3, 1, 4, 1, 5],
            "minmax": [-1, 5, 1, "b"],
            "sum": 10,
            "sorted": [-1, -1, 3, 4, 5],
            "reversed": [5, -1, 4, -1, 3],
            "enumerate": True,
            "zip": [["a", 1], ["b", 2]],
            "any_all": [True, True],
            "round": [2.67, 8, 1200],
            "conv": [42, 255, 1.5, "7", False, True],
            "chr_ord": ["A", 97],
            "bases": ["0xff", "0b101", "0o10"],
            "pow": [1024, 1],
            "divmod": [3, 2],
            "containers": [[1, 2], ["a", "b"], {"a": 1}, ["a", "b"]],
            "repr": "'q'",
            "hash_equal": True,
            "callable": [True, False],
            "next": [3, -1],
            "slice": [-1, 4],
            "isinstance": [True, True, True],
            "issubclass": True,
            "range": [10, 7, 4, 1],
            "map_filter": ["3", "4", "5"],
        },
    ),
    program(
        "control-flow",
        """
        found = None
        for n in range(2, 50):
            for d in range(2, n):
                if n % d == 0:
                    break
            else:
                if n > 40:
                    found = n
                    break
        evens = []
        i = 0
        while True:
            i += 1
            if i > 10:
                break
            if i % 2:
                continue
            evens.append(i)
        if (count := len(evens)) > 3:
            size = 'big'
        elif count > 1:
            size = 'medium'
        else:
            size = 'small'
        label = 'yes' if found else 'no'
        output = [found, evens, size, count, label]
        """,
        [41, [2, 4, 6, 8, 10], "big", 5, "yes"],
    ),
    program(
        "dict-and-list-methods",
        """
        d = {'a': 1}
        d.update({'b': 2}, c=3)
        d.setdefault('d', []).append('x')
        popped = d.pop('a')
        got = [d.get('b'), d.get('zz'), d.get('zz', 0)]
        items = sorted(d.items())
        lst = [5, 3, 8]
        lst.append(1)
        lst.extend([9, 0])
        lst.insert(0, 7)
        lst.remove(8)
        last = lst.pop()
        lst.sort()
        idx = lst.index(5)
        copy = lst.copy()
        copy.reverse()
        del copy[0]
        del d['c']
        other = [0, 0]
        other[0] = 100
        other[1:] = ['sliced']
        output = {
            'popped': popped,
            'got': got,
            'items': [[k, v] for k, v in items],
            'd': d,
            'lst': lst,
            'last': last,
            'idx': idx,
            'copy': copy,
            'count': [1, 2, 1].count(1),
            'fromkeys': dict.fromkeys(['x', 'y'], 0),
            'slices': [lst[:2], lst[-2:], lst[::2]],
            'assigned': other,
        }
        """,
        {
            "popped": 1,
            "got": [2, None, 0],
            "items": [["b", 2], ["c", 3], ["d", ["x"]]],
            "d": {"b": 2, "d": ["x"]},
            "lst": [1, 3, 5, 7, 9],
            "last": 0,
            "idx": 2,
            "copy": [7, 5, 3, 1],
            "count": 2,
            "fromkeys": {"x": 0, "y": 0},
            "slices": [[1, 3], [7, 9], [1, 5, 9]],
            "assigned": [100, "sliced"],
        },
    ),
    program(
        "imports-in-every-form",
        """
        import math as m
        from collections import Counter as C, deque
        from itertools import chain, islice
        from json import dumps, loads
        from functools import reduce
        from datetime import date, timedelta
        from re import findall
        from statistics import median
        from random import randint
        output = [
            m.floor(2.5),
            C('aa')['a'],
            list(deque([1], maxlen=1)),
            list(islice(chain([1], [2, 3]), 2)),
            loads(dumps({'k': 1})),
            reduce(lambda a, b: a + b, [1, 2]),
            (date(2020, 1, 1) + timedelta(days=1)).day,
            findall('a', 'aa'),
            median([1, 3]),
            1 <= randint(1, 6) <= 6,
        ]
        """,
        [2, 2, [1], [1, 2], {"k": 1}, 3, 2, ["a", "a"], 2.0, True],
    ),
    program(
        "data-processing",
        """
        import collections
        orders = input['orders']
        by_customer = collections.defaultdict(lambda: {'count': 0, 'total': 0})
        for order in orders:
            entry = by_customer[order['customer']]
            entry['count'] = entry['count'] + 1
            entry['total'] = entry['total'] + order['amount'] * order['qty']
        top = sorted(by_customer.items(), key=lambda kv: kv[1]['total'], reverse=True)
        output = {
            'top': top[0][0],
            'summary': {k: v for k, v in sorted(by_customer.items())},
            'grand_total': round(sum(v['total'] for v in by_customer.values()), 2),
        }
        """,
        {
            "top": "acme",
            "summary": {"acme": {"count": 2, "total": 25.0}, "zeta": {"count": 1, "total": 7.5}},
            "grand_total": 32.5,
        },
        input={
            "orders": [
                {"customer": "acme", "amount": 10, "qty": 2},
                {"customer": "zeta", "amount": 2.5, "qty": 3},
                {"customer": "acme", "amount": 5, "qty": 1},
            ]
        },
    ),
    program(
        "sieve-under-time-limit",
        """
        limit = 100000
        sieve = [True] * (limit + 1)
        sieve[0] = False
        sieve[1] = False
        for i in range(2, int(limit ** 0.5) + 1):
            if sieve[i]:
                for j in range(i * i, limit + 1, i):
                    sieve[j] = False
        output = sum(i for i, is_prime in enumerate(sieve) if is_prime)
        """,
        454396537,
    ),
    program(
        "input-mutation-and-output",
        """
        input['seen'] = True
        input['items'].append(4)
        context['touched'] = 1
        output = input
        """,
        {"items": [1, 2, 3, 4], "seen": True},
        input={"items": [1, 2, 3]},
    ),
    program(
        "support-modules-time-and-heapq",
        """
        import heapq
        import time
        output = [heapq.nsmallest(2, [5, 1, 3]), time.strftime('%Y', time.gmtime(0))]
        """,
        [[1, 3], "1970"],
    ),
]


@pytest.mark.parametrize("p", PROGRAMS)
async def test_legit_program(sandbox, p: Program) -> None:
    response = await sandbox.run(p.code, p.input, context=p.context, **p.limits)
    assert response.status == OK, (
        f"{sandbox_pb2.ExecuteStatus.Name(response.status)} {response.error.type}: "
        f"{response.error.message} (line {response.error.line}) stdout={response.stdout[:300]!r}"
    )
    assert sandbox.output(response) == p.output
    if p.stdout is not None:
        assert response.stdout == p.stdout
    assert not response.HasField("error")
