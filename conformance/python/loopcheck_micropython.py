# Runs loopcheck scenarios (docs/rules.md section 4) on MicroPython's own asyncio, with a virtual clock.
#
# Loaded once into a MicroPython WebAssembly instance by conformance/micropython/worker.ts, which then calls
# lc_run_case(scenario_json) -> result_json for each case. Scenario data arrives as a JSON string and is only
# parsed with json.loads; nothing from it becomes source code.
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

CancelledError = core.CancelledError
AWAITER = "awaiter"
SEP = "/"

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

    def run_until_idle(self):
        while self.queue:
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


def to_json(value):
    if isinstance(value, BaseException):
        return {"error": type(value).__name__}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def cancel_is_pending(task):
    data = task.data
    return data is CancelledError or isinstance(data, CancelledError)


class Run:
    def __init__(self, scenario):
        self.start = now()
        self.trace = []
        self.tasks = {}  # path -> Task
        self.order = []  # every path, in scenario order (gather argument order)
        self.results = {}
        self.cancel_pending = {}
        self.cancel_requests = {}
        self.error_classes = {}

    def at(self):
        return time.ticks_diff(now(), self.start)

    def log(self, path, event):
        self.trace.append({"at": self.at(), "task": path, "event": event})

    def finish(self, path, status, fields):
        rec = {"status": status, "at": self.at()}
        rec.update(fields)
        self.results[path] = rec
        self.log(path, status)

    def request_cancel(self, path):
        self.cancel_pending[path] = True
        self.cancel_requests[path] = self.cancel_requests.get(path, 0) + 1
        self.log(path, "cancel-requested")

    def scan_cancels(self):
        # MicroPython's Task.cancel is C code that cannot be wrapped; a cancel made by gather (of its children)
        # is seen afterwards as the task's pending CancelledError, reported in gather argument order.
        for path in self.order:
            task = self.tasks.get(path)
            if task is not None and not task.done() and cancel_is_pending(task):
                if not self.cancel_pending.get(path):
                    self.request_cancel(path)

    def error_class(self, name):
        cls = self.error_classes.get(name)
        if cls is None:
            cls = type(name, (Exception,), {})
            self.error_classes[name] = cls
        return cls


class TracedCoroutine:
    """Drives a task's coroutine and reports its steps (see loopcheck_asyncio.py for the same idea)."""

    def __init__(self, run, path, coro):
        self.run = run
        self.path = path
        self.coro = coro
        self.started = False
        self.finished = False

    def send(self, value):
        if self.finished:
            raise StopIteration
        return self._step(self.coro.send, value)

    def throw(self, exc):
        if isinstance(exc, type):
            exc = exc()
        if self.finished:
            raise exc  # MicroPython rethrows an unretrieved exception into a finished task
        if isinstance(exc, CancelledError):
            self.run.cancel_pending[self.path] = False
        if not self.started:
            self.started = True
            self.coro.close()
            self._end_with(exc)
            raise exc
        return self._step(self.coro.throw, exc)

    def close(self):
        self.coro.close()

    def _end_with(self, exc):
        self.finished = True
        if isinstance(exc, CancelledError):
            self.run.finish(self.path, "cancelled", {})
        else:
            self.run.finish(self.path, "raised", {"error": type(exc).__name__})

    def _step(self, advance, arg):
        if not self.started:
            self.started = True
            self.run.log(self.path, "started")
        else:
            self.run.log(self.path, "resumed")
        try:
            yielded = advance(arg)
        except StopIteration as stop:
            self.run.scan_cancels()
            self.finished = True
            self.run.finish(self.path, "returned", {"value": to_json(stop.value)})
            raise stop
        except BaseException as exc:
            self.run.scan_cancels()
            self._end_with(exc)
            raise
        self.run.scan_cancels()
        self.run.log(self.path, "suspended")
        return yielded


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
            await asyncio.sleep_ms(on_cancel["cleanupMs"])
            raise
        return on_cancel["swallow"]


async def hang():
    await asyncio.Event().wait()


async def leaf_body(run, path, child):
    name = child["name"]
    if lc_test_spin_on == name:
        while True:
            pass
    if lc_test_exit_on == name:
        raise SystemExit(3)  # escapes the scheduler, like any BaseException
    # asyncio.sleep_ms(ms), not asyncio.sleep(ms / 1000): MicroPython's sleep(t) is sleep_ms(int(t * 1000)),
    # which truncates (sleep(0.29) sleeps 289 ms).
    for ms in child["sleeps"]:
        await asyncio.sleep_ms(ms)
    end = child["end"]
    if end == "hang":
        await hang()
    if "return" in end:
        return end["return"]
    raise run.error_class(end["raise"])()


async def gather_child_body(run, path, child):
    return await gather_body(run, path, child["gather"])


async def gather_body(run, path, node):
    children = node["children"]
    paths = [child_path(path, c["name"]) for c in children]
    early = []
    for p, c in zip(paths, children):
        early.append(core.create_task(traced(run, p, c)) if c.get("task") else None)
    if node.get("gatherAfter") is not None:
        await asyncio.sleep_ms(node["gatherAfter"])
    args = [t if t is not None else traced(run, p, c) for t, p, c in zip(early, paths, children)]
    before = run.cancel_requests.get(path, 0)
    # MicroPython's gather is a generator: calling it does nothing; the children's tasks are created (and the
    # `created` events appear) only when it is awaited, after `gather-started`.
    pending = asyncio.gather(*args, return_exceptions=node["returnExceptions"])
    run.log(path, "gather-started")
    try:
        result = await pending
    except BaseException as exc:
        # Seen from the awaiter when it resumes; a cancel of the awaiter wakes it at once (and gather then
        # cancels the children, reported by scan_cancels after the gather event).
        cancelled = isinstance(exc, CancelledError) and run.cancel_requests.get(path, 0) > before
        run.log(path, "gather-cancelled" if cancelled else "gather-raised")
        run.scan_cancels()
        raise
    run.log(path, "gather-returned")
    return result


def child_paths(parent, node, out):
    for c in node["children"]:
        p = child_path(parent, c["name"])
        out.append(p)
        if "gather" in c:
            child_paths(p, c["gather"], out)
    return out


async def fire_cancel(run, target):
    task = run.tasks.get(target)
    if task is None or task.done():
        return
    if not cancel_is_pending(task) and not run.cancel_pending.get(target):
        run.request_cancel(target)
    task.cancel()


def lc_run_case(text):
    scenario = json.loads(text)
    lc_clock.set(0)
    timers = VirtualTimers()
    core.js = timers
    core.new_event_loop()  # a fresh task queue: nothing left over from the previous case
    run = Run(scenario)
    run.order = [AWAITER] + child_paths(AWAITER, scenario, [])
    core.create_task(TracedCoroutine(run, AWAITER, gather_body(run, AWAITER, scenario)))
    # A cancel is a timer callback in rules.md; MicroPython has no call_later, so each cancel is a tiny task
    # put on the task queue with its deadline as key (what sleep_ms does), right after the awaiter.
    for cancel in scenario["cancels"]:
        canceller = core.Task(fire_cancel(run, cancel["target"]), core.__dict__)
        core._task_queue.push(canceller, time.ticks_add(now(), cancel["at"]))
    timers.run_until_idle()
    end = run.at()

    def outcome_of(path):
        return run.results.get(path) or {"status": "pending", "at": end}

    children = {}
    for p in run.order[1:]:
        children[p] = outcome_of(p)
    outcome = {"awaiter": outcome_of(AWAITER), "children": children, "end": end, "trace": run.trace}
    return json.dumps({"ok": True, "outcome": outcome})
