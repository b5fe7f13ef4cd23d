"""Scenario format 2 (docs/rules.md section 4b) for the shared Python program (loopcheck_program.py), on every
Python runtime loopcheck drives (CPython and uvloop, MicroPython).

A steps child's body as an asyncio program, through the runtime's primitives on the ScenarioRun (the runners
supply them, as for format 1):
  {sleep: ms}         await run.sleep_ms(ms)
  {await: P}          await <the task at P>   (MicroPython: a gathered task raises RuntimeError "can't wait", F2m)
  {shield: P}         await run.shield(<the task at P>)   (asyncio.shield)
  {cancel: P}         run.cancel_target(P): task.cancel()   (MicroPython, on itself: "can't cancel self", T4f-m)
  {create: C}         run.create_task(<body of C>) at path <this task's path>/<name>
  {timeout: ms, ...}  async with run.timeout_ms(ms)   (asyncio.timeout)
  return / raise / "hang"; a body without an end step returns the value of its last await.
A gather node's `args` (the same task / the same coroutine object passed again for a repeated name) and
`timeoutMs` (the gather awaited inside a timeout) are read here; shutdown (asyncio.run's ending, R1/R1m) is the
runner's: it belongs to the loop. MicroPython 1.27 has no shield and no timeout scope: its target answers
`unsupported` before such a case reaches the runtime (conformance/targets/micropython.ts, F2m).

Written in the subset MicroPython runs (no f-strings with `=`, no walrus, no `yield from`); scenario data is only
ever parsed as JSON.
"""

from loopcheck_program import AWAITER, SEP, child_path


def task_paths(scenario):
    """Every task path below the awaiter in outcome order: depth first, a steps body's created tasks right after
    it (model/scenario-paths.ts)."""
    out = []

    def created_by(path, steps):
        for step in steps:
            if step == "hang":
                continue
            if "create" in step:
                p = path + SEP + step["create"]["name"]
                out.append(p)
                if "steps" in step["create"]:
                    created_by(p, step["create"]["steps"])
            elif "timeout" in step:
                created_by(path, step["steps"])

    def visit(parent, node):
        for child in node["children"]:
            p = child_path(parent, child["name"])
            out.append(p)
            if "gather" in child:
                visit(p, child["gather"])
            elif "steps" in child:
                created_by(p, child["steps"])

    visit(AWAITER, scenario)
    return out


def gather_args(run, path, node, early):
    """The gather's arguments in order: `early[i]` is child i's task (a task child) or None; a repeated non-task
    name is the same coroutine object again (asyncio wraps it once, G1a)."""
    children = node["children"]
    by_name = {}
    for i in range(len(children)):
        c = children[i]
        by_name[c["name"]] = (i, c)
    names = node.get("args")
    if names is None:
        names = [c["name"] for c in children]
    made = {}
    out = []
    for name in names:
        i, c = by_name[name]
        if early[i] is not None:
            out.append(early[i])
        else:
            if name not in made:
                made[name] = run.traced(child_path(path, name), c)
            out.append(made[name])
    return out


async def steps_body(run, path, steps):
    """A steps child's body at `path`: the steps in order; returns the end step's value, else the current value."""
    box = [None]  # the body's current value (section 4b)
    ended = await _run_steps(run, path, steps, box)
    if ended is not None:
        return ended[0]
    return box[0]


async def _run_steps(run, path, steps, box):
    """Runs `steps`; returns (value,) when a `return` step ended the body, else None."""
    for step in steps:
        if step == "hang":
            await run.hang()
        elif "sleep" in step:
            await run.sleep_ms(step["sleep"])
        elif "await" in step:
            box[0] = await run.tasks[step["await"]]
        elif "shield" in step:
            box[0] = await run.shield(run.tasks[step["shield"]])
        elif "cancel" in step:
            run.cancel_target(step["cancel"])
        elif "create" in step:
            c = step["create"]
            run.create_task(run.traced(path + SEP + c["name"], c))
        elif "timeout" in step:
            box[0] = None  # the scope's value is that of its own awaits (model: enterTimeoutScope)
            async with run.timeout_ms(step["timeout"]):
                ended = await _run_steps(run, path, step["steps"], box)
            if ended is not None:
                return ended
        elif "return" in step:
            return (step["return"],)
        else:
            raise run.error_class(step["raise"])()
    return None
