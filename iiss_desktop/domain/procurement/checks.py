"""The random check of the suppliers' self-declarations (controllo a campione).

D.Lgs. 36/2023 art. 52 c.1 [C-3p]: for affidamenti diretti below 40,000 EUR the supplier
declares its requirements (art. 94-95 and the others asked) with a dichiarazione sostitutiva
(or the DGUE); the school checks the declarations, also by drawing a sample chosen «con
modalità predeterminate ogni anno». The modality is a setting of the school: a percentage
of the suppliers with declarations received in a period (10 % by default [U]: the school's
decision).

The draw is reproducible by anyone from what it records: the seed and the list of the
suppliers drawn among (their partita IVA or codice fiscale). Each supplier is ranked by the
SHA-256 of «seed:code», ascending; the first ``ceil(n × percent / 100)`` are drawn (rounded
up [U]: 10 % of 7 suppliers is 1, never 0; of 11 it is 2).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..errors import ValidationError

DEFAULT_PERCENT = 10   # [U] the school's decision; a setting
MAX_SEED = 999_999_999


def sample_size(candidates: int, percent: int) -> int:
    """``ceil(candidates * percent / 100)`` in integers."""
    return -(-candidates * percent // 100)


def check_percent(percent, field: str = "percent") -> int:
    if isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= 100:
        raise ValidationError({field: "La percentuale dei controlli a campione è un numero "
                                      "intero da 1 a 100."})
    return percent


def check_seed(seed, field: str = "seed") -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ValidationError({field: "Il seme del sorteggio è un numero intero da 0 a "
                                      f"{MAX_SEED:,}.".replace(",", ".")})
    return seed


def rank(code: str, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{code}".encode()).hexdigest()


def draw_sample(codes: Sequence[str], percent: int, seed: int) -> list[str]:
    """The codes drawn, in the order of the draw."""
    percent, seed = check_percent(percent), check_seed(seed)
    if len(set(codes)) != len(codes):
        raise ValueError("codici ripetuti nel sorteggio")
    ordered = sorted(codes, key=lambda c: (rank(c, seed), c))
    return ordered[:sample_size(len(codes), percent)]
