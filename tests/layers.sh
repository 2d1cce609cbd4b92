#!/bin/sh
# The layering check: no folder of src/ includes or calls one above it.
# usage: layers.sh [OBJDIR]   (OBJDIR: the plain build's objects, build/obj)
#
# The layers and what each may use (docs/design.md draws them):
#   base                                        nothing
#   model, read                                 base
#   lang                                        base model
#   meaning                                     base model lang
#   out                                         base model lang meaning
#   api                                         base model read lang meaning out
#   corpus                                      everything above but serve
#   serve                                       everything above
# Includes: a file in src/L/ names a lower layer's header as "X/X.h" (the
# one header a folder offers the layers above), its own folder's headers as
# "h.h" or "L/h.h", and generated .inc files.  Calls: every symbol
# an object of src/L/ takes from another object of the library is defined
# in a folder L may use (read from nm, so a call through a declaration
# written by hand is caught too).
set -u
objdir=${1:-build/obj}
cd "$(dirname "$0")/.."

allowed() {
    case $1 in
    base) echo "" ;;
    model | read) echo "base" ;;
    lang) echo "base model" ;;
    meaning) echo "base model lang" ;;
    out) echo "base model lang meaning" ;;
    api) echo "base model read lang meaning out" ;;
    corpus) echo "base model read lang meaning out api" ;;
    serve) echo "base model read lang meaning out api corpus" ;;
    *) echo "?" ;;
    esac
}
may_use() { # layer target
    [ "$1" = "$2" ] && return 0
    for a in $(allowed "$1"); do [ "$a" = "$2" ] && return 0; done
    return 1
}

pass=0; fail=0
bad() { fail=$((fail + 1)); echo "layers: $*"; }

# Every folder is a known layer.
for d in src/*/; do
    l=$(basename "$d")
    if [ "$(allowed "$l")" = "?" ]; then bad "src/$l/ is no known layer (add it to tests/layers.sh and docs/design.md)"; fi
done
if ls src/*.c src/*.h > /dev/null 2>&1; then bad "files directly under src/ belong to no layer: $(ls src/*.c src/*.h | tr '\n' ' ')"; fi

# Includes.
for f in src/*/*.c src/*/*.h; do
    [ -f "$f" ] || continue
    l=$(basename "$(dirname "$f")")
    ok=1
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        case $inc in
        sitrep.h | *.inc) ;;
        */*)
            x=${inc%%/*}
            if ! may_use "$l" "$x"; then bad "$f includes \"$inc\": $l may not use $x"; ok=0
            elif [ "$x" != "$l" ] && [ "$inc" != "$x/$x.h" ]; then
                bad "$f includes \"$inc\": a lower layer is used through its folder header \"$x/$x.h\""; ok=0
            fi ;;
        *)
            if [ ! -f "src/$l/$inc" ]; then bad "$f includes \"$inc\", which is not in src/$l/ (name lower layers' headers as \"layer/header.h\")"; ok=0; fi ;;
        esac
    done
    [ $ok -eq 1 ] && pass=$((pass + 1))
done

# Calls, from the plain build's objects.
if [ -d "$objdir" ]; then
    defs=$(mktemp); uses=$(mktemp)
    for o in "$objdir"/*/*.o; do
        l=$(basename "$(dirname "$o")")
        nm --defined-only "$o" | awk -v l="$l" -v f="$o" '$2 ~ /^[TDRBC]$/ {print $3, l, f}'
    done | sort > "$defs"
    for o in "$objdir"/*/*.o; do
        l=$(basename "$(dirname "$o")")
        nm -u "$o" | awk -v l="$l" -v f="$o" '{print $2, l, f}'
    done | sort > "$uses"
    # symbol user-layer user-object def-layer def-object
    join "$uses" "$defs" | while read -r sym ul uo dl do_; do
        if may_use "$ul" "$dl"; then echo ok; else echo "bad $uo calls $sym of $do_: $ul may not use $dl"; fi
    done > "$defs.out"
    n=$(grep -c '^ok$' "$defs.out")
    pass=$((pass + n))
    while IFS= read -r line; do
        case $line in bad*) bad "${line#bad }" ;; esac
    done < "$defs.out"
    rm -f "$defs" "$uses" "$defs.out"
else
    bad "no objects in $objdir: build first (make)"
fi

echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
