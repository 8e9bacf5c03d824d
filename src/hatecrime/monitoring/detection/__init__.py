"""Pure statistical spike detection (no Django): Farrington-flexible, GLR-NB and EARS."""

from .farrington import farrington_flexible
from .result import DetectionResult, PeriodExplanation

__all__ = ["DetectionResult", "PeriodExplanation", "farrington_flexible"]
