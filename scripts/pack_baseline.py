#!/usr/bin/env python3
"""Compares packs saved by `artstore ... --trace-packs DIR` with a baseline.

    scripts/pack_baseline.py DIR [--json]

Reads every *.pack in DIR with an independent reader of Schema/pack.md
(header, checksum, one zstd frame, entries), checks every object's SHA-256,
and compresses the objects' bytes alone, concatenated, with `zstd -3`: the
compressed size of the objects that actually moved. Prints the packs' total
size, that baseline, and their ratio. Needs the zstd command.
"""
import hashlib
import json
import pathlib
import subprocess
import sys


def varint(buf, pos):
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def objects(path):
    data = path.read_bytes()
    if data[:4] != b"ASPK" or data[4] != 1:
        sys.exit(f"{path}: not a version 1 pack")
    flags = data[5]
    count, pos = varint(data, 6)
    if hashlib.sha256(data[:-32]).digest() != data[-32:]:
        sys.exit(f"{path}: checksum mismatch")
    body = data[pos:-32]
    if flags & 1:
        body = subprocess.run(["zstd", "-d", "-c"], input=body, capture_output=True, check=True).stdout
    pos, out = 0, []
    for index in range(count):
        kind, oid = body[pos], body[pos + 1:pos + 33]
        length, pos = varint(body, pos + 33)
        payload = body[pos:pos + length]
        pos += length
        if hashlib.sha256(payload).digest() != oid:
            sys.exit(f"{path}: entry {index} ({oid.hex()}) does not hash to its ID")
        out.append((kind, payload))
    if pos != len(body):
        sys.exit(f"{path}: {len(body) - pos} bytes after the last entry")
    return len(data), out


def main():
    args = [a for a in sys.argv[1:] if a != "--json"]
    if len(args) != 1:
        sys.exit(__doc__)
    packs = sorted(pathlib.Path(args[0]).glob("*.pack"))
    pack_bytes, payloads, kinds = 0, [], {1: 0, 2: 0}
    for path in packs:
        size, entries = objects(path)
        pack_bytes += size
        for kind, payload in entries:
            kinds[kind] = kinds.get(kind, 0) + 1
            payloads.append(payload)
    raw = b"".join(payloads)
    baseline = len(subprocess.run(["zstd", "-3", "-c"], input=raw, capture_output=True, check=True).stdout) if raw else 0
    result = {
        "packs": len(packs),
        "packBytes": pack_bytes,
        "objects": len(payloads),
        "contents": kinds[1],
        "versionRecords": kinds[2],
        "rawBytes": len(raw),
        "zstd3Bytes": baseline,
        "ratio": round(pack_bytes / baseline, 4) if baseline else None,
    }
    if "--json" in sys.argv:
        print(json.dumps(result))
    else:
        print(f"{result['packs']} packs, {pack_bytes} bytes, holding {len(payloads)} objects "
              f"({kinds[1]} contents, {kinds[2]} version records, {len(raw)} bytes raw); "
              f"zstd -3 of those objects: {baseline} bytes; ratio {result['ratio']}")


if __name__ == "__main__":
    main()
