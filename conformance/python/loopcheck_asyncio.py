"""Runs loopcheck scenarios (docs/rules.md section 4) on CPython's asyncio with a virtual clock.

The scenario program itself is loopcheck_program.py (shared with the MicroPython runner); this file gives it
CPython's primitives, the virtual clock, the task factory that reports `created`, and the TaskGroup mode.

Protocol: first a line {"ready": true}; then one JSON object per line on stdin, {"scenario": {...}}; one TargetResult per line on stdout
({"ok": true, "outcome": {...}} or {"ok": false, "kind": ..., "error": ...}). Scenario data is only ever
parsed as JSON; nothing from it becomes source code.

    python3 loopcheck_asyncio.py [--mode gather|taskgroup] [--test-spin-on NAME] [--test-exit-on NAME]

The --test-* flags exist for loopcheck's own tests: a child with that name loops forever / kills the process.

Where CPython cannot report a rules.md event exactly (the comments below say which), the nearest observable
point is used; the differences this causes are the runtime's, and the conformance report lists them.
"""

import argparse
import asyncio
import collections.abc
import heapq
import itertools
import os
import selectors
import sys
import warnings

sys.dont_write_bytecode = True  # no __pycache__ next to the sources for the import below
from loopcheck_lines import Unsupported, serve  # noqa: E402
from loopcheck_program import ScenarioRun, TracedCoroutine, child_path  # noqa: E402


# --- virtual time ---------------------------------------------------------------------------------------------


