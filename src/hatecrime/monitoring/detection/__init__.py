"""Pure statistical spike detection (no Django): Farrington-flexible, GLR-NB and EARS."""

from ._deadline import FitTimeout, time_limit
from .auto import auto_detect, auto_method, detect
from .ears import ears, ears_c1, ears_c2, ears_c3
from .farrington import farrington_flexible
from .glrnb import glrnb
from .result import DetectionResult, PeriodExplanation
from .shift import glm_shift

__all__ = [
    "DetectionResult",
    "FitTimeout",
    "PeriodExplanation",
    "auto_detect",
    "auto_method",
    "detect",
    "ears",
    "ears_c1",
    "ears_c2",
    "ears_c3",
    "farrington_flexible",
    "glm_shift",
    "glrnb",
    "time_limit",
]
