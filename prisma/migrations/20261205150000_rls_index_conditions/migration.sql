-- Under row-level security a query's own conditions may run before the tenant policy (as index conditions) only
-- when every function in them is LEAKPROOF, i.e. cannot reveal anything about rows the policy would hide.
-- PostgreSQL does not mark LIKE, lower(), text || text, or the numeric and enum comparisons, so for the app's role
-- (clientela_app) the trigram search index and the keyset conditions of the name, e-mail, status and spent sorts
-- were never used: the search read the whole shop (0.6-0.8 s at 1,000,000 customers) and deep pages walked the
-- index from its start (0.1-1.5 s). Measured with `npm run bench` on `npm run seed:big`.
--
-- None of these functions raises an error or otherwise depends on the row values beyond its result (LIKE fails only
-- on a malformed pattern, which the app escapes; numeric and enum comparisons do not fail on stored values), so
-- marking them does not weaken the isolation. Only a superuser may mark functions: elsewhere this migration warns,
-- and the queries stay correct but slow. The mark lives in this database's catalog, which pg_dump does not carry:
-- after restoring a dump into a new cluster, run these ALTER FUNCTION statements again.

-- COALESCE always counts as leaky to the planner, whatever it wraps; CASE does not. Same results for every input,
-- so customers_search_idx stays valid without a rebuild (connections opened before this change keep the old
-- inlined form until they reconnect).
CREATE OR REPLACE FUNCTION customer_search_text(first_name text, last_name text, email text, phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(first_name || ' ' || last_name || ' ' || email || ' ' || CASE WHEN phone IS NULL THEN '' ELSE phone END) $$;

DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF;
    ALTER FUNCTION pg_catalog.lower(text) LEAKPROOF;
    ALTER FUNCTION pg_catalog.textcat(text, text) LEAKPROOF;
    ALTER FUNCTION pg_catalog.numeric_lt(numeric, numeric) LEAKPROOF;
    ALTER FUNCTION pg_catalog.numeric_gt(numeric, numeric) LEAKPROOF;
    ALTER FUNCTION pg_catalog.enum_lt(anyenum, anyenum) LEAKPROOF;
    ALTER FUNCTION pg_catalog.enum_gt(anyenum, anyenum) LEAKPROOF;
  ELSE
    RAISE WARNING 'not a superuser: LIKE, lower(), ||, numeric and enum comparisons stay non-LEAKPROOF, so customer search and deep list pages will scan under row-level security';
  END IF;
END
$$;
