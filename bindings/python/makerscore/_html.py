"""HTML representations for notebooks."""
import html


def rules_html(rules):
    """A rule set as a title and its indicator tree."""
    head = (f"<p><b>{html.escape(rules.title)}</b> ({html.escape(rules.id)}): {len(rules.nodes) - 1} indicators, "
            f"{len(rules.fields)} fields, weights as {rules.weighting}, total {rules.total:g}</p>")
    return head + rules.indicators().to_html()


def result_html(result, rows=20):
    """A result as its ranked table (the first rows)."""
    frame = result.to_frame()
    more = f"<p>... {len(frame) - rows} more</p>" if len(frame) > rows else ""
    return (f"<p><b>{html.escape(result.rules.title)}</b>: {len(frame)} entities</p>"
            + frame.head(rows).to_html(float_format=lambda x: f"{x:.2f}") + more)
