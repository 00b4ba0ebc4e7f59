#!/usr/bin/env python3
"""A TCP relay on 127.0.0.1 that counts the bytes it carries.

    scripts/tcp_count.py LISTEN_PORT TARGET_PORT LOG

Relays every connection on LISTEN_PORT to TARGET_PORT and, when a
connection closes, appends "BYTES_UP BYTES_DOWN" (client to server, server to
client) to LOG. The benchmark puts one in front of each server, so every tool
is measured the same way: bytes on the wire, HTTP headers included.
"""
import asyncio
import sys


async def pump(reader, writer, counter, index):
    try:
        while data := await reader.read(1 << 16):
            counter[index] += len(data)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass


async def main():
    listen, target, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

    async def relay(client_reader, client_writer):
        counter = [0, 0]
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, server_writer, counter, 0),
                             pump(server_reader, client_writer, counter, 1))
        client_writer.close()
        server_writer.close()
        with open(log, "a") as out:
            out.write(f"{counter[0]} {counter[1]}\n")

    server = await asyncio.start_server(relay, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    asyncio.run(main())
