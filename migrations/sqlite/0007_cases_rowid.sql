-- The case projection becomes an ordinary rowid table, keyed by an index of its ids.
--
-- As a WITHOUT ROWID table, each row was its own key: the whole row, a case document of about
-- 2 KB, sat in the B-tree's interior pages too, so that a page held a handful of them, the tree
-- was deep, and at every step of a lookup SQLite read the compared rows' overflow pages to
-- compare ids. A single case read cost about 25 page reads (docs/performance.md, "API"). SQLite
-- recommends WITHOUT ROWID only for rows well under a twentieth of a page. Now the index on the
-- ids holds only ids, and a lookup reads an index path and the row.
CREATE TABLE cases_by_rowid (
    id                  TEXT PRIMARY KEY,
    version             INTEGER NOT NULL,
    status              TEXT NOT NULL,
    origin_country      TEXT NOT NULL,
    destination_country TEXT NOT NULL,
    opened_at           TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    document            TEXT NOT NULL
);

INSERT INTO cases_by_rowid (id, version, status, origin_country, destination_country, opened_at,
                            updated_at, document)
SELECT id, version, status, origin_country, destination_country, opened_at, updated_at, document
FROM cases ORDER BY id;

DROP TABLE cases;
ALTER TABLE cases_by_rowid RENAME TO cases;

CREATE INDEX cases_by_status ON cases (status, id);
CREATE INDEX cases_by_origin ON cases (origin_country, id);
CREATE INDEX cases_by_destination ON cases (destination_country, id);
