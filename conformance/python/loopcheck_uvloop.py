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

import asyncio
import heapq
import itertools
import sys

sys.dont_write_bytecode = True

try:
    import uvloop
except ImportError as exc:
    sys.stderr.write("uvloop is not installed (npm run setup:python): %s\n" % exc)
    sys.exit(3)

import loopcheck_asyncio  # noqa: E402


class UvVirtualLoop(uvloop.Loop):
    def __init__(self):
        super().__init__()
        self.now_ms = 0
        self.idle = False
        self._seq = itertools.count()
        self._future = []  # (deadline ms, order set, TimerHandle): timers not due yet
        self._waiting = set()  # handles given to uvloop that have not run
        self.lc_stopping = False

    def time(self):
        return self.now_ms / 1000

    def _hand_over(self, schedule, callback, args, context):
        """Gives a callback to uvloop and watches it: after each one runs, the loop may be idle."""
        box = []

        def run():
            self._waiting.discard(box[0])
            try:
                callback(*args)
            finally:
                self._maybe_idle()

        handle = schedule(run, context)
        box.append(handle)
        self._waiting.add(handle)
        return handle

    def call_soon(self, callback, *args, context=None):
        return self._hand_over(lambda run, ctx: super(UvVirtualLoop, self).call_soon(run, context=ctx), callback, args, context)

    def _due_now(self, callback, args, context):
        return self._hand_over(lambda run, ctx: super(UvVirtualLoop, self).call_later(0, run, context=ctx), callback, args, context)

    def call_at(self, when, callback, *args, context=None):
        at = round(when * 1000)
        if at <= self.now_ms:
            return self._due_now(callback, args, context)
        timer = asyncio.TimerHandle(at / 1000, callback, args, self, context)
        heapq.heappush(self._future, (at, next(self._seq), timer))
        return timer

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def _timer_handle_cancelled(self, handle):
        pass  # a cancelled virtual timer is dropped when it reaches the head of the heap

    def stop(self):
        self.lc_stopping = True  # format 2's shutdown stops the loop before it is idle: the clock stays (R1)
        super().stop()

    def run_forever(self):
        self.lc_stopping = False
        return super().run_forever()

    def _maybe_idle(self):
        if self.lc_stopping:
            return
        if any(not h.cancelled() for h in self._waiting):
            return
        while self._future and self._future[0][2].cancelled():
            heapq.heappop(self._future)
        if not self._future:
            self.idle = True
            self.stop()
            return
        at = self._future[0][0]
        self.now_ms = at
        while self._future and self._future[0][0] == at:
            timer = heapq.heappop(self._future)[2]
            if not timer.cancelled():
                self._due_now(timer._run, (), None)


def refuse(scenario):
    if scenario.get("loopcheck") == 2 and scenario.get("shutdown"):
        # asyncio.run's ending stops the loop from a callback and lets the rest of that loop turn run (R1c); uvloop's
        # turns end elsewhere (libuv's phases), so what runs before the cancels differs (docs/conformance.md)
        return "uvloop: a format 2 shutdown (asyncio.run's ending) is not modelled on uvloop's loop turns"
    return None


if __name__ == "__main__":
    loopcheck_asyncio.main(UvVirtualLoop, refuse)
