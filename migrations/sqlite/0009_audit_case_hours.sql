-- The entries of each case in the audit trail are found through the hours in which it has
-- any, instead of through an index of every entry by case.
--
-- Every read of a case is an audit entry, and the index audit_log_by_case (case_id, seq) put
-- each one in a page of its own: the entries of one commit are of cases spread over the whole
-- index, so a commit of twenty entries wrote twenty index pages to the WAL, and the
-- checkpoints copied them again. That was most of what the audit trail cost a read, and its
-- checkpoints were the slowest reads (docs/performance.md, "API").
--
-- audit_case_hours has one row for each case and each hour (UTC, "YYYY-MM-DDTHH") in which
-- the case has entries, with the first of them. It is written with INSERT OR IGNORE: a case
-- read again in the same hour writes nothing. SqliteStore::audit_entries reads a case's hours
-- in order and, for each, the entries of the chain from that first one to the end of the
-- hour. Since this migration the times of the chain never go backwards
-- (store/audit_time_order.h), so an hour's entries are consecutive in the chain.
--
-- Entries written before it may have a time earlier than the entry before them (a clock
-- stepped back). Their rows are filled by the latest hour reached so far along the chain, so
-- that such an entry belongs to the hour its place in the chain falls in; the reader, which
-- ends an hour at the first entry of a later hour, then reads it there.
CREATE TABLE audit_case_hours (
    case_id   TEXT NOT NULL,
    hour      TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    PRIMARY KEY (case_id, hour)
) WITHOUT ROWID;

INSERT INTO audit_case_hours (case_id, hour, first_seq)
SELECT case_id, hour, min(seq)
FROM (SELECT seq, case_id,
             max(substr(recorded_at, 1, 13)) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS hour
      FROM audit_log)
WHERE case_id <> ''
GROUP BY case_id, hour;

DROP INDEX audit_log_by_case;
