# The project bank's API: lists answer { "items": [...], "total": N } with the
# same filters as the pages, records carry their history and finances, errors
# keep the API's shape.
> GET /api/v1/projects
< 200
< header Content-Type: application/json
< contains {"items":[
< contains "total":10
< contains "limit":50
< contains "estimated_cost_cents":

> GET /api/v1/projects?q=agua+potable&status=programmed&district=010101&province=0101&limit=5&offset=0
< 200
< contains "total":1
< contains "code":"BP-000001"

> GET /api/v1/projects?source=canon
< 200
< contains "total":1
< contains Pistas y veredas

> GET /api/v1/projects?limit=1000
< 400
< contains {"error":{"code":"invalid"

> GET /api/v1/projects?sector=mining
< 400
< contains {"error":{"code":"invalid"

> GET /api/v1/projects/2
< 200
< contains "history":[
< contains "committee":[
< contains "finance":{"rows":[
< contains "finance_entries":[
< contains "locations":[{"code":"010101"

> GET /api/v1/projects/99999
< 404
< contains {"error":{"code":"not_found"

> GET /api/v1/projects/abc
< 404

> GET /api/v1/invest/99999
< 404
< contains {"error":

> GET /api/v1
< 200
< contains "/api/v1/projects"
< contains "/api/v1/execution"
