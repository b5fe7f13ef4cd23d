"""Runs loopcheck scenarios on uvloop: CPython's asyncio.gather (loopcheck_asyncio.py) on uvloop's libuv event loop.

uvloop's clock is libuv's real clock, and its timers are libuv timers that no Python code can move. A virtual
clock is kept the honest way: uvloop runs the ready queue (its own, in its own order and turns) and the timers
that are due *now* (a libuv timer of 0 ms, so they run where libuv runs them: in the timers phase that starts
the next loop iteration, before the ready callbacks queued in the previous one). Only timers in the future are
held back in a virtual heap; when nothing is ready (no callback handed to uvloop is still waiting), the virtual
clock jumps to the earliest deadline and every timer due then is handed to uvloop as a 0 ms libuv timer, in the
order they were set. When nothing is ready and no timer is left, the loop is idle (rules S4) and stops.

Same protocol and flags as loopcheck_asyncio.py (gather mode only). The target checks that uvloop imports before
it starts this file (conformance/targets/python-runtime.ts) and is skipped with a reason when it does not.
"""

import sys

sys.dont_write_bytecode = True

try:
    import uvloop
except ImportError as exc:
    sys.stderr.write("uvloop is not installed (npm run setup:python): %s\n" % exc)
    sys.exit(3)

import loopcheck_asyncio  # noqa: E402
from loopcheck_virtual import virtual_time_loop  # noqa: E402


UvVirtualLoop = virtual_time_loop(uvloop.Loop, "UvVirtualLoop")  # the clock: loopcheck_virtual.py


def refuse(scenario):
    if scenario.get("loopcheck") == 2 and scenario.get("shutdown"):
        # asyncio.run's ending stops the loop from a callback and lets the rest of that loop turn run (R1c); uvloop's
        # turns end elsewhere (libuv's phases), so what runs before the cancels differs (docs/conformance.md)
        return "uvloop: a format 2 shutdown (asyncio.run's ending) is not modelled on uvloop's loop turns"
    return None


if __name__ == "__main__":
    loopcheck_asyncio.main(UvVirtualLoop, refuse)
