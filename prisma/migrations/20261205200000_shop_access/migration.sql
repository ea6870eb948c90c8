-- Every dashboard request needs the shop in its URL and the signed-in user's staff row in it before any tenant is
-- set. This function (owned by the migrating role, which bypasses row-level security) answers that in one
-- statement: the shop and that one user's role in it, nothing of anyone else (decision 014).
CREATE FUNCTION app_shop_access(shop_slug text, staff_user_id text)
  RETURNS TABLE (merchant json, staff json)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT json_build_object('id', m.id, 'slug', m.slug, 'name', m.name, 'defaultLocale', m.default_locale,
             'currency', m.currency, 'timezone', m.timezone, 'country', m.country, 'webhookSecret', m.webhook_secret,
             'createdAt', m.created_at, 'updatedAt', m.updated_at),
           json_build_object('merchantId', s.merchant_id, 'id', s.id, 'userId', s.user_id, 'role', s.role,
             'createdAt', s.created_at)
      FROM merchants m JOIN staff s ON s.merchant_id = m.id AND s.user_id = staff_user_id
     WHERE m.slug = shop_slug
  $$;
REVOKE ALL ON FUNCTION app_shop_access(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_shop_access(text, text) TO clientela_app;
