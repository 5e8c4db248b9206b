> GET /api/v1
< 200
< contains "name":"minka"
< contains "path":"/api/v1/territories"
< contains "params":["parent","q","level","limit","offset"]
