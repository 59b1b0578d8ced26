// The mock definitions shipped in Mocks/, embedded so that in-process use needs no files.
// Generated from Mocks/*.json by Mocks/embed.sh; a test fails when the two differ.

extension MockDefinition {
    /// The built-in systems by name, in start order: crm, ticketing, webhook, oauth.
    public static let builtinNames = ["crm", "ticketing", "webhook", "oauth"]

    /// The JSON text of a built-in definition.
    static func builtinJSON(_ name: String) -> String? {
        switch name {
        case "crm":
            return #"""
{
  "name": "crm",
  "title": "Mock CRM: callback leads and contact lookup",
  "auth": {"scheme": "bearer", "token": "crm-token"},
  "collections": {
    "leads": {"id_prefix": "lead_", "id_random_digits": 12, "capacity": 100000},
    "contacts": {
      "id_prefix": "contact_",
      "seed": [
        {"id": "contact_1001", "name": "Ada Lovelace", "company": "Analytical Engines Ltd", "phone": "+14155550123", "tier": "gold", "open_tickets": 1},
        {"id": "contact_1002", "name": "Grace Hopper", "company": "Compiler Works", "phone": "+442071838750", "tier": "silver", "open_tickets": 0}
      ]
    }
  },
  "routes": [
    {
      "id": "create_callback",
      "description": "Records a callback lead once the agent has all four fields.",
      "method": "POST",
      "path": "/callbacks",
      "body": {
        "name": {"type": "string", "required": true, "min_length": 1, "max_length": 200},
        "company": {"type": "string", "required": true, "min_length": 1, "max_length": 200},
        "reason": {"type": "string", "required": true, "min_length": 1, "max_length": 2000},
        "phone_number": {"type": "string", "required": true, "format": "e164"}
      },
      "action": {"create": "leads", "fields": {"status": "queued"}},
      "response": {"status": 201, "body": {"id": "{{record.id}}", "status": "queued", "lead": "{{record}}"}}
    },
    {
      "id": "list_callbacks",
      "method": "GET",
      "path": "/callbacks",
      "action": {"list": "leads", "where": {"phone_number": "{{query.phone_number}}"}},
      "response": {"status": 200, "body": {"items": "{{records}}", "count": "{{count}}"}}
    },
    {
      "id": "get_callback",
      "method": "GET",
      "path": "/callbacks/{id}",
      "action": {"get": "leads", "id": "{{path.id}}"},
      "response": {"status": 200, "body": "{{record}}"}
    },
    {
      "id": "lookup_contact",
      "description": "Live information a tool fetches before the agent answers.",
      "method": "GET",
      "path": "/contacts/lookup",
      "query": {"phone": {"type": "string", "required": true, "format": "e164"}},
      "action": {"find": "contacts", "where": {"phone": "{{query.phone}}"}},
      "response": {"status": 200, "body": {"contact": "{{record}}"}}
    }
  ]
}
"""#
        case "ticketing":
            return #"""
{
  "name": "ticketing",
  "title": "Mock ticketing system: tickets and inventory",
  "auth": {"scheme": "api_key", "header": "X-API-Key", "key": "ticketing-key"},
  "collections": {
    "tickets": {"id_prefix": "T-", "id_sequence_start": 1001, "capacity": 100000},
    "inventory": {
      "seed": [
        {"id": "sku-100", "sku": "SKU-100", "name": "Replacement headset", "in_stock": 42, "price": 59.9},
        {"id": "sku-200", "sku": "SKU-200", "name": "Desk phone", "in_stock": 0, "price": 129.0}
      ]
    }
  },
  "routes": [
    {
      "id": "create_ticket",
      "method": "POST",
      "path": "/tickets",
      "body": {
        "subject": {"type": "string", "required": true, "min_length": 1, "max_length": 200},
        "description": {"type": "string", "required": true, "min_length": 1, "max_length": 10000},
        "priority": {"type": "string", "required": true, "enum": ["low", "normal", "high", "urgent"]},
        "requester": {
          "type": "object",
          "required": true,
          "fields": {
            "name": {"type": "string", "required": true, "min_length": 1},
            "phone": {"type": "string", "required": true, "format": "e164"}
          }
        }
      },
      "action": {"create": "tickets", "fields": {"status": "open"}},
      "response": {"status": 201, "body": {"ticket": "{{record}}"}}
    },
    {
      "id": "get_ticket",
      "method": "GET",
      "path": "/tickets/{id}",
      "action": {"get": "tickets", "id": "{{path.id}}"},
      "response": {"status": 200, "body": {"ticket": "{{record}}"}}
    },
    {
      "id": "list_tickets",
      "method": "GET",
      "path": "/tickets",
      "action": {"list": "tickets", "where": {"requester.phone": "{{query.phone}}"}},
      "response": {"status": 200, "body": {"tickets": "{{records}}", "count": "{{count}}"}}
    },
    {
      "id": "check_inventory",
      "method": "GET",
      "path": "/inventory",
      "query": {"sku": {"type": "string", "required": true, "min_length": 1}},
      "action": {"find": "inventory", "where": {"sku": "{{query.sku}}"}},
      "response": {"status": 200, "body": {"item": "{{record}}"}}
    },
    {
      "id": "check_inventory_post",
      "method": "POST",
      "path": "/inventory",
      "body": {"sku": {"type": "string", "required": true, "min_length": 1}},
      "action": {"find": "inventory", "where": {"sku": "{{body.sku}}"}},
      "response": {"status": 200, "body": {"item": "{{record}}"}}
    }
  ]
}
"""#
        case "webhook":
            return #"""
{
  "name": "webhook",
  "title": "Mock webhook receiver: records any request as it came",
  "routes": [
    {
      "id": "receive",
      "method": "*",
      "path": "/*",
      "auth": false,
      "response": {"status": 200, "body": {"received": true, "method": "{{request.method}}"}}
    }
  ]
}
"""#
        case "oauth":
            return #"""
{
  "name": "oauth",
  "title": "Mock OAuth 2.0 token issuer (client credentials)",
  "oauth_issuer": {
    "clients": [{"client_id": "understudy", "client_secret": "understudy-secret", "scopes": ["leads:write", "tickets:write"]}],
    "expires_in": 3600
  },
  "routes": [
    {"id": "issue_token", "method": "POST", "path": "/oauth/token", "auth": false, "action": {"issue_token": true}},
    {"id": "revoke_token", "method": "POST", "path": "/oauth/revoke", "auth": false, "action": {"revoke_token": true}},
    {"id": "oauth_metadata", "method": "GET", "path": "/.well-known/oauth-authorization-server", "auth": false, "action": {"oauth_metadata": true}}
  ]
}
"""#
        default: return nil
        }
    }
}
