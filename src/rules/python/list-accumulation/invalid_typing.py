"""A module whose docstring comes first."""
from __future__ import annotations

import typing


def _qualified(lines) -> typing.List[str]:
    out = []
    for line in lines:
        out.append(line)
    return out


def _plain(lines) -> list:
    out = []
    for line in lines:
        out.append(line)
    return out


print(list(_qualified(["a"])), list(_plain(["a"])))
