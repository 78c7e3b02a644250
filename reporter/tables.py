"""Tables: the analysis as pandas DataFrames, one per view an editor reads. DataFrames begin here.

Every function is pure (``Analysis -> DataFrame``), deterministic (rows sorted, columns fixed) and
returns the same columns when there is nothing to show, so charts, the HTML view and the CSV files can
rely on them. Lists inside a cell (outlets, fact ids) are joined with ``"; "`` so a table round-trips
through CSV.

Fact ids in the ``fact``/``facts`` columns are the analysis' own ids; the HTML turns them into anchors.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from reporter.model import QUOTED, Analysis, Article, Fact

SEP = "; "

ARTICLE_COLUMNS = [
    "article",
    "outlet",
    "outlet_source",
    "title",
    "published",
    "url",
    "source",
    "story",
    "event",
    "event_label",
    "duplicate_of",
    "duplicate_score",
    "paragraphs",
    "words",
    "removed_chars",
    "shared",
]
FACT_COLUMNS = [
    "id",
    "story",
    "event",
    "article",
    "outlet",
    "published",
    "group",
    "kind",
    "start",
    "end",
    "evidence",
    "extractor",
    "confidence",
    "count",
    "count_max",
    "qualifier",
    "status",
    "victims",
    "attributed_to",
    "speaker",
    "speaker_role",
    "cue",
    "direct",
    "quote",
    "denier",
    "denied",
    "actor",
    "label",
]
COVERAGE_COLUMNS = [
    "story",
    "event",
    "group",
    "kind",
    "label",
    "outlet",
    "status",
    "facts",
    "evidence",
    "confidence",
    "note",
    "nearest_article",
    "nearest_start",
    "nearest_end",
    "nearest_text",
    "nearest_similarity",
]
LEDGER_COLUMNS = [
    "event",
    "group",
    "label",
    "outlet",
    "article",
    "published",
    "figure",
    "count",
    "count_max",
    "qualifier",
    "status",
    "victims",
    "attributed_to",
    "fact",
    "mentions",
    "facts",
    "evidence",
    "cell",
    "carried_by",
    "disagree",
    "repeats_older",
    "first_reported",
]
SPEAKER_COLUMNS = [
    "speaker",
    "role",
    "speaker_role",
    "outlet",
    "events",
    "quotes",
    "direct",
    "indirect",
    "words",
    "share",
    "quoted_by",
    "facts",
]
LABEL_COLUMNS = ["actor", "label", "outlet", "voice", "count", "events", "facts", "evidence"]
PROMINENCE_COLUMNS = ["event", "group", "kind", "label", "outlet", "article", "fact", "position", "paragraph"]
TIMELINE_COLUMNS = ["published", "outlet", "article", "title", "event", "event_label", "duplicate_of"]

# Speaker classes for the roster. Checked in this order against the role the extractor found, then the
# name: "a spokesman for the rebels" is an official of a party, which the roster counts as the party.
ROLE_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "party",
        re.compile(
            r"\b(?:legion|corps|rebels?|militants?|insurgents?|fighters?|volunteers?|group|movement|"
            r"commander of|leader of|founder|lawyer|attorney|defen[cs]e counsel|union|company|"
            r"campaigners?|activists?|opposition|accused|defendant|suspect|family|relatives?|"
            r"representative of|political wing)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "official",
        re.compile(
            r"\b(?:governor|minister|ministry|spokes(?:man|woman|person)|president|prime minister|premier|"
            r"kremlin|white house|government|mayor|official|authorit(?:y|ies)|police|sheriff|chief|"
            r"department|agency|army|military|general|colonel|commander|defen[cs]e|senator|"
            r"congress(?:man|woman)|lawmaker|mp|deputy|ambassador|embassy|council|prosecutor|"
            r"investigators?|state media|officer)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "witness",
        re.compile(
            r"\b(?:witness(?:es)?|eyewitness|residents?|locals?|villagers?|neighbou?rs?|survivors?|"
            r"passengers?|bystanders?|shopkeeper|driver|student|teacher|mother|father|son|daughter|"
            r"wife|husband|brother|sister|friend|man|woman|victim)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "expert",
        re.compile(
            r"\b(?:analysts?|experts?|professor|researchers?|scholar|think tank|institute|"
            r"economist|historian|observers?|blogger|commentator)\b",
            re.IGNORECASE,
        ),
    ),
)


def speaker_class(speaker: str | None, role: str | None = None) -> str:
    """ "official", "party", "witness", "expert" or "other", from the role text first, then the name.

    A simple lexicon, meant for a roster an editor skims, not for statistics: "Vyacheslav Gladkov"
    alone is "other" unless the extractor found his role ("governor of Belgorod").
    """
    for text in (role, speaker):
        if not text:
            continue
        for name, pattern in ROLE_CLASSES:
            if pattern.search(text):
                return name
    return "other"


def articles(analysis: Analysis) -> pd.DataFrame:
    """One row per article: outlet and how it was known, dates, event, copies, size, shared text.

    ``shared`` is the share of an original's body characters in paragraphs aligned with another
    outlet's paragraph (0..1); for a copy it is its ``duplicate_score``.
    """
    event_labels = _event_labels(analysis)
    shared = _shared_text(analysis)
    rows = []
    for a in sorted(analysis.articles, key=_article_order):
        rows.append(
            {
                "article": a.id,
                "outlet": a.outlet,
                "outlet_source": a.outlet_source,
                "title": a.title,
                "published": a.published,
                "url": a.url,
                "source": a.source,
                "story": a.story,
                "event": a.event,
                "event_label": event_labels.get(a.event or "", ""),
                "duplicate_of": a.duplicate_of,
                "duplicate_score": a.duplicate_score,
                "paragraphs": len(a.paragraphs),
                "words": len(a.body.split()),
                "removed_chars": sum(len(r) for r in a.removed),
                "shared": a.duplicate_score if a.duplicate_of else shared.get(a.id, 0.0),
            }
        )
    return _frame(rows, ARTICLE_COLUMNS)


def facts(analysis: Analysis) -> pd.DataFrame:
    """Every fact, flat, with its article's outlet, date and event."""
    by_id = {a.id: a for a in analysis.articles}
    rows = []
    for f in analysis.facts:
        article = by_id.get(f.article)
        rows.append(
            {
                **{name: getattr(f, name) for name in FACT_COLUMNS if hasattr(f, name)},
                "event": article.event if article else None,
                "outlet": article.outlet if article else None,
                "published": article.published if article else None,
            }
        )
    return _frame(rows, FACT_COLUMNS)


