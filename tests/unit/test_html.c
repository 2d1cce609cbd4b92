/* HTML pages: text, block kinds and metadata. */
#include "testutil.h"

#include <cJSON.h>
#include <zlib.h>

#include "read/html.h"

static const char page[] =
    "<!DOCTYPE html><html lang=\"en\"><head>"
    "<title>Site | Floods</title>"
    "<meta property=\"og:title\" content=\"Floods kill 40 in northern province\">"
    "<meta property=\"article:published_time\" content=\"2021-07-18T09:30:00+05:00\">"
    "<meta property=\"article:modified_time\" content=\"2021-07-18T12:00:00+05:00\">"
    "<meta property=\"article:section\" content=\"Asia\">"
    "<link rel=\"canonical\" href=\"https://news.example.org/floods\">"
    "<script>var x = '<p>not text</p>';</script><style>p{}</style>"
    "</head><body>"
    "<header class=\"site-header\"><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>"
    "<article><h1>Floods kill 40 in  northern\nprovince</h1>"
    "<p class=\"byline\">By Ayesha Khan</p>"
    "<p>Floods killed at least 40 people on Saturday, officials said.</p>"
    "<figure><img src=\"a.jpg\"><figcaption>Residents wade through water.</figcaption></figure>"
    "<p>Rescue teams &amp; soldiers reached <b>three</b> villages.</p>"
    "<div class=\"related-stories\"><h2>Related</h2><p>Earlier floods displaced thousands</p></div>"
    "<h2>Aid appeal</h2><p>The UN appealed for aid.</p>"
    "</article><aside><p>Most read: something else</p></aside>"
    "<footer><p>Copyright 2021</p></footer><noscript>Please enable JavaScript.</noscript>"
    "</body></html>";

static void test_page(void **state)
{
    (void)state;
    const sr_doc *d = tu_extract(page, SITREP_FORMAT_AUTO);
    assert_int_equal(d->format, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "Floods kill 40 in northern province");
    assert_string_equal(d->meta.published, "2021-07-18T09:30+05:00");
    assert_string_equal(d->meta.updated, "2021-07-18T12:00+05:00");
    assert_string_equal(d->meta.section, "Asia");
    assert_string_equal(d->meta.url, "https://news.example.org/floods");
    assert_string_equal(d->meta.language, "en");
    /* white space collapsed, entities decoded, inline tags kept as text */
    assert_string_equal(tu_block_text(d, SR_BLOCK_TITLE, 0), "Floods kill 40 in northern province");
    assert_string_equal(tu_block_text(d, SR_BLOCK_META, 0), "By Ayesha Khan");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0),
                        "Floods killed at least 40 people on Saturday, officials said.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 1),
                        "Rescue teams & soldiers reached three villages.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 2), "The UN appealed for aid.");
    assert_null(tu_block_text(d, SR_BLOCK_BODY, 3));
    assert_string_equal(tu_block_text(d, SR_BLOCK_SECTION, 0), "Aid appeal");
    /* navigation, caption, related, aside and footer are boilerplate */
    const char *bp[] = {"Home World", "Residents wade through water.", "Related",
                        "Earlier floods displaced thousands", "Most read: something else",
                        "Copyright 2021"};
    for (int i = 0; i < 6; i++)
        assert_string_equal(tu_block_text(d, SR_BLOCK_BOILERPLATE, i), bp[i]);
    /* scripts, styles and what a browser shows without scripts are not text */
    assert_null(strstr(d->text, "not text"));
    assert_null(strstr(d->text, "JavaScript"));
    /* blocks are joined by a blank line */
    assert_non_null(strstr(d->text, "province\n\nBy Ayesha Khan\n\nFloods"));
    assert_int_equal(d->sentences.n, 3);
}

