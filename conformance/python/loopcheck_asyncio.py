"""Runs loopcheck scenarios (docs/rules.md section 4) on CPython's asyncio with a virtual clock.

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
import json
import os
import selectors
import sys
import warnings

CancelledError = asyncio.CancelledError
AWAITER = "awaiter"
SEP = "/"


class Unsupported(Exception):
    """The scenario has no meaning on this target (e.g. return_exceptions under TaskGroup)."""


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


# --- tracing --------------------------------------------------------------------------------------------------


def error_class(run, name):
    """Exception subclasses are created at run time with the scenario's name (any string is allowed)."""
    cls = run.error_classes.get(name)
    if cls is None:
        cls = type(name, (Exception,), {})
        run.error_classes[name] = cls
    return cls


def to_json(value):
    if isinstance(value, BaseException):
        return {"error": type(value).__name__}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


class Run:
    """One scenario's run: the trace, the tasks by path, and how each task ended."""

    def __init__(self, loop, mode, test):
        self.loop = loop
        self.mode = mode
        self.test = test
        self.trace = []
        self.tasks = {}
        self.results = {}
        self.cancel_pending = {}
        self.cancel_requests = {}
        self.error_classes = {}

    def log(self, path, event):
        self.trace.append({"at": self.loop.now_ms, "task": path, "event": event})

    def finish(self, path, status, **fields):
        self.results[path] = dict(status=status, at=self.loop.now_ms, **fields)
        self.log(path, status)


class TracedCoroutine(collections.abc.Coroutine):
    """Drives a task's real coroutine and reports its steps: the first send is `started`, every later
    send/throw is `resumed`, a yield is `suspended`, and the end is returned/raised/cancelled. A task
    cancelled before its first step gets a throw as its first call: `cancelled` without `started` (T4a)."""

    def __init__(self, run, path, coro):
        self.run = run
        self.path = path
        self.coro = coro
        self.started = False
        self.finished = False

    def send(self, value):
        if self.finished:
            raise StopIteration
        return self._step(lambda: self.coro.send(value))

    def throw(self, typ, val=None, tb=None):
        exc = typ if isinstance(typ, BaseException) else (typ() if val is None else val)
        if self.finished:
            raise exc
        if isinstance(exc, CancelledError):
            # The pending cancel is cleared when CancelledError is thrown in (T4).
            self.run.cancel_pending[self.path] = False
        if not self.started:
            self.started = True
            self.coro.close()
            self._end_with(exc)
            raise exc
        return self._step(lambda: self.coro.throw(exc))

    def close(self):
        self.coro.close()

    def __await__(self):
        raise TypeError("a TracedCoroutine is driven by its Task only")

    def _end_with(self, exc):
        self.finished = True
        if isinstance(exc, CancelledError):
            self.run.finish(self.path, "cancelled")
        else:
            self.run.finish(self.path, "raised", error=type(exc).__name__)

    def _step(self, advance):
        if not self.started:
            self.started = True
            self.run.log(self.path, "started")
        else:
            self.run.log(self.path, "resumed")
        try:
            yielded = advance()
        except StopIteration as stop:
            self.finished = True
            self.run.finish(self.path, "returned", value=to_json(stop.value))
            raise StopIteration(stop.value)
        except BaseException as exc:
            self._end_with(exc)
            raise
        self.run.log(self.path, "suspended")
        return yielded


class TracedTask(asyncio.Task):
    """Reports `cancel-requested` when a cancel really requests one: the task is not done and has no cancel
    pending (T4). CPython itself counts every call (Task.cancelling()); the real cancel always runs."""

    def cancel(self, msg=None):
        run = getattr(self, "lc_run", None)
        if run is not None and not self.done() and not run.cancel_pending.get(self.lc_path):
            run.cancel_pending[self.lc_path] = True
            run.cancel_requests[self.lc_path] = run.cancel_requests.get(self.lc_path, 0) + 1
            run.log(self.lc_path, "cancel-requested")
        return super().cancel(msg)


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


# --- the program of docs/rules.md section 4 ------------------------------------------------------------------


def child_path(parent, name):
    return name if parent == AWAITER else parent + SEP + name


def traced(run, path, child):
    body = gather_child_body(run, path, child) if "gather" in child else leaf_body(run, path, child)
    return TracedCoroutine(run, path, with_on_cancel(child.get("onCancel"), body))


async def with_on_cancel(on_cancel, body):
    if on_cancel is None or on_cancel == "propagate":
        return await body
    try:
        return await body
    except CancelledError:
        if "cleanupMs" in on_cancel:
            await asyncio.sleep(on_cancel["cleanupMs"] / 1000)
            raise
        return on_cancel["swallow"]


async def leaf_body(run, path, child):
    name = child["name"]
    if run.test.test_spin_on == name:
        while True:
            pass
    if run.test.test_exit_on == name:
        os._exit(3)
    for ms in child["sleeps"]:
        await asyncio.sleep(ms / 1000)
    end = child["end"]
    if end == "hang":
        await asyncio.get_running_loop().create_future()
    if "return" in end:
        return end["return"]
    raise error_class(run, end["raise"])()


