"""The scenario program of docs/rules.md section 4, written once for every Python runtime loopcheck drives.

CPython (loopcheck_asyncio.py, which imports this module) and MicroPython (loopcheck_micropython.py; the
worker, conformance/micropython/worker.ts, puts this file into the interpreter's file system) each subclass
ScenarioRun and supply the primitives the two runtimes spell differently: the clock, sleeping some
milliseconds (asyncio.sleep(s) vs asyncio.sleep_ms(ms)), waiting forever, creating a task, starting a gather,
ending the process for the --test-exit-on hook, what can be seen of a gather's decision, a hook after each
step, cancelling a task, and format 2's timeout scope and shield. Everything else (the trace, the traced
coroutines, the children's bodies, the gather's events, the outcome; format 2's steps in loopcheck_steps.py) is
here, in the Python both runtimes run (no dict(**kw), no `yield from`).

Scenario data is only ever parsed as JSON; nothing from it becomes source code.
"""

AWAITER = "awaiter"
SEP = "/"


def child_path(parent, name):
    return name if parent == AWAITER else parent + SEP + name


def child_paths(parent, node, out):
    """Appends every task path below `node` to `out`, in scenario (gather argument) order."""
    for c in node["children"]:
        p = child_path(parent, c["name"])
        out.append(p)
        if "gather" in c:
            child_paths(p, c["gather"], out)
    return out


def to_json(value):
    if isinstance(value, BaseException):
        return {"error": type(value).__name__}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