static void test_time_and_jsonld(void **state)
{
    (void)state;
    const char *p1 = "<html><body><article><h1>Talks resume</h1>"
                     "<time datetime=\"2020-02-01T10:00\">1 Feb</time><p>Talks resumed.</p>"
                     "</article></body></html>";
    const sr_doc *d = tu_extract(p1, SITREP_FORMAT_AUTO);
    assert_string_equal(d->meta.published, "2020-02-01T10:00");
    assert_string_equal(d->meta.title, "Talks resume");
    const char *p2 = "<html><head><script type=\"application/ld+json\">"
                     "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\","
                     "\"headline\":\"Ceasefire holds\",\"datePublished\":\"2022-05-09T08:00:00Z\","
                     "\"author\":[{\"@type\":\"Person\",\"name\":\"Sam Roe\"}]}]}"
                     "</script></head><body><p>The ceasefire held.</p></body></html>";
    d = tu_extract(p2, SITREP_FORMAT_AUTO);
    assert_string_equal(d->meta.title, "Ceasefire holds");
    assert_string_equal(d->meta.published, "2022-05-09T08:00Z");
    assert_string_equal(d->meta.byline, "Sam Roe");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0), "The ceasefire held.");
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 20000;
    size_t n = depth * 5 + 64;
    char *p = malloc(n);
    size_t k = 0;
    for (size_t i = 0; i < depth; i++) {
        memcpy(p + k, "<div>", 5);
        k += 5;
    }
    k += (size_t)sprintf(p + k, "<p>Deep text.</p>");
    p[k] = 0;
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_non_null(strstr(d->text, "Deep text."));
    free(p);
}

/* Class words on <body> and on an outer wrapper say nothing about the
 * article inside; the article is found by what it holds. */
static void test_no_class_veto(void **state)
{
    (void)state;
    const char *p =
        "<html><body class=\"sidebar-open menu-closed no-cookies\">"
        "<div class=\"layout-with-sidebar paywall-wrapper\"><form id=\"aspnetForm\">"
        "<ul class=\"nav\"><li><a href=\"/a\">Home</a></li><li><a href=\"/b\">World</a></li>"
        "<li><a href=\"/c\">Sport</a></li></ul>"
        "<div class=\"story\"><h1>Bridge reopens after repairs</h1>"
        "<p>The old river bridge reopened on Monday after eight months of repairs, the city said.</p>"
        "<p>Engineers replaced the deck, and traffic will be limited to cars until the spring.</p>"
        "<p>Residents had waited for the work to finish, since the detour added half an hour.</p>"
        "<div class=\"share-tools\"><a href=\"/s1\">Share on one site</a> <a href=\"/s2\">Share on another</a></div>"
        "</div>"
        "<div class=\"related\"><h2>More news</h2><ul><li><a href=\"/x\">A fire in the port</a></li>"
        "<li><a href=\"/y\">Schools close for a storm</a></li></ul></div>"
        "</form></div><footer><p>Copyright the newspaper</p></footer></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(tu_block_text(d, SR_BLOCK_TITLE, 0), "Bridge reopens after repairs");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0),
                        "The old river bridge reopened on Monday after eight months of repairs, the city said.");
    assert_non_null(tu_block_text(d, SR_BLOCK_BODY, 2));
    assert_null(tu_block_text(d, SR_BLOCK_BODY, 3));
    /* menus, share links, related links and the footer are not body */
    for (int i = 0; i < 3; i++) {
        const char *b = tu_block_text(d, SR_BLOCK_BODY, i);
        assert_null(strstr(b, "Share"));
        assert_null(strstr(b, "Home"));
    }
}

/* Sub-headings inside the article are sections between its paragraphs,
 * lists and block quotes are body; any heading's end tag closes the
 * heading, so a mismatched one does not swallow the article. */
