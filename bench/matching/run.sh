#!/bin/sh
# Builds bench_matching in a Release tree, generates the labelled sets and runs retorno's matcher
# and the PostgreSQL 15 baseline on the same data. Usage: run.sh [PERSONS...] (default 10000
# 100000). On demand only: it takes minutes and loads both cores. Ends each size with a table
# of the two side by side and the ratios (side_by_side.awk).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build/bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRETORNO_BENCH=ON \
    -DRETORNO_TESTS=OFF >/dev/null
ninja -C "$build" bench_matching >/dev/null
export RETORNO_RESOURCES="$root"
for n in ${*:-10000 100000}; do
    dir=$(mktemp -d /tmp/retorno-match-$n.XXXXXX)
    "$build/bench/matching/bench_matching" generate --persons "$n" --seed 7 --dir "$dir"
    echo "== retorno, $n records"
    "$build/bench/matching/bench_matching" run --dir "$dir" | tee "$dir/retorno.txt"
    echo "== PostgreSQL 15 pg_trgm, $n records"
    "$root/bench/matching/postgres.sh" "$dir" 0.5 0.7 | tee "$dir/postgres.txt"
    echo "== side by side, $n records (ratio: PostgreSQL's time / retorno's; the batch at"
    echo "   PostgreSQL's threshold of best F1)"
    awk -f "$root/bench/matching/side_by_side.awk" "$dir/retorno.txt" "$dir/postgres.txt"
    rm -rf "$dir"
done
