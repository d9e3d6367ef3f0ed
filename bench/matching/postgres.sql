-- The same data and queries on PostgreSQL 15 with pg_trgm, unaccent and fuzzystrmatch, as a
-- PostgreSQL engineer would write them: names folded by an IMMUTABLE unaccent wrapper into a
-- stored column with a trigram GIN index; candidates by trigram similarity (%), ranked by
-- similarity plus agreement on birth year, nationality and the Double Metaphone of the first
-- surname. Run by postgres.sh with psql variables :dir (data folder), :threshold, :sample (time
-- one request in :sample, chosen by a hash of its id; 1 = all) and :batch_minutes (a batch
-- self-join still running after that many minutes is cancelled and reported as such; 0 = none).
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

DROP TABLE IF EXISTS persons, truth, requests, latencies, pg_pairs;
CREATE TABLE persons (
    id text PRIMARY KEY, first text, middle text, second text, birth text, gender text,
    nat text, age_estimate text, age_estimate_date text, mother text, place text);
\set persons_csv :dir '/persons.csv'
\set truth_csv :dir '/truth.csv'
\set requests_csv :dir '/requests.csv'
COPY persons FROM :'persons_csv' WITH (FORMAT csv, HEADER true);
CREATE TABLE truth (id text PRIMARY KEY, cluster text);
COPY truth FROM :'truth_csv' WITH (FORMAT csv, HEADER true);
CREATE TABLE requests (id text PRIMARY KEY);
COPY requests FROM :'requests_csv' WITH (FORMAT csv, HEADER true);

ALTER TABLE persons
    ADD COLUMN name_norm text GENERATED ALWAYS AS (lower(f_unaccent(
        coalesce(first, '') || ' ' || coalesce(middle, '') || ' ' || coalesce(second, '')))) STORED,
    ADD COLUMN birth_year int GENERATED ALWAYS AS (CASE
        WHEN birth <> '' THEN substr(birth, 1, 4)::int
        WHEN age_estimate <> '' THEN substr(age_estimate_date, 1, 4)::int - age_estimate::int
        END) STORED,
    ADD COLUMN surname_code text GENERATED ALWAYS AS (
        dmetaphone(split_part(lower(f_unaccent(coalesce(second, ''))), ' ', 1))) STORED,
    ADD COLUMN is_request boolean NOT NULL DEFAULT false;
UPDATE persons p SET is_request = true FROM requests r WHERE r.id = p.id;
VACUUM ANALYZE persons;

-- Each figure is printed as "name value" on a line of its own, as bench_matching prints its
-- own, so that run.sh can set the two side by side.
\echo threshold :threshold
SELECT clock_timestamp() AS started \gset
CREATE INDEX persons_name_trgm ON persons USING gin (name_norm gin_trgm_ops);
SELECT round(extract(epoch FROM clock_timestamp() - :'started'::timestamptz)::numeric, 3)
           AS index_build_s,
       round(pg_relation_size('persons_name_trgm') / 1048576.0, 1) AS index_mib,
       round(pg_total_relation_size('persons') / 1048576.0, 1) AS table_and_indexes_mib \gset
\echo index_build_s :index_build_s
\echo index_mib :index_mib
\echo table_and_indexes_mib :table_and_indexes_mib

-- Tracing: for each request, its five best candidates among the other records, timed one by one
-- on the server (no client round trip counted, which favours PostgreSQL).
CREATE TABLE latencies (id text, ms double precision, hit1 boolean, hit5 boolean);
SELECT set_config('bench.sample', :'sample', false) \gset
DO $$
DECLARE
    r record;
    t0 timestamptz;
    ids text[];
