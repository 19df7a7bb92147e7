-- Starting a top-up needed only ledger:read before topups:write existed: every key that could top up keeps that
-- right. Keys made afterwards carry the scope only if the partner chooses it.
UPDATE "api_keys" SET "scopes" = array_append("scopes", 'topups:write')
WHERE 'ledger:read' = ANY("scopes") AND NOT ('topups:write' = ANY("scopes"));