async def gather_child_body(run, path, child):
    return await gather_body(run, path, child["gather"])


def gather_event(run, path, requests_before, outcome_future, exc):
    """The gather's decision, seen from the awaiter's side when it resumes (CPython has no hook at the
    moment a _GatheringFuture is decided; the awaiter learns it one or two loop callbacks later)."""
    cancelled_meanwhile = run.cancel_requests.get(path, 0) > requests_before
    if exc is None:
        return "gather-returned"
    if outcome_future is not None and outcome_future.done() and not outcome_future.cancelled():
        decided = outcome_future.exception()
        if decided is None:
            return "gather-returned"  # decided, then the awaiter was cancelled before it resumed
        exc = decided
    if isinstance(exc, CancelledError) and cancelled_meanwhile:
        return "gather-cancelled"
    return "gather-raised"


async def gather_body(run, path, node):
    loop = asyncio.get_running_loop()
    children = node["children"]
    paths = [child_path(path, c["name"]) for c in children]
    if run.mode == "taskgroup":
        return await taskgroup_body(run, path, node, paths)
    early = [loop.create_task(traced(run, p, c)) if c.get("task") else None for p, c in zip(paths, children)]
    if node.get("gatherAfter") is not None:
        await asyncio.sleep(node["gatherAfter"] / 1000)
    args = [t if t is not None else traced(run, p, c) for t, p, c in zip(early, paths, children)]
    before = run.cancel_requests.get(path, 0)
    outcome = asyncio.gather(*args, return_exceptions=node["returnExceptions"])
    run.log(path, "gather-started")
    try:
        result = await outcome
    except BaseException as exc:
        run.log(path, gather_event(run, path, before, outcome, exc))
        raise
    run.log(path, "gather-returned")
    return result


async def taskgroup_body(run, path, node, paths):
    """TaskGroup in place of gather: task children are created in the group before the gatherAfter sleep,
    the others after it; `gather-started` marks the end of the `async with` body; the result list is built
    from the tasks (a child cancelled on its own therefore makes the awaiter raise CancelledError)."""
    children = node["children"]
    tasks = [None] * len(children)
    before = run.cancel_requests.get(path, 0)
    try:
        async with asyncio.TaskGroup() as group:
            for i, (p, c) in enumerate(zip(paths, children)):
                if c.get("task"):
                    tasks[i] = group.create_task(traced(run, p, c))
            if node.get("gatherAfter") is not None:
                await asyncio.sleep(node["gatherAfter"] / 1000)
            for i, (p, c) in enumerate(zip(paths, children)):
                if tasks[i] is None:
                    tasks[i] = group.create_task(traced(run, p, c))
            run.log(path, "gather-started")
    except BaseException as exc:
        run.log(path, gather_event(run, path, before, None, exc))
        raise
    run.log(path, "gather-returned")
    return [t.result() for t in tasks]


def uses_return_exceptions(node):
    if node["returnExceptions"]:
        return True
    return any("gather" in c and uses_return_exceptions(c["gather"]) for c in node["children"])


def child_paths(parent, node):
    for c in node["children"]:
        p = child_path(parent, c["name"])
        yield p
        if "gather" in c:
            yield from child_paths(p, c["gather"])


def run_scenario(scenario, mode, test):
    if mode == "taskgroup" and uses_return_exceptions(scenario):
        raise Unsupported("TaskGroup has no return_exceptions")
    loop = VirtualLoop()
    loop.set_task_factory(task_factory)
    loop.set_exception_handler(lambda loop, context: None)  # unretrieved exceptions are not events
    asyncio.set_event_loop(loop)
    run = Run(loop, mode, test)
    try:
        loop.create_task(TracedCoroutine(run, AWAITER, gather_body(run, AWAITER, scenario)))

        def fire_cancel(target):
            task = run.tasks.get(target)
            if task is not None and not task.done():
                task.cancel()

        for cancel in scenario["cancels"]:
            loop.call_later(cancel["at"] / 1000, fire_cancel, cancel["target"])
        loop.run_forever()
        end = loop.now_ms

        def outcome_of(path):
            return run.results.get(path) or {"status": "pending", "at": end}

        return {
            "awaiter": outcome_of(AWAITER),
            "children": {p: outcome_of(p) for p in child_paths(AWAITER, scenario)},
            "end": end,
            # a copy: once this returns, a pending task's coroutine may be garbage-collected at any moment, and
            # closing it logs (GeneratorExit) into run.trace
            "trace": list(run.trace),
        }
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["gather", "taskgroup"], default="gather")
    parser.add_argument("--test-spin-on")
    parser.add_argument("--test-exit-on")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    out = sys.stdout
    out.write('{"ready": true}\n')
    out.flush()
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8").strip()
        if not line:
            continue
        try:
            scenario = json.loads(line)["scenario"]
            result = {"ok": True, "outcome": run_scenario(scenario, args.mode, args)}
        except Unsupported as exc:
            result = {"ok": False, "kind": "unsupported", "error": str(exc)}
        except Exception as exc:  # a bug or bad input: this case crashed, the next one runs
            result = {"ok": False, "kind": "crash", "error": "%s: %s" % (type(exc).__name__, exc)}
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
