"""The line protocol every CPython runner speaks (loopcheck_asyncio, loopcheck_structured, loopcheck_uvloop):
one `{"ready": true}` line, then one JSON result line per `{"scenario": …}` line read from stdin."""

import json
import sys


class Unsupported(Exception):
    """The scenario has no meaning on this target (e.g. return_exceptions under TaskGroup)."""


def serve(run_one, out=None):
    """Answers each scenario with `run_one(scenario)`'s outcome on `out` (default sys.stdout); an exception is that
    case's crash (or `unsupported`), and the next case runs."""
    out = out or sys.stdout
    out.write('{"ready": true}\n')
    out.flush()
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8").strip()
        if not line:
            continue
        try:
            result = {"ok": True, "outcome": run_one(json.loads(line)["scenario"])}
        except Unsupported as exc:
            result = {"ok": False, "kind": "unsupported", "error": str(exc)}
        except Exception as exc:  # a bug or bad input: this case crashed, the next one runs
            result = {"ok": False, "kind": "crash", "error": "%s: %s" % (type(exc).__name__, exc)}
        out.write(json.dumps(result) + "\n")
        out.flush()