static void test_structure(void **state)
{
    (void)state;
    const char *p =
        "<html><body><article><h1>Harvest falls short</h1>"
        "<h2 class=\"summary\">Farmers blame the dry summer for a smaller crop.</h3>"
        "<p>The wheat harvest fell by a fifth this year, the farmers' union said on Friday.</p>"
        "<h2>What comes next</h2>"
        "<p>Prices for bread are expected to rise, and the union asked for help with seed.</p>"
        "<ul><li>Wheat fell by a fifth.</li><li>Barley held steady through the season.</li></ul>"
        "<blockquote>We have not seen a summer this dry in decades, one farmer said.</blockquote>"
        "</article></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    /* the heading before the first paragraph stays a section; the
     * sub-heading inside the body (after a paragraph, over a paragraph)
     * is body text, between the paragraphs */
    assert_string_equal(tu_block_text(d, SR_BLOCK_SECTION, 0), "Farmers blame the dry summer for a smaller crop.");
    assert_null(tu_block_text(d, SR_BLOCK_SECTION, 1));
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0),
                        "The wheat harvest fell by a fifth this year, the farmers' union said on Friday.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 1), "What comes next");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 2),
                        "Prices for bread are expected to rise, and the union asked for help with seed.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 3), "Wheat fell by a fifth.");
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 5),
                        "We have not seen a summer this dry in decades, one farmer said.");
    /* a heading over a short line that is no paragraph stays a section */
    const char *q =
        "<html><body><article><h1>Harvest falls short</h1>"
        "<p>The wheat harvest fell by a fifth this year, the farmers' union said on Friday.</p>"
        "<p>Prices for bread are expected to rise, and the union asked for help with seed.</p>"
        "<h2>Contact</h2><p>Press office, Mon-Fri.</p>"
        "</article></body></html>";
    d = tu_extract(q, SITREP_FORMAT_HTML);
    assert_string_equal(tu_block_text(d, SR_BLOCK_SECTION, 0), "Contact");
}

/* Metadata trust: JSON-LD over OpenGraph over <meta> over <time> over
 * microdata; the site's name is cut from a title. */
static void test_meta_order(void **state)
{
    (void)state;
    const char *p =
        "<html lang=\"de\"><head><title>Storm closes the harbour | Coast Daily</title>"
        "<meta property=\"og:title\" content=\"Storm closes harbour - Coast Daily\">"
        "<meta name=\"author\" content=\"Meta Author\">"
        "<meta property=\"article:published_time\" content=\"2023-03-02T10:00:00Z\">"
        "<meta name=\"date\" content=\"2023-03-01\">"
        "<script type=\"application/ld+json\">[{\"@type\":\"WebSite\",\"name\":\"Coast Daily\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Storm closes the harbour\","
        "\"datePublished\":\"2023-03-03T08:15:00+01:00\",\"articleSection\":\"Region\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Lena Berg\"},{\"@type\":\"Person\",\"name\":\"Tom Falk\"}]}]"
        "</script><link rel=\"canonical\" href=\"https://coast.example/storm\">"
        "<meta property=\"og:url\" content=\"https://coast.example/storm?ref=og\"></head>"
        "<body><time datetime=\"2023-02-28\">28 Feb</time>"
        "<span itemprop=\"author\">Micro Author</span>"
        "<p>The harbour closed on Thursday as the storm reached the coast, the port said.</p></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "Storm closes the harbour");
    assert_string_equal(d->meta.published, "2023-03-03T08:15+01:00");
    assert_string_equal(d->meta.byline, "Lena Berg, Tom Falk");
    assert_string_equal(d->meta.section, "Region");
    assert_string_equal(d->meta.url, "https://coast.example/storm");
    assert_string_equal(d->meta.language, "de");
    /* without JSON-LD, OpenGraph's date wins over <meta name=date> and <time> */
    const char *q = "<html><head><meta name=\"date\" content=\"2023-03-01\">"
                    "<meta property=\"article:published_time\" content=\"2023-03-02T10:00:00Z\"></head>"
                    "<body><time datetime=\"2023-02-28\">28 Feb</time>"
                    "<div itemprop=\"author\" itemscope><span itemprop=\"name\">Micro Author</span></div>"
                    "<p>The harbour closed on Thursday as the storm reached the coast.</p></body></html>";
    d = tu_extract(q, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.published, "2023-03-02T10:00Z");
    assert_string_equal(d->meta.byline, "Micro Author");
    /* <time> over microdata dates */
    const char *r = "<html><body><span itemprop=\"datePublished\" content=\"2021-05-05\"></span>"
                    "<time datetime=\"2021-06-06\">6 June</time><p>The market opened again in June.</p></body></html>";
    d = tu_extract(r, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.published, "2021-06-06");
}

/* Bounds: nesting deeper than the cap and tags with too many attributes
 * are read with a warning; invalid UTF-8 becomes U+FFFD; an unclosed
 * element inside <noscript> does not hide the page. */