def coverage(analysis: Analysis) -> pd.DataFrame:
    """The coverage matrix in long form: one row per fact group and outlet, with the evidence.

    ``evidence`` is the first fact's sentence for included/differs cells; ``nearest_*`` is the outlet's
    closest sentence for omitted cells (similarity 0..1).
    """
    facts_by_id = {f.id: f for f in analysis.facts}
    rows = []
    for row in analysis.coverage:
        for outlet, cell in sorted(row.cells.items()):
            first = next((facts_by_id[i] for i in cell.facts if i in facts_by_id), None)
            nearest = cell.nearest
            rows.append(
                {
                    "story": row.story,
                    "event": row.event,
                    "group": row.group,
                    "kind": row.kind,
                    "label": row.label,
                    "outlet": outlet,
                    "status": cell.status,
                    "facts": SEP.join(cell.facts),
                    "evidence": first.evidence if first else None,
                    "confidence": cell.confidence,
                    "note": cell.note,
                    "nearest_article": nearest.article if nearest else None,
                    "nearest_start": nearest.start if nearest else None,
                    "nearest_end": nearest.end if nearest else None,
                    "nearest_text": nearest.text if nearest else None,
                    "nearest_similarity": nearest.similarity if nearest else None,
                }
            )
    return _frame(rows, COVERAGE_COLUMNS)


def coverage_matrix(analysis: Analysis) -> pd.DataFrame:
    """Fact groups (rows, in the analysis' order) x outlets (columns): "included" / "omitted" /
    "differs", or "" where the outlet is not part of that group's event. Index: (event, group, label)."""
    long = coverage(analysis)
    outlets = sorted(set(long["outlet"]))
    index = pd.MultiIndex.from_tuples(
        [(c.event, c.group, c.label) for c in analysis.coverage], names=["event", "group", "label"]
    )
    matrix = pd.DataFrame("", index=index, columns=outlets, dtype=object)
    for c in analysis.coverage:
        for outlet, cell in c.cells.items():
            matrix.loc[(c.event, c.group, c.label), outlet] = cell.status
    return matrix


