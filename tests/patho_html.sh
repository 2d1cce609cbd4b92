#!/bin/sh
# Pathological HTML: every shape must be read in linear time.  Each page is
# read (sitrep extract --format html --until read) against a flat page of
# the same size (one short paragraph after another); the shape fails when
# it takes more than 10 times as long as its flat page (the best of three
# runs each, so a busy machine does not decide), or when its text is lost.
# usage: patho_html.sh SITREP
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0

python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
N = 60000
shapes = {
    # 60,000 and 200,000 nested <div>, closed
    "deep60k": "<div>" * N + "<p>Deep text.</p>" + "</div>" * N,
    "deep200k": "<div>" * 200000 + "<p>Deep text.</p>" + "</div>" * 200000,
    # 60,000 unclosed <b><i>, then end tags that match nothing open
    "unclosed_bi": "<p>" + "<b><i>Deep text. " * N + "</p>" * N,
    # deep nesting and stray end tags: each is looked up in the open elements
    "deep_stray_end": "<div>" * N + "<p>Deep text.</p>" + "</span>" * N,
    "deep_body_tags": "<div>" * N + "<p>Deep text.</p>" + "<body>" * N,
    # one element with 100,000 attributes
    "attrs100k": "<div " + " ".join("a%d=\"v\"" % i for i in range(100000)) + ">Deep text.</div>",
    # one text node of 5 MB
    "text5mb": "<p>" + "Deep text. " * 460000 + "</p>",
    # bylines: 250 nested author elements, each over 2,000 empty ones, and
    # 60,000 links rel=author (each byline reads the text below it)
    "bylines": ("<span class=\"author\">" + "<i></i>" * 2000) * 250 + "<p>Deep text.</p>" + "</span>" * 250
               + "<a rel=\"author\" href=\"/a\"></a>" * N,
    # 60,000 headings, a long title, a long author and site name
    "headings_meta": "<meta name=\"author\" content=\"" + "x" * 1000000 + "\">"
                     + "<meta property=\"og:site_name\" content=\"" + "x" * 1000000 + "\">"
                     + "<h2>Deep text.</h2>" * N,
}
for name, body in shapes.items():
    page = "<html><head><title>t</title></head><body>" + body + "</body></html>"
    with open(f"{d}/{name}.html", "w") as f:
        f.write(page)
    flat = "<p>Some flat text here.</p>\n"
    with open(f"{d}/{name}.flat.html", "w") as f:
        f.write("<html><head><title>t</title></head><body>" + flat * (len(page) // len(flat)) + "</body></html>")
EOF
[ $? -eq 0 ] || { echo "patho_html: could not write the pages"; echo "patho_html: 0 passed, 1 failed"; exit 1; }

# best wall time of three runs, in microseconds
best() {
    b=
    for _ in 1 2 3; do
        s=$(date +%s%N)
        "$bin" extract --format html --until read "$1" > "$tmp/out.json" 2>/dev/null || return 1
        e=$(date +%s%N)
        t=$(( (e - s) / 1000 ))
        if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
    done
    echo "$b"
}

for f in "$tmp"/*.flat.html; do
    name=$(basename "$f" .flat.html)
    page=$tmp/$name.html
    tf=$(best "$f") || { fail=$((fail + 1)); echo "patho_html $name: flat page failed"; continue; }
    tp=$(best "$page") || { fail=$((fail + 1)); echo "patho_html $name: FAILED (sitrep failed)"; continue; }
    if ! grep -q 'Deep text\.' "$tmp/out.json"; then
        fail=$((fail + 1)); echo "patho_html $name: FAILED (text lost)"; continue
    fi
    if [ "$tp" -le $((10 * tf)) ]; then
        pass=$((pass + 1)); echo "patho_html $name: ok ($((tp / 1000)) ms, flat $((tf / 1000)) ms)"
    else
        fail=$((fail + 1)); echo "patho_html $name: FAILED ($((tp / 1000)) ms, flat $((tf / 1000)) ms: over 10 times)"
    fi
done
echo "patho_html: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