BEGIN
    FOR r IN SELECT p.* FROM persons p
             WHERE p.is_request
               AND abs(hashtext(p.id)) % current_setting('bench.sample')::int = 0
             ORDER BY p.id LOOP
        t0 := clock_timestamp();
        SELECT array_agg(id ORDER BY score DESC) INTO ids FROM (
            SELECT c.id, similarity(c.name_norm, r.name_norm)
                       + CASE WHEN c.birth_year = r.birth_year THEN 0.2
                              WHEN abs(c.birth_year - r.birth_year) = 1 THEN 0.1 ELSE 0 END
                       + CASE WHEN c.nat = r.nat THEN 0.05 ELSE 0 END
                       + CASE WHEN c.surname_code = r.surname_code THEN 0.1 ELSE 0 END AS score
            FROM persons c
            WHERE c.name_norm % r.name_norm AND NOT c.is_request
            ORDER BY score DESC LIMIT 5) best;
        INSERT INTO latencies VALUES (r.id,
            extract(epoch FROM clock_timestamp() - t0) * 1000,
            coalesce((SELECT t.cluster FROM truth t WHERE t.id = ids[1])
                     = (SELECT t.cluster FROM truth t WHERE t.id = r.id), false),
            coalesce((SELECT bool_or(t.cluster = (SELECT cluster FROM truth WHERE id = r.id))
                      FROM truth t WHERE t.id = ANY(ids)), false));
    END LOOP;
END $$;
SELECT count(*) AS requests,
       round(avg(hit1::int), 4) AS recall_at_1, round(avg(hit5::int), 4) AS recall_at_5,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS query_p50_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS query_p99_ms
FROM latencies \gset
\echo requests :requests
\echo recall_at_1 :recall_at_1
\echo recall_at_5 :recall_at_5
\echo query_p50_ms :query_p50_ms
\echo query_p99_ms :query_p99_ms

-- Batch dedup: a self-join on the trigram operator through the GIN index, kept to pairs whose
-- birth years are compatible and nationalities agree, at the similarity threshold given.
SELECT set_config('pg_trgm.similarity_threshold', :'threshold', false) AS similarity_threshold \gset
SELECT set_config('statement_timeout', (:batch_minutes * 60000)::text, false) AS statement_timeout \gset
\set ON_ERROR_STOP off
SELECT clock_timestamp() AS started \gset
CREATE TABLE pg_pairs AS
SELECT a.id AS id_a, b.id AS id_b
FROM persons a JOIN persons b ON a.name_norm % b.name_norm AND a.id < b.id
WHERE (a.birth_year IS NULL OR b.birth_year IS NULL OR abs(a.birth_year - b.birth_year) <= 1)
  AND (a.nat = b.nat OR a.nat = '' OR b.nat = '');
\if :ERROR
\echo dedup_not_finished_within_minutes :batch_minutes
\quit
\endif
\set ON_ERROR_STOP on
SELECT round(extract(epoch FROM clock_timestamp() - :'started'::timestamptz)::numeric, 3)
           AS dedup_s \gset
\echo dedup_s :dedup_s
WITH sizes AS (SELECT cluster, count(*) AS n FROM truth GROUP BY cluster),
     true_pairs AS (SELECT sum(n * (n - 1) / 2) AS n FROM sizes),
     found AS (SELECT count(*) AS predicted,
                      count(*) FILTER (WHERE ta.cluster = tb.cluster) AS correct
               FROM pg_pairs p JOIN truth ta ON ta.id = p.id_a JOIN truth tb ON tb.id = p.id_b)
SELECT predicted, correct, (SELECT n FROM true_pairs) AS true_pairs,
       round(correct::numeric / nullif(predicted, 0), 4) AS dedup_precision,
       round(correct::numeric / (SELECT n FROM true_pairs), 4) AS dedup_recall,
       round(2.0 * correct / (predicted + (SELECT n FROM true_pairs)), 4) AS dedup_f1
FROM found \gset
\echo dedup_pairs :predicted
\echo dedup_precision :dedup_precision
\echo dedup_recall :dedup_recall
\echo dedup_f1 :dedup_f1
