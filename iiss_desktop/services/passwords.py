"""Argon2id hashes of passwords and recovery codes (argon2-cffi).

The cost is set so that one check takes 0.1–0.3 s on an old office PC: long enough to make
guessing from a stolen archive slow, short enough not to be noticed at login.

Measured on the 2-core development machine (Python 3.11, argon2-cffi 25.1, shared load),
15 verifications each: time_cost=3, memory 64 MiB, parallelism=2 -> median 0.12-0.14 s
(0.13-0.25 s range); the RFC 9106 low-memory default (parallelism=4) -> 0.15-0.22 s;
time_cost=2 -> 0.10 s. An old office PC is about 1.5-2x slower: 0.2-0.3 s with the chosen
parameters. Hashes record their own parameters: changing these constants rehashes each
password at its next successful login (``needs_rehash``).
"""
from __future__ import annotations

from functools import lru_cache

TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
PARALLELISM = 2
HASH_LEN = 32
SALT_LEN = 16


@lru_cache(maxsize=1)
def hasher():
    from argon2 import PasswordHasher, Type

    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB,
                          parallelism=PARALLELISM, hash_len=HASH_LEN, salt_len=SALT_LEN,
                          type=Type.ID)


def hash_secret(secret: str) -> str:
    return hasher().hash(secret)


def verify_secret(stored: str | None, secret: str) -> bool:
    """Whether ``secret`` matches ``stored``. With no stored hash, a dummy one is checked so
    that the answer costs the same time (an unknown user is not told apart by the clock)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        ok = hasher().verify(stored or _dummy_hash(), secret)
    except (VerificationError, InvalidHashError):
        return False
    return ok and stored is not None


def needs_rehash(stored: str) -> bool:
    return hasher().check_needs_rehash(stored)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash("nessun utente: confronto a vuoto")