static void test_bounds(void **state)
{
    (void)state;
    size_t depth = 5000, nattr = 1000;
    sr_buf b;
    sr_buf_init(&b);
    sr_buf_puts(&b, "<html><body><noscript><div class=\"nojs\"></noscript>");
    for (size_t i = 0; i < depth; i++)
        sr_buf_puts(&b, "<div>");
    sr_buf_puts(&b, "<p ");
    for (size_t i = 0; i < nattr; i++)
        sr_buf_printf(&b, "data-a%zu=\"v\" ", i);
    sr_buf_puts(&b, ">The river rose by two metres overnight, flooding the lower town \xff again.</p>");
    sr_buf_putc(&b, 0);
    const sr_doc *d = tu_extract(b.p, SITREP_FORMAT_HTML);
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0),
                        "The river rose by two metres overnight, flooding the lower town \xEF\xBF\xBD again.");
    int limits = 0;
    for (uint32_t i = 0; i < d->warnings.n; i++)
        if (strcmp(d->warnings.v[i].code, "limit") == 0)
            limits++;
    assert_int_equal(limits, 2);
    sr_buf_free(&b);
}


/* Bylines marked in the body when the metadata names no person: a link
 * rel="author", an hCard "fn", an author link, an author class; never a
 * commenter; an author naming the site gives way to a person; JSON-LD
 * authors given by "@id" are found in the @graph. */
static void test_bylines(void **state)
{
    (void)state;
    const char *p = "<html><head><title>Night trains return</title></head><body><article>"
                    "<h1>Night trains return</h1><p>Posted on <a href=\"/about\" rel=\"author\">Mara Lind</a></p>"
                    "<p>The night train to the coast runs again from Friday, the rail company said.</p>"
                    "<div class=\"comments\"><span class=\"comment-author vcard\"><b class=\"fn\">Troll</b></span>"
                    "</div></article></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.byline, "Mara Lind");
    const char *q = "<html><head><meta name=\"author\" content=\"Coast Daily\">"
                    "<meta property=\"og:site_name\" content=\"Coast Daily\"></head><body>"
                    "<div class=\"comment-list\"><cite class=\"fn\">A Reader</cite></div>"
                    "<article><h1>Ferry fares rise</h1><span class=\"author vcard\">By <span class=\"fn\">"
                    "Jon Hale</span></span><p>Ferry fares will rise by a tenth in spring, the operator said.</p>"
                    "</article></body></html>";
    d = tu_extract(q, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.byline, "Jon Hale");
    /* JSON-LD names the author by "@id" in its @graph */
    const char *g = "<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"BlogPosting\","
                    "\"headline\":\"Ferry fares rise\",\"author\":{\"@id\":\"https://x.example/#p1\"}},"
                    "{\"@type\":[\"Person\",\"Organization\"],\"@id\":\"https://x.example/#p1\",\"name\":\"Ida Sund\"}]}"
                    "</script></head><body><p>Ferry fares will rise by a tenth in spring, the operator said.</p>"
                    "</body></html>";
    d = tu_extract(g, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.byline, "Ida Sund");
    /* the site's name stays when nothing names a person */
    const char *r = "<html><head><meta name=\"author\" content=\"Coast Daily\"></head><body>"
                    "<p>Ferry fares will rise by a tenth in spring, the operator said.</p></body></html>";
    d = tu_extract(r, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.byline, "Coast Daily");
    /* a class word's part says author; a small word before the date goes */
    const char *u = "<html><body><article><h1>Night trains return</h1>"
                    "<p class=\"teaser-meta__author\">VON <a href=\"/x\">MARA LIND</a> am 21. April 2020</p>"
                    "<p>The night train to the coast runs again from Friday, the rail company said.</p>"
                    "</article></body></html>";
    d = tu_extract(u, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.byline, "MARA LIND");
    /* "Posted on <date>" names no one */
    const char *v = "<html><body><article><h1>Night trains return</h1>"
                    "<p class=\"post-author\">Posted on 21 April 2020</p>"
                    "<p>The night train to the coast runs again from Friday, the rail company said.</p>"
                    "</article></body></html>";
    d = tu_extract(v, SITREP_FORMAT_HTML);
    assert_null(d->meta.byline);
    /* JSON-LD in a script with no type */
    const char *w = "<html><head><script>{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\","
                    "\"datePublished\": \"2022-01-28T06:00:00+01:00\", \"author\": {\"name\": \"Ida Sund\"}}</script>"
                    "<script>var a = {\"@context\": 1};</script></head><body>"
                    "<p>Ferry fares will rise by a tenth in spring, the operator said.</p></body></html>";
    d = tu_extract(w, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.byline, "Ida Sund");
    assert_string_equal(d->meta.published, "2022-01-28T06:00+01:00");
}

