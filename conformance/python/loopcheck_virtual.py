"""Virtual time on a foreign event loop: a class factory over any asyncio-compatible loop class (uvloop.Loop, a
user's own loop; loopcheck_uvloop.py, loopcheck_asyncio_loop.py).

The base loop keeps its own ready queue, order and turns: it runs every callback handed to it (call_soon) and every
timer due *now*. On an asyncio.BaseEventLoop subclass a timer is first set by the class's own call_at / call_later
(a user's override runs, and the deadline it gives is the one kept: a loop that shifts its timers is judged on it).
Only timers in the future are held back in a virtual heap; when nothing is ready (no callback
handed to the base loop is still waiting), the virtual clock jumps to the earliest deadline and every timer due then
is handed to the base loop as a timer due now, in the order they were set. When nothing is ready and no timer is
left, the loop is idle (rules S4) and stops.

A timer due now goes where the base loop puts one: on uvloop (or any loop that is no asyncio.BaseEventLoop) its own
call_later(0), a libuv timer run in the timers phase that starts the next loop iteration; on an asyncio.BaseEventLoop
subclass asyncio's timer heap, ordered by (deadline, order set) as the cpython target's (asyncio's own heap compares
deadlines only, and virtual deadlines are often equal).
"""

import asyncio
import heapq
import itertools

from loopcheck_asyncio import OrderedTimerHandle


def _nothing():
    pass


def _run_unless_cancelled(timer):
    """A due timer handed to the base loop: cancelled in the meantime, it does not run (asyncio skips it too)."""
    if not timer.cancelled():
        timer._run()


def virtual_time_loop(base, name=None):
    """A subclass of `base` with a virtual clock (module docstring); `base()` must make a loop."""
    on_asyncio_heap = issubclass(base, asyncio.BaseEventLoop)

    class VirtualTimeLoop(base):
        def __init__(self):
            super().__init__()
            self.now_ms = 0
            self.idle = False
            self._seq = itertools.count()
            self._future = []  # (deadline ms, order set, TimerHandle): timers not due yet
            self._waiting = set()  # handles given to the base loop that have not run
            self._passing = False  # the base loop's own call_later calling call_at back (asyncio's does)
            self.lc_stopping = False

        def time(self):
            return self.now_ms / 1000

        def _hand_over(self, schedule, callback, args, context):
            """Gives a callback to the base loop and watches it: after each one runs, the loop may be idle."""
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
            return self._hand_over(lambda run, ctx: base.call_soon(self, run, context=ctx), callback, args, context)

        def _base_due_now(self, run, context):
            if on_asyncio_heap:
                self._check_closed()
                timer = OrderedTimerHandle(self.time(), next(self._seq), run, (), self, context)
                heapq.heappush(self._scheduled, timer)
                timer._scheduled = True
                return timer
            self._passing = True
            try:
                return base.call_later(self, 0, run, context=context)
            finally:
                self._passing = False

        def _due_now(self, callback, args, context):
            return self._hand_over(self._base_due_now, callback, args, context)

        def call_at(self, when, callback, *args, context=None):
            if self._passing:
                return base.call_at(self, when, callback, *args, context=context)
            if on_asyncio_heap:
                return self._adopt(self._pass(base.call_at, when, callback, args, context))
            at = round(when * 1000)
            if at <= self.now_ms:
                return self._due_now(callback, args, context)
            timer = asyncio.TimerHandle(at / 1000, callback, args, self, context)
            heapq.heappush(self._future, (at, next(self._seq), timer))
            return timer

        def call_later(self, delay, callback, *args, context=None):
            if self._passing:
                return base.call_later(self, delay, callback, *args, context=context)
            if on_asyncio_heap:
                return self._adopt(self._pass(base.call_later, delay, callback, args, context))
            return self.call_at(self.time() + delay, callback, *args, context=context)

        def _pass(self, method, time, callback, args, context):
            """Calls the base loop class's own call_at / call_later (a user's override of either runs) with an empty
            asyncio heap of its own, so its plain TimerHandles never meet the ordered ones on the real heap."""
            saved, self._scheduled = self._scheduled, []
            self._passing = True
            try:
                handle = method(self, time, callback, *args, context=context)
            finally:
                self._passing = False
                taken, self._scheduled = self._scheduled, saved
            return handle, taken

        def _adopt(self, passed):
            """The timers the base class put on asyncio's heap, with the deadline its own call_at / call_later gave
            them (a loop that shifts deadlines there is judged on what it did), kept on the virtual clock's heap by
            that deadline; what it returned. A class that keeps its timers elsewhere keeps them."""
            handle, taken = passed
            for timer in taken:
                timer._scheduled = False
                at = round(timer._when * 1000)
                if at <= self.now_ms:
                    self._due_now(_run_unless_cancelled, (timer,), None)
                else:
                    heapq.heappush(self._future, (at, next(self._seq), timer))
            return handle

        def _timer_handle_cancelled(self, handle):
            pass  # a cancelled virtual timer is dropped when it reaches the head of the heap

        def stop(self):
            self.lc_stopping = True  # format 2's shutdown stops the loop before it is idle: the clock stays (R1)
            super().stop()

        def run_forever(self):
            self.lc_stopping = False
            if not any(not h.cancelled() for h in self._waiting):
                # Nothing handed over is waiting (format 2's shutdown on a loop whose cancels schedule nothing): the
                # idle check runs after a handed-over callback only, so hand over one that does nothing, or this
                # run would wait in select() for real time that never comes.
                self.call_soon(_nothing)
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
                    self._due_now(_run_unless_cancelled, (timer,), None)

    VirtualTimeLoop.__name__ = VirtualTimeLoop.__qualname__ = name or "Virtual" + base.__name__
    return VirtualTimeLoop
