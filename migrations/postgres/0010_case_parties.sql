-- The case list finds an institution's cases through indexes of their parties.
--
-- The list (PostgresStore::list_cases) walked the cases newest first and probed each one's
-- open-tasks head and shares until its page was full: for an institution party to few of many
-- cases, such as a consulate, about 3.5 µs a case on every request, and none answered under
-- load at 100,000 cases (docs/performance.md, "API"). Each case row now holds the parties that
-- decide who may see it (CaseParties, the same that access::CasePolicy reads from the
-- document), written with the case by every append. The list reads, for each way of being a
-- party, the newest cases of that kind from an index, and merges them.
--
-- NULL means not known yet: the rows written before this version. `retorno serve` derives
-- their tasks again when it starts (cases_with_stale_tasks), which writes their parties; until
-- then the list keeps them for everyone, and the policy decides each one, as it did.
ALTER TABLE cases ADD COLUMN opened_by_institution text;
ALTER TABLE cases ADD COLUMN origin_notified boolean;

-- One index for each way to be a party; the cases whose parties are not known are those under
-- NULL in cases_listed_by_opener. Each holds what the list's filters test, so that an arm is
-- an index-only scan: without that, the generic plan of the prepared statement, which
-- estimates the cases of an institution from the average, walked the primary key backwards
-- and tested every case for an institution that had opened none (21 ms at 20,000 cases).
-- cases_by_destination keeps its key and gains the columns.
CREATE INDEX cases_listed_by_opener ON cases (opened_by_institution, id)
    INCLUDE (status, origin_country, destination_country);
CREATE INDEX cases_listed_by_notified_origin ON cases (origin_country, id)
    INCLUDE (status, destination_country) WHERE origin_notified;
DROP INDEX cases_by_destination;
CREATE INDEX cases_by_destination ON cases (destination_country, id)
    INCLUDE (status, origin_country);
CREATE INDEX case_shares_by_institution ON case_shares (institution_id, case_id);
