"""Runs loopcheck scenarios on a user's own asyncio event loop class: CPython's asyncio.gather (loopcheck_asyncio.py)
on that loop, with the virtual clock of loopcheck_virtual.py (the target spec `asyncio-loop:FILE.py:Class` or
`asyncio-loop:package.module:Class`, conformance/targets/asyncio-loop.ts).

    python3 loopcheck_asyncio_loop.py --loop FILE.py|package.module --class NAME [--probe] [loopcheck_asyncio.py flags]

--probe only loads the class and makes one loop: exit 0, or exit 2 with one line on stderr (file not found, class not
found, not a loop class, the import's or the constructor's exception). A class that is no asyncio.BaseEventLoop
subclass refuses a format 2 shutdown, as uvloop does: asyncio.run's ending (R1c) is modelled on asyncio's loop turns.
"""

import asyncio
import importlib
import importlib.util
import os
import sys
import traceback

sys.dont_write_bytecode = True


class LoadError(Exception):
    pass


def last_line(exc):
    return traceback.format_exception_only(type(exc), exc)[-1].strip()


def is_file(where):
    return where.endswith(".py") or "/" in where or os.sep in where


def import_module(where):
    """The module of a .py file (its folder on sys.path, so its siblings import) or of a dotted name (from the
    current directory)."""
    if is_file(where):
        path = os.path.abspath(where)
        if not os.path.isfile(path):
            raise LoadError("asyncio loop file not found: %s" % where)
        sys.path.insert(0, os.path.dirname(path))
        spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
        module = importlib.util.module_from_spec(spec)
        run = lambda: spec.loader.exec_module(module)  # noqa: E731
    else:
        sys.path.insert(0, os.getcwd())
        module = None
        run = lambda: importlib.import_module(where)  # noqa: E731
    try:
        loaded = run()
    except BaseException as exc:  # a SystemExit or KeyboardInterrupt raised by the user's module is its error too
        raise LoadError("cannot import %s: %s" % (where, last_line(exc)))
    return module if module is not None else loaded


def load_class(where, name):
    """The loop class `name` of a file or a dotted module; a LoadError with one line when it cannot be had."""
    cls = getattr(import_module(where), name, None)
    if cls is None:
        raise LoadError("no class %s in %s" % (name, where))
    if not isinstance(cls, type) or not issubclass(cls, asyncio.AbstractEventLoop):
        raise LoadError("%s in %s is not an event loop class (a subclass of asyncio.AbstractEventLoop)" % (name, where))
    try:
        cls().close()
    except Exception as exc:
        raise LoadError("%s() does not make a loop: %s" % (name, last_line(exc)))
    return cls


def take(flag):
    if flag not in sys.argv:
        return None
    i = sys.argv.index(flag)
    value = sys.argv[i + 1] if i + 1 < len(sys.argv) else None
    del sys.argv[i : i + 2]
    return value


if __name__ == "__main__":
    where, name = take("--loop"), take("--class")
    probe = "--probe" in sys.argv
    protocol = None
    if not probe:
        # the protocol keeps its own copy of stdout; whatever the user's code prints (print, a C extension's writes)
        # goes to stderr, which loopcheck keeps the tail of for a crash's message
        protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)
        sys.stdout = sys.stderr
    try:
        cls = load_class(where, name)
    except LoadError as exc:
        sys.stderr.write("%s\n" % exc)
        sys.exit(2)
    if probe:
        sys.exit(0)
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    import loopcheck_asyncio  # noqa: E402
    from loopcheck_virtual import virtual_time_loop  # noqa: E402

    on_asyncio_turns = issubclass(cls, asyncio.BaseEventLoop)

    def refuse(scenario):
        if not on_asyncio_turns and scenario.get("loopcheck") == 2 and scenario.get("shutdown"):
            return "%s: a format 2 shutdown (asyncio.run's ending) is modelled on asyncio's loop turns only" % name
        return None

    loopcheck_asyncio.main(virtual_time_loop(cls), refuse, protocol)
