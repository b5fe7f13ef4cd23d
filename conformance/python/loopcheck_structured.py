"""Runs loopcheck scenarios on structured concurrency: a trio nursery, or an anyio task group on asyncio.

The scenario program is loopcheck_program.py's; this file supplies the primitives and gives the gather body its
structured form (there is no gather): the awaiter opens a nursery / task group, starts its task children, sleeps
`gatherAfter`, starts the other children (`gather-started` ends the body), and the block's exit waits for all.
Each child runs in its own cancel scope (a scenario cancel aimed at it cancels that scope), and writes its value
into the result list; with `returnExceptions` a child's exception is caught into its slot.

What the nursery does and loopcheck can only observe, noted where it is observed:
- a child whose exception leaves it makes the nursery cancel its scope: every sibling not finished is cancelled
  at that moment; `cancel-requested` is logged for each (argument order, nested gathers depth first);
- cancelling a task's scope cancels everything inside it: its descendants get `cancel-requested` too, and so
  does a child started later inside it (it is cancelled at its first checkpoint);
- cancellation is level-triggered: once a scope is cancelled, every later `await` in it raises again (a
  `cleanupMs` sleep ends at once); a task's scope is cancelled at most once (one `cancel-requested`);
- a child cancelled on its own ends its scope quietly: no error reaches the nursery; its slot holds the
  cancellation (`{"error": "Cancelled"}` / `{"error": "CancelledError"}`);
- the nursery raises an ExceptionGroup; the adapter re-raises a group's first exception (a user's `except*`),
  so the awaiter's error is the child's.

Time is virtual: trio runs on a clock (trio.abc.Clock) that only loopcheck moves — when every task is blocked
(trio.testing.wait_all_tasks_blocked) it jumps to the next sleep deadline or scenario cancel; when none is left
the run is idle (rules S4). trio deliberately runs each batch of ready tasks in a random order; its scheduler's
random generator is seeded per case so a case repeats. anyio runs on loopcheck_asyncio.py's VirtualLoop.

    python3 loopcheck_structured.py --lib trio|anyio [--test-spin-on NAME] [--test-exit-on NAME]

Same line protocol as loopcheck_asyncio.py (loopcheck_lines.py). Scenario data is only ever parsed as JSON.
"""

import argparse
import os
import sys
import warnings

sys.dont_write_bytecode = True
from loopcheck_lines import serve  # noqa: E402
from loopcheck_program import AWAITER, ScenarioRun, TracedCoroutine, child_path  # noqa: E402


class AwaitableTraced(TracedCoroutine):
    """The shared TracedCoroutine, awaitable: a structured task awaits it inside its cancel scope."""

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)


class CancelledSlot(Exception):
    """A child's slot when it was cancelled on its own (its scope swallowed the cancellation)."""


def first_leaf(exc):
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


class StructuredRun(ScenarioRun):
    lib = None  # trio or anyio
    slot_name = "Cancelled"

    def __init__(self, scenario, test):
        super().__init__(scenario, test.test_spin_on, test.test_exit_on)
        self.scopes = {}  # path -> cancel scope
        self.children_of = {}  # path -> child paths in argument order (spawned so far)
        self.done = set()
        self.cancel_logged = set()

    # --- primitives ----------------------------------------------------------------------------------------

    def exit_process(self):
        os._exit(3)

    # --- tasks in scopes -----------------------------------------------------------------------------------

    def cancel_path(self, path):
        """Cancels a task's scope: `cancel-requested` for it and (the scope cancels all inside) its descendants."""
        scope = self.scopes.get(path)
        if scope is None or path in self.done or scope.cancel_called:
            return
        self.log_cancel_tree(path)
        scope.cancel()

    def log_cancel_tree(self, path):
        if path in self.done or path not in self.scopes or path in self.cancel_logged:
            return
        self.cancel_logged.add(path)
        self.request_cancel(path)
        for child in self.children_of.get(path, []):
            self.log_cancel_tree(child)

    async def task_main(self, path, coro, slot):
        """A task's whole life: its scope around the traced coroutine; `slot(value)` records its result."""
        scope = self.scopes[path]
        try:
            with scope:
                slot(await AwaitableTraced(self, path, coro))
                return
            if scope.cancelled_caught:
                slot(CancelledSlot.named(self.slot_name)())
        finally:
            self.done.add(path)

    def spawn(self, group, parent, index, child, results, return_exceptions):
        p = child_path(parent, child["name"])
        self.scopes[p] = self.lib.CancelScope()
        self.children_of.setdefault(parent, []).append(p)
        self.log(p, "created")
        if parent in self.cancel_logged and parent not in self.done:
            self.log_cancel_tree(p)  # started inside a cancelled scope: cancelled from its first checkpoint

        def slot(value):
            results[index] = value

        async def body():
            try:
                await self.task_main(p, self.child_coro(p, child), slot)
            except self.CancelledError:
                raise
            except Exception as exc:
                if return_exceptions:
                    results[index] = exc
                    return
                # the nursery cancels its scope now: every sibling not finished is cancelled
                for sibling in self.children_of.get(parent, []):
                    if sibling != p:
                        self.log_cancel_tree(sibling)
                raise

        group.start_soon(body)

    def child_coro(self, path, child):
        body = self.gather_body(path, child["gather"]) if "gather" in child else self.leaf_body(child)
        return self.with_on_cancel(child.get("onCancel"), body)

    async def gather_body(self, path, node):
        children = node["children"]
        results = [None] * len(children)
        re = node["returnExceptions"]
        try:
            async with self.open_group() as group:
                for i, c in enumerate(children):
                    if c.get("task"):
                        self.spawn(group, path, i, c, results, re)
                if node.get("gatherAfter") is not None:
                    await self.sleep_ms(node["gatherAfter"])
                for i, c in enumerate(children):
                    if not c.get("task"):
                        self.spawn(group, path, i, c, results, re)
                self.log(path, "gather-started")
        except BaseException as exc:
            leaf = first_leaf(exc)
            cancelled = isinstance(leaf, self.CancelledError) and path in self.cancel_logged
            self.log(path, "gather-cancelled" if cancelled else "gather-raised")
            if leaf is exc:
                raise
            raise leaf from None
        self.log(path, "gather-returned")
        return results

    async def awaiter_main(self):
        self.scopes[AWAITER] = self.lib.CancelScope()
        try:
            await self.task_main(AWAITER, self.gather_body(AWAITER, self.scenario), lambda value: None)
        except Exception:
            pass  # the awaiter's end is in the outcome already


