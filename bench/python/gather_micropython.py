# The raw gather workload on MicroPython's own asyncio (WebAssembly): gather of N children that each
# `await asyncio.sleep(0)` and return their index. Loaded by bench/micropython-gather.ts, which times
# `await lc_bench_gather(n)` from JavaScript and reads lc_bench_bytes_per_task(n) for memory.
import asyncio
import gc

_probe = []


async def _child(i, probe):
    if probe:
        gc.collect()
        _probe.append(gc.mem_alloc())
    await asyncio.sleep(0)
    return i


async def lc_bench_gather(n, probe=False):
    if probe:
        gc.collect()
        _probe.append(gc.mem_alloc())
    results = await asyncio.gather(*[_child(i, probe and i == n - 1) for i in range(n)])
    if len(results) != n or results[-1] != n - 1:
        raise AssertionError("gather returned the wrong results")


async def lc_bench_bytes_per_task(n):
    """MicroPython heap in use (gc.mem_alloc, after gc.collect) when the last child first runs, less the same
    just before the children are made, per child."""
    _probe.clear()
    await lc_bench_gather(n, True)
    return (_probe[1] - _probe[0]) / n
