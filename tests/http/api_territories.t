# Children of a province, paged, in the list shape.
> GET /api/v1/territories?parent=0101&limit=5
< 200
< header Content-Type: application/json
< contains "total":21
< contains "code":"010101"
< contains "limit":5

# Name search ignores accents and case.
> GET /api/v1/territories?q=nunoa
< 200
< contains "name":"Nuñoa"
< contains "total":1

> GET /api/v1/territories?q=ancash
< 200
< contains "name":"Áncash"

> GET /api/v1/territories?level=region
< 200
< contains "total":25

# Undeclared parameters are dropped, not errors.
> GET /api/v1/territories?level=region&drop=me&limit=1
< 200
< contains "total":25

# Bad values: one error shape.
> GET /api/v1/territories?limit=0
< 400
< contains {"error":{"code":"invalid","message":
< contains limit

> GET /api/v1/territories?level=city
< 400
< contains "code":"invalid"

> GET /api/v1/territories?parent=01a
< 400
