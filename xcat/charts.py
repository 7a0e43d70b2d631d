"""Charts rendered at build time to SVG text, readable without JavaScript."""
from __future__ import annotations

from typing import Optional

from .model import Batch, Catalogue, Certificate


def pilot_counts_svg(certificate: Certificate) -> Optional[str]:
    """The certificate's pilot-institution counts over time, or None when there is nothing to chart."""
    return None


def batch_counts_svg(batch: Batch) -> Optional[str]:
    """The batch's certificates and their latest pilot-institution counts, or None."""
    return None


def catalogue_over_time_svg(catalogue: Catalogue) -> Optional[str]:
    """Active, replaced and retired certificates by year, or None."""
    return None
