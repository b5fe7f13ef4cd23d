# MicroPython 1.27 facts behind the micropython profile's format 2 rules (docs/rules.md section 7), measured on
# the npm wasm build: node --import tsx conformance/micropython/measure.ts conformance/micropython/format2-facts.py
# Real clock (a few ms of jitter); each line prints what the construct gave. Expected (2026-11-30):
#   a same coro returned [None, 7]            (F2m: two tasks step one coroutine)
#   a3 same task done returned [7, 7]         (a finished task may be gathered twice)
#   b self cancel returned [RuntimeError("can't cancel self",)]   (T4f-m)
#   c forward returned ('from t1', [...])     (T4g: the cancel goes to t1, t2 gets its value)
#   c2 gather both returned [1, RuntimeError("can't wait",)]       (F2m)
#   e child cancelled raised CancelledError
#   wf timeout raised TimeoutError            (wait_for_ms: after the inner task's cleanup)
#   wf inner done returned 3
#   gather awaited task raised RuntimeError can't gather             (F2m)
#   wf outer cancel: the waiter gets CancelledError before the inner task's cleanup ends
# Not run here: a running task gathered twice, whose leftover done callback kills the scheduler (NameError).
import asyncio
async def leaf(v, ms):
    await asyncio.sleep_ms(ms)
    return v

async def case(name, f):
    try:
        r = await f()
        print(name, 'returned', r)
    except BaseException as e:
        print(name, 'raised', type(e).__name__, e)

async def a_same_coro():
    c = leaf(7, 5)
    return await asyncio.gather(c, c)

# not in main(): a running task gathered twice raises "can't gather", then its done callback kills the scheduler
async def a2_same_task():
    t = asyncio.create_task(leaf(7, 5))
    return await asyncio.gather(t, t)

async def a3_same_task_done():
    t = asyncio.create_task(leaf(7, 0))
    await asyncio.sleep_ms(1)
    return await asyncio.gather(t, t)

async def b_self_cancel():
    async def s():
        asyncio.current_task().cancel()
        return 1
    t = asyncio.create_task(s())
    return await asyncio.gather(t, return_exceptions=True)

async def c_forward():
    log = []
    async def t1():
        try:
            await asyncio.sleep_ms(10)
            return 1
        except asyncio.CancelledError:
            log.append('t1 caught')
            return 'from t1'
    async def t2(x):
        r = await x
        log.append(('t2 got', r))
        await asyncio.sleep_ms(1)
        return r
    a = asyncio.create_task(t1())
    b = asyncio.create_task(t2(a))
    await asyncio.sleep_ms(5)
    print('cancel ->', b.cancel())
    r = await b
    return (r, log)

async def c2_gather_both():
    async def t1():
        await asyncio.sleep_ms(10)
        return 1
    async def t2(x):
        return await x
    a = asyncio.create_task(t1())
    b = asyncio.create_task(t2(a))
    return await asyncio.gather(a, b, return_exceptions=True)

async def e_child_cancelled():
    k = asyncio.create_task(leaf(1, 10))
    async def killer():
        await asyncio.sleep_ms(5)
        k.cancel()
    asyncio.create_task(killer())
    return await asyncio.gather(k, leaf(2, 20))

async def wf_timeout():
    async def slow():
        try:
            await asyncio.sleep_ms(50)
            return 2
        except asyncio.CancelledError:
            await asyncio.sleep_ms(5)
            raise
    return await asyncio.wait_for_ms(slow(), 20)

async def wf_inner_done():
    return await asyncio.wait_for_ms(leaf(3, 5), 20)

async def gather_awaited_task():
    async def t1():
        await asyncio.sleep_ms(10)
        return 1
    async def w(x):
        return await x
    a = asyncio.create_task(t1())
    b = asyncio.create_task(w(a))
    await asyncio.sleep_ms(1)
    return await asyncio.gather(a, return_exceptions=True)

async def wf_outer_cancel():
    log = []

    async def slow():
        try:
            await asyncio.sleep_ms(200)
        except asyncio.CancelledError:
            log.append("inner caught")
            await asyncio.sleep_ms(50)
            log.append("inner cleanup done")
            raise

    async def waiter():
        try:
            return await asyncio.wait_for_ms(slow(), 100)
        except BaseException as e:
            log.append("waiter got " + type(e).__name__)
            raise

    w = asyncio.create_task(waiter())
    await asyncio.sleep_ms(20)
    w.cancel()
    try:
        await w
    except BaseException:
        pass
    await asyncio.sleep_ms(100)
    return log


async def main():
    for n, f in [('a same coro', a_same_coro), ('a3 same task done', a3_same_task_done),
                 ('b self cancel', b_self_cancel), ('c forward', c_forward), ('c2 gather both', c2_gather_both),
                 ('e child cancelled', e_child_cancelled), ('wf timeout', wf_timeout), ('wf inner done', wf_inner_done),
                 ('gather awaited task', gather_awaited_task), ('wf outer cancel', wf_outer_cancel)]:
        await case(n, f)
        await asyncio.sleep_ms(100)

await asyncio.create_task(main())