def casualty_ledger(analysis: Analysis) -> pd.DataFrame:
    """One row per casualty figure an article gives (repeated mentions counted in ``mentions``, the
    first one's sentence kept as evidence), grouped by fact group, with its flags.

    - ``carried_by``: the outlets giving the same number in the same group ("at least 7" and "7" are
      the same number; the ``figure`` column keeps each outlet's wording);
    - ``disagree``: outlets of the group give different figures;
    - ``repeats_older``: this figure had been superseded when the article was published (an earlier
      article gave it, then a different figure for the same status and victims appeared, no later than
      this article's date). Needs publication dates; without them it stays False.
    - ``first_reported``: "outlet (date)" of the earliest article giving this number in the group.
    """
    by_id = {a.id: a for a in analysis.articles}
    cells = {(c.group, o): cell.status for c in analysis.coverage for o, cell in c.cells.items()}
    labels = {c.group: c.label for c in analysis.coverage}
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in analysis.facts:
        if f.kind == "casualty" and f.article in by_id:
            groups[f.group].append(f)
    rows = []
    for group, members in sorted(groups.items()):
        numbers = {f.count for f in members if f.count is not None}
        mentions: dict[tuple[object, ...], list[Fact]] = defaultdict(list)
        for f in sorted(members, key=lambda f: (f.article, f.start)):
            mentions[
                (f.article, f.count, f.count_max, f.qualifier, f.status, f.victims, f.attributed_to)
            ].append(f)
        for same_mention in sorted(mentions.values(), key=lambda fs: _mention_order(fs[0], by_id)):
            f = same_mention[0]
            article = by_id[f.article]
            same = [m for m in members if _figure_key(m) == _figure_key(f)]
            first = min(same, key=lambda m: (_date(by_id[m.article]), by_id[m.article].outlet))
            rows.append(
                {
                    "event": article.event,
                    "group": group,
                    "label": labels.get(group, group),
                    "outlet": article.outlet,
                    "article": article.id,
                    "published": article.published,
                    "figure": figure_text(f),
                    "count": f.count,
                    "count_max": f.count_max,
                    "qualifier": f.qualifier,
                    "status": f.status,
                    "victims": f.victims,
                    "attributed_to": f.attributed_to,
                    "fact": f.id,
                    "mentions": len(same_mention),
                    "facts": SEP.join(m.id for m in same_mention),
                    "evidence": f.evidence,
                    "cell": cells.get((group, article.outlet), ""),
                    "carried_by": SEP.join(sorted({by_id[m.article].outlet for m in same})),
                    "disagree": len(numbers) > 1,
                    "repeats_older": _repeats_older(f, members, by_id),
                    "first_reported": _where(by_id[first.article]),
                }
            )
    return _frame(rows, LEDGER_COLUMNS)


def _mention_order(fact: Fact, by_id: Mapping[str, Article]) -> tuple[str, str, int]:
    article = by_id[fact.article]
    return (_date(article), article.outlet, fact.start)