/* A page whose metadata has no date: the first date written in a short
 * run after the title; a time alone in the metadata is no date. */
static void test_text_date(void **state)
{
    (void)state;
    const char *p = "<html><head><meta name=\"date\" content=\"10:52\"></head><body>"
                    "<p>Archiv 01.01.2001</p><article><h1>Stadtrat beschließt neuen Radweg</h1>"
                    "<p class=\"info\">Von Eva Roth | 18. Mai 2014</p>"
                    "<p>Der Stadtrat hat am Dienstag den Bau eines neuen Radwegs beschlossen, am 3.6.2014 beginnt die "
                    "Arbeit.</p></article></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.published, "2014-05-18");
    /* the canonical URL's date outranks one in the text; a number that is
     * not a path part of its own is no date */
    const char *u = "<html><head><link rel=\"canonical\" href=\"https://blog.example.de/2014/05/19/radweg/\">"
                    "</head><body><article><h1>Stadtrat beschließt neuen Radweg</h1><p>18. Mai 2014</p>"
                    "<p>Der Stadtrat hat am Dienstag den Bau eines neuen Radwegs beschlossen.</p></article></body></html>";
    d = tu_extract(u, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.published, "2014-05-19");
    const char *v = "<html><head><link rel=\"canonical\" href=\"https://blog.example.de/id/2014/05/1999\">"
                    "</head><body><article><h1>Stadtrat beschließt neuen Radweg</h1>"
                    "<p>Der Stadtrat hat am Dienstag den Bau eines neuen Radwegs beschlossen.</p></article></body></html>";
    d = tu_extract(v, SITREP_FORMAT_HTML);
    assert_null(d->meta.published);
    char iso[11];
    struct { const char *in, *out; } cases[] = {
        {"Di., 25.01.2022 - 14:45", "2022-01-25"}, {"posted 2019-08-16T10:00", "2019-08-16"},
        {"May 18th, 2014 by Ann", "2014-05-18"},   {"el 18 de mayo de 2014", "2014-05-18"},
        {"le 3 décembre 2019", "2019-12-03"},      {"12 lutego 2021 r.", "2021-02-12"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_true(sr_html_text_date(cases[i].in, strlen(cases[i].in), iso));
        assert_string_equal(iso, cases[i].out);
    }
    const char *no[] = {"18. Mai", "in 2014", "32.01.2014", "Page 2 of 10", "10:52"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(sr_html_text_date(no[i], strlen(no[i]), iso));
}

/* The title is the heading that the raw <title> holds ("Post | Blog"),
 * even when the blog's name is the longer part. */
static void test_title_part(void **state)
{
    (void)state;
    const char *p = "<html><head><title>Paper cuts (3) | notes of gnaddrig</title></head><body>"
                    "<div class=\"site\">notes of gnaddrig</div><article><h2>Paper cuts (3)</h2>"
                    "<p>The third set of paper cuts took a week, and the scissors did not survive it.</p>"
                    "</article></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "Paper cuts (3)");
    assert_string_equal(tu_block_text(d, SR_BLOCK_TITLE, 0), "Paper cuts (3)");
}

/* A heading of sentences (a lead set as h2) is a paragraph of the body;
 * a short sub-heading stays a section. */
static void test_lead_heading(void **state)
{
    (void)state;
    const char *p =
        "<html><body><article><h1>Harvest falls short</h1>"
        "<h2 class=\"standfirst\">The wheat harvest fell by a fifth this year. Farmers blame the dry summer, "
        "and the union has asked the government for help with seed before the autumn sowing.</h2>"
        "<p>The union said on Friday that the barley crop held steady, unlike the wheat, and that prices rose.</p>"
        "<h2>What comes next</h2>"
        "<p>Prices for bread are expected to rise, and the union asked for help with seed and with fuel.</p>"
        "</article></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 0),
                        "The wheat harvest fell by a fifth this year. Farmers blame the dry summer, "
                        "and the union has asked the government for help with seed before the autumn sowing.");
    /* the sub-heading between two paragraphs is body text */
    assert_null(tu_block_text(d, SR_BLOCK_SECTION, 0));
    assert_string_equal(tu_block_text(d, SR_BLOCK_BODY, 2), "What comes next");
    /* and it is marked as a heading; the paragraphs are not */
    unsigned headings = 0;
    for (uint32_t i = 0; i < d->blocks.n; i++)
        if (d->blocks.v[i].heading) {
            headings++;
            assert_int_equal(d->blocks.v[i].kind, SR_BLOCK_BODY);
            assert_int_equal(d->blocks.v[i].end - d->blocks.v[i].start, strlen("What comes next"));
            assert_memory_equal(d->text + d->blocks.v[i].start, "What comes next", strlen("What comes next"));
        }
    assert_int_equal(headings, 1);
}

/* The page's own title heading outranks a metadata title that does not
 * hold it; a heading that holds the metadata's title and more (a kicker)
 * gives way to it.  Character references a page escaped twice in its
 * metadata are decoded. */
static void test_title_heading(void **state)
{
    (void)state;
    const char *p = "<html><head><title>Garden notes</title>"
                    "<meta property=\"og:title\" content=\"Pruning in the cold months\"></head><body>"
                    "<article><h1>How to prune roses in winter</h1>"
                    "<p>Cut the old canes back to a bud facing outwards, and leave the young ones alone.</p>"
                    "</article></body></html>";
    const sr_doc *d = tu_extract(p, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "How to prune roses in winter");
    const char *k = "<html><head><meta property=\"og:title\" content=\"How to prune roses\"></head><body>"
                    "<article><h1><span>Gardening</span> How to prune roses</h1>"
                    "<p>Cut the old canes back to a bud facing outwards, and leave the young ones alone.</p>"
                    "</article></body></html>";
    d = tu_extract(k, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "How to prune roses");
    const char *e = "<html><head><meta property=\"og:title\" content=\"The gardener&amp;#8217;s year &amp;amp; more\">"
                    "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                    "\"author\": {\"@type\": \"Person\", \"name\": \"Ann&#x27;s Desk\"}}</script>"
                    "</head><body><article><h1>A year in the garden</h1>"
                    "<p>Cut the old canes back to a bud facing outwards, and leave the young ones alone.</p>"
                    "</article></body></html>";
    d = tu_extract(e, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "A year in the garden");
    assert_string_equal(d->meta.byline, "Ann's Desk");
    const char *o = "<html><head><meta property=\"og:title\" content=\"The gardener&amp;#8217;s year &amp;amp; more\">"
                    "</head><body><p>Cut the old canes back to a bud facing outwards.</p></body></html>";
    d = tu_extract(o, SITREP_FORMAT_HTML);
    assert_string_equal(d->meta.title, "The gardener\u2019s year & more");
}

/* ---- the learned block classifier on pages it was not trained on --------- */

#define EVAL_SET "../shared/eval/data/trafilatura_eval.jsonl.gz"

static char *squash_ws(const char *p, size_t n)
{
    char *r = malloc(n + 1);
    size_t k = 0;
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        bool ws = c == ' ' || (c >= 9 && c <= 13);
        if (!ws && c == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0) {
            ws = true;
            i++;
        }
        if (ws) {
            sp = k > 0;
            continue;
        }
        if (sp)
            r[k++] = ' ';
        sp = false;
        r[k++] = (char)c;
    }
    r[k] = 0;
    return r;
}

