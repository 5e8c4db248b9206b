> GET /healthz
< 200
< header Content-Type: application/json
< contains "status":"ok"
< contains "database":
