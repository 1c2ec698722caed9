"""Security of the site: response headers and request limits, refusal
pages, the publishing guard, throttled logins, sharing without
escalation, visible keywords, the WSGI filter and the workflows chosen
by place."""
