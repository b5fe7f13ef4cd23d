"""A user's own asyncio event loop, for `loopcheck conformance --targets asyncio-loop:examples/loops/my_loop.py:MyLoop`.

Any subclass of asyncio.AbstractEventLoop that can be made with no arguments will do (uvloop.Loop is one); this one
is CPython's selector loop with a call counter, so it should conform to the cpython profile exactly as the `cpython`
target does. loopcheck runs it on a virtual clock (conformance/python/loopcheck_virtual.py): its own turns and ready
queue, future timers held back and handed over when due.
"""

import asyncio


class MyLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def call_soon(self, callback, *args, context=None):
        self.calls += 1
        return super().call_soon(callback, *args, context=context)
