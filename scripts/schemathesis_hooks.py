# Schemathesis hooks for Schema/openapi.yaml (scripts/schemathesis.sh loads
# them through SCHEMATHESIS_HOOKS). Request bodies of application/x-artstore
# are drawn from the committed fuzz seeds of valid sync requests
# (Fuzz/Corpus/sync-request), mutated, or random bytes; responses of that
# type must be one sync response message (Schema/sync.md).
import pathlib

import schemathesis
from hypothesis import strategies as st

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = [p.read_bytes() for p in sorted((ROOT / "Fuzz" / "Corpus" / "sync-request").iterdir())]
RESPONSE_TYPES = {0x03, 0x05, 0x07, 0x08, 0x0A, 0x0C}


@st.composite
def mutated(draw):
    seed = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        if seed:
            seed[draw(st.integers(0, len(seed) - 1))] = draw(st.integers(0, 255))
    return bytes(seed[: draw(st.integers(0, len(seed)))])


schemathesis.openapi.media_type(
    "application/x-artstore", st.one_of(st.sampled_from(SEEDS), mutated(), st.binary(max_size=2048))
)


@schemathesis.deserializer("application/x-artstore")
def sync_response(ctx, response):
    body = response.content
    if not body or body[0] not in RESPONSE_TYPES:
        raise ValueError(f"not a sync response message (first byte {body[:1].hex() or 'none'})")
    return body.decode("latin-1")
