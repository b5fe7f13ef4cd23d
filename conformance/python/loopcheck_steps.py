"""Scenario format 2 (docs/rules.md section 4b) for the shared Python program (loopcheck_program.py).

A steps child's body as an asyncio program: `{await: P}` is `await task`, `{shield: P}` is
`await shield(task)`, `{cancel: P}` is `task.cancel()`, `{create: C}` is `create_task(...)`, `{timeout: ms,
steps}` is `async with timeout(ms)`; a gather node's `args` (the same task / the same coroutine object passed
again for a repeated name) and `timeoutMs` (the gather awaited inside a timeout). Shutdown (asyncio.run's
ending) is the runner's: it belongs to the loop.

The runtime's primitives come from the ScenarioRun: `timeout_ms(ms)` (an async context manager) and
`shield(task)`; a runtime without one sets it to None and `missing_construct` names what the scenario needs
that it lacks, so the runner answers `unsupported` instead of crashing. Written in the subset MicroPython runs
(no f-strings with `=`, no walrus, no `yield from`); scenario data is only ever parsed as JSON.
"""

SEP = "/"


def is_format2(scenario):
    return scenario.get("loopcheck") == 2


def _join(prefix, name):
    return name if prefix == "" else prefix + SEP + name


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

    def visit(prefix, node):
        for child in node["children"]:
            p = _join(prefix, child["name"])
            out.append(p)
            if "gather" in child:
                visit(p, child["gather"])
            elif "steps" in child:
                created_by(p, child["steps"])

    visit("", scenario)
    return out


def _uses(node, kind):
    """Whether any body below `node` has a step of `kind` (or, for "timeout", a gather's timeoutMs)."""

    def in_steps(steps):
        for step in steps:
            if step == "hang":
                continue
            if kind in step:
                return True
            if "timeout" in step and in_steps(step["steps"]):
                return True
            if "create" in step and "steps" in step["create"] and in_steps(step["create"]["steps"]):
                return True
        return False

    if kind == "timeout" and node.get("timeoutMs") is not None:
        return True
    for child in node["children"]:
        if "gather" in child and _uses(child["gather"], kind):
            return True
        if "steps" in child and in_steps(child["steps"]):
            return True
    return False


def missing_construct(run, scenario):
    """What the scenario needs that `run`'s runtime lacks (one line), or None."""
    if run.timeout_ms is None and _uses(scenario, "timeout"):
        return "this runtime has no timeout scope (asyncio.timeout)"
    if run.shield is None and _uses(scenario, "shield"):
        return "this runtime has no asyncio.shield"
    return None


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
                made[name] = run.traced(_join_path(path, name), c)
            out.append(made[name])
    return out


def _join_path(parent, name):
    return name if parent == "awaiter" else parent + SEP + name


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
            task = run.tasks.get(step["cancel"])
            if task is not None and not task.done():
                task.cancel()
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
