"""Indented JSON text, as ``json.dumps(value, ensure_ascii=False, indent=n)`` writes it, several times faster.

The standard library writes indented JSON with its pure-Python encoder (its C encoder knows no indent),
one generator per dict and list: a corpus's report.json (a million values for 1,000 articles) took
longer to write than to cluster. :func:`dumps` writes the same characters, to the byte: a container
whose values are all strings, numbers, booleans or None (most of a report: facts, members, spans) is
written by ``json``'s C encoder told the separators of its depth; the others by a plain recursive
function. A test checks the text against ``json.dumps`` on tricky values.

Anything else (a subclass of those types, a key ``json`` would convert, a value it cannot encode) is
handed to ``json`` itself for that value, so the answer is ``json.dumps``'s, errors too. Unlike
``json``, it does not look for circular data (a report is a tree).
"""

from __future__ import annotations

import functools
import json
import json.encoder
import math
from collections.abc import Callable
from typing import Any

_SCALARS = frozenset({str, int, float, bool, type(None)})
_STRINGS = frozenset({str})


def dumps(value: Any, indent: int = 1) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, the same text."""
    parts: list[str] = []
    _write(value, parts, "\n", " " * indent)
    return "".join(parts)


def _write(value: Any, out: list[str], newline: str, step: str) -> None:
    """Append ``value`` written at the indentation ``newline`` holds (a line break and the spaces)."""
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
        elif not _STRINGS.issuperset(map(type, value)):
            out.append(_fallback(value, newline, step))  # json converts such keys (or refuses them)
        elif _SCALARS.issuperset(map(type, value.values())):
            out.append(_leaf(value, newline, step))
        else:
            inner = newline + step
            separator = "{" + inner
            escape = json.encoder.encode_basestring
            for key, item in value.items():
                item_kind = type(item)
                if item_kind is str:  # the common scalars written here: a call each was most of the time
                    out.append(separator + escape(key) + ": " + escape(item))
                elif item_kind is int:
                    out.append(separator + escape(key) + ": " + int.__repr__(item))
                elif item is None:
                    out.append(separator + escape(key) + ": null")
                else:
                    out.append(separator + escape(key) + ": ")
                    _write(item, out, inner, step)
                separator = "," + inner
            out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
        elif _SCALARS.issuperset(map(type, value)):
            out.append(_leaf(value, newline, step))
        else:
            inner = newline + step
            separator = "[" + inner
            for item in value:
                out.append(separator)
                _write(item, out, inner, step)
                separator = "," + inner
            out.append(newline + "]")
    elif kind is str:
        out.append(json.encoder.encode_basestring(value))
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is float and value == value and abs(value) != math.inf:
        out.append(float.__repr__(value))
    else:
        out.append(_fallback(value, newline, step))  # NaN, infinities, subclasses, what json refuses


def _leaf(value: Any, newline: str, step: str) -> str:
    """A non-empty container of plain scalars, by the C encoder: it puts the line break and indentation
    between items but not after the opening bracket or before the closing one, so those are added."""
    text = "".join(_encoder(newline + step)(value, 0))
    return text[0] + newline + step + text[1:-1] + newline + text[-1]


@functools.lru_cache(maxsize=64)  # one a depth
def _encoder(inner: str) -> Callable[[Any, int], Any]:
    """``json``'s C encoder writing items separated as at the indentation ``inner`` holds."""
    make = getattr(json.encoder, "c_make_encoder", None)  # private, and None without the C extension
    if make is None:  # no C extension: the pure-Python encoder with the same separators
        encoder = json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": "))
        return lambda value, _level: [encoder.encode(value)]
    encode: Callable[[Any, int], Any] = make(
        None, None, json.encoder.encode_basestring, None, ": ", "," + inner, False, False, True
    )
    return encode


def _fallback(value: Any, newline: str, step: str) -> str:
    """``value`` as ``json`` writes it at this indentation (for what :func:`_write` leaves to it)."""
    text = json.dumps(value, ensure_ascii=False, indent=len(step))
    return text.replace("\n", newline)
