"""LinkedIn's boosted posts: a post that was also sponsored is one ``Organic`` row, one ``Sponsored``
row per campaign and one ``Total`` row, all with the same ``Post link`` (column ``Post type``).
Merged into one post, so they are not taken for the same post three times:

* the ``Organic`` row gives ``reach_organic`` (its impressions) and the organic counts;
* each ``Sponsored`` row's impressions are summed into ``reach_paid``, and its likes, comments,
  reposts and clicks are added to the post's (the interactions the campaigns brought count as the
  post's, as its paid reach does);
* the ``Total`` row is not a post: it is compared with that sum, and a difference is said in a note.

A row with any other ``Post type`` (or none) is an ordinary post.
"""

from __future__ import annotations

import dataclasses

from strategy_bible.imports.records import ImportedPost

ORGANIC, SPONSORED, TOTAL = "organic", "sponsored", "total"
KINDS = {"organic": ORGANIC, "organique": ORGANIC, "sponsored": SPONSORED, "sponsorisé": SPONSORED, "total": TOTAL}


def merge_boosted(
    posts: list[ImportedPost], kinds: list[str], shown: str, skipped: list[str], notes: list[str]
) -> list[ImportedPost]:
    """``posts`` (each with its row's ``Post type``, compared normalised) with each boosted post's
    rows made one post, in the order of its first row."""
    groups: dict[str, dict[str, list[ImportedPost]]] = {}
    merged: list[ImportedPost | str] = []  # a post, or the key of a group, in order of first row
    for post, kind in zip(posts, kinds, strict=True):
        kind = KINDS.get(kind, ORGANIC)
        key = post.url or post.post_id or post.title
        if key is None:
            merged.append(post)
            continue
        if key not in groups:
            groups[key] = {ORGANIC: [], SPONSORED: [], TOTAL: []}
            merged.append(key)
        groups[key][kind].append(post)
    result: list[ImportedPost] = []
    for item in merged:
        result += [item] if isinstance(item, ImportedPost) else _one(groups[item], shown, skipped, notes)
    return result


def _one(rows: dict[str, list[ImportedPost]], shown: str, skipped: list[str], notes: list[str]) -> list[ImportedPost]:
    """The group's one post; several organic rows of one link are left for the import to refuse as
    the same post twice."""
    organic, sponsored, total = rows[ORGANIC], rows[SPONSORED], rows[TOTAL]
    if not sponsored and not total:
        return organic
    base = organic[0] if organic else sponsored[0]
    counts = dict(organic[0].counts) if organic else {"reach_organic": 0}
    paid = sum(row.counts.get("reach_organic", 0) for row in sponsored)
    counts["reach_paid"] = counts.get("reach_paid", 0) + paid
    for row in sponsored:
        for key, value in row.counts.items():
            if key not in ("reach_organic", "reach_paid"):
                counts[key] = counts.get(key, 0) + value
    lines = ", ".join(str(row.line) for row in sponsored)
    if sponsored:
        skipped.append(
            f"lines {lines}: sponsored rows of the post of line {base.line}: impressions summed into reach_paid"
        )
    for row in total:
        skipped.append(f"line {row.line}: total row of the boosted post of line {base.line}")
        reach = counts.get("reach_organic", 0) + counts["reach_paid"]
        given = row.counts.get("reach_organic")
        if given is not None and given != reach:
            notes.append(
                f"{shown}:{row.line}: the total row gives {given:,} impressions, its organic and sponsored rows "
                f"{reach:,}: the rows were read, the total was not"
            )
    return [dataclasses.replace(base, counts=counts), *organic[1:]]
