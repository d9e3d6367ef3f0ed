-- One index for the case list, in place of three that it never used.
--
-- The list (SqliteStore::list_cases) is one statement for every combination of filters, so
-- SQLite walks the cases in id order, newest first, and tests each one's status, countries
-- and parties until the page is full. With only the index of the ids, every case tested was a
-- read of its row, a page of its own (a row holds a case document of about 2 KB), even when
-- the case was then left out: an institution party to few of many cases read them all. This
-- index holds what the filters test, so that SQLite reads a row only for the cases it answers
-- (docs/performance.md, "API"). The indexes by status, origin and destination served no query
-- of this backend and cost a write on every change of a case: they are dropped.
CREATE INDEX cases_for_listing ON cases (id, status, origin_country, destination_country);

DROP INDEX cases_by_status;
DROP INDEX cases_by_origin;
DROP INDEX cases_by_destination;
