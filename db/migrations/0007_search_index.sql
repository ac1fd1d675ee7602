-- Full-text search over document text (app/lib/search). The 'simple' configuration does no
-- stemming and knows no stop words, so any language is searched as written; the query must use
-- the same expression, to_tsvector('simple'::regconfig, text), for the planner to use it.
CREATE INDEX IF NOT EXISTS "documents_text_fts_idx" ON "documents" USING gin (to_tsvector('simple'::regconfig, "text"));
