"""A council member's score sheet: the parts of the form with their maxima, the total and its star band.

The bands are those of the 2019 rules (Decision 1048/QĐ-TTg), as the diagram's decision table
rates a product: the page shows them while a member fills the sheet; the engine decides.
"""
SCORE_FORM = "council_score"
STAR_BANDS = ((90, 5), (70, 4), (50, 3), (30, 2), (0, 1))  # (lowest total, stars)


def score_parts(schema):
    """[(field name, maximum)] of the sheet's scored parts: its numbers with a maximum."""
    return [(name, spec["maximum"]) for name, spec in schema["properties"].items()
            if spec["type"] in ("number", "integer") and "maximum" in spec]


def stars_for(total):
    return next(stars for lowest, stars in STAR_BANDS if total >= lowest)


def sheet_summary(schema, data):
    """The total and star band of a submitted sheet."""
    total = round(sum(float(data.get(name) or 0) for name, _maximum in score_parts(schema)), 2)
    return {"total": total, "stars": stars_for(total)}