static void no_features(void *ctx, uint32_t block, bool heading, const uint32_t *f, const uint8_t *ns, uint32_t nf)
{
    (void)ctx, (void)block, (void)heading, (void)f, (void)ns, (void)nf;
}

/* Body text of a page: learned kinds, or the heuristics' (with a sink the
 * reader leaves the kinds as the heuristics set them). */
static char *body_of(const char *html, bool learned)
{
    sr_arena arena;
    sr_arena_init(&arena);
    sr_doc d = {.arena = &arena, .id = "t", .format = SITREP_FORMAT_HTML};
    hsink sink = {.run = no_features};
    assert_int_equal(sr_read_html_sink(&d, html, strlen(html), learned ? NULL : &sink), SITREP_OK);
    sr_buf b;
    sr_buf_init(&b);
    for (uint32_t i = 0; i < d.blocks.n; i++)
        if (d.blocks.v[i].kind == SR_BLOCK_BODY) {
            sr_buf_put(&b, d.text + d.blocks.v[i].start, d.blocks.v[i].end - d.blocks.v[i].start);
            sr_buf_putc(&b, '\n');
        }
    char *r = squash_ws(b.p ? b.p : "", b.n);
    sr_buf_free(&b);
    sr_arena_free(&arena);
    return r;
}

