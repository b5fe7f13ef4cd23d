# Runs loopcheck scenarios (docs/rules.md section 4) on MicroPython's own asyncio, with a virtual clock.
#
# The scenario program itself is loopcheck_program.py, with format 2's steps in loopcheck_steps.py (both shared
# with the CPython runner); this file gives it MicroPython's primitives and the virtual clock. Loaded once into a
# MicroPython WebAssembly instance by conformance/micropython/worker.ts (which first writes those two files into
# the interpreter's file system), which then calls lc_run_case(scenario_json) -> result_json for each case. Scenario data arrives as a
# JSON string and is only parsed with json.loads; nothing from it becomes source code.
#
# Virtual time: the worker makes JS `Date.now` (the source of MicroPython's ticks_ms, used both by asyncio.core
# and by the C TaskQueue) return a clock that only lc_clock.set moves; asyncio.core's `js.setTimeout` is
# replaced by a timer queue kept here, and lc_run_case drives it: the clock jumps to the next timer, then its
# callback (asyncio.core._run_iter) runs. The run is exact; no real time passes.
#
# Where MicroPython cannot report a rules.md event exactly (the comments below say which), the nearest
# observable point is used; the conformance report lists the differences.

import asyncio
import asyncio.core as core
import json
import time
import lc_clock
from loopcheck_program import AWAITER, ScenarioRun, TracedCoroutine

CancelledError = core.CancelledError

lc_test_spin_on = None
lc_test_exit_on = None


def now():
    return time.ticks_ms()


class VirtualTimers:
    """Stands in for the `js` module inside asyncio.core: its setTimeout/clearTimeout schedule on the
    virtual clock."""

    def __init__(self):
        self.queue = []
        self.seq = 0

    def setTimeout(self, callback, delay):
        self.seq += 1
        self.queue.append((time.ticks_add(now(), max(0, delay)), self.seq, callback))
        return self.seq

    def clearTimeout(self, ident):
        self.queue = [entry for entry in self.queue if entry[1] != ident]

    def run_until_idle(self, stopped=None):
        while self.queue and not (stopped is not None and stopped()):
            best = 0
            for i in range(1, len(self.queue)):
                a, b = self.queue[i], self.queue[best]
                d = time.ticks_diff(a[0], b[0])
                if d < 0 or (d == 0 and a[1] < b[1]):
                    best = i
            deadline, _, callback = self.queue.pop(best)
            if time.ticks_diff(deadline, now()) > 0:
                lc_clock.set(deadline)
            callback()


def cancel_is_pending(task):
    data = task.data
    return data is CancelledError or isinstance(data, CancelledError)


class MicroPythonRun(ScenarioRun):
    CancelledError = CancelledError

    def __init__(self, scenario):
        super().__init__(scenario, lc_test_spin_on, lc_test_exit_on)
        self.start = now()
        self.frozen = None  # R1m: the outcome when the awaiter ended (format 2 shutdown)

    def now_ms(self):
        return time.ticks_diff(now(), self.start)

    def sleep_ms(self, ms):
        # asyncio.sleep_ms(ms), not asyncio.sleep(ms / 1000): MicroPython's sleep(t) is sleep_ms(int(t * 1000)),
        # which truncates (sleep(0.29) sleeps 289 ms).
        return asyncio.sleep_ms(ms)

    async def hang(self):
        await asyncio.Event().wait()

    def create_task(self, coro):
        return core.create_task(coro)

    def gather(self, aws, return_exceptions):
        return asyncio.gather(*aws, return_exceptions=return_exceptions)

    def exit_process(self):
        raise SystemExit(3)  # escapes the scheduler, like any BaseException

    def finish(self, path, status, fields):
        super().finish(path, status, fields)
        # R1m (format 2 shutdown): MicroPython's asyncio.run is run_until_complete(main), which returns when the
        # awaiter ends and cancels nothing; the webassembly port has no asyncio.run, so lc_run_case stops there
        if path == AWAITER and self.format2 and self.scenario.get("shutdown") and self.frozen is None:
            self.frozen = self.outcome()

    def after_step(self):
        # MicroPython's Task.cancel is C code that cannot be wrapped; a cancel made by gather (of its children)
        # is seen afterwards as the task's pending CancelledError, reported in gather argument order.
        for path in self.order:
            task = self.tasks.get(path)
            if task is not None and not task.done() and cancel_is_pending(task):
                if not self.cancel_pending.get(path):
                    self.request_cancel(path)

    def cancel_target(self, target):
        # a scenario's cancel and format 2's {cancel: PATH} step (loopcheck_steps.py); on the running task itself
        # MicroPython raises RuntimeError("can't cancel self") (rule T4f-m)
        task = self.tasks.get(target)
        if task is None or task.done():
            return
        if task is core.cur_task:
            task.cancel()
        if not cancel_is_pending(task) and not self.cancel_pending.get(target):
            self.request_cancel(target)
        # T4g: Task.cancel forwards down the await chain to its last task (`while isinstance(self.data, Task)`), with
        # no call to trace: each task of the chain gets its `cancel-requested` here, as the model logs them (T4g-m,
        # a chain ending at the running task, is left as it was)
        chain = []
        end = task
        while isinstance(end.data, core.Task):
            end = end.data
            chain.append(end)
        task.cancel()
        if end is not core.cur_task:
            paths = {id(t): p for p, t in self.tasks.items()}
            for t in chain:
                path = paths.get(id(t))
                if path is not None and not t.done() and not self.cancel_pending.get(path):
                    self.request_cancel(path)


# Every task, including the ones gather wraps around coroutines, is made by core.create_task: `created`.
_real_create_task = core.create_task


def traced_create_task(coro):
    task = _real_create_task(coro)
    if isinstance(coro, TracedCoroutine):
        coro.run.tasks[coro.path] = task
        coro.run.log(coro.path, "created")
    return task


core.create_task = traced_create_task
core.Loop.set_exception_handler(lambda loop, context: None)  # "Task exception wasn't retrieved" is no event


async def fire_cancel(run, target):
    run.cancel_target(target)  # the canceller is the running task, never the target


def lc_run_case(text):
    scenario = json.loads(text)
    lc_clock.set(0)
    timers = VirtualTimers()
    core.js = timers
    core.new_event_loop()  # a fresh task queue: nothing left over from the previous case
    run = MicroPythonRun(scenario)
    core.create_task(run.awaiter())
    # A cancel is a timer callback in rules.md; MicroPython has no call_later, so each cancel is a tiny task
    # put on the task queue with its deadline as key (what sleep_ms does), right after the awaiter.
    for cancel in scenario["cancels"]:
        canceller = core.Task(fire_cancel(run, cancel["target"]), core.__dict__)
        core._task_queue.push(canceller, time.ticks_add(now(), cancel["at"]))
    # R1m (format 2 shutdown): the loop stops once the awaiter has ended; the outcome is the one of that moment
    timers.run_until_idle(lambda: run.frozen is not None)
    return json.dumps({"ok": True, "outcome": run.frozen if run.frozen is not None else run.outcome()})