def named(cls, name):
    return type(name, (cls,), {})


CancelledSlot.named = classmethod(named)


# --- trio ---------------------------------------------------------------------------------------------------


def run_trio(scenario, test):
    import trio
    import trio.testing
    from trio._core import _run as trio_run

    class StepClock(trio.abc.Clock):
        """Virtual milliseconds; trio never sleeps on it (a deadline in the future is a day away)."""

        def __init__(self):
            self.now_ms = 0

        def start_clock(self):
            pass

        def current_time(self):
            return self.now_ms / 1000

        def deadline_to_sleep_time(self, deadline):
            return 0 if deadline <= self.current_time() else 86400

    clock = StepClock()

    class TrioRun(StructuredRun):
        lib = trio
        CancelledError = trio.Cancelled
        slot_name = "Cancelled"

        def __init__(self, scenario, test):
            super().__init__(scenario, test)
            self.deadlines = []  # ms of the sleeps in progress

        def now_ms(self):
            return clock.now_ms

        async def sleep_ms(self, ms):
            if ms == 0:
                await trio.sleep(0)
                return
            at = clock.now_ms + ms
            self.deadlines.append(at)
            try:
                await trio.sleep_until(at / 1000)
            finally:
                self.deadlines.remove(at)

        def open_group(self):
            return trio.open_nursery()

        def hang(self):
            return trio.sleep_forever()

    run = TrioRun(scenario, test)
    cancels = sorted(enumerate(scenario["cancels"]), key=lambda ic: (ic[1]["at"], ic[0]))
    outcome = {}

    async def main():
        async with trio.open_nursery() as top:
            run.log(AWAITER, "created")
            top.start_soon(run.awaiter_main)
            while True:
                await trio.testing.wait_all_tasks_blocked()
                times = [a for a in run.deadlines if a > clock.now_ms]
                if cancels:
                    times.append(cancels[0][1]["at"])
                if not times:
                    break  # idle (S4)
                clock.now_ms = max(clock.now_ms, min(times))
                while cancels and cancels[0][1]["at"] <= clock.now_ms:
                    run.cancel_path(cancels.pop(0)[1]["target"])
            outcome["value"] = run.outcome()
            top.cancel_scope.cancel()

    scheduler_random = getattr(trio_run, "_r", None)  # private: trio shuffles each batch of ready tasks on purpose
    if scheduler_random is not None:
        scheduler_random.seed(0)  # a fixed seed makes a case repeat (as far as trio's own order goes)
    trio.run(main, clock=clock)
    return outcome["value"]


# --- anyio on asyncio ---------------------------------------------------------------------------------------


def run_anyio(scenario, test):
    import asyncio
    import anyio
    from loopcheck_asyncio import VirtualLoop

    class AnyioRun(StructuredRun):
        lib = anyio
        CancelledError = asyncio.CancelledError
        slot_name = "CancelledError"

        def __init__(self, scenario, test, loop):
            super().__init__(scenario, test)
            self.loop = loop

        def now_ms(self):
            return self.loop.now_ms

        def sleep_ms(self, ms):
            return anyio.sleep(ms / 1000)

        def open_group(self):
            return anyio.create_task_group()

        async def hang(self):
            await self.loop.create_future()  # anyio.sleep_forever sleeps math.inf seconds: no virtual deadline

    loop = VirtualLoop()
    loop.set_exception_handler(lambda loop, context: None)
    asyncio.set_event_loop(loop)
    run = AnyioRun(scenario, test, loop)
    try:
        run.log(AWAITER, "created")
        loop.create_task(run.awaiter_main())
        for cancel in scenario["cancels"]:
            loop.call_later(cancel["at"] / 1000, run.cancel_path, cancel["target"])
        loop.run_forever()
        return run.outcome()
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", choices=["trio", "anyio"], required=True)
    parser.add_argument("--test-spin-on")
    parser.add_argument("--test-exit-on")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    runner = run_trio if args.lib == "trio" else run_anyio
    serve(lambda scenario: runner(scenario, args))


if __name__ == "__main__":
    main()