/* On the first 60 pages of the held-out (odd) half of trafilatura's set,
 * the learned kinds find more of the main text, less furniture, than the
 * container heuristics alone. */
static void test_classifier_held_out(void **state)
{
    (void)state;
    gzFile g = gzopen(EVAL_SET, "rb");
    assert_non_null(g);
    size_t cap = 1 << 24;
    char *line = malloc(cap);
    int tp[2] = {0, 0}, fp[2] = {0, 0}, fn[2] = {0, 0}, pages = 0;
    while (pages < 60 && gzgets(g, line, (int)cap)) {
        size_t n = strlen(line);
        assert_true(n > 0 && line[n - 1] == '\n'); /* lines fit the buffer */
        cJSON *j = cJSON_Parse(line);
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(j, "id"));
        uint32_t h = 2166136261u;
        for (const char *c = id; *c; c++)
            h = (h ^ (unsigned char)*c) * 16777619u;
        if (!(h & 1)) {
            cJSON_Delete(j);
            continue;
        }
        pages++;
        const char *html = cJSON_GetStringValue(cJSON_GetObjectItem(j, "html"));
        for (int learned = 0; learned < 2; learned++) {
            char *body = body_of(html, learned);
            const cJSON *it;
            cJSON_ArrayForEach(it, cJSON_GetObjectItem(j, "with")) {
                char *seg = squash_ws(it->valuestring, strlen(it->valuestring));
                if (body[0] && strstr(body, seg))
                    tp[learned]++;
                else
                    fn[learned]++;
                free(seg);
            }
            cJSON_ArrayForEach(it, cJSON_GetObjectItem(j, "without")) {
                char *seg = squash_ws(it->valuestring, strlen(it->valuestring));
                fp[learned] += body[0] && strstr(body, seg) != NULL;
                free(seg);
            }
            free(body);
        }
        cJSON_Delete(j);
    }
    gzclose(g);
    free(line);
    assert_int_equal(pages, 60);
    double f1[2];
    for (int k = 0; k < 2; k++)
        f1[k] = 2.0 * tp[k] / (2.0 * tp[k] + fp[k] + fn[k]);
    print_message("held-out pages: body F1 %.3f learned, %.3f heuristics (TP %d/%d FP %d/%d)\n", f1[1], f1[0],
                  tp[1], tp[0], fp[1], fp[0]);
    assert_true(f1[1] > f1[0] + 0.005);
    assert_true(fp[1] < fp[0]);
    assert_true(f1[1] >= 0.85);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_time_and_jsonld),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_no_class_veto),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_meta_order),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_bylines),
        cmocka_unit_test(test_text_date),
        cmocka_unit_test(test_title_part),
        cmocka_unit_test(test_title_heading),
        cmocka_unit_test(test_lead_heading),
        cmocka_unit_test(test_classifier_held_out),
    };
    return cmocka_run_group_tests_name("html", tests, tu_setup, tu_teardown);
}
