-- The parties of the cases written before migration 10 are read from their documents.
--
-- Migration 10 left them unknown (NULL), and the first start after it derived the open tasks
-- of every such case again to record them: it read, decrypted and decided each case before the
-- server answered (13-18 s for 20,000 cases on the benchmark machine). The parties are in each
-- case's document in clear, as domain parties_of reads them: who opened the case, and whether
-- the step consular_notification is among its completed steps (the two countries are columns
-- already). This statement writes them for every case still without them, in seconds.
--
-- A case whose document does not name its opener keeps NULL, and `retorno serve` records its
-- parties when it derives its tasks again, as migration 10 describes.
UPDATE cases
SET opened_by_institution = document ->> 'opened_by_institution',
    origin_notified = coalesce(document -> 'steps_completed' @> '["consular_notification"]', false)
WHERE opened_by_institution IS NULL
  AND jsonb_typeof(document -> 'opened_by_institution') = 'string';
