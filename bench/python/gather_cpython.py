# The raw gather workload on CPython's own asyncio loop: gather of N children that each `await asyncio.sleep(0)`
# and return their index. Used by bench/python-runtimes.ts.
#
# Usage: python3 gather_cpython.py REPEATS N [N ...]
# Prints one JSON line per N: {"n": N, "best_ms": wall time of the fastest of REPEATS runs (after a warm-up of min(N, 1000)),
# "bytes_per_task": traced Python allocations (tracemalloc) live when the last child first runs, minus the baseline,
# divided by N; measured in a separate, untimed run}.
import asyncio
import gc
import json
import sys
import time
import tracemalloc


async def child(i, probe):
    if probe is not None:
        probe()
    await asyncio.sleep(0)
    return i


async def gather_n(n, probe=None):
    results = await asyncio.gather(*[child(i, probe if i == n - 1 else None) for i in range(n)])
    if len(results) != n or results[-1] != n - 1:
        raise AssertionError("gather returned the wrong results")


def best_ms(n, repeats):
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(gather_n(min(n, 1000)))  # warm-up
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            loop.run_until_complete(gather_n(n))
            best = min(best, time.perf_counter() - start)
        return best * 1000
    finally:
        loop.close()


def bytes_per_task(n):
    loop = asyncio.new_event_loop()
    seen = []
    try:
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        loop.run_until_complete(gather_n(n, lambda: seen.append(tracemalloc.get_traced_memory()[0])))
        tracemalloc.stop()
    finally:
        loop.close()
    return (seen[0] - base) / n


def main(argv):
    if len(argv) < 2 or not all(a.isdigit() and int(a) > 0 for a in argv):
        sys.stderr.write("usage: gather_cpython.py REPEATS N [N ...] (positive integers)\n")
        return 2
    repeats = int(argv[0])
    for n in (int(a) for a in argv[1:]):
        line = {"n": n, "best_ms": best_ms(n, repeats), "bytes_per_task": bytes_per_task(n)}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