class ScenarioRun:
    """One scenario's run: the program, its trace, the tasks by path and how each task ended."""

    CancelledError = None  # the runtime's CancelledError class

    def __init__(self, scenario, test_spin_on=None, test_exit_on=None):
        self.scenario = scenario
        self.test_spin_on = test_spin_on
        self.test_exit_on = test_exit_on
        self.trace = []
        self.tasks = {}  # path -> the runtime's Task
        self.format2 = scenario.get("loopcheck") == 2
        if self.format2:
            # format 2 (section 4b) lives in loopcheck_steps.py (every runtime's), imported only when a format 2
            # scenario runs
            import loopcheck_steps

            self.steps = loopcheck_steps
            self.order = [AWAITER] + loopcheck_steps.task_paths(scenario)
        else:
            self.order = [AWAITER] + child_paths(AWAITER, scenario, [])
        self.results = {}
        self.cancel_pending = {}
        self.cancel_requests = {}
        self.error_classes = {}

    # --- the runtime's primitives --------------------------------------------------------------------------

    def now_ms(self):
        """Virtual milliseconds since the run began."""
        raise NotImplementedError

    def sleep_ms(self, ms):
        """An awaitable that sleeps `ms` virtual milliseconds."""
        raise NotImplementedError

    def hang(self):
        """An awaitable that never completes."""
        raise NotImplementedError

    def create_task(self, coro):
        raise NotImplementedError

    def gather(self, aws, return_exceptions):
        raise NotImplementedError

    def exit_process(self):
        """The --test-exit-on hook: end the whole runtime at once."""
        raise NotImplementedError

    def cancel_target(self, path):
        """A scenario's cancel and format 2's {cancel: PATH} step: `task.cancel()` on the task at `path` unless it
        is done; the runtime's Task.cancel reports `cancel-requested` (T4)."""
        task = self.tasks.get(path)
        if task is not None and not task.done():
            task.cancel()

    # format 2's primitives (loopcheck_steps.py); a runtime without them has its target refuse such a scenario

    def timeout_ms(self, ms):
        """An async context manager: a timeout scope of `ms` virtual milliseconds (asyncio.timeout)."""
        raise NotImplementedError

    def shield(self, task):
        """An awaitable: `task` shielded from the awaiter's cancel (asyncio.shield)."""
        raise NotImplementedError

    def decided(self, pending):
        """(exception or None,) if the runtime shows what the gather `pending` decided, else None."""
        return None

    def cancelled_on_return(self, path):
        """Whether the task at `path`, whose coroutine has just returned, ends cancelled instead: a cancel it
        accepted while running was not delivered (CPython's Task._must_cancel, T4h)."""
        return False

    def after_step(self):
        """Runs after every step of a task and after a gather's event (MicroPython finds cancels here)."""

    # --- bookkeeping ---------------------------------------------------------------------------------------

    def log(self, path, event):
        self.trace.append({"at": self.now_ms(), "task": path, "event": event})

    def finish(self, path, status, fields):
        rec = {"status": status, "at": self.now_ms()}
        rec.update(fields)
        self.results[path] = rec
        self.log(path, status)

    def request_cancel(self, path):
        """A cancel that really requests one (the task is not done, no cancel pending): T4."""
        self.cancel_pending[path] = True
        self.cancel_requests[path] = self.cancel_requests.get(path, 0) + 1
        self.log(path, "cancel-requested")

    def error_class(self, name):
        """Exception subclasses are created at run time with the scenario's name (any string is allowed)."""
        cls = self.error_classes.get(name)
        if cls is None:
            cls = type(name, (Exception,), {})
            self.error_classes[name] = cls
        return cls

    # --- the program ---------------------------------------------------------------------------------------

    def awaiter(self):
        return TracedCoroutine(self, AWAITER, self.gather_body(AWAITER, self.scenario))

    def traced(self, path, child):
        if "gather" in child:
            body = self.gather_body(path, child["gather"])
        elif "steps" in child:
            body = self.steps.steps_body(self, path, child["steps"])
        else:
            body = self.leaf_body(child)
        return TracedCoroutine(self, path, self.with_on_cancel(child.get("onCancel"), body))

    async def with_on_cancel(self, on_cancel, body):
        if on_cancel is None or on_cancel == "propagate":
            return await body
        try:
            return await body
        except self.CancelledError:
            if "cleanupMs" in on_cancel:
                await self.sleep_ms(on_cancel["cleanupMs"])
                raise
            return on_cancel["swallow"]

    async def leaf_body(self, child):
        name = child["name"]
        if self.test_spin_on == name:
            while True:
                pass
        if self.test_exit_on == name:
            self.exit_process()
        for ms in child["sleeps"]:
            await self.sleep_ms(ms)
        end = child["end"]
        if end == "hang":
            await self.hang()
        if "return" in end:
            return end["return"]
        raise self.error_class(end["raise"])()

    async def gather_body(self, path, node):
        children = node["children"]
        paths = [child_path(path, c["name"]) for c in children]
        early = [self.create_task(self.traced(p, c)) if c.get("task") else None for p, c in zip(paths, children)]
        if node.get("gatherAfter") is not None:
            await self.sleep_ms(node["gatherAfter"])
        if self.format2:
            args = self.steps.gather_args(self, path, node, early)
        else:
            args = [t if t is not None else self.traced(p, c) for t, p, c in zip(early, paths, children)]
        before = self.cancel_requests.get(path, 0)
        # MicroPython's gather is a generator: calling it does nothing; the children's tasks are created (and
        # the `created` events appear) only when it is awaited, after `gather-started`.
        pending = self.gather(args, node["returnExceptions"])
        self.log(path, "gather-started")
        try:
            if node.get("timeoutMs") is not None:
                # format 2: the gather is called first, then awaited inside the timeout scope (section 4b)
                async with self.timeout_ms(node["timeoutMs"]):
                    result = await pending
            else:
                result = await pending
        except BaseException as exc:
            self.log(path, self.gather_event(path, before, pending, exc))
            self.after_step()
            raise
        self.log(path, "gather-returned")
        return result

    def gather_event(self, path, requests_before, pending, exc):
        """The gather's decision, seen from the awaiter's side when it resumes (neither runtime has a hook at
        the moment a gather is decided; the awaiter learns it one or two loop callbacks later, and a cancel
        of the awaiter wakes it at once)."""
        decided = self.decided(pending)
        if decided is not None:
            if decided[0] is None:
                return "gather-returned"  # decided, then the awaiter was cancelled before it resumed
            exc = decided[0]
        if isinstance(exc, self.CancelledError) and self.cancel_requests.get(path, 0) > requests_before:
            return "gather-cancelled"
        return "gather-raised"

    def outcome(self):
        end = self.now_ms()

        def outcome_of(path):
            return self.results.get(path) or {"status": "pending", "at": end}

        children = {}
        for p in self.order[1:]:
            children[p] = outcome_of(p)
        # a copy of the trace: once this returns, a pending task's coroutine may be garbage-collected at any moment,
        # and closing it logs (GeneratorExit) into self.trace (CPython)
        return {"awaiter": outcome_of(AWAITER), "children": children, "end": end, "trace": list(self.trace)}


class TracedCoroutine:
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
        return self._step(self.coro.send, value)

    def throw(self, typ, val=None, tb=None):
        exc = typ if isinstance(typ, BaseException) else (typ() if val is None else val)
        if self.finished:
            raise exc  # MicroPython rethrows an unretrieved exception into a finished task
        if isinstance(exc, self.run.CancelledError):
            # The pending cancel is cleared when CancelledError is thrown in (T4).
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
        if isinstance(exc, self.run.CancelledError):
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
            self.run.after_step()
            self.finished = True
            if self.run.cancelled_on_return(self.path):
                self.run.finish(self.path, "cancelled", {})
            else:
                self.run.finish(self.path, "returned", {"value": to_json(stop.value)})
            raise stop
        except BaseException as exc:
            self.run.after_step()
            self._end_with(exc)
            raise
        self.run.after_step()
        self.run.log(self.path, "suspended")
        return yielded
