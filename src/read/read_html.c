/*
 * read_html.c: an HTML page to text, blocks and metadata (docs/html.md).
 *
 * The page is parsed into a tree (html_parse.c), its metadata read
 * (html_meta.c), and its text cut into blocks whose kinds come from
 * which element holds the article (html_main.c).  Whatever the parse
 * had to bound is reported as a "limit" warning.
 */
#include "html.h"

sitrep_status sr_read_html(sr_doc *d, const char *src, size_t len)
{
    return sr_read_html_sink(d, src, len, NULL);
}

sitrep_status sr_read_html_sink(sr_doc *d, const char *src, size_t len, const hsink *sink)
{
    htree t = {0};
    hmeta m = {0};
    bool ok = sr_html_parse(&t, src, len) && sr_html_meta(&t, d, &m) && sr_html_main(&t, d, &m, sink);
    if (ok && t.depth_capped)
        ok = sr_doc_warn(d, "limit", -1,
                         "%u elements nested deeper than %d were read as siblings of their parent",
                         t.depth_capped, HTML_MAX_DEPTH);
    if (ok && t.attrs_capped)
        ok = sr_doc_warn(d, "limit", -1, "%u tags had more than %d attributes; the rest were dropped",
                         t.attrs_capped, HTML_MAX_ATTRS);
    sr_html_tree_free(&t);
    if (!ok)
        return SITREP_ENOMEM;
    sr_meta *mt = &d->meta;
    const char *title = m.title ? m.title : m.title_tag;
    if (!mt->title && title)
        mt->title = title;
    if (!mt->published)
        mt->published = m.published;
    if (!mt->updated)
        mt->updated = m.modified;
    if (!mt->section)
        mt->section = m.section;
    if (!mt->byline)
        mt->byline = m.author;
    if (!mt->url)
        mt->url = m.url;
    if (!mt->language)
        mt->language = m.language;
    return SITREP_OK;
}
