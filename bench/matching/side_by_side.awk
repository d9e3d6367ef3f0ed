# Sets retorno's figures (bench_matching run) beside PostgreSQL's (postgres.sql, one block per
# threshold, each starting with "threshold T"), with the ratio PostgreSQL / retorno for the
# times: the batch against PostgreSQL's threshold of best F1, the rest against its first block.
# Usage: awk -f side_by_side.awk retorno.txt postgres.txt
FNR == NR { r[$1] = $2; next }
$1 == "threshold" { blocks++; threshold[blocks] = $2; next }
NF >= 2 { p[blocks, $1] = $2 }
function cell(b, key) {
    if ((b, key) in p) return p[b, key]
    if (key == "dedup_s" && (b, "dedup_not_finished_within_minutes") in p)
        return "> " p[b, "dedup_not_finished_within_minutes"] " min"
    return "-"
}
function ratio(pg, mine) {
    if (pg == "-" || mine == "" || mine + 0 == 0) return "-"
    if (pg ~ /^> /) { split(pg, part, " "); return sprintf("> %.0f", part[2] * 60 / mine) }
    return sprintf(pg / mine < 10 ? "%.1f" : "%.0f", pg / mine)
}
function row(label, key, b_ratio,    b, line) {
    line = sprintf("| %-22s | %10s |", label, (key in r) ? r[key] : "-")
    for (b = 1; b <= blocks; b++) line = line sprintf(" %12s |", cell(b, key))
    if (b_ratio > 0) line = line sprintf(" %8s |", ratio(cell(b_ratio, key), r[key]))
    else line = line sprintf(" %8s |", "")
    print line
}
END {
    best = 0
    for (b = 1; b <= blocks; b++)
        if ((b, "dedup_f1") in p && (best == 0 || p[b, "dedup_f1"] > p[best, "dedup_f1"])) best = b
    if (best == 0) best = 1
    header = sprintf("| %-22s | %10s |", "", "retorno")
    rule = "|------------------------|------------|"
    for (b = 1; b <= blocks; b++) {
        header = header sprintf(" %12s |", "PG T=" threshold[b])
        rule = rule "--------------|"
    }
    print header sprintf(" %8s |", "PG / ret")
    print rule "----------|"
    row("dedup F1", "dedup_f1", 0)
    row("dedup precision", "dedup_precision", 0)
    row("dedup recall", "dedup_recall", 0)
    row("batch dedup (s)", "dedup_s", best)
    row("tracing recall@1", "recall_at_1", 0)
    row("tracing recall@5", "recall_at_5", 0)
    row("query p50 (ms)", "query_p50_ms", 1)
    row("query p99 (ms)", "query_p99_ms", 1)
    row("index build (s)", "index_build_s", 1)
    # Memory: retorno's whole process (batch, then index), PostgreSQL's backends at the end.
    line = sprintf("| %-22s | %10s |", "memory (MiB)", ("peak_rss_mib" in r) ? r["peak_rss_mib"] : "-")
    for (b = 1; b <= blocks; b++)
        line = line sprintf(" %12s |", ((b, "postgres_rss_mib") in p) ? p[b, "postgres_rss_mib"] : "")
    print line sprintf(" %8s |", "")
}