def speakers(analysis: Analysis) -> pd.DataFrame:
    """One row per speaker and outlet: quotes (direct/indirect), quoted words and their share.

    ``share`` is this speaker's part of all words the outlet quotes (0..1); ``quoted_by`` lists every
    outlet quoting the speaker, so "quoted only by ..." is one value. Quotes with no speaker found are
    counted under "(unnamed)".
    """
    by_id = {a.id: a for a in analysis.articles}
    quotes = [f for f in analysis.facts if f.kind == "quote" and f.article in by_id]
    cells: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in quotes:
        cells[(f.speaker or "(unnamed)", by_id[f.article].outlet)].append(f)
    outlet_words: Counter[str] = Counter()
    for (_speaker, outlet), members in cells.items():
        outlet_words[outlet] += sum(_quoted_words(f) for f in members)
    outlets_of: dict[str, set[str]] = defaultdict(set)
    for speaker, outlet in cells:
        outlets_of[speaker].add(outlet)
    rows = []
    for (speaker, outlet), members in sorted(cells.items()):
        roles = Counter(f.speaker_role for f in members if f.speaker_role)
        role = roles.most_common(1)[0][0] if roles else None
        words = sum(_quoted_words(f) for f in members)
        rows.append(
            {
                "speaker": speaker,
                "role": speaker_class(None if speaker == "(unnamed)" else speaker, role),
                "speaker_role": role,
                "outlet": outlet,
                "events": SEP.join(sorted({by_id[f.article].event or "" for f in members})),
                "quotes": len(members),
                "direct": sum(1 for f in members if f.direct),
                "indirect": sum(1 for f in members if not f.direct),
                "words": words,
                "share": words / outlet_words[outlet] if outlet_words[outlet] else 0.0,
                "quoted_by": SEP.join(sorted(outlets_of[speaker])),
                "facts": SEP.join(f.id for f in sorted(members, key=lambda f: (f.article, f.start))),
            }
        )
    return _frame(rows, SPEAKER_COLUMNS)


def speaker_share(analysis: Analysis, top: int = 6) -> pd.DataFrame:
    """Outlets (rows) x speakers (columns): share of the outlet's quoted words, the ``top`` speakers by
    words over all outlets and "others" for the rest. Empty when nobody is quoted."""
    roster = speakers(analysis)
    if roster.empty:
        return pd.DataFrame()
    totals = roster.groupby("speaker")["words"].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    roster = roster.assign(speaker=[s if s in keep else "others" for s in roster["speaker"]])
    table = roster.pivot_table(
        index="outlet", columns="speaker", values="share", aggfunc="sum", fill_value=0.0
    )
    order = [s for s in keep if s in table.columns] + (["others"] if "others" in table.columns else [])
    return table[order].sort_index()


def labels(analysis: Analysis) -> pd.DataFrame:
    """What each outlet calls each actor: one row per (actor, label, outlet, voice) with a count.

    ``voice`` is "own voice" (the outlet's words), "quoted" (inside quotation marks, speaker unknown) or
    the speaker's name. ``actor`` is "" when the extractor found no actor the label is said of.
    """
    by_id = {a.id: a for a in analysis.articles}
    found: dict[tuple[str, str, str, str], list[Fact]] = defaultdict(list)
    for f in analysis.facts:
        if f.kind != "label" or f.article not in by_id or not f.label:
            continue
        voice = (
            "own voice"
            if f.attributed_to is None
            else "quoted"
            if f.attributed_to == QUOTED
            else f.attributed_to
        )
        found[(f.actor or "", f.label, by_id[f.article].outlet, voice)].append(f)
    rows = [
        {
            "actor": actor,
            "label": label,
            "outlet": outlet,
            "voice": voice,
            "count": len(members),
            "events": SEP.join(sorted({by_id[f.article].event or "" for f in members})),
            "facts": SEP.join(f.id for f in members),
            "evidence": members[0].evidence,
        }
        for (actor, label, outlet, voice), members in sorted(
            found.items(), key=lambda kv: _label_order(kv[0])
        )
    ]
    return _frame(rows, LABEL_COLUMNS)


def prominence(
    analysis: Analysis, kinds: Sequence[str] = ("casualty", "denial", "quote", "caveat")
) -> pd.DataFrame:
    """How early each outlet states each fact group: ``position`` 0 (first words of the body) .. 1
    (last), from the group's earliest fact in the outlet's article; ``paragraph`` is its 0-based index."""
    by_id = {a.id: a for a in analysis.articles}
    labels_of = {c.group: c.label for c in analysis.coverage}
    first: dict[tuple[str, str], Fact] = {}
    for f in sorted(analysis.facts, key=lambda f: (f.article, f.start)):
        if f.kind in kinds and f.article in by_id and f.group in labels_of:
            first.setdefault((f.group, by_id[f.article].outlet), f)
    rows = []
    for (group, outlet), f in sorted(first.items()):
        article = by_id[f.article]
        position, paragraph = _position(article, f.start)
        rows.append(
            {
                "event": article.event,
                "group": group,
                "kind": f.kind,
                "label": labels_of[group],
                "outlet": outlet,
                "article": article.id,
                "fact": f.id,
                "position": position,
                "paragraph": paragraph,
            }
        )
    return _frame(rows, PROMINENCE_COLUMNS)