class OrderedTimerHandle(asyncio.TimerHandle):
    """A timer ordered by (deadline, order set). With a real clock a timer set later has a later deadline, so
    equal virtual deadlines are broken in set order, which is what real time would do (asyncio's own heap
    compares deadlines only)."""

    def __init__(self, when, seq, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    __hash__ = asyncio.TimerHandle.__hash__


class VirtualSelector(selectors.DefaultSelector):
    """Never sleeps: a wait for the next timer jumps the clock to it; a wait with no timer at all means the
    loop is idle (rules S4), so the loop is stopped."""

    loop = None

    def select(self, timeout=None):
        if timeout is None:
            self.loop.went_idle()
        elif timeout > 0:
            self.loop.jump_to_next_timer()
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self.now_ms = 0
        self.idle = False
        self._timer_seq = itertools.count()

    def time(self):
        return self.now_ms / 1000

    def call_at(self, when, callback, *args, context=None):
        # Deadlines are whole milliseconds: `now + ms / 1000` is rounded back so equal times compare equal.
        self._check_closed()
        timer = OrderedTimerHandle(round(when * 1000) / 1000, next(self._timer_seq), callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def jump_to_next_timer(self):
        # _run_once has already dropped cancelled timers from the head of the heap.
        self.now_ms = max(self.now_ms, round(self._scheduled[0]._when * 1000))

    def went_idle(self):
        self.idle = True
        self.stop()


# --- the runtime's primitives for the shared program (loopcheck_program.py) -------------------------------


class CpythonRun(ScenarioRun):
    CancelledError = asyncio.CancelledError

    def __init__(self, scenario, loop, mode, test):
        super().__init__(scenario, test.test_spin_on, test.test_exit_on)
        self.loop = loop
        self.mode = mode
        self.unsupported = None  # why this case cannot be answered, found while it ran

    def now_ms(self):
        return self.loop.now_ms

    def sleep_ms(self, ms):
        return asyncio.sleep(ms / 1000)

    def hang(self):
        return self.loop.create_future()

    def create_task(self, coro):
        return self.loop.create_task(coro)

    def gather(self, aws, return_exceptions):
        return asyncio.gather(*aws, return_exceptions=return_exceptions)

    def exit_process(self):
        os._exit(3)

    def cancelled_on_return(self, path):
        task = self.tasks.get(path)
        return task is not None and task._must_cancel  # Task.__step: cancelled instead of set_result (T4h)

    def timeout_ms(self, ms):
        return asyncio.timeout(ms / 1000)  # 3.11+; its rules: docs/rules.md section 3b/7 (TO1-TO4, cpython)

    def shield(self, task):
        return asyncio.shield(task)

    def decided(self, pending):
        if pending is not None and pending.done() and not pending.cancelled():
            return (pending.exception(),)
        return None

    async def gather_body(self, path, node):
        if self.mode == "taskgroup":
            return await self.taskgroup_body(path, node)
        return await super().gather_body(path, node)

    async def taskgroup_body(self, path, node):
        """TaskGroup in place of gather: task children are created in the group before the gatherAfter sleep,
        the others after it; `gather-started` marks the end of the `async with` body; the result list is built
        from the tasks (a child cancelled on its own therefore makes the awaiter raise CancelledError)."""
        children = node["children"]
        paths = [child_path(path, c["name"]) for c in children]
        tasks = [None] * len(children)
        before = self.cancel_requests.get(path, 0)
        try:
            async with asyncio.TaskGroup() as group:
                for i, (p, c) in enumerate(zip(paths, children)):
                    if c.get("task"):
                        tasks[i] = group.create_task(self.traced(p, c))
                if node.get("gatherAfter") is not None:
                    await self.sleep_ms(node["gatherAfter"])
                for i, (p, c) in enumerate(zip(paths, children)):
                    if tasks[i] is None:
                        tasks[i] = group.create_task(self.traced(p, c))
                self.log(path, "gather-started")
        except BaseException as exc:
            self.log(path, self.gather_event(path, before, None, exc))
            raise
        self.log(path, "gather-returned")
        return [t.result() for t in tasks]


# asyncio's tasks accept only coroutines: the shared TracedCoroutine is one (it has send, throw and close).
collections.abc.Coroutine.register(TracedCoroutine)


UNSUPPORTED_CYCLE = "a cancel reached an await cycle: CPython 3.11's Task.cancel recurses (RecursionError)"


class TracedTask(asyncio.Task):
    """Reports `cancel-requested` when a cancel really requests one: the task is not done and has no cancel
    pending (T4). CPython itself counts every call (Task.cancelling()); the real cancel always runs."""

    def cancel(self, msg=None):
        run = getattr(self, "lc_run", None)
        if run is not None and not self.done() and not run.cancel_pending.get(self.lc_path):
            run.request_cancel(self.lc_path)
        try:
            waiter = self._fut_waiter
            accepted = super().cancel(msg)
            # T4g: forwarded to the awaited task, which accepted it: this task keeps no cancel of its own, so a
            # later cancel (the shutdown's, R1) is a new request, as the model traces it
            if run is not None and accepted and isinstance(waiter, asyncio.Task) and not self._must_cancel:
                run.cancel_pending[self.lc_path] = False
            return accepted
        except RecursionError:
            # 3.11's Task.cancel forwards to the awaited task without a guard: through an await cycle it recurses
            # until RecursionError (format 2 only); the case is answered `unsupported` (docs/conformance.md)
            if run is not None:
                run.unsupported = UNSUPPORTED_CYCLE
            raise


def task_factory(loop, coro, context=None):
    """Every task goes through here (create_task, gather wrapping a coroutine, TaskGroup): `created`."""
    task = TracedTask(coro, loop=loop, context=context)
    if isinstance(coro, TracedCoroutine):
        task.lc_run = coro.run
        task.lc_path = coro.path
        task.set_name(coro.path)
        coro.run.tasks[coro.path] = task
        coro.run.log(coro.path, "created")
    return task


# --- running a scenario ----------------------------------------------------------------------------------------


def uses_return_exceptions(node):
    if node["returnExceptions"]:
        return True
    return any("gather" in c and uses_return_exceptions(c["gather"]) for c in node["children"])


def run_scenario(scenario, mode, test, loop_factory=None):
    format2 = scenario.get("loopcheck") == 2
    if mode == "taskgroup" and format2:
        raise Unsupported("scenario format 2 is not supported by the TaskGroup mode")
    if mode == "taskgroup" and uses_return_exceptions(scenario):
        raise Unsupported("TaskGroup has no return_exceptions")
    if format2 and not hasattr(asyncio, "timeout"):
        raise Unsupported("scenario format 2 needs Python 3.11+ (asyncio.timeout)")
    loop = (loop_factory or VirtualLoop)()
    loop.set_task_factory(task_factory)
    loop.set_exception_handler(lambda loop, context: None)  # unretrieved exceptions are not events
    asyncio.set_event_loop(loop)
    run = CpythonRun(scenario, loop, mode, test)
    try:
        main = loop.create_task(run.awaiter())
        if format2 and scenario.get("shutdown"):
            # asyncio.run: run_until_complete(main) stops the loop from main's done callback (call_soon), so the
            # rest of that loop turn still runs
            main.add_done_callback(lambda _: loop.stop())
        for cancel in scenario["cancels"]:
            loop.call_later(cancel["at"] / 1000, run.cancel_target, cancel["target"])
        loop.run_forever()
        if format2 and scenario.get("shutdown") and main.done():
            try:
                shut_down(loop, run)
            except RecursionError:
                run.unsupported = UNSUPPORTED_CYCLE  # asyncio.run itself would raise it
        if run.unsupported is not None:
            raise Unsupported(run.unsupported)
        return run.outcome()
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def shut_down(loop, run):
    """asyncio.run's ending (runners._cancel_all_tasks): every task not done is cancelled, then the loop runs
    until a gather(return_exceptions=True) of them is done; timers nobody waits for are dropped (the loop
    closes). asyncio cancels in the order of a WeakSet (unspecified); here in creation order, as rules.md R1."""
    left = [t for t in run.tasks.values() if not t.done()]
    if not left:
        return
    for task in left:
        task.cancel()
    everything = asyncio.gather(*left, return_exceptions=True)
    everything.add_done_callback(lambda _: loop.stop())
    loop.run_forever()


def main(loop_factory=None, refuse=None, out=None):
    """The line protocol; `loop_factory` gives another virtual-time loop (loopcheck_uvloop.py), `refuse(scenario)`
    why that loop cannot run a scenario (None when it can), `out` the protocol's stream (default sys.stdout)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["gather", "taskgroup"], default="gather")
    parser.add_argument("--test-spin-on")
    parser.add_argument("--test-exit-on")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    def run_one(scenario):
        why = refuse(scenario) if refuse is not None else None
        if why is not None:
            raise Unsupported(why)
        return run_scenario(scenario, args.mode, args, loop_factory)

    serve(run_one, out)


if __name__ == "__main__":
    main()
