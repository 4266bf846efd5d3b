"""memlint's pytest plugin: each test's exact peak, and budgets on tests.

Under `memlint run` (`memlint run -- python -m pytest`, or `memlint run pytest`) memlint puts this module in
PYTEST_PLUGINS. Before each test's setup it resets the kernel's high-water mark of the process (/proc/self/clear_refs),
after its teardown it reads it: the test's own peak, fixtures included, which goes into the run's report. A test marked

    @pytest.mark.memlint(budget_mb=200)

fails when its peak (setup and call) went over 200 MiB. Outside memlint run it does nothing (the marker is still known).
"""
import os
import time

import pytest

import memlint_checkpoint as probe

_started = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "memlint(budget_mb): under memlint run, fail the test when its peak memory goes over budget_mb MiB"
    )


def _budget_kib(item):
    marker = item.get_closest_marker("memlint")
    if marker is None:
        return None
    budget = marker.kwargs.get("budget_mb", marker.args[0] if marker.args else None)
    return None if budget is None else int(float(budget) * 1024)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if not probe._RUN_DIR:
        return
    mem = probe._status()
    _started[item.nodeid] = (probe._reset_peak(), mem[0] if mem else 0)


@pytest.hookimpl(trylast=True)
def pytest_runtest_call(item):
    """After the test's body ran without failing: over its budget, it fails."""
    budget = _budget_kib(item)
    started = _started.get(item.nodeid)
    if budget is None or not started or not started[0]:
        return
    mem = probe._status()
    if mem and mem[1] > budget:
        pytest.fail(
            "memlint: this test's peak, %.1f MB, is over its budget of %.1f MB (@pytest.mark.memlint)"
            % (mem[1] / 1024.0, budget / 1024.0),
            pytrace=False,
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield
    started = _started.pop(item.nodeid, None)
    mem = probe._status()
    if started is None or mem is None:
        return
    line = item.location[1]
    probe._record(
        {
            "type": "test",
            "id": item.nodeid,
            "file": os.path.abspath(str(getattr(item, "path", None) or item.fspath)),
            "line": (line or 0) + 1,
            "mono": time.monotonic() * 1000.0,
            "rssKiB": started[1],
            "hwmKiB": mem[1],
            "reset": started[0],
            "budgetKiB": _budget_kib(item),
        }
    )
