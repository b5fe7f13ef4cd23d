"""Scenario format 2 (docs/rules.md section 4b) for the MicroPython runner: steps bodies, args, shutdown.

A separate file so that the shared loopcheck_program.py (format 1, both runtimes) stays as it is; the CPython
side's step interpreter (loopcheck_steps.py, branch cpython-format2) may later absorb this one. The runner
(loopcheck_micropython.py) calls format2_run_class(MicroPythonRun) and uses the class it returns for scenarios
with "loopcheck": 2. MicroPython 1.27 has no shield and no timeout scope: the target answers `unsupported` for
those before a case reaches this file (conformance/targets/micropython.ts), and a step of that kind here raises.

What a step does (section 4b), on MicroPython's own asyncio:
  {sleep: ms}     await asyncio.sleep_ms(ms)
  {await: PATH}   await <the task at PATH>   (a gathered task raises RuntimeError "can't wait": rule F2m)
  {cancel: PATH}  <the task at PATH>.cancel()   (itself: RuntimeError "can't cancel self", rule T4f-m)
  {create: C}     create_task(<body of C>) at path <this task's path>/<name>
  return / raise / "hang"; a body without an end step returns the value of its last await.
With "shutdown": true the outcome is the one at the moment the awaiter ends (rule R1m: MicroPython's
asyncio.run is run_until_complete(main), which returns there and cancels nothing; the webassembly port has no
asyncio.run, so the runner stops its loop the same way).

Scenario data is only ever parsed as JSON; nothing from it becomes source code.
"""

from loopcheck_program import AWAITER, SEP, TracedCoroutine, child_path


def created_paths(path, steps, out):
    """Appends the tasks the steps create (and theirs), depth first, right after their creator."""
    for step in steps:
        if step == "hang":
            continue
        if "create" in step:
            p = path + SEP + step["create"]["name"]
            out.append(p)
            if "steps" in step["create"]:
                created_paths(p, step["create"]["steps"], out)
        elif "timeout" in step:
            created_paths(path, step["steps"], out)
    return out


def format2_paths(parent, node, out):
    """Every task path below `node`, in outcome order (model/scenario-paths.ts, placedBodies)."""
    for c in node["children"]:
        p = child_path(parent, c["name"])
        out.append(p)
        if "gather" in c:
            format2_paths(p, c["gather"], out)
        elif "steps" in c:
            created_paths(p, c["steps"], out)
    return out


class UnsupportedStep(Exception):
    pass


def format2_run_class(base):
    """`base` (the runner's ScenarioRun subclass) extended with the format 2 program."""

    class Format2Run(base):
        def __init__(self, scenario):
            base.__init__(self, scenario)
            self.order = [AWAITER] + format2_paths(AWAITER, scenario, [])
            self.frozen = None  # R1m: the outcome when the awaiter ended (shutdown)

        def finish(self, path, status, fields):
            base.finish(self, path, status, fields)
            if path == AWAITER and self.scenario.get("shutdown") and self.frozen is None:
                self.frozen = self.outcome()

        def awaiter(self):
            return TracedCoroutine(self, AWAITER, self.gather_body2(AWAITER, self.scenario))

        def traced2(self, path, child):
            if "gather" in child:
                body = self.gather_body2(path, child["gather"])
            elif "steps" in child:
                body = self.steps_body(path, child["steps"])
            else:
                body = self.leaf_body(child)
            return TracedCoroutine(self, path, self.with_on_cancel(child.get("onCancel"), body))

        async def gather_body2(self, path, node):
            if "timeoutMs" in node:
                raise UnsupportedStep("timeoutMs")
            children = node["children"]
            by_name = {}
            for c in children:
                by_name[c["name"]] = c
            early = {}
            for c in children:
                if c.get("task"):
                    early[c["name"]] = self.create_task(self.traced2(child_path(path, c["name"]), c))
            if node.get("gatherAfter") is not None:
                await self.sleep_ms(node["gatherAfter"])
            names = node["args"] if "args" in node else [c["name"] for c in children]
            coros = {}
            args = []
            for n in names:
                if n in early:
                    args.append(early[n])
                else:
                    # a repeated non-task child is the same coroutine object twice (G1a's program)
                    if n not in coros:
                        coros[n] = self.traced2(child_path(path, n), by_name[n])
                    args.append(coros[n])
            before = self.cancel_requests.get(path, 0)
            pending = self.gather(args, node["returnExceptions"])
            self.log(path, "gather-started")
            try:
                result = await pending
            except BaseException as exc:
                self.log(path, self.gather_event(path, before, pending, exc))
                self.after_step()
                raise
            self.log(path, "gather-returned")
            return result

        async def steps_body(self, path, steps):
            current = None
            for step in steps:
                if step == "hang":
                    await self.hang()
                elif "sleep" in step:
                    await self.sleep_ms(step["sleep"])
                elif "await" in step:
                    current = await self.tasks[step["await"]]
                elif "cancel" in step:
                    self.cancel_step(step["cancel"])
                elif "create" in step:
                    c = step["create"]
                    self.create_task(self.traced2(path + SEP + c["name"], c))
                elif "return" in step:
                    return step["return"]
                elif "raise" in step:
                    raise self.error_class(step["raise"])()
                else:
                    raise UnsupportedStep(str(step))
            return current

        def cancel_step(self, target):
            """`task.cancel()`; the runner supplies cancel_target (it knows MicroPython's task internals)."""
            self.cancel_target(target)

    return Format2Run