def timeline(analysis: Analysis) -> pd.DataFrame:
    """Publication dates and the events the articles report, oldest first (undated last)."""
    event_labels = _event_labels(analysis)
    rows = [
        {
            "published": a.published,
            "outlet": a.outlet,
            "article": a.id,
            "title": a.title,
            "event": a.event,
            "event_label": event_labels.get(a.event or "", ""),
            "duplicate_of": a.duplicate_of,
        }
        for a in sorted(analysis.articles, key=_article_order)
    ]
    return _frame(rows, TIMELINE_COLUMNS)


def figure_text(fact: Fact) -> str:
    """A casualty figure as a reader says it: "at least 2", "10–12", "some" (no number given)."""
    if fact.count is None:
        return "some"
    number = (
        f"{fact.count}–{fact.count_max}"
        if fact.count_max and fact.count_max != fact.count
        else str(fact.count)
    )
    return f"{fact.qualifier} {number}" if fact.qualifier else number


# --- helpers ---------------------------------------------------------------------------------------


def _frame(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(columns))


def _article_order(article: Article) -> tuple[str, str, str]:
    return (article.published or "9999", article.outlet, article.id)


def _date(article: Article) -> str:
    return article.published or "9999"


def _where(article: Article) -> str:
    return f"{article.outlet} ({article.published})" if article.published else article.outlet


def _event_labels(analysis: Analysis) -> dict[str, str]:
    return {e.id: e.label for s in analysis.stories for e in s.events}


def _figure_key(fact: Fact) -> tuple[int | None, int | None]:
    """The number a figure gives, wording aside ("at least 7" and "7" are one number)."""
    return (fact.count, fact.count_max)


def _repeats_older(fact: Fact, members: Sequence[Fact], by_id: dict[str, Article]) -> bool:
    """True when ``fact``'s figure was first given before a different figure appeared, and that
    different figure appeared no later than ``fact``'s own article (so the outlet repeats an old one)."""
    mine = by_id[fact.article].published
    if mine is None or fact.count is None:
        return False
    dates = [by_id[m.article].published for m in members if m.count == fact.count]
    first_mine = min(d for d in dates if d is not None)
    return any(
        m.count is not None
        and m.count != fact.count
        and (d := by_id[m.article].published) is not None
        and first_mine < d <= mine
        for m in members
    )


def _quoted_words(fact: Fact) -> int:
    return len((fact.quote or fact.evidence).split())


def _position(article: Article, offset: int) -> tuple[float, int]:
    """Where ``offset`` lies in the article's body: (fraction of body characters before it, paragraph)."""
    total = sum(len(p) for p in article.paragraphs)
    before = 0
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.start <= offset < paragraph.end:
            return ((before + offset - paragraph.start) / total if total else 0.0, index)
        if offset < paragraph.start:
            return (before / total if total else 0.0, index)
        before += len(paragraph)
    return (1.0, max(len(article.paragraphs) - 1, 0))


def _shared_text(analysis: Analysis) -> dict[str, float]:
    """Per original article: share of body characters in paragraphs aligned with another outlet's."""
    by_id = {a.id: a for a in analysis.articles}
    shared: dict[str, set[int]] = defaultdict(set)
    for alignment in analysis.alignments:
        outlets = {by_id[m.article].outlet for m in alignment.members if m.article in by_id}
        if len(outlets) < 2:
            continue
        for m in alignment.members:
            shared[m.article].add(m.paragraph)
    out = {}
    for article_id, paragraphs in shared.items():
        article = by_id.get(article_id)
        if article is None:
            continue
        total = sum(len(p) for p in article.paragraphs)
        inside = sum(len(article.paragraphs[i]) for i in paragraphs if 0 <= i < len(article.paragraphs))
        out[article_id] = inside / total if total else 0.0
    return out


def _label_order(key: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    actor, label, outlet, voice = key
    return (actor.lower(), label.lower(), outlet, voice)
