"""Great-circle-free distances in whole kilometres, using integer arithmetic only.

Air and naval reach decide legality, so distance must not depend on a platform's
floating-point maths. Coordinates are turned into 1e-4 degree integers once; the
cosine needed for an equirectangular projection is a fixed-point polynomial.
"""

from __future__ import annotations

import math

_SCALE = 10_000  # coordinates in 1e-4 degrees
_FIX = 1 << 30  # fixed-point one
_KM_PER_DEG_E7 = 1_113_195_000  # 111.3195 km per degree, times 1e7
_PI_FIX = 3_373_259_426  # pi * 2**30, rounded


def to_e4(degrees: float) -> int:
    """A coordinate as an integer in 1e-4 degrees (exact for the decimals authors write)."""
    return round(degrees * _SCALE)


def _cos_fix(lat_e4: int) -> int:
    """cos(latitude) * 2**30 by a Taylor series in fixed point (error < 1e-6 below 80 deg)."""
    x = lat_e4 * _PI_FIX // (180 * _SCALE)  # radians * 2**30
    x2 = x * x // _FIX
    term = _FIX
    total = _FIX
    for k in range(1, 8):
        term = -term * x2 // _FIX // ((2 * k - 1) * (2 * k))
        total += term
    return total


def distance_km(lat1_e4: int, lon1_e4: int, lat2_e4: int, lon2_e4: int) -> int:
    """Equirectangular distance in whole km between two points in 1e-4 degrees."""
    mid = (lat1_e4 + lat2_e4) // 2
    dx = (lon2_e4 - lon1_e4) * _cos_fix(mid) // _FIX
    dy = lat2_e4 - lat1_e4
    d_e4 = math.isqrt(dx * dx + dy * dy)
    return d_e4 * _KM_PER_DEG_E7 // (_SCALE * 10_000_000)
