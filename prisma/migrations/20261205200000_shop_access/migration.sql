-- What every request needs before a tenant is set, answered in one statement each (decision 014). These functions
-- are owned by the migrating role, which bypasses row-level security, and answer about one shop only.

-- A shop row as JSON in the client's field names (read back by merchantFromJson in app/modules/merchants).
CREATE FUNCTION app_merchant_json(m merchants) RETURNS json
  LANGUAGE sql STABLE SET search_path = public
  AS $$
    SELECT json_build_object('id', m.id, 'slug', m.slug, 'name', m.name, 'defaultLocale', m.default_locale,
             'currency', m.currency, 'timezone', m.timezone, 'country', m.country, 'webhookSecret', m.webhook_secret,
             'createdAt', m.created_at, 'updatedAt', m.updated_at)
  $$;

-- The dashboard: the shop in the URL and the signed-in user's staff row in it (nothing of other staff).
CREATE FUNCTION app_shop_access(shop_slug text, staff_user_id text)
  RETURNS TABLE (merchant json, staff json)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT app_merchant_json(m),
           json_build_object('merchantId', s.merchant_id, 'id', s.id, 'userId', s.user_id, 'role', s.role, 'createdAt', s.created_at)
      FROM merchants m JOIN staff s ON s.merchant_id = m.id AND s.user_id = staff_user_id
     WHERE m.slug = shop_slug
  $$;
REVOKE ALL ON FUNCTION app_shop_access(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_shop_access(text, text) TO clientela_app;

-- The JSON API: the shop named in a key and the key whose hash is given, if it is not revoked.
CREATE FUNCTION app_api_key(shop_slug text, key_hash text)
  RETURNS TABLE (merchant json, key_id uuid, key_name text, last_used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT app_merchant_json(m), k.id, k.name, k.last_used_at
      FROM merchants m JOIN api_keys k ON k.merchant_id = m.id AND k.secret_hash = key_hash AND k.revoked_at IS NULL
     WHERE m.slug = shop_slug
  $$;
REVOKE ALL ON FUNCTION app_api_key(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_api_key(text, text) TO clientela_app;
