# A websocket echo server on Python's websockets (Debian's python3-websockets), for the benchmark
# of issue 8 (dev.tclj.bench.net.ServerBench). Usage: python3 ws_echo.py PORT
# No compression (the load client offers none anyway); subprotocol "bench" as the load client asks.
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for message in ws:
        await ws.send(message)


async def main(port):
    async with websockets.serve(echo, "127.0.0.1", port, subprotocols=["bench"],
                                max_size=None, compression=None):
        await asyncio.Future()


asyncio.run(main(int(sys.argv[1])))
