-- The case list finds an institution's cases through indexes of their parties.
--
-- The list (SqliteStore::list_cases) walked every case, newest first, and tested each one's
-- parties until its page was full: an institution party to few of many cases, such as a
-- consulate, walked them all on every request (docs/performance.md, "API"). Each case row now
-- holds the parties that decide who may see it (CaseParties, the same that access::CasePolicy
-- reads from the document), written with the case by every append. The list reads, for each
-- way of being a party, the newest cases of that kind from an index, and merges them.
--
-- NULL means not known yet: the rows written before this version. `retorno serve` derives
-- their tasks again when it starts (cases_with_stale_tasks), which writes their parties; until
-- then the list keeps them for everyone, and the policy decides each one, as it did.
ALTER TABLE cases ADD COLUMN opened_by_institution TEXT;
ALTER TABLE cases ADD COLUMN origin_notified INTEGER;

-- One index for each way to be a party, each holding what the list's filters test, so that
-- SQLite reads a row only for the cases it answers. The cases whose parties are not known are
-- those under NULL in cases_listed_by_opener.
CREATE INDEX cases_listed_by_opener
    ON cases (opened_by_institution, id, status, origin_country, destination_country);
CREATE INDEX cases_listed_by_destination
    ON cases (destination_country, id, status, origin_country);
-- (SQLite reads the row to test a partial index's condition unless the index holds its
-- column too.)
CREATE INDEX cases_listed_by_notified_origin
    ON cases (origin_country, id, status, destination_country, origin_notified)
    WHERE origin_notified = 1;
CREATE INDEX case_shares_by_institution ON case_shares (institution_id, case_id);
