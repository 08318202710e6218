"""Decide: a pair's match probability against the thresholds (config.yml) → link, review or
none. The probability itself comes from the model (model.py)."""

import numpy as np
import pandas as pd

LINK, REVIEW, NONE = "link", "review", "none"


def decide(scores: pd.Series, config: dict, at_most_review=None) -> pd.Series:
    """`at_most_review`: pairs that go to review however high they score (model.never_linked)."""
    thresholds = config["thresholds"]
    link = scores >= thresholds["link"]
    if at_most_review is not None:
        link &= ~at_most_review
    return pd.Series(
        np.select([link, scores >= thresholds["review"]], [LINK, REVIEW], NONE),
        index=scores.index,
    )
